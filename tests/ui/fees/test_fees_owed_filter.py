"""“Còn nợ phí” (issue 25 §1): the dossier list and the due/overdue page narrow to the dossiers that
still owe a fee; one paid in full, one without a fee and one whose payment was voided are told apart."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.services.dossiers.payments import record_payment, void_payment
from app.services.intake.registration import FeeLine, register
from tests.helpers.factories import OFFICER, request
from ui.dossiers.list_page import DossierListPage
from ui.dossiers.watch_page import WatchPage
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)
MUCH_LATER = datetime(2027, 1, 11, 10, 0)  # every dossier overdue by then


@pytest.fixture
def codes(db):
    make_app()

    def reg(*fees: int) -> str:
        return register(db, OFFICER, request("1.000894", received_at=MON,
                                             fees=[FeeLine(f"Khoản {i}", a) for i, a in enumerate(fees, 1)])).code

    out = {"owes": reg(15000), "part_paid": reg(10000, 5000), "paid": reg(15000), "no_fee": reg(),
           "voided": reg(8000)}
    record_payment(db, OFFICER, out["part_paid"], 10000, "cash", at=MON)
    record_payment(db, OFFICER, out["paid"], 15000, "cash", at=MON)
    void_payment(db, OFFICER, record_payment(db, OFFICER, out["voided"], 8000, "cash", at=MON).payment_id,
                 "Ghi nhầm", at=MON)
    return out


def test_the_list_narrows_to_dossiers_that_owe(qtbot, db, codes):
    page = DossierListPage(db, OFFICER, clock=lambda: MUCH_LATER)
    qtbot.addWidget(page)
    every = {page.model.code_at(r) for r in range(page.model.rowCount())}
    assert every == set(codes.values())
    assert page.fees_owed.text() == "Còn nợ phí" and not page.fees_owed.isChecked()
    page.fees_owed.setChecked(True)
    owing = {page.model.code_at(r) for r in range(page.model.rowCount())}
    assert owing == {codes["owes"], codes["part_paid"], codes["voided"]}
    assert page.count.text() == "Đang hiển thị 3 hồ sơ"
    page.clear_filters()
    assert not page.fees_owed.isChecked() and page.model.rowCount() == 5


def test_the_watch_page_narrows_the_same_way(qtbot, db, codes):
    page = WatchPage(db, OFFICER, clock=lambda: MUCH_LATER)
    qtbot.addWidget(page)
    page.show()  # showing it loads the lists
    late = page.groups["overdue"][1]
    assert page.watch.total == 5 and page.fees_owed.text() == "Còn nợ phí"
    page.fees_owed.setChecked(True)
    assert page.watch.fees_owed
    shown = {late.item(r, 0).text() for r in range(late.rowCount())}
    assert shown == {codes["owes"], codes["part_paid"], codes["voided"]} and page.watch.total == 3
    assert page.groups["overdue"][0].title() == "Quá hạn (3)"
