"""Actions from the dossier screen: only those the table allows this role now, each asking for
its facts; a refused one says why and changes nothing; forms print from the same screen."""

from datetime import datetime

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, Role
from app.services.intake.registration import register
from db.models import Dossier
from tests.helpers.factories import OFFICER, request
from ui.dossiers.actions import ActionDialog
from ui.dossiers.detail import DossierDetailDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def code(db):
    make_app()
    return register(db, OFFICER, request("1.000894", received_at=MON)).code


def status(db, code):
    with db.reading() as s:
        return s.scalars(select(Dossier.status).where(Dossier.code == code)).one()


def test_buttons_follow_the_table_and_the_role(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    assert set(d.actions.buttons) == {Action.HAND_OVER, Action.REQUEST_SUPPLEMENT, Action.WITHDRAW, Action.EXTEND}
    sup = DossierDetailDialog(db, Actor(login="ld", role=Role.SUPERVISOR), code)
    qtbot.addWidget(sup)
    assert set(sup.actions.buttons) == {Action.EXTEND}
    assert d.actions.buttons[Action.HAND_OVER].text() == "Chuyển phòng chuyên môn"


def test_hand_over_from_the_dialog(qtbot, db, code, monkeypatch):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    dialog = ActionDialog(Action.HAND_OVER, DossierStatus.RECEIVED, OFFICER, MON, d)
    assert dialog.edits["giver"].text() == "Nguyễn Thị Mai"
    dialog.edits["division"].setText("Phòng Tư pháp")
    dialog.edits["taker"].setText("Trần Văn Bảo")
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)  # the officer presses OK
    with qtbot.waitSignal(d.actions.changed):
        assert d.actions.run(Action.HAND_OVER, dialog)
    assert status(db, code) == DossierStatus.PROCESSING


def test_missing_facts_are_refused_and_nothing_changes(qtbot, db, code, monkeypatch):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    dialog = ActionDialog(Action.WITHDRAW, DossierStatus.RECEIVED, OFFICER, MON, d)
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    with qtbot.assertNotEmitted(d.actions.changed):
        assert d.actions.run(Action.WITHDRAW, dialog)  # the officer confirmed: the core refuses
    # Said on the dossier screen itself, no box to dismiss (ui/messages.py: modal only to decide).
    assert d.message.text() == "«Công dân rút hồ sơ» cần ghi lý do." and not d.message.isHidden()
    assert status(db, code) == DossierStatus.RECEIVED


def test_control_sheet_prints_from_the_dossier_screen(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    d.print_form("control", code)
    assert d.preview is not None and "Phiếu kiểm soát" in d.preview.windowTitle()
    qtbot.waitUntil(d.preview.rendered)


def test_extension_hands_the_apology_letter_over(qtbot, db, code, monkeypatch, tmp_path):
    import subprocess

    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    dialog = ActionDialog(Action.EXTEND, DossierStatus.RECEIVED, OFFICER, MON, d)
    dialog.new_due.setDateTime(datetime(2026, 12, 10, 17, 0))
    dialog.edits["reason"].setText("Chờ xác minh của công an xã")
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    shown = []
    monkeypatch.setattr(d.actions, "show_document", lambda title, pdf: shown.append((title, pdf)))
    assert d.actions.run(Action.EXTEND, dialog)
    assert [t for t, _ in shown] == ["Văn bản xin lỗi, gia hạn"]
    (tmp_path / "a.pdf").write_bytes(shown[0][1])
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True,
                                   text=True).stdout.split())
    assert "VĂN BẢN XIN LỖI" in text and "Chờ xác minh của công an xã" in text
    assert "17 giờ 00 phút, ngày 10/12/2026" in text


def test_payment_recorded_from_the_dossier_screen(qtbot, db, monkeypatch):
    from app.services.intake.registration import FeeLine
    from ui.intake.payment_dialog import PaymentDialog

    make_app()  # with its translations
    code = register(db, OFFICER, request("1.004222", received_at=MON, fees=[FeeLine("Lệ phí", 20000)])).code
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    assert not d.pay.isHidden() and d.fees.item(d.fees.rowCount() - 1, 1).text() == "20.000 đ"
    pay = PaymentDialog(db, OFFICER, code, 20000, d)
    qtbot.addWidget(pay)
    assert pay.amount.text() == "20000" and not pay.reference.isEnabled()  # cash needs no transaction code
    pay.method.setCurrentIndex(pay.method.findData("transfer"))
    assert pay.reference.isEnabled()
    pay.accept()  # no transaction code: refused, the dialog stays and says why
    assert pay.message.text() == "Chuyển khoản và thanh toán trực tuyến cần mã giao dịch của ngân hàng hoặc của cổng."
    assert pay.result() == 0
    pay.reference.setText("FT26327001")
    pay.accept()
    assert pay.result() == QDialog.DialogCode.Accepted
    again = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(again)
    assert again.pay.isHidden()  # nothing left to pay
    rows = [again.fees.item(r, 0).text() for r in range(again.fees.rowCount())]
    assert rows[1].startswith("Đã nộp: Chuyển khoản FT26327001") and rows[2] == "Còn phải nộp"
    assert again.fees.item(2, 1).text() == "0 đ"
