"""Taking a payment at the counter (issue 25 §2, §5): the payer is the applicant unless changed;
a bad amount, a missing or repeated transaction code, a paper number used before: the service's
one message in the dialog, which stays open with what was typed, nothing written. Once recorded,
the dialog shows the receipt's state and, while it is not issued, offers the payment slip."""

from __future__ import annotations

from datetime import datetime

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.domain.permissions import Actor
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from db.models import DossierPayment, FeeReceipt
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import type_text
from ui.intake.payment_dialog import PaymentDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def code(db):
    make_app()
    return register(db, OFFICER, request("1.000894", received_at=MON,
                                         fees=[FeeLine("Lệ phí", 10000), FeeLine("Phí", 5000)])).code


def dialog_for(qtbot, db, code, owed=15000) -> PaymentDialog:
    d = PaymentDialog(db, OFFICER, code, owed, payer="Nguyễn Văn An")
    qtbot.addWidget(d)
    return d


def payments(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(DossierPayment))


def ok(qtbot, d: PaymentDialog) -> None:
    qtbot.mouseClick(d.ok, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("amount, message", [
    ("20000", "Hồ sơ chỉ còn phải nộp 15.000 đ, không nhận 20.000 đ."),
    ("0", "Số tiền nộp phải lớn hơn 0 đồng, không nhận 0 đ."),
    ("-5000", "Số tiền nộp phải lớn hơn 0 đồng, không nhận -5.000 đ."),
    ("15000,5", "Số tiền nộp phải là một số nguyên đồng, không có phần lẻ (ví dụ 15.000)."),
    ("mười nghìn", "Số tiền nộp phải là một số nguyên đồng, không có phần lẻ (ví dụ 15.000)."),
])
def test_a_bad_amount_is_the_services_message_and_the_dialog_stays(qtbot, db, code, amount, message):
    d = dialog_for(qtbot, db, code)
    d.amount.clear()
    type_text(amount, widget=d.amount)
    ok(qtbot, d)
    assert d.message.text() == message
    assert d.result() == 0 and d.amount.text() == amount and d.amount.isEnabled() and payments(db) == 0


def test_a_transfer_needs_its_code_once(qtbot, db, code):
    d = dialog_for(qtbot, db, code)
    d.method.setCurrentIndex(d.method.findData("transfer"))
    d.amount.setText("10.000")  # as people write it
    ok(qtbot, d)
    assert d.message.text() == "Chuyển khoản và thanh toán trực tuyến cần mã giao dịch của ngân hàng hoặc của cổng."
    type_text("FT26327001", widget=d.reference)
    ok(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted and d.recorded.outstanding == 5000
    again = dialog_for(qtbot, db, code, 5000)
    again.method.setCurrentIndex(again.method.findData("transfer"))
    type_text("ft26327001", widget=again.reference)
    ok(qtbot, again)
    assert again.message.text() == (f"Mã giao dịch «FT26327001» đã được ghi cho một khoản nộp của hồ sơ {code}: "
                                    "kiểm tra lại mã giao dịch.")
    assert again.result() == 0 and payments(db) == 1


def test_another_payer_is_recorded_and_the_receipt_waits_for_its_paper_number(qtbot, db, code):
    d = dialog_for(qtbot, db, code)
    assert d.payer.text() == "Nguyễn Văn An" and d.paper is not None  # no e-receipt provider: paper
    d.payer.clear()
    type_text("Trần Thị Bích", widget=d.payer)
    ok(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.outcome.text().splitlines() == [
        "Đã ghi nhận 15.000 đ; còn phải nộp: 0 đ.",
        "Biên lai: Chưa có số (chờ ghi số biên lai giấy)",
        "Biên lai chưa được phát hành: trong khi chờ, in phiếu ghi nhận nộp tiền giao người nộp "
        "(phiếu này không phải biên lai)."]
    assert not d.slip_button.isHidden() and d.slip_button.text() == "In phiếu ghi nhận nộp tiền"
    assert d.ok.text() == "Đóng" and not d.payer.isEnabled()
    with db.reading() as s:
        pay = s.scalars(select(DossierPayment)).one()
        receipt = s.scalars(select(FeeReceipt)).one()
    assert (pay.payer_name, receipt.payer_name, receipt.state) == ("Trần Thị Bích", "Trần Thị Bích", "unissued")
    # The slip, as it will print, says it is not a receipt.
    d.slip_button.click()
    qtbot.waitUntil(lambda: d.preview is not None)
    assert d.preview.windowTitle() == f"Phiếu ghi nhận nộp tiền · {code}"
    text = pypdfium2.PdfDocument(d.preview.pdf)[0].get_textpage().get_text_range()
    assert code in text and "15.000" in text
    d.reject()  # Esc after the payment: it was recorded all the same
    assert d.result() == QDialog.DialogCode.Accepted


def test_a_paper_receipt_handed_over_is_issued_with_the_payment(qtbot, db, code):
    change_settings(db, Actor.system(), {"fees.receipts.template_code": "01BLP0-001", "fees.receipts.symbol": "BL-26E"})
    d = dialog_for(qtbot, db, code)
    assert (d.paper["template_code"].text(), d.paper["symbol"].text()) == ("01BLP0-001", "BL-26E")
    type_text("0000012", widget=d.paper["number"])
    ok(qtbot, d)
    assert d.outcome.text().splitlines() == ["Đã ghi nhận 15.000 đ; còn phải nộp: 0 đ.",
                                             "Biên lai: Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000012"]
    assert d.slip_button.isHidden()  # a receipt was issued: no slip needed


def test_the_series_alone_is_no_paper_receipt_and_a_number_is_used_once(qtbot, db, code):
    change_settings(db, Actor.system(), {"fees.receipts.template_code": "01BLP0-001", "fees.receipts.symbol": "BL-26E"})
    first = dialog_for(qtbot, db, code)
    first.amount.setText("10000")
    type_text("12", widget=first.paper["number"])
    ok(qtbot, first)
    assert first.recorded is not None
    d = dialog_for(qtbot, db, code, 5000)
    type_text("0012", widget=d.paper["number"])
    ok(qtbot, d)
    assert d.message.text() == (f"Biên lai Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0012 đã được ghi cho hồ sơ {code}: "
                                "mỗi số biên lai chỉ dùng một lần.")
    assert d.recorded is None and payments(db) == 1
    d.paper["number"].clear()  # no number: the payment waits for one, the series typed or not
    ok(qtbot, d)
    assert d.recorded is not None and d.receipt["state"] == "unissued"


def test_with_e_receipts_on_the_receipt_is_pending_and_no_paper_is_asked(qtbot, db, code):
    change_settings(db, Actor.system(), {"fees.receipts.enabled": True, "fees.receipts.url": "http://127.0.0.1:9/api"})
    d = dialog_for(qtbot, db, code)
    assert d.paper is None
    ok(qtbot, d)
    assert d.outcome.text().splitlines()[1] == "Biên lai: Chờ phát hành"
    assert not d.slip_button.isHidden()
