"""The sync engine: one cycle leases official numbers, replaces provisional codes, sends the outbox,
pulls the online inbox and fetches its attachments; `run_forever` repeats cycles, backing off with
full jitter while the portal is away. It sees only neutral records (app.portal.contract); the
stages live in outbox_drain, inbox_pull and lease_sync.

The engine keeps its memory in `sync_state`: inbox_cursor, lease_pending, replace_pending,
attachment_errors, and for the status bar online, last_success_at, last_error, last_cycle_at."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, text

from app.clock import now_local
from app.errors import UserError
from app.portal import catalog_pull, files_sync, inbox_pull, lease_sync, outbox_drain
from app.portal.client import PortalClient
from app.portal.contract import PortalAuthError, PortalRejected, PortalUnavailable
from app.portal.inbox_pull import get_state, set_state
from db.engine import Database
from db.models import OutboxMessage, SyncState

log = logging.getLogger("motcua.sync")

# One desk syncs for the whole office server at a time (PostgreSQL advisory lock): the others would
# only send the same changes again and lease numbers nobody needs.
SYNC_LOCK_KEY = 72_600_007


@contextmanager
def only_syncer(db: Database):
    """True if this process may sync now. On SQLite (one PC) every window may."""
    if db.is_sqlite:
        yield True
        return
    with db.write_engine.connect() as conn:
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": SYNC_LOCK_KEY}).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SYNC_LOCK_KEY})
                conn.commit()

BACKOFF_FIRST = 1.0  # seconds after the first failure …
BACKOFF_MAX = 300.0  # … doubling up to five minutes
SOON = 1.0  # after a cycle that left sendable work behind


@dataclass
class CycleReport:
    sent: int = 0
    quarantined: int = 0
    pulled: int = 0
    fetched: int = 0
    leased: int = 0  # official numbers leased ahead
    replaced: int = 0  # provisional codes replaced
    catalog: int = 0  # procedures updated from the portal's catalog
    elsewhere: bool = False  # another desk on the same office server was syncing: nothing done here
    error: str | None = None
    online: bool = False
    held: int = 0  # pending behind a rejected or unanswered change of the same dossier
    retry_after: float | None = None  # the portal asked to wait at least this long
    auth_failed: bool = False
    more: bool = False  # sendable changes are still waiting (made during the cycle)
    errors: list[str] = field(default_factory=list)  # refusals that did not stop the cycle

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def did_something(self) -> bool:
        return any((self.sent, self.quarantined, self.pulled, self.fetched, self.leased, self.replaced, self.catalog))

    def summary(self) -> str:
        """One Vietnamese line for the command line and the log."""
        parts = []
        if self.sent or self.quarantined:
            part = f"đã gửi {self.sent} thay đổi"
            if self.quarantined:
                part += f", {self.quarantined} bị cổng từ chối (cách ly)"
            parts.append(part)
        if self.pulled:
            parts.append(f"nhận {self.pulled} hồ sơ trực tuyến")
        if self.fetched:
            parts.append(f"tải {self.fetched} tệp đính kèm")
        if self.leased:
            parts.append(f"thuê {self.leased} số hồ sơ")
        if self.replaced:
            parts.append(f"thay {self.replaced} mã tạm bằng mã chính thức")
        if self.catalog:
            parts.append(f"cập nhật {self.catalog} thủ tục")
        what = "; ".join(parts) if parts else "không có gì mới"
        if self.online and self.ok:
            return f"Đồng bộ xong: {what}."
        if self.online:
            return f"Đồng bộ chưa trọn: {what}. {self.error}"
        return f"Chưa đồng bộ được ({self.error}): {what}."


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None: never synced
    pending: int
    quarantined: int
    last_success_at: datetime | None
    last_error: str | None


def status(db: Database) -> SyncStatus:
    """For the status bar every few seconds: two small indexed queries."""
    OUT = OutboxMessage.__table__
    with db.reading() as s:
        counts = dict(s.execute(select(OUT.c.state, func.count()).where(OUT.c.state.in_(("pending", "quarantined")))
                                .group_by(OUT.c.state)).all())
        state = dict(s.execute(select(SyncState.key, SyncState.value)
                               .where(SyncState.key.in_(("online", "last_success_at", "last_error")))).all())
    last = state.get("last_success_at")
    return SyncStatus(online=state.get("online"), pending=counts.get("pending", 0),
                      quarantined=counts.get("quarantined", 0),
                      last_success_at=datetime.fromisoformat(last) if isinstance(last, str) else None,
                      last_error=state.get("last_error"))


class SyncEngine:
    """`sleep`: how run_forever waits between cycles; None waits on its stop event (so that setting
    it ends the wait at once). Tests pass a fake that records the delays and returns at once."""

    def __init__(self, db: Database, client: PortalClient, *, batch: int = 200, data_dir: Path | None = None,
                 sleep: Callable[[float], None] | None = None, clock: Callable[[], datetime] = now_local,
                 rng: random.Random | None = None):
        if data_dir is None:
            from app.paths import data_dir as default_data_dir

            data_dir = default_data_dir()
        self.db, self.client, self.batch = db, client, batch
        self.data_dir = Path(data_dir)
        self.sleep, self.clock = sleep, clock
        self.rng = rng or random.Random()

    # --- the stages (each usable alone) ---------------------------------------------------------
    def drain(self, report: CycleReport | None = None) -> int:
        report = report or CycleReport()
        outbox_drain.drain(self.db, self.client.push, batch=self.batch, clock=self.clock, tally=report,
                           files=self.send_files)
        return report.sent

    def send_files(self, dossier_ids: list[int]) -> dict[int, files_sync.Hold]:
        """The files these dossiers' records link, onto the portal first (app.portal.files_sync)."""
        return files_sync.send_files(self.db, self.client, self.data_dir, dossier_ids, self.clock)

    def pull(self, report: CycleReport | None = None) -> int:
        report = report or CycleReport()
        inbox_pull.pull(self.db, self.client, report)
        return report.pulled

    def fetch_attachments(self, report: CycleReport | None = None) -> int:
        report = report or CycleReport()
        inbox_pull.fetch_attachments(self.db, self.client, self.data_dir, self.clock, report)
        return report.fetched

    def lease_numbers(self, report: CycleReport | None = None) -> int:
        report = report or CycleReport()
        lease_sync.lease_numbers(self.db, self.client, self.clock().date(), report)
        return report.leased

    def replace_provisional(self, report: CycleReport | None = None) -> int:
        report = report or CycleReport()
        lease_sync.replace_provisional(self.db, self.client, report)
        return report.replaced

    # --- one cycle ------------------------------------------------------------------------------
    def run_once(self) -> CycleReport:
        with only_syncer(self.db) as mine:
            if not mine:  # the other desk's results stand in sync_state for the status bar
                with self.db.reading() as s:
                    return CycleReport(online=bool(get_state(s, "online", False)), elsewhere=True)
            return self._cycle()

    def _cycle(self) -> CycleReport:
        r = CycleReport()
        try:
            # Numbers first: a provisional dossier's changes can only go once its code is official.
            self.lease_numbers(r)
            self.replace_provisional(r)
            self.drain(r)
            self.pull(r)
            self.fetch_attachments(r)
            r.catalog = catalog_pull.pull_catalog(self.db, self.client, r)
            r.online = True
        except PortalAuthError as exc:
            r.error, r.auth_failed = exc.message, True
        except PortalUnavailable as exc:
            r.error, r.retry_after = exc.message, exc.retry_after
        except PortalRejected as exc:  # a whole request refused (the portal answered: it is online)
            r.error, r.online = exc.message, True
        except UserError as exc:  # something here must be set up first (e.g. the office's unit)
            r.error, r.online = exc.message, True
        if r.errors and r.error is None:
            r.error = "; ".join(r.errors)
        if r.online:
            with self.db.reading() as s:
                r.more = outbox_drain.any_sendable(s)
        self._remember(r)
        if r.did_something or r.error:
            log.info("%s", r.summary())
        return r

    def _remember(self, r: CycleReport) -> None:
        now = self.clock()
        with self.db.writing() as s:
            set_state(s, "online", r.online)
            set_state(s, "last_error", r.error)
            set_state(s, "last_cycle_at", now.isoformat())
            if r.ok:
                set_state(s, "last_success_at", now.isoformat())

    # --- forever --------------------------------------------------------------------------------
    def backoff(self, failures: int, retry_after: float | None = None) -> float:
        """Full jitter: uniform in [0, 1 s · 2^(failures-1)] capped at 5 min, never under Retry-After."""
        cap = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, failures - 1))
        return max(self.rng.uniform(0.0, cap), retry_after or 0.0)

    def _wait(self, stop: threading.Event, seconds: float) -> bool:
        if self.sleep is None:
            return stop.wait(seconds)
        self.sleep(seconds)
        return stop.is_set()

    def run_forever(self, stop: threading.Event, interval: float = 30.0,
                    on_report: Callable[[CycleReport], None] | None = None) -> None:
        failures = 0
        while not stop.is_set():
            try:
                report = self.run_once()
            except Exception as exc:  # noqa: BLE001 - the loop must outlive a database hiccup or a bug
                log.exception("sync cycle failed")
                from db.errors import describe

                known = describe(exc, self.db.display_name)
                report = CycleReport(error=str(known) if known else f"Lỗi không mong đợi khi đồng bộ ({type(exc).__name__}).")
            if on_report is not None:
                on_report(report)
            if stop.is_set():
                return
            if report.online:  # the portal answered (refusals of single requests are not outages)
                failures = 0
                delay = min(SOON, interval) if report.more else interval
            else:
                failures += 1
                delay = self.backoff(failures, report.retry_after)
            if self._wait(stop, delay):
                return


def get(db: Database, key: str, default=None):
    """One value of the engine's memory (sync_state)."""
    with db.reading() as s:
        return get_state(s, key, default)
