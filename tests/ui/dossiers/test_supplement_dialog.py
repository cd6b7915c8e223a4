"""Form 02's facts asked from the dossier screen: the items one per line, the specific reason, the
contact for guidance (the officer and the office's phone unless changed); and a second request,
which asks for its ground and the supervisor beside the officer (Decree 118/2025 Art. 11)."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, Role
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import Agency, Dossier, DossierEvent
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import enter, type_text
from ui.dossiers.actions import ActionDialog
from ui.dossiers.detail import DossierDetailDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def code(db):
    make_app()
    return register(db, OFFICER, request("1.000894", received_at=MON)).code


def supplements(db, code) -> list[DossierEvent]:
    with db.reading() as s:
        return s.scalars(select(DossierEvent).join(Dossier).where(
            Dossier.code == code, DossierEvent.action == "request_supplement").order_by(DossierEvent.id)).all()


def answer(qtbot, fill, seen: list) -> None:
    """When the modal dialog opens: look at it, fill it in as the officer would, press OK."""
    def run():
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ActionDialog) and w.isVisible()]
        seen.append(dialog)
        fill(dialog)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, run)


def test_the_officer_lists_the_items_and_the_reason(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    with db.reading() as s:
        office_phone = s.scalar(select(Agency.phone).order_by(Agency.id).limit(1))
    seen: list[ActionDialog] = []

    def fill(dialog: ActionDialog) -> None:
        assert list(dialog.edits) == ["reason", "contact_name", "contact_phone"]  # no approval asked the first time
        assert dialog.findChild(QLineEdit, "ground") is None
        assert (dialog.edits["contact_name"].text(), dialog.edits["contact_phone"].text()) == (
            "Nguyễn Thị Mai", office_phone)
        type_text("Bản sao giấy khai sinh", widget=dialog.items)
        enter(widget=dialog.items)  # Enter starts the next item
        type_text("Giấy xác nhận tình trạng hôn nhân", widget=dialog.items)
        type_text("Tờ khai chưa có chữ ký", widget=dialog.edits["reason"])

    answer(qtbot, fill, seen)
    with qtbot.waitSignal(d.actions.changed):
        d.actions.buttons[Action.REQUEST_SUPPLEMENT].click()
    assert seen and seen[0].windowTitle() == "Yêu cầu bổ sung hồ sơ"
    (e,) = supplements(db, code)
    assert e.status_to == DossierStatus.SUPPLEMENT_REQUESTED
    assert (e.details["items"], e.details["reason"], e.details["contact_name"], e.details["contact_phone"]) == (
        ["Bản sao giấy khai sinh", "Giấy xác nhận tình trạng hôn nhân"], "Tờ khai chưa có chữ ký",
        "Nguyễn Thị Mai", office_phone)


@pytest.fixture
def asked_once(db, code):
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Thiếu tờ khai",
                                                            at=MON + timedelta(minutes=5)))
    act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=MON + timedelta(days=1)))
    return code


def test_a_second_request_asks_for_the_ground_and_the_supervisor(qtbot, db, asked_once):
    code = asked_once
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    seen: list[ActionDialog] = []

    def fill(password: str):
        def typed(dialog: ActionDialog) -> None:
            rule = dialog.findChild(type(d.message), "supplementRule")
            assert rule.text().startswith("Hồ sơ đã được yêu cầu bổ sung 1 lần. Điều 11 Nghị định 118/2025/NĐ-CP")
            assert dialog.edits["approver_password"].echoMode() == QLineEdit.EchoMode.Password
            type_text("Bản chính giấy chứng nhận", widget=dialog.items)
            type_text("Kết quả xác minh mới", widget=dialog.edits["reason"])
            type_text("Công an xã trả lời sau ngày nhận bổ sung", widget=dialog.edits["ground"])
            type_text("lanhdao", widget=dialog.edits["approver_login"])
            type_text(password, widget=dialog.edits["approver_password"])
        return typed

    # A wrong password: said on the dossier screen, nothing recorded.
    answer(qtbot, fill("sai-mat-khau-9"), seen)
    with qtbot.assertNotEmitted(d.actions.changed):
        d.actions.buttons[Action.REQUEST_SUPPLEMENT].click()
    assert d.message.text() == "Phê duyệt của lãnh đạo: Tên đăng nhập hoặc mật khẩu không đúng."
    assert len(supplements(db, code)) == 1

    answer(qtbot, fill(DEMO_PASSWORD), seen)
    with qtbot.waitSignal(d.actions.changed):
        d.actions.buttons[Action.REQUEST_SUPPLEMENT].click()
    assert len(seen) == 2
    second = supplements(db, code)[1]
    assert (second.details["ground"], second.details["approved_by"], second.details["items"]) == (
        "Công an xã trả lời sau ngày nhận bổ sung", "lanhdao", ["Bản chính giấy chứng nhận"])


def test_an_actor_who_may_approve_is_not_asked_for_a_supervisor(qtbot):
    make_app()
    admin = Actor(login="quantri", role=Role.ADMIN, full_name="Phạm Quốc Huy")
    dialog = ActionDialog(Action.REQUEST_SUPPLEMENT, DossierStatus.RECEIVED, admin, MON, office_phone="0270 3822 000",
                          supplements_before=1)
    qtbot.addWidget(dialog)
    assert list(dialog.edits) == ["reason", "contact_name", "contact_phone", "ground"]
    type_text("Hồ sơ gốc bị thất lạc", widget=dialog.edits["ground"])
    f = dialog.facts(MON)
    assert (f.ground, f.contact_name, f.contact_phone, f.items) == ("Hồ sơ gốc bị thất lạc", "Phạm Quốc Huy",
                                                                    "0270 3822 000", [])
