"""A counter's closing: the payments taken at that counter since its last closing (not voided),
totals by method, cash counted and the difference, in one transaction with its audit record;
final, corrected only by corrections of their own; one Vietnamese message and nothing written for
each bad input. PostgreSQL: two closings of one counter at once count each payment once."""

import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import NotFound, PermissionDenied, UserError
from app.services.dossiers.payments import record_payment, void_payment
from app.services.fees.closing import (
    close_counter,
    closing_draft,
    closings,
    correct_closing,
    open_differences,
)
from app.services.intake.registration import FeeLine, register
from db.models import AuditRecord, CounterClosing, DossierPayment
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
EVENING = datetime(2026, 11, 23, 17, 0)
TUE = datetime(2026, 11, 24, 9, 0)
OFFICER2 = Actor(login="canbo", role=Role.OFFICER, user_id=1, counter_id=2, full_name="Nguyễn Thị Mai")
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3, full_name="Lê Hoàng Nam")


def dossier(db, fee=100000, at=MON) -> str:
    return register(db, OFFICER, request("1.000894", received_at=at, fees=[FeeLine("Lệ phí", fee)])).code


def snapshot(db):
    with db.reading() as s:
        return (s.scalar(select(func.count()).select_from(CounterClosing)),
                s.scalar(select(func.count()).select_from(AuditRecord)),
                sorted(s.execute(select(DossierPayment.id, DossierPayment.closing_id)).all()))


@pytest.fixture
def day_of_payments(any_db):
    """Counter 1: cash 30.000 + 20.000, a transfer of 8.000, an online 5.000 and a voided cash
    10.000; counter 2: cash 7.000 (not counter 1's)."""
    a, b, c = dossier(any_db), dossier(any_db), dossier(any_db)
    record_payment(any_db, OFFICER, a, 30000, "cash", at=MON)
    record_payment(any_db, OFFICER, b, 20000, "cash", at=MON.replace(hour=10))
    record_payment(any_db, OFFICER, a, 8000, "transfer", reference="FT2632712345", at=MON.replace(hour=11))
    record_payment(any_db, OFFICER, c, 5000, "online", reference="DVC-0001", at=MON.replace(hour=14))
    voided = record_payment(any_db, OFFICER, c, 10000, "cash", at=MON.replace(hour=15))
    void_payment(any_db, OFFICER, voided.payment_id, "Ghi nhầm hồ sơ", at=MON.replace(hour=15, minute=5))
    record_payment(any_db, OFFICER2, b, 7000, "cash", at=MON.replace(hour=16))
    return any_db


def test_a_closing_counts_its_counters_open_payments_once(day_of_payments):
    db = day_of_payments
    draft = closing_draft(db, OFFICER, 1)
    assert (draft.counter_number, draft.payments, draft.cash_total, draft.transfer_total, draft.online_total,
            draft.corrections) == (1, 4, 50000, 8000, 5000, 0)
    assert (draft.period_from, draft.period_to) == (MON, MON.replace(hour=14))
    assert [(x.amount, x.method_label) for x in draft.lines] == [
        (30000, "Tiền mặt"), (20000, "Tiền mặt"), (8000, "Chuyển khoản"), (5000, "Thanh toán trực tuyến trên cổng")]
    # No provider set up: every receipt waits for its paper number.
    assert draft.receipts_pending == 4
    assert {x.receipt for x in draft.lines} == {"Chưa có số (chờ ghi số biên lai giấy)"}

    view = close_counter(db, OFFICER, 1, 45000, note="Thiếu tiền lẻ", at=EVENING)
    assert (view.kind, view.counter_number, view.closed_by, view.closed_at, view.day) == (
        "closing", 1, "Nguyễn Thị Mai", EVENING, date(2026, 11, 23))
    assert (view.payments, view.cash_total, view.transfer_total, view.online_total, view.cash_counted,
            view.difference, view.receipts_pending, view.corrected, view.note) == (
        4, 50000, 8000, 5000, 45000, -5000, 4, 0, "Thiếu tiền lẻ")
    assert view.open
    with db.reading() as s:
        counted = s.execute(select(DossierPayment.amount, DossierPayment.closing_id, DossierPayment.voided_at)
                            .order_by(DossierPayment.id)).all()
        record = s.scalar(select(AuditRecord).where(AuditRecord.action == "fees.close_counter"))
    assert [(amount, closing) for amount, closing, _ in counted] == [
        (30000, view.id), (20000, view.id), (8000, view.id), (5000, view.id), (10000, None), (7000, None)]
    assert (record.entity_id, record.details["difference"], record.user_id) == (view.uuid, -5000, 1)
    # Nothing left: a second closing is refused and writes nothing; counter 2 still has its own.
    before = snapshot(db)
    with pytest.raises(UserError, match="^Quầy 1 chưa thu khoản nào từ lần chốt sổ trước: không có gì để chốt.$"):
        close_counter(db, OFFICER, 1, 0, at=EVENING)
    assert snapshot(db) == before
    assert closing_draft(db, OFFICER2, 2).cash_total == 7000


@pytest.mark.parametrize("cash, needle", [
    (-1, "không thể âm"), (1.5, "số nguyên đồng"), ("45000", "số nguyên đồng"), (True, "số nguyên đồng"),
    (10 ** 12, "quá lớn"),
])
def test_bad_cash_counts_write_nothing(day_of_payments, cash, needle):
    before = snapshot(day_of_payments)
    with pytest.raises(UserError, match=needle):
        close_counter(day_of_payments, OFFICER, 1, cash)
    assert snapshot(day_of_payments) == before


def test_unknown_counter_and_other_peoples_counters(day_of_payments):
    db = day_of_payments
    admin = Actor.system()
    with pytest.raises(NotFound, match="Không có quầy mã «999»"):
        close_counter(db, admin, 999, 0)
    with pytest.raises(PermissionDenied, match="quầy mình đang đăng nhập"):
        close_counter(db, OFFICER, 2, 7000)
    with pytest.raises(PermissionDenied, match="không được phép"):  # the supervisor takes no money
        close_counter(db, SUPERVISOR, 1, 50000)
    assert snapshot(db)[0] == 0
    # The administrator may close any counter (a counter whose officer is away).
    assert close_counter(db, admin, 2, 7000, at=EVENING).difference == 0
    close_counter(db, OFFICER, 1, 50000, at=EVENING)
    assert [v.counter_number for v in closings(db, SUPERVISOR, date(2026, 11, 23), date(2026, 11, 23))] == [2, 1]
    assert [v.counter_number for v in closings(db, OFFICER, date(2026, 11, 23), date(2026, 11, 23))] == [1]
    with pytest.raises(PermissionDenied, match="quầy mình"):
        closings(db, OFFICER, date(2026, 11, 23), date(2026, 11, 23), counter_id=2)


def test_corrections_are_rows_of_their_own_shown_by_the_next_closing(day_of_payments):
    db = day_of_payments
    first = close_counter(db, OFFICER, 1, 30000, at=EVENING)  # 20.000 short
    assert first.difference == -20000
    assert [v.id for v in open_differences(db, SUPERVISOR)] == [first.id]
    fix = correct_closing(db, SUPERVISOR, first.id, 20000, "Tìm thấy 20.000 đ trong ngăn kéo, đã nộp kế toán", at=TUE)
    assert (fix.kind, fix.corrects_id, fix.difference, fix.day, fix.closed_by, fix.cash_counted) == (
        "correction", first.id, 20000, date(2026, 11, 24), "Lê Hoàng Nam", None)
    # The closing itself is untouched; its difference is made up.
    again = closings(db, SUPERVISOR, date(2026, 11, 23), date(2026, 11, 23))[0]
    assert (again.difference, again.corrected, again.open, again.cash_counted) == (-20000, 20000, False, 30000)
    assert open_differences(db, SUPERVISOR) == []
    # The next closing of counter 1 shows the correction but its drawer does not include it.
    record_payment(db, OFFICER, dossier(db, at=TUE), 15000, "cash", at=TUE)
    assert closing_draft(db, OFFICER, 1).corrections == 20000
    nxt = close_counter(db, OFFICER, 1, 15000, at=TUE.replace(hour=17))
    assert (nxt.payments, nxt.cash_total, nxt.difference, nxt.corrections) == (1, 15000, 0, 20000)
    assert closing_draft(db, OFFICER, 1).corrections == 0
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)
                        .where(AuditRecord.action == "fees.correct_closing")) == 1


@pytest.mark.parametrize("target, amount, reason, needle", [
    ("correction", 1000, "x", "không điều chỉnh một điều chỉnh"), ("unknown", 1000, "x", "Không có lần chốt sổ số 999"),
    ("closing", 1000, "   ", "Cần ghi lý do"), ("closing", 0, "x", "phải khác 0"),
    ("closing", 2.5, "x", "số nguyên đồng"),
])
def test_bad_corrections_write_nothing(day_of_payments, target, amount, reason, needle):
    db = day_of_payments
    closing = close_counter(db, OFFICER, 1, 40000, at=EVENING)
    fix = correct_closing(db, OFFICER, closing.id, 10000, "Tìm thấy tiền", at=TUE)
    ids = {"closing": closing.id, "correction": fix.id, "unknown": 999}
    before = snapshot(db)
    with pytest.raises(UserError, match=needle):
        correct_closing(db, OFFICER, ids[target], amount, reason, at=TUE)
    assert snapshot(db) == before


def test_an_officer_corrects_only_their_own_counter(day_of_payments):
    db = day_of_payments
    other = close_counter(db, Actor.system(), 2, 7000, at=EVENING)
    with pytest.raises(PermissionDenied, match="quầy mình"):
        correct_closing(db, OFFICER, other.id, 1000, "Tìm thấy tiền")
    with pytest.raises(PermissionDenied, match="không được phép"):
        correct_closing(db, Actor(login="huongdan", role=Role.GUIDE, user_id=2), other.id, 1000, "x")


@pytest.mark.postgres
def test_two_closings_of_one_counter_at_once_count_each_payment_once(pg_db):
    db = pg_db
    for hour in range(8, 16):
        record_payment(db, OFFICER, dossier(db), 10000, "cash", at=MON.replace(hour=hour))
    start = threading.Barrier(2)
    results: list = []

    def close():
        start.wait(timeout=30)
        try:
            results.append(close_counter(db, OFFICER, 1, 80000, at=EVENING))
        except UserError as e:
            results.append(e)

    threads = [threading.Thread(target=close) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    done = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, UserError)]
    assert len(done) == 1 and len(refused) == 1, results
    assert "Quầy 1" in refused[0].message
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(CounterClosing)) == 1
        assert set(s.scalars(select(DossierPayment.closing_id))) == {done[0].id}
    assert (done[0].payments, done[0].cash_total) == (8, 80000)
