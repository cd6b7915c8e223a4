"""The dossier window's fee panel (issue 25 §2): fee lines, paid, owed; each payment with how, who,
when, which counter and its receipt; a refused receipt in red, sent again; a receipt cancelled and
replaced shows both, the cancelled one struck through with its reason; a paper number entered; a
payment voided stays in view, struck, and the fee is owed again. The e-receipt provider is the
sandbox (app/fees/sandbox.py), a real HTTP server."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.domain.permissions import Actor
from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from app.services.fees.receipt_drain import drain_once
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from db.models import Counter, DossierPayment, FeeReceipt
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import type_text
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.detail_fees import FeeFormDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)
LATER = datetime(2026, 11, 23, 9, 15)
SERIES = {"fees.receipts.template_code": "01BLP0-001", "fees.receipts.symbol": "BL-26E"}


@pytest.fixture
def code(db):
    make_app()
    return register(db, OFFICER, request("1.000894", received_at=MON,
                                         fees=[FeeLine("Lệ phí", 10000), FeeLine("Phí", 5000)])).code


@pytest.fixture
def sandbox(db):
    server, thread = serve(faults=["refuse"])  # the first receipt is refused for good
    change_settings(db, Actor.system(), {"fees.receipts.enabled": True, "fees.receipts.url": server.url,
                                         "fees.receipts.provider": "sandbox", "fees.receipts.timeout_s": 5, **SERIES})
    yield server
    server.stop(thread)


def window(qtbot, db, code) -> DossierDetailDialog:
    d = DossierDetailDialog(db, OFFICER, code, clock=lambda: LATER)
    qtbot.addWidget(d)
    return d


def column(table, c: int) -> list[str]:
    return [table.item(r, c).text() for r in range(table.rowCount())]


def receipts(db) -> list[tuple]:
    with db.reading() as s:
        return [(r.state, r.number, r.payer_name, r.replaces_id, r.cancel_reason)
                for r in s.scalars(select(FeeReceipt).order_by(FeeReceipt.id))]


def act_in_form(qtbot, d: DossierDetailDialog, button: str, fill) -> FeeFormDialog:
    """Click the panel's button, fill its dialog, press OK; the dialog is returned (closed on success)."""
    d.fees_panel.buttons[button].click()
    form = d.fees_panel.form
    assert form is not None and form.isVisible()
    fill(form)
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    return form


def test_lines_paid_owed_and_who_took_each_payment(qtbot, db, code):
    record_payment(db, OFFICER, code, 10000, "transfer", "FT26327001", at=LATER)
    with db.reading() as s:
        counter = s.get(Counter, OFFICER.counter_id).number
    d = window(qtbot, db, code)
    assert column(d.fees, 0) == ["Lệ phí", "Phí", "Đã nộp: Chuyển khoản FT26327001, 23/11/2026 09:15", "Còn phải nộp"]
    assert column(d.fees, 1) == ["10.000 đ", "5.000 đ", "10.000 đ", "5.000 đ"]
    p = d.fees_panel.payments
    row = [p.item(0, c).text() for c in range(p.columnCount())]
    assert row == ["23/11/2026 09:15", "10.000 đ", "Chuyển khoản FT26327001", "Nguyễn Văn An",
                   f"Nguyễn Thị Mai · quầy {counter}", "Chưa có số (chờ ghi số biên lai giấy)", ""]
    assert not d.pay.isHidden() and d.pay.text() == "Thu phí"
    assert d.fees_panel.buttons["paper"].isEnabled() and d.fees_panel.buttons["slip"].isEnabled()
    assert not d.fees_panel.buttons["retry"].isEnabled()


def test_a_refused_receipt_is_red_and_issued_again(qtbot, db, code, sandbox):
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    drain_once(db, LATER)
    (state, *_rest), = receipts(db)
    assert state == "failed"
    d = window(qtbot, db, code)
    cell = d.fees_panel.payments.item(0, 5)
    assert cell.text().startswith("Bị từ chối phát hành\n") and cell.foreground().color() == QColor("#b00020")
    assert d.fees_panel.buttons["retry"].text() == "Phát hành lại"
    d.fees_panel.buttons["retry"].click()
    assert d.result() == DossierDetailDialog.CHANGED
    drain_once(db)
    assert receipts(db) == [("issued", "0000001", "Nguyễn Văn An", None, None)]
    again = window(qtbot, db, code)
    assert again.fees_panel.payments.item(0, 5).text() == "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000001"
    assert again.fees_panel.buttons["replace"].isEnabled() and not again.fees_panel.buttons["slip"].isEnabled()


def test_cancel_and_replace_keeps_both_receipts_in_view(qtbot, db, code, sandbox):
    sandbox.set_faults()
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    drain_once(db, LATER)
    d = window(qtbot, db, code)
    assert d.fees_panel.buttons["replace"].text() == "Hủy và thay biên lai…"
    form = act_in_form(qtbot, d, "replace", lambda f: None)  # no reason: refused, the dialog stays
    assert form.isVisible() and form.message.text() == "Hủy biên lai cần ghi lý do."
    assert form.edits["payer_name"].text() == "Nguyễn Văn An"

    def fill(f: FeeFormDialog) -> None:
        type_text("Ghi sai tên người nộp", widget=f.edits["cancel_reason"])
        f.edits["payer_name"].clear()
        type_text("Công ty TNHH Bình An", widget=f.edits["payer_name"])

    fill(form)
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    assert not form.isVisible() and d.result() == DossierDetailDialog.CHANGED
    drain_once(db)  # the provider cancels the first and issues the second
    first, second = receipts(db)
    assert first[0] == "cancelled" and first[4] == "Ghi sai tên người nộp"
    assert second[0] == "issued" and second[2] == "Công ty TNHH Bình An" and second[3] is not None
    again = window(qtbot, db, code)
    table = again.fees_panel.receipts
    assert column(table, 0) == ["Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000001",
                                "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000002"]
    assert column(table, 1) == ["Đã hủy", "Đã phát hành"]
    assert column(table, 2) == ["Nguyễn Văn An", "Công ty TNHH Bình An"]
    assert column(table, 5)[0].startswith("Đã hủy lúc ") and column(table, 5)[0].endswith(": Ghi sai tên người nộp")
    assert column(table, 5)[1] == "Thay thế Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000001"
    assert all(table.item(0, c).font().strikeOut() for c in range(table.columnCount()))
    assert not any(table.item(1, c).font().strikeOut() for c in range(table.columnCount()))
    assert again.fees_panel.payments.item(0, 5).text() == "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000002"


def test_the_paper_receipts_number_is_entered_later(qtbot, db, code):
    change_settings(db, Actor.system(), SERIES)
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    d = window(qtbot, db, code)

    def fill(f: FeeFormDialog) -> None:
        assert (f.edits["template_code"].text(), f.edits["symbol"].text()) == ("01BLP0-001", "BL-26E")
        type_text("0000031", widget=f.edits["number"])

    act_in_form(qtbot, d, "paper", fill)
    assert d.result() == DossierDetailDialog.CHANGED
    again = window(qtbot, db, code)
    assert again.fees_panel.payments.item(0, 5).text() == "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000031"
    assert not again.fees_panel.buttons["paper"].isEnabled()


def test_a_payment_voided_stays_struck_and_the_fee_is_owed_again(qtbot, db, code):
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    d = window(qtbot, db, code)
    assert d.pay.isHidden()  # nothing owed

    def fill(f: FeeFormDialog) -> None:
        type_text("Ghi nhầm hồ sơ", widget=f.edits["void_reason"])

    act_in_form(qtbot, d, "void", fill)
    assert d.result() == DossierDetailDialog.CHANGED
    with db.reading() as s:
        assert s.scalars(select(DossierPayment.void_reason)).one() == "Ghi nhầm hồ sơ"
    again = window(qtbot, db, code)
    assert column(again.fees, 0) == ["Lệ phí", "Phí", "Còn phải nộp"] and column(again.fees, 1)[-1] == "15.000 đ"
    p = again.fees_panel.payments
    assert p.item(0, 6).text().startswith("Đã hủy lúc 23/11/2026") and p.item(0, 6).text().endswith(": Ghi nhầm hồ sơ")
    assert all(p.item(0, c).font().strikeOut() for c in range(p.columnCount()))
    assert not again.pay.isHidden()
    assert not again.fees_panel.buttons["void"].isEnabled() and not again.fees_panel.buttons["slip"].isEnabled()


def test_taking_a_payment_from_the_panel(qtbot, db, code):
    d = window(qtbot, db, code)
    d.pay.click()
    dialog = d.fees_panel.payment_dialog
    assert dialog.isVisible() and dialog.payer.text() == "Nguyễn Văn An"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.recorded is not None and dialog.isVisible()  # it shows the receipt's state
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # "Đóng"
    assert d.result() == DossierDetailDialog.CHANGED
    assert QApplication.activeModalWidget() is not dialog
