"""Two counters recording one bank transfer code at the same moment on the office server (real
PostgreSQL): one payment is recorded, the other counter gets the message naming the dossier that
has it. The first transaction is held open, its payment written, until the second is seen waiting
for it (pg_locks), or has finished without waiting, which is the bug this test is for."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.dossiers.payments import record_payment
from app.services.intake.registration import FeeLine, register
from db.models import DossierPayment
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
DEADLINE = 30.0  # seconds: generous; the wait ends as soon as the state is seen


def _someone_waits(db) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())")).scalar())


@pytest.mark.postgres
def test_one_transfer_code_two_counters_one_payment(pg_db):
    first = register(pg_db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 15000)])).code
    second = register(pg_db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 15000)])).code
    holding, second_done = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def hold_first_commit(session):
        if threading.current_thread().name != "counter-1":
            return
        holding.set()
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline and not second_done.is_set() and not _someone_waits(pg_db):
            time.sleep(0.05)

    def counter(name, code):
        try:
            outcome[name] = record_payment(pg_db, OFFICER, code, 15000, "transfer", "FT2632799999", at=MON)
        except UserError as exc:
            outcome[name] = exc
        finally:
            if name == "counter-2":
                second_done.set()

    event.listen(Session, "before_commit", hold_first_commit)
    try:
        one = threading.Thread(target=counter, args=("counter-1", first), name="counter-1")
        one.start()
        assert holding.wait(DEADLINE)
        two = threading.Thread(target=counter, args=("counter-2", second), name="counter-2")
        two.start()
        one.join(DEADLINE * 2)
        two.join(DEADLINE * 2)
    finally:
        event.remove(Session, "before_commit", hold_first_commit)
    assert outcome["counter-1"].paid == 15000
    assert isinstance(outcome["counter-2"], UserError)
    assert str(outcome["counter-2"]) == (f"Mã giao dịch «FT2632799999» đã được ghi cho một khoản nộp của hồ sơ {first}: "
                                         "kiểm tra lại mã giao dịch.")
    with pg_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(DossierPayment)) == 1
