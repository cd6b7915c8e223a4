"""What a dossier owes, where the counter sees it (issue 25 §1): the dossier's detail (payments,
voided ones and receipts included, the VietQR text for exactly what is owed), the "Còn nợ phí"
filter of the dossier list and of the watch page, and `owed_dossiers`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vietqr import parse
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.listing import DossierFilter, fetch_page, fetch_page_in
from app.services.dossiers.payments import owed_dossiers, record_payment, void_payment
from app.services.dossiers.query import dossier_detail
from app.services.dossiers.watch import overdue_watch
from app.services.fees.receipts import PaperNumber, cancel_receipt
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)


def owing(db, amount: int = 15000) -> str:
    fees = [FeeLine("Lệ phí", amount)] if amount else []
    return register(db, OFFICER, request("1.000894", received_at=MON, fees=fees)).code


def test_the_detail_shows_every_payment_and_receipt(any_db):
    change_settings(any_db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667"})
    code = owing(any_db, 30000)
    cash = record_payment(any_db, OFFICER, code, 10000, "cash", at=MON, payer_name="Trần Thị Bích",
                          paper=PaperNumber("01BLP0-001", "AB-26E", "7"))
    wrong = record_payment(any_db, OFFICER, code, 5000, "transfer", "FT77", at=MON.replace(hour=9))
    void_payment(any_db, OFFICER, wrong.payment_id, "Ghi nhầm", at=MON.replace(hour=10))
    replacement = cancel_receipt(any_db, OFFICER, cash.receipt_id, "Sai tên người nộp", payer_name="Trần Bích",
                                 at=MON.replace(hour=11))
    d = dossier_detail(any_db, OFFICER, code)
    assert (d["fees_total"], d["fees_paid"], d["outstanding"], d["fees_block_return"]) == (30000, 10000, 20000, True)
    first, second = d["payments"]
    assert {k: first[k] for k in ("id", "uuid", "amount", "method", "method_label", "reference", "payer_name",
                                  "paid_at", "recorded_by", "counter", "voided_at", "void_reason", "closed")} == {
        "id": cash.payment_id, "uuid": cash.payment_uuid, "amount": 10000, "method": "cash",
        "method_label": "Tiền mặt", "reference": None, "payer_name": "Trần Thị Bích", "paid_at": MON.isoformat(),
        "recorded_by": "Nguyễn Thị Mai", "counter": 1, "voided_at": None, "void_reason": None, "closed": False}
    assert first["receipt"]["id"] == replacement.id and first["receipt"]["replaces_id"] == cash.receipt_id
    assert (second["voided_at"], second["void_reason"]) == (MON.replace(hour=10).isoformat(), "Ghi nhầm")
    assert second["receipt"]["id"] == wrong.receipt_id and second["receipt"]["state"] == "cancelled"
    assert [(r["id"], r["state"]) for r in d["receipts"]] == [
        (cash.receipt_id, "cancelled"), (wrong.receipt_id, "cancelled"), (replacement.id, replacement.state)]
    fields = parse(d["transfer_qr"])
    assert fields["54"] == "20000" and fields["62"] == f"08{len(code):02d}{code}"


def test_paid_in_full_there_is_no_qr_and_the_rule_is_shown(db):
    change_settings(db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667",
                                         "fees.block_unpaid_return": False})
    code = owing(db)
    record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    d = dossier_detail(db, OFFICER, code)
    assert (d["outstanding"], d["transfer_qr"], d["fees_block_return"]) == (0, None, False)


def _codes(rows) -> list[str]:
    return [r.code for r in rows]


def test_the_fees_owed_filter(any_db):
    none_due, paid, part, owes, withdrawn = owing(any_db, 0), owing(any_db), owing(any_db), owing(any_db), owing(any_db)
    record_payment(any_db, OFFICER, paid, 15000, "cash", at=MON)
    record_payment(any_db, OFFICER, part, 5000, "cash", at=MON)
    act(any_db, OFFICER, withdrawn, Action.WITHDRAW, Facts(reason="Công dân xin rút", at=MON))
    assert _codes(fetch_page(any_db, OFFICER, DossierFilter(fees_owed=True))) == [owes, part]
    assert _codes(fetch_page(any_db, OFFICER, DossierFilter(fees_owed=False))) == [
        withdrawn, owes, part, paid, none_due]
    assert [(o.code, o.due, o.paid, o.outstanding) for o in owed_dossiers(any_db, OFFICER)] == [
        (owes, 15000, 0, 15000), (part, 15000, 5000, 10000)]
    # With a name typed, or a status chosen, the filter still holds.
    assert _codes(fetch_page(any_db, OFFICER, DossierFilter(text="Nguyễn Văn An", fees_owed=True))) == [owes, part]
    assert _codes(fetch_page(any_db, OFFICER, DossierFilter(statuses=frozenset({2, 7}), fees_owed=True))) == [
        owes, part]


def test_the_filter_reads_the_partial_index(db):
    """The list's own statement, as SQLite plans it: from ix_dossiers_fees_owed, not a scan."""
    owing(db)
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    with db.reading() as s:
        event.listen(s.connection(), "before_cursor_execute", grab)
        fetch_page_in(s, DossierFilter(fees_owed=True))
        event.remove(s.connection(), "before_cursor_execute", grab)
        statement, parameters = seen[-1]
        plan = " ".join(str(r[-1]) for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                                                           parameters))
    assert "ix_dossiers_fees_owed" in plan


def test_the_watch_page_filters_the_same(db):
    owes, paid = owing(db), owing(db)
    record_payment(db, OFFICER, paid, 15000, "cash", at=MON)
    late = datetime(2027, 1, 4, 9, 0)  # both due long before: both overdue
    every = overdue_watch(db, OFFICER, late)
    only = overdue_watch(db, OFFICER, late, fees_owed=True)
    assert sorted(_codes(every.overdue.rows)) == sorted([owes, paid])
    assert _codes(only.overdue.rows) == [owes] and only.overdue.count == 1 and only.fees_owed
