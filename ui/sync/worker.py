"""The portal sync, run for the counter desk on a background thread: the engine's cycles
(app.portal.sync.SyncEngine.run_forever) and the counts the status bar shows are all read there,
never on the GUI thread; each cycle's report and a fresh status arrive through queued Qt signals.

With no portal configured (setting `portal.url` empty) nothing goes to the network: the thread
only looks at the setting again now and then, or at once when `sync_now()` is called (after the
settings page saved). A changed address or token ends the running engine and starts a new one."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.portal.client import PortalClient
from app.portal.sync import CycleReport, SyncEngine, SyncStatus
from app.portal.sync import status as sync_status
from db.engine import Database

log = logging.getLogger("motcua.sync")

INTERVAL = 30.0  # seconds between cycles while the portal answers and nothing waits
STATUS_EVERY = 5.0  # the status bar's counts are read again this often between cycles
IDLE_CHECK = 30.0  # with no portal: how often the setting is looked at again
CLIENT_TIMEOUT = 10.0


@dataclass(frozen=True)
class DeskSyncStatus:
    """What the status bar and the sync page show. `sync` is None when no portal is configured."""

    configured: bool
    sync: SyncStatus | None = None
    auth_failed: bool = False  # the portal refused the office's token at the last cycle
    inbox_waiting: int = 0  # online dossiers waiting for the counter
    reprints: int = 0  # receipts to reprint / citizens to tell about an official code
    portal_url: str = ""
    read_at: datetime | None = None


def read_status(db: Database, configured: bool, *, auth_failed: bool = False, portal_url: str = "",
                clock: Callable[[], datetime] = datetime.now) -> DeskSyncStatus:
    """The status, read from the database (called on the worker thread)."""
    from app.services.dossiers.numbering import reprints_waiting
    from app.services.dossiers.online_inbox import waiting_count

    with db.reading() as s:
        waiting, reprints = waiting_count(s), reprints_waiting(s)
    if not configured:
        return DeskSyncStatus(False, inbox_waiting=waiting, read_at=clock())
    return DeskSyncStatus(True, sync_status(db), auth_failed, waiting, reprints, portal_url, clock())


def read_portal(db: Database) -> tuple[str, str]:
    from app.services.settings.store import load_settings

    settings = load_settings(db)
    return (settings["portal.url"] or "").strip(), (settings["portal.token"] or "").strip()


class SyncWorker(QObject):
    """`make_engine(db, client, data_dir, sleep)` and `make_client(url, token)` are for tests and
    the benchmark; by default the real PortalClient and SyncEngine."""

    report = Signal(object)  # CycleReport, on the GUI thread
    status = Signal(object)  # DeskSyncStatus, on the GUI thread

    def __init__(self, db: Database, data_dir: Path, *, interval: float = INTERVAL,
                 status_every: float = STATUS_EVERY, idle_check: float = IDLE_CHECK,
                 make_client: Callable[[str, str], PortalClient] | None = None,
                 make_engine: Callable[..., SyncEngine] | None = None,
                 clock: Callable[[], datetime] = datetime.now, parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.data_dir, self.clock = db, Path(data_dir), clock
        self.interval, self.status_every, self.idle_check = interval, status_every, idle_check
        self.make_client = make_client or (lambda url, token: PortalClient(url, token, timeout=CLIENT_TIMEOUT))
        self.make_engine = make_engine or (lambda db, client, data_dir, sleep:
                                           SyncEngine(db, client, data_dir=data_dir, sleep=sleep))
        self._stop = threading.Event()  # the window closes
        self._wake = threading.Event()  # sync now, settings changed, or stopping
        self._engine_stop: threading.Event | None = None  # ends the current engine's run_forever
        self._thread: threading.Thread | None = None
        self._auth_failed = False
        self._failing = False  # the last turn of the loop failed: its warning is logged already
        self._portal: tuple[str, str] | None = None
        self.last_report: CycleReport | None = None

    # ---- GUI thread -----------------------------------------------------------------------------
    def start(self) -> SyncWorker:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="portal-sync", daemon=True)
            self._thread.start()
        return self

    def sync_now(self) -> None:
        """Run a cycle at once (or look at the settings again when no portal is configured)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and wait for it (a request under way may take up to its timeout).
        True if it ended."""
        self._stop.set()
        if self._engine_stop is not None:
            self._engine_stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def started(self) -> bool:
        return self._thread is not None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- the worker thread ----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                url, token = read_portal(self.db)
                if not url:
                    self._failing = False  # the database answers
                    self._publish(False)
                    self._nap(self.idle_check)
                    continue
                self._sync(url, token)
            except Exception as exc:  # noqa: BLE001 - the thread must outlive a database hiccup
                if self._stop.is_set():
                    return
                # The traceback once per outage; the repeats (every few seconds) only at debug.
                log.log(logging.DEBUG if self._failing else logging.WARNING, "portal sync worker: %s", exc,
                        exc_info=not self._failing)
                self._failing = True
                self._nap(self.status_every)

    def _sync(self, url: str, token: str) -> None:
        if (url, token) != self._portal:  # a new address or token: the old refusal says nothing
            self._portal, self._auth_failed = (url, token), False
        client = self.make_client(url, token)
        stop = threading.Event()
        self._engine_stop = stop
        if self._stop.is_set():
            stop.set()
        try:
            self._publish(True, url)  # the counts at once: the first cycle may be a long one
            engine = self.make_engine(self.db, client, self.data_dir, lambda s: self._between(s, stop, (url, token)))
            engine.run_forever(stop, interval=self.interval, on_report=lambda r: self._reported(r, url))
        finally:
            self._engine_stop = None
            client.close()

    def _reported(self, report: CycleReport, url: str) -> None:
        self.last_report = report
        self._failing = False
        self._auth_failed = report.auth_failed
        self.report.emit(report)
        self._publish(True, url)

    def _publish(self, configured: bool, url: str = "") -> None:
        try:
            fresh = read_status(self.db, configured, auth_failed=self._auth_failed, portal_url=url,
                                clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - a missed status is shown at the next one
            if not self._stop.is_set():
                log.warning("portal sync status: %s", exc)
            return
        if not self._stop.is_set():
            self.status.emit(fresh)

    def _nap(self, seconds: float) -> None:
        if self._wake.wait(seconds):
            self._wake.clear()

    def _between(self, seconds: float, stop: threading.Event, portal: tuple[str, str]) -> None:
        """The engine's wait between cycles: cut short by sync_now() or stop(); meanwhile the
        status is read again every few seconds and the settings checked for a new portal."""
        deadline = time.monotonic() + seconds
        while not stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._wake.wait(min(left, self.status_every)):
                self._wake.clear()
                if self._stop.is_set():
                    stop.set()
                elif read_portal(self.db) != portal:
                    stop.set()  # the office changed its portal: a new engine with the new client
                return
            if read_portal(self.db) != portal:
                stop.set()
                return
            self._publish(True, portal[0])
