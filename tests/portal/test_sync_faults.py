"""The sync engine when the network and the portal misbehave (the sandbox's fault switches): ten
thousand changes still arrive exactly once and in order; the engine waits as long as the portal
asks, backs off with jitter while it is away, and stops for a wrong token."""

from __future__ import annotations

import random
import threading
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from app.portal import sync as portal_sync
from app.portal.client import PortalClient
from app.portal.sync import BACKOFF_MAX, SyncEngine
from db.models import OutboxMessage
from tests.helpers.outbox_fill import fill


def not_sent(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state != "sent"))


def test_ten_thousand_changes_through_every_fault(db, sandbox, tmp_path):
    f = fill(db, 1000, 10)
    sandbox.faults(drop_before=0.06, drop_after=0.06, truncate=0.08, error500=0.06, error429=0.06,
                   retry_after=1, duplicate=0.06, delay=0.1, delay_seconds=0.5, seed=11)
    waits: list[float] = []
    reports: list[portal_sync.CycleReport] = []
    stop = threading.Event()

    def seen(report):
        reports.append(report)
        if (report.ok and not_sent(db) == 0) or len(reports) > 400:
            stop.set()

    with PortalClient(sandbox.url, sandbox.token, timeout=0.25) as client:
        engine = SyncEngine(db, client, batch=100, data_dir=tmp_path / "data", sleep=waits.append,
                            rng=random.Random(3))
        engine.run_forever(stop, interval=0.0, on_report=seen)
    sandbox.reset_faults()
    fired = sandbox.stats()["faults"]
    assert all(fired[k] > 0 for k in ("drop_before", "drop_after", "truncate", "error500", "error429",
                                      "duplicate", "delay")), fired
    assert not_sent(db) == 0, f"{len(reports)} cycles"
    applied = sandbox.applied()
    assert len(applied) == 10_000 and len({a["Key"] for a in applied}) == 10_000
    per = defaultdict(list)
    for a in applied:
        per[a["HoSoId"]].append(a["PhienBan"])
    assert set(per) == set(f.dossier_uuids)
    assert all(v == list(range(1, 11)) for v in per.values())
    # Every failed cycle was followed by a wait, never shorter than the portal's Retry-After.
    failed = [r for r in reports if not r.online]
    assert failed and len(waits) == len(reports) - 1
    for report, wait in zip(reports, waits, strict=False):
        if report.retry_after:
            assert wait >= report.retry_after
    assert sum(r.sent for r in reports) == 10_000


def test_retry_after_is_honoured(db, sandbox, tmp_path):
    fill(db, 1, 1)
    sandbox.faults(error429=1.0, retry_after=2)
    waits: list[float] = []
    stop = threading.Event()

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 4:
            stop.set()

    with PortalClient(sandbox.url, sandbox.token) as client:
        engine = SyncEngine(db, client, data_dir=tmp_path, sleep=sleep, rng=random.Random(0))
        engine.run_forever(stop, interval=30.0)
    assert len(waits) == 4 and all(w >= 2.0 for w in waits)
    assert portal_sync.status(db).last_error.startswith("Cổng dịch vụ công đang quá tải")


def test_backoff_grows_with_full_jitter_and_resets_after_success(db, sandbox, tmp_path):
    fill(db, 1, 1)
    sandbox.stop()  # the portal is away
    waits: list[float] = []
    stop = threading.Event()
    reports = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 12:
            sandbox.start()  # back on the same port
        if len(waits) == 14:
            stop.set()

    with PortalClient(sandbox.url, sandbox.token, timeout=2.0) as client:
        engine = SyncEngine(db, client, data_dir=tmp_path, sleep=sleep, rng=random.Random(42))
        engine.run_forever(stop, interval=30.0, on_report=reports.append)
    twin = random.Random(42)
    expected = [twin.uniform(0, min(BACKOFF_MAX, 2.0 ** n)) for n in range(12)]
    assert waits[:12] == expected
    assert all(0 <= w <= min(BACKOFF_MAX, 2.0 ** n) for n, w in enumerate(waits[:12]))
    assert max(waits[6:12]) > max(waits[:6])  # grows …
    assert len({round(w, 6) for w in waits[:12]}) == 12  # … with jitter
    assert [r.online for r in reports[12:]] == [True, True] and waits[12:] == [30.0, 30.0]
    assert not_sent(db) == 0


def test_backoff_is_capped_at_five_minutes(db, tmp_path):
    engine = SyncEngine(db, None, data_dir=tmp_path, rng=random.Random(1))
    delays = [engine.backoff(40) for _ in range(200)]
    assert max(delays) <= BACKOFF_MAX and max(delays) > BACKOFF_MAX * 0.9
    assert engine.backoff(1, retry_after=7.5) == 7.5


def test_stop_ends_the_wait_at_once(db, sandbox, tmp_path):
    with PortalClient(sandbox.url, sandbox.token) as client:
        engine = SyncEngine(db, client, data_dir=tmp_path)
        stop = threading.Event()
        first = threading.Event()
        thread = threading.Thread(target=engine.run_forever, args=(stop,),
                                  kwargs={"interval": 60.0, "on_report": lambda r: first.set()})
        thread.start()
        assert first.wait(10)
        stop.set()
        thread.join(30)  # half the 60 s interval: ended by the stop, not by the next cycle
        assert not thread.is_alive()


def test_a_wrong_token_stops_the_cycle(db, sandbox, tmp_path):
    fill(db, 2, 2)
    with PortalClient(sandbox.url, "wrong-token") as client:
        report = SyncEngine(db, client, data_dir=tmp_path).run_once()
    assert report.auth_failed and not report.online and "mã truy cập" in report.error
    assert report.sent == 0 and not_sent(db) == 4 and sandbox.applied() == []
    st = portal_sync.status(db)
    assert st.online is False and st.last_error == report.error and st.last_success_at is None


@pytest.mark.parametrize("fault", ["error500", "drop_after"])
def test_a_failed_batch_ends_the_drain_and_the_next_cycle_resends_it(db, sandbox, tmp_path, fault):
    fill(db, 10, 3)
    sandbox.faults(**{fault: 1.0})
    with PortalClient(sandbox.url, sandbox.token) as client:
        engine = SyncEngine(db, client, batch=10, data_dir=tmp_path)
        report = engine.run_once()
        assert not report.online and report.sent == 0
        with db.reading() as s:
            attempts = s.scalars(select(OutboxMessage.attempts).order_by(OutboxMessage.id)).all()
        assert attempts[:10] == [1] * 10 and set(attempts[10:]) == {0}  # only the first batch was tried
        sandbox.reset_faults()
        report = engine.run_once()
    assert report.ok and report.sent == 30
    assert len(sandbox.applied()) == 30
