"""Trả kết quả when a fee is still owed (issue 25 §1): the page shows the amount and the VietQR code
for exactly that amount, takes the payment (F8) and looks the dossier up again; returning while
owed is refused with the core's message and what was typed stays; a supervisor's leave with a
written reason returns it, and the history records who allowed it and why."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, Role
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.payments import record_payment, transfer_qr
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings, load_settings
from db.models import AuditRecord, Dossier, DossierEvent, DossierPayment
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import enter, press, show_active, type_text
from ui.dossiers.return_page import ReturnPage
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 0)
LATER = datetime(2026, 11, 24, 10, 30)
REFUSAL = ("Hồ sơ còn phải nộp 15.000 đ phí, lệ phí: thu đủ trước khi trả kết quả, hoặc lãnh đạo cho phép "
           "(ghi lý do).")
ADMIN = Actor(login="quantri", role=Role.ADMIN, full_name="Phạm Quốc Huy")  # may return and allow it


def open_page(qtbot, db, actor=OFFICER) -> ReturnPage:
    make_app()
    p = ReturnPage(db, actor, clock=lambda: LATER)
    p.resize(1000, 700)
    show_active(qtbot, p)
    p.code.setFocus()
    return p


@pytest.fixture
def page(qtbot, db):
    return open_page(qtbot, db)


def with_bank(db) -> None:
    change_settings(db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667",
                                         "bank.holder": "UBND XA LONG HO"})


def ready(db, *fees: int) -> str:
    code = register(db, OFFICER, request("1.000894", received_at=MON,
                                         fees=[FeeLine(f"Khoản {i}", a) for i, a in enumerate(fees, 1)])).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo",
                                                    at=MON.replace(hour=9)))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=MON.replace(hour=15)))
    return code


def look_up(code: str) -> None:
    type_text(code)
    enter()


def status_of(db, code: str) -> int:
    with db.reading() as s:
        return s.scalar(select(Dossier.status).where(Dossier.code == code))


def test_what_is_owed_is_shown_with_the_vietqr_for_exactly_that_amount(page, db):
    with_bank(db)
    code = ready(db, 10000, 5000)
    look_up(code)
    assert not page.fees_box.isHidden() and page.owed.text() == "Còn phải nộp: 15.000 đ"
    expected = transfer_qr(load_settings(db), code, 15000)
    assert expected is not None and page.qr.value == expected and page.qr.isVisible()
    assert page.qr_note.text() == "Quét bằng ứng dụng ngân hàng để chuyển khoản đúng số tiền này."
    assert page.pay_button.text() == "Thu phí (F8)" and page.pay_button.isVisible()
    # Part paid elsewhere: looked up again, the code asks for what is left, no more.
    record_payment(db, OFFICER, code, 10000, "cash", at=LATER)
    page.code.setFocus()
    enter()
    assert page.owed.text() == "Còn phải nộp: 5.000 đ"
    assert page.qr.value == transfer_qr(load_settings(db), code, 5000) != expected


def test_without_a_bank_account_there_is_no_code_and_a_line_says_so(page, db):
    code = ready(db, 15000)
    look_up(code)
    assert page.owed.text() == "Còn phải nộp: 15.000 đ"
    assert page.qr.isHidden() and page.qr.value is None
    assert page.qr_note.text() == "Không có mã VietQR: chưa cài đặt tài khoản ngân hàng của cơ quan (Cài đặt)."


def test_a_dossier_paid_in_full_shows_no_fee(page, db):
    code = ready(db, 15000)
    record_payment(db, OFFICER, code, 15000, "cash", at=LATER)
    look_up(code)
    assert page.fees_box.isHidden() and page.unpaid_box.isHidden() and page.form_box.isEnabled()


def test_returning_while_owed_is_refused_and_what_was_typed_stays(page, db):
    code = ready(db, 10000, 5000)
    look_up(code)
    assert not page.unpaid_box.isHidden() and not page.unpaid_box.isChecked()
    page.to_proxy.setChecked(True)
    type_text("Lê Thị Hoa")
    page.collector_id.setFocus()
    type_text("086190054321")
    enter()
    assert page.message.text() == REFUSAL
    assert (page.collector.text(), page.collector_id.text()) == ("Lê Thị Hoa", "086190054321")
    assert page.to_proxy.isChecked() and status_of(db, code) == DossierStatus.RESOLVED


def test_a_supervisor_beside_the_officer_allows_it_and_the_history_says_why(page, db):
    code = ready(db, 15000)
    look_up(code)
    assert page.approver_password.echoMode() == page.approver_password.EchoMode.Password
    page.unpaid_box.setChecked(True)
    type_text("Hộ nghèo, xã miễn theo quyết định 12/QĐ-UBND", widget=page.unpaid_reason)
    type_text("lanhdao", widget=page.approver_login)
    type_text("sai-mat-khau-9", widget=page.approver_password)
    page.approver_password.setFocus()
    enter()
    # A wrong password: refused, nothing recorded, the reason and the login stay for another try.
    assert page.message.text() == "Phê duyệt của lãnh đạo: Tên đăng nhập hoặc mật khẩu không đúng."
    assert page.unpaid_reason.text() == "Hộ nghèo, xã miễn theo quyết định 12/QĐ-UBND"
    assert page.approver_login.text() == "lanhdao" and status_of(db, code) == DossierStatus.RESOLVED
    page.approver_password.clear()
    type_text(DEMO_PASSWORD, widget=page.approver_password)
    enter()
    assert page.message.text() == f"Đã trả kết quả hồ sơ {code}."
    with db.reading() as s:
        e = s.scalars(select(DossierEvent).join(Dossier).where(Dossier.code == code,
                                                               DossierEvent.action == "return_result")).one()
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.return_result"))
    assert e.details["unpaid"] == {"owed": 15000, "reason": "Hộ nghèo, xã miễn theo quyết định 12/QĐ-UBND",
                                   "approved_by": "lanhdao"}
    assert audit.details["unpaid"] == e.details["unpaid"] and audit.actor == "canbo"


def test_who_may_allow_it_gives_only_the_reason(qtbot, db):
    p = open_page(qtbot, db, ADMIN)
    code = ready(db, 15000)
    look_up(code)
    assert p.approver_login is None and p.approver_password is None
    enter(widget=p.collector_id)
    # The right to allow it is not leave without a reason, box ticked or not.
    assert p.message.text() == "Trả kết quả khi hồ sơ còn phải nộp 15.000 đ phí, lệ phí cần ghi lý do."
    p.unpaid_box.setChecked(True)
    type_text("Người nộp là hộ nghèo", widget=p.unpaid_reason)
    enter(widget=p.unpaid_reason)
    assert p.message.text() == f"Đã trả kết quả hồ sơ {code}."
    assert status_of(db, code) == DossierStatus.RETURNED


def test_paying_at_the_counter_then_returning(qtbot, page, db):
    with_bank(db)
    code = ready(db, 15000)
    look_up(code)
    press(Qt.Key.Key_F8)
    dialog = page.payment
    assert dialog is not None and dialog.isVisible()
    assert (dialog.payer.text(), dialog.amount.text()) == ("Nguyễn Văn An", "15000")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Đã ghi nhận 15.000 đ; còn phải nộp: 0 đ.")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # "Đóng"
    # Looked up again: nothing owed, the form ready for the collector.
    qtbot.waitUntil(lambda: page.dossier is not None and page.dossier["outstanding"] == 0)
    assert page.payment is None and page.fees_box.isHidden() and page.form_box.isEnabled()
    assert page.collector.text() == "Nguyễn Văn An"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.collector_id)  # the page has the keyboard again
    enter()
    assert page.message.text() == f"Đã trả kết quả hồ sơ {code}."
    with db.reading() as s:
        pay = s.scalars(select(DossierPayment)).one()
    assert (pay.amount, pay.method, pay.payer_name, pay.recorded_by) == (15000, "cash", None, OFFICER.user_id)
