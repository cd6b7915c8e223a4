"""Recording and voiding a payment (app/services/dossiers/payments.py, issue 25 §1, §5): one
transaction writes the payment, what the dossier has paid, its history event, audit and outbox
records and its receipt; every bad input is one Vietnamese message with nothing written."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.errors import NotFound, UserError
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.payments import (
    Balance,
    parse_amount,
    record_payment,
    void_payment,
)
from app.services.fees.receipts import PaperNumber
from app.services.intake.registration import FeeLine, register
from db.models import (
    AuditRecord,
    CounterClosing,
    Dossier,
    DossierEvent,
    DossierPayment,
    FeeReceipt,
    OutboxMessage,
)
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)


def owing(db, *amounts: int) -> str:
    fees = [FeeLine(f"Khoản {i}", a) for i, a in enumerate(amounts or (15000,), 1)]
    return register(db, OFFICER, request("1.000894", received_at=MON, fees=fees)).code


def counts(db) -> dict:
    with db.reading() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m))
                for m in (DossierPayment, FeeReceipt, DossierEvent, AuditRecord, OutboxMessage)} | {
            "paid": list(s.scalars(select(Dossier.fees_paid).order_by(Dossier.id)))}


def test_a_payment_is_one_transaction_of_everything_it_touches(any_db):
    code = owing(any_db, 10000, 5000)
    done = record_payment(any_db, OFFICER, code, 10000, "transfer", " ft2632712345 ", at=MON,
                          payer_name="  Trần Thị Bích ")
    assert (done.due, done.paid, done.outstanding) == (15000, 10000, 5000)
    with any_db.reading() as s:
        p = s.get(DossierPayment, done.payment_id)
        assert (p.uuid, p.amount, p.method, p.reference, p.payer_name, p.counter_id, p.recorded_by, p.paid_at) == (
            done.payment_uuid, 10000, "transfer", "FT2632712345", "Trần Thị Bích", OFFICER.counter_id, 1, MON)
        assert s.scalar(select(Dossier.fees_paid).where(Dossier.code == code)) == 10000
        event = s.scalar(select(DossierEvent).where(DossierEvent.uuid == p.event_uuid))
        assert event.action == "payment" and event.details == {
            "amount": 10000, "method": "transfer", "reference": "FT2632712345", "payment_uuid": p.uuid,
            "payer_name": "Trần Thị Bích"}
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.payment"))
        assert audit.details["event"] == event.uuid and audit.details["payment_uuid"] == p.uuid
        assert s.scalar(select(OutboxMessage.kind).where(OutboxMessage.event_uuid == event.uuid)) == "payment"
        receipt = s.get(FeeReceipt, done.receipt_id)
        assert (receipt.payment_id, receipt.state, receipt.amount) == (p.id, done.receipt_state, 10000)
        assert done.receipt_state == "unissued"  # no provider set up (the default)


def test_a_paper_receipt_number_issues_the_receipt_with_the_payment(db):
    code = owing(db)
    done = record_payment(db, OFFICER, code, 15000, "cash", at=MON, paper=PaperNumber("01BLP0-001", "AB-26E", "12"))
    assert done.receipt_state == "issued" and done.outstanding == 0
    with db.reading() as s:
        r = s.get(FeeReceipt, done.receipt_id)
        assert (r.provider, r.template_code, r.symbol, r.number) == ("paper", "01BLP0-001", "AB-26E", "12")


def test_a_paper_number_already_used_leaves_no_payment(db):
    record_payment(db, OFFICER, owing(db), 15000, "cash", at=MON, paper=PaperNumber("01BLP0-001", "AB-26E", "12"))
    code = owing(db)
    before = counts(db)
    with pytest.raises(UserError, match="đã được ghi cho hồ sơ"):
        record_payment(db, OFFICER, code, 15000, "cash", at=MON, paper=PaperNumber("01BLP0-001", "AB-26E", "12"))
    assert counts(db) == before


@pytest.mark.parametrize("amount, method, ref, needle", [
    (True, "cash", None, "số nguyên đồng"),
    (15000.0, "cash", None, "số nguyên đồng"),
    ("15000,5", "cash", None, "số nguyên đồng"),
    ("15000", "cash", None, "số nguyên đồng"),  # the service takes an int: text is parse_amount's
    (0, "cash", None, "lớn hơn 0 đồng"),
    (-5000, "cash", None, "lớn hơn 0 đồng, không nhận -5.000 đ"),
    (15001, "cash", None, "^Hồ sơ chỉ còn phải nộp 15.000 đ, không nhận 15.001 đ.$"),
    (1000, "bitcoin", None, "«bitcoin» không có"),
    (1000, "transfer", None, "cần mã giao dịch"),
    (1000, "online", "   ", "cần mã giao dịch"),
    (1000, "cash", "x" * 101, "«Mã giao dịch» dài 101 ký tự"),
])
def test_bad_payments_are_one_message_and_write_nothing(any_db, amount, method, ref, needle):
    code = owing(any_db)
    before = counts(any_db)
    with pytest.raises(UserError, match=needle):
        record_payment(any_db, OFFICER, code, amount, method, reference=ref, at=MON)
    assert counts(any_db) == before


def test_a_reference_is_one_payment_whatever_its_case_until_voided(any_db):
    first, second = owing(any_db), owing(any_db)
    done = record_payment(any_db, OFFICER, first, 5000, "transfer", "FT26327ABC", at=MON)
    before = counts(any_db)
    for typed in ("FT26327ABC", " ft26327abc ", "Ft26327AbC"):
        with pytest.raises(UserError, match=f"^Mã giao dịch «FT26327ABC» đã được ghi cho một khoản nộp của hồ sơ "
                                            f"{first}: kiểm tra lại mã giao dịch.$"):
            record_payment(any_db, OFFICER, second, 5000, "online", typed, at=MON)
    assert counts(any_db) == before
    void_payment(any_db, OFFICER, done.payment_id, "Khách chuyển nhầm hồ sơ", at=MON)
    assert record_payment(any_db, OFFICER, second, 5000, "transfer", "ft26327abc", at=MON).paid == 5000


def test_a_legacy_lower_case_reference_is_found_too(db):
    """Payments from before issue 25 kept the code as typed; the index is asked for its forms."""
    first, second = owing(db), owing(db)
    record_payment(db, OFFICER, first, 5000, "transfer", "FT1", at=MON)
    with db.writing() as s:
        s.execute(DossierPayment.__table__.update().values(reference="ft-old-77"))
    with pytest.raises(UserError, match=f"hồ sơ {first}"):
        record_payment(db, OFFICER, second, 5000, "transfer", "FT-OLD-77", at=MON)


def test_no_fee_no_payment(db):
    code = register(db, OFFICER, request("1.000894", received_at=MON, fees=[])).code
    with pytest.raises(UserError, match=f"^Hồ sơ {code} không có khoản phí, lệ phí nào phải nộp.$"):
        record_payment(db, OFFICER, code, 1000, "cash")


def test_paid_in_full_takes_no_more(db):
    code = owing(db)
    record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    with pytest.raises(UserError, match="đã nộp đủ 15.000 đ"):
        record_payment(db, OFFICER, code, 1, "cash", at=MON)


@pytest.mark.parametrize("action, label", [(Action.WITHDRAW, "Công dân yêu cầu rút hồ sơ")])
def test_a_withdrawn_dossier_takes_no_fee(db, action, label):
    code = owing(db)
    act(db, OFFICER, code, action, Facts(reason="Công dân xin rút", at=MON))
    before = counts(db)
    with pytest.raises(UserError, match=f"«{label}»: không thu phí, lệ phí"):
        record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    assert counts(db) == before


def test_a_result_returned_unpaid_still_takes_its_debt(db):
    from app.domain.permissions import Actor
    from app.domain.vocab import Role

    admin = Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=1, full_name="Phạm Quốc Huy")
    code = owing(db)
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Tư pháp", giver="Mai", taker="Bảo", at=MON))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=MON))
    act(db, admin, code, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345",
                                                     unpaid_reason="Hộ nghèo, xin nộp sau", at=MON))
    assert record_payment(db, OFFICER, code, 15000, "cash", at=MON).outstanding == 0


def test_a_payment_needs_the_right_to_collect(db):
    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.errors import PermissionDenied

    code = owing(db)
    with pytest.raises(PermissionDenied, match="thu phí, lệ phí"):
        record_payment(db, Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3), code, 1000, "cash")


def test_voiding_gives_the_amount_back_and_cancels_its_receipt(any_db):
    code = owing(any_db, 10000, 5000)
    keep = record_payment(any_db, OFFICER, code, 5000, "cash", at=MON)
    wrong = record_payment(any_db, OFFICER, code, 10000, "transfer", "FT9", at=MON)
    assert void_payment(any_db, OFFICER, wrong.payment_id, "  Ghi nhầm hồ sơ ", at=MON) == Balance(15000, 5000)
    with any_db.reading() as s:
        p = s.get(DossierPayment, wrong.payment_id)
        assert (p.voided_at, p.voided_by, p.void_reason) == (MON, 1, "Ghi nhầm hồ sơ")
        assert s.scalar(select(Dossier.fees_paid).where(Dossier.code == code)) == 5000
        assert s.get(FeeReceipt, wrong.receipt_id).state == "cancelled"
        assert s.get(FeeReceipt, keep.receipt_id).state == "unissued"
        event = s.scalar(select(DossierEvent).where(DossierEvent.action == "payment_voided"))
        assert event.details == {"amount": 10000, "method": "transfer", "reference": "FT9",
                                 "payment_uuid": wrong.payment_uuid, "reason": "Ghi nhầm hồ sơ"}
        assert s.scalar(select(OutboxMessage.kind).where(OutboxMessage.event_uuid == event.uuid)) == "payment_voided"
        assert s.scalar(select(func.count()).select_from(AuditRecord)
                        .where(AuditRecord.action == "dossier.payment_voided")) == 1


def test_bad_voids_are_one_message_and_write_nothing(db):
    code = owing(db)
    done = record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    before = counts(db)
    with pytest.raises(UserError, match="^Hủy khoản nộp cần ghi lý do.$"):
        void_payment(db, OFFICER, done.payment_id, "  ")
    with pytest.raises(NotFound, match="^Không có khoản nộp số 999999.$"):
        void_payment(db, OFFICER, 999_999, "Nhầm")
    assert counts(db) == before
    void_payment(db, OFFICER, done.payment_id, "Nhầm", at=MON)
    before = counts(db)
    with pytest.raises(UserError, match=f"^Khoản nộp số {done.payment_id} của hồ sơ {code} đã hủy lúc 08:30 23/11/2026.$"):
        void_payment(db, OFFICER, done.payment_id, "Nhầm lần nữa")
    assert counts(db) == before


def test_a_closed_payment_is_corrected_in_its_closing_not_voided(db):
    code = owing(db)
    done = record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    with db.writing() as s:  # the closing as app/services/fees/closing.py writes it, reduced to what matters here
        closing = CounterClosing(counter_id=OFFICER.counter_id, closed_by=1, closed_at=MON, day=MON.date(),
                                 payments=1, cash_total=15000, cash_counted=15000)
        s.add(closing)
        s.flush()
        s.get(DossierPayment, done.payment_id).closing_id = closing.id
    before = counts(db)
    with pytest.raises(UserError, match="chốt sổ quầy ngày 23/11/2026: không hủy được nữa; ghi một khoản điều chỉnh"):
        void_payment(db, OFFICER, done.payment_id, "Nhầm")
    assert counts(db) == before


@pytest.mark.parametrize("typed, amount", [("15.000", 15000), ("15000", 15000), (" 1.000.000 đ ", 1000000),
                                           ("15 000", 15000), ("2\u00a0000đ", 2000), (15000, 15000)])
def test_amounts_as_people_type_them(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", ["15000,5", "15.5", "1.0000", "1 5", "mười nghìn", "", "đ", "١٥٠٠٠", "1" * 40, True, 15.0, None])
def test_amounts_that_are_not_whole_dong(typed):
    with pytest.raises(UserError, match="số nguyên đồng|quá lớn"):
        parse_amount(typed)
