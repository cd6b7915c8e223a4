"""Without a provider the receipt waits for the number of the paper receipt handed over; a paper
number is given once per series (whatever its leading zeros), and a payment whose paper number is
already used is refused whole: no payment, no receipt."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.services.dossiers.payments import record_payment
from app.services.fees.receipts import PaperNumber, enter_paper_number, receipt_list
from db.models import DossierPayment
from tests.helpers.factories import OFFICER

from .receipt_steps import NOW, dossier, events, rows

PAPER = PaperNumber("01BLP0-001", "AA-26P", "0000012")


def test_without_a_provider_the_receipt_waits_for_its_paper_number(db):
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
    assert paid.receipt_state == "unissued"
    assert [v.state_label for v in receipt_list(db, OFFICER, ["unissued"])] == ["Chưa có số (chờ ghi số biên lai giấy)"]
    view = enter_paper_number(db, OFFICER, paid.receipt_id, PaperNumber(" 01BLP0-001", "AA-26P ", "0000012"), at=NOW)
    assert (view.state, view.provider, view.identifier) == ("issued", "paper", "Mẫu số 01BLP0-001 Ký hiệu AA-26P Số 0000012")
    [event] = events(db, "fee_receipt_issued")
    assert "Biên lai giấy Mẫu số 01BLP0-001" in event.note
    with pytest.raises(UserError, match="chỉ ghi số biên lai giấy cho biên lai chưa có số"):
        enter_paper_number(db, OFFICER, paid.receipt_id, PaperNumber("01BLP0-001", "AA-26P", "0000013"))


def test_a_paper_number_is_used_once_per_series(db):
    first = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW, paper=PAPER)
    assert first.receipt_state == "issued"
    code = dossier(db)
    with pytest.raises(UserError, match=r"Số 12 đã được ghi cho hồ sơ .*mỗi số biên lai chỉ dùng một lần"):
        record_payment(db, OFFICER, code, 38000, "cash", at=NOW, paper=PaperNumber("01BLP0-001", "AA-26P", "12"))
    with db.reading() as s:
        assert s.scalar(select(DossierPayment.id).where(DossierPayment.id != first.payment_id)) is None
    other_series = record_payment(db, OFFICER, code, 38000, "cash", at=NOW,
                                  paper=PaperNumber("01BLP0-001", "AB-26P", "0000012"))
    assert other_series.receipt_state == "issued" and len(rows(db)) == 2


def test_numbers_restart_each_1_january_so_a_series_may_repeat_a_number_in_a_new_year(db):
    """One series (template and symbol kept) carries number 12 in 2026 and again in 2027; within
    one year it is still given once."""
    record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW, paper=PAPER)
    next_year = NOW.replace(year=NOW.year + 1, month=1, day=4)
    again = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=next_year, paper=PAPER)
    assert again.receipt_state == "issued"
    assert sorted(r.series_year for r in rows(db)) == [NOW.year, NOW.year + 1]
    with pytest.raises(UserError, match="mỗi số biên lai chỉ dùng một lần"):
        record_payment(db, OFFICER, dossier(db), 38000, "cash", at=next_year.replace(day=5), paper=PAPER)


@pytest.mark.parametrize("paper, needle", [
    (PaperNumber("", "AA-26P", "1"), "cần đủ mẫu số, ký hiệu và số"),
    (PaperNumber("01BLP0-001", "AA 26P", "1"), "Ký hiệu «AA 26P» chỉ gồm"),
    (PaperNumber("Mẫu-01", "AA-26P", "1"), "Mẫu số «Mẫu-01» chỉ gồm"),
    (PaperNumber("01BLP0-001", "AA-26P", "12a"), "Số biên lai «12a» chỉ gồm chữ số"),
    (PaperNumber("01BLP0-001", "AA-26P", "1" * 21), "tối đa 20 chữ số"),
])
def test_a_malformed_paper_number_is_refused(db, paper, needle):
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
    with pytest.raises(UserError, match=needle):
        enter_paper_number(db, OFFICER, paid.receipt_id, paper)
    assert [r.state for r in rows(db)] == ["unissued"]
