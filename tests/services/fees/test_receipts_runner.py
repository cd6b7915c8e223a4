"""The desk's receipt runner drains in its own thread and wakes on demand; the settings page's
check says whether the provider answers; two desks draining one PostgreSQL database at once send
each receipt once (the claim), and the provider issues each once."""

from __future__ import annotations

import threading

import pytest

from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from app.services.fees.receipt_runner import ReceiptRunner
from app.services.fees.receipts import check_provider, drain_once
from app.services.settings.store import settings_in
from tests.helpers.factories import OFFICER

from .receipt_steps import NOW, dossier, free_port, rows, switch_on


def test_the_runner_issues_in_its_own_thread_and_wakes_on_demand(db):
    server, thread = serve("127.0.0.1", 0)
    runner = ReceiptRunner(db, interval=3600, clock=lambda: NOW)
    try:
        switch_on(db, server.url)
        runner.start()
        with runner.round_done:
            assert runner.round_done.wait_for(lambda: runner.rounds >= 1, timeout=30)
        record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
        runner.wake()  # the interval is an hour: only the wake drains it
        with runner.round_done:
            assert runner.round_done.wait_for(lambda: runner.rounds >= 2, timeout=30)
    finally:
        runner.stop()
        server.stop(thread)
    assert not runner.is_alive()
    assert [r.state for r in rows(db)] == ["issued"] and len(server.issued()) == 1


def test_the_check_says_whether_the_provider_answers(db):
    with db.reading() as s:
        assert check_provider(settings_in(s)) == "Chưa nhập địa chỉ dịch vụ biên lai điện tử."
    switch_on(db, f"http://127.0.0.1:{free_port()}")
    with db.reading() as s:
        down = check_provider(settings_in(s))
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url)
        with db.reading() as s:
            up = check_provider(settings_in(s))
    finally:
        server.stop(thread)
    assert down == "Không kết nối được dịch vụ biên lai điện tử: không kết nối được dịch vụ biên lai (bị từ chối kết nối)."
    assert up == "Kết nối được dịch vụ biên lai điện tử."


@pytest.mark.postgres
def test_two_desks_draining_at_once_send_each_receipt_once(pg_db):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(pg_db, server.url)
        for _ in range(6):
            record_payment(pg_db, OFFICER, dossier(pg_db), 38000, "cash", at=NOW)
        start = threading.Barrier(2)
        reports = []

        def desk():
            start.wait(30)
            reports.append(drain_once(pg_db, NOW, limit=50))

        desks = [threading.Thread(target=desk) for _ in range(2)]
        for t in desks:
            t.start()
        for t in desks:
            t.join(60)
        asked = server.requests_per_uuid()
    finally:
        server.stop(thread)
    got = rows(pg_db)
    assert sum(r.issued for r in reports) == 6 and sum(r.claimed for r in reports) == 6
    assert [r.state for r in got] == ["issued"] * 6
    assert sorted(r.number for r in got) == [f"{n:07d}" for n in range(1, 7)]
    assert set(asked.values()) == {1} and set(asked) == {r.uuid for r in got}
