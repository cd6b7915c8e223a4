"""What is owed is said where it starts (issue 25): the intake, once a dossier with a fee is saved,
says the amount owed and its "Thu phí" button takes the payment; "Có kết quả" reminds the officer
of a fee still owed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.vocab import DossierStatus
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.payments import record_payment
from app.services.dossiers.query import dossier_detail
from app.services.intake.registration import FeeLine, register
from db.models import DossierPayment
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import enter, type_text
from tests.ui.intake.conftest import choose_marriage, open_form  # noqa: F401 - the fixture
from ui.dossiers.actions import ActionDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)
REMINDER = "Hồ sơ còn phải nộp 15.000 đ: nhắc người nộp khi đến nhận kết quả."


def shown(qtbot, open_form) -> object:  # noqa: F811
    form = open_form(900)
    qtbot.waitUntil(form.isActiveWindow)  # key events reach only the active window
    form.procedure.setFocus()
    return form


def test_a_dossier_saved_with_a_fee_says_what_is_owed_and_takes_it(qtbot, open_form, db):  # noqa: F811
    form = shown(qtbot, open_form)
    form.procedure.setFocus()
    type_text("1.001029 karaoke")
    enter()
    form.fees.setFocus()
    form.fees.setCurrentCell(3, 0)
    type_text("1")
    form.kind.setCurrentIndex(1)
    form.name.setText("Công ty TNHH Giải trí Ánh Dương")
    form.id_number.setText("1501234567")
    form.representative.setText("Võ Minh Khang")
    form.documents.tick_all()
    saved = form.save()
    assert saved is not None, form.message.text()
    assert form.message.text() == f"Đã lưu hồ sơ {saved.code}. Còn phải nộp: 2.000.000 đ."
    assert not form.pay_button.isHidden() and form.pay_button.text() == "Thu phí: 2.000.000 đ"
    form.pay_button.click()
    dialog = form.payment
    assert dialog.isVisible() and dialog.payer.text() == "Công ty TNHH Giải trí Ánh Dương"
    dialog.amount.clear()
    type_text("1.500.000", widget=dialog.amount)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # "Đóng"
    assert form.payment is None
    assert form.message.text() == f"Đã ghi nhận nộp tiền hồ sơ {saved.code}; còn phải nộp: 500.000 đ."
    assert form.pay_button.text() == "Thu phí: 500.000 đ"
    form.pay_button.click()
    qtbot.mouseClick(form.payment.ok, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.payment.ok, Qt.MouseButton.LeftButton)
    assert form.pay_button.isHidden()
    with db.reading() as s:
        assert [p.amount for p in s.scalars(select(DossierPayment).order_by(DossierPayment.id))] == [1_500_000, 500_000]


def test_a_dossier_without_a_fee_offers_no_payment(qtbot, open_form):  # noqa: F811
    form = shown(qtbot, open_form)
    choose_marriage(form)
    form.name.setText("Trần Văn Bình")
    saved = form.save()
    assert saved is not None, form.message.text()
    assert form.message.text() == f"Đã lưu hồ sơ {saved.code}." and form.pay_button.isHidden()


def result_ready_notice(qtbot, db, code) -> str:
    detail = dossier_detail(db, OFFICER, code)
    dialog = ActionDialog(Action.RESULT_READY, detail["status"], OFFICER, datetime.fromisoformat(detail["due_at"]),
                          detail=detail, now=MON.replace(hour=15))
    qtbot.addWidget(dialog)
    return dialog.findChild(QLabel, "resultReadyNotice").text()


def test_result_ready_reminds_of_a_fee_still_owed(qtbot, db):
    make_app()
    code = register(db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 15000)])).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Tư pháp", giver="Mai", taker="Bảo", at=MON))
    assert dossier_detail(db, OFFICER, code)["status"] == DossierStatus.PROCESSING
    assert REMINDER in result_ready_notice(qtbot, db, code).splitlines()
    record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    assert "còn phải nộp" not in result_ready_notice(qtbot, db, code)
