"""The hand-over: the office's specialist divisions are a setting (Cài đặt › Chung), the dialog picks
from them as the officer types (diacritics optional), a refusal keeps the dialog open with what
was typed and the core's reason, and the history names the division, the giver and the receiver.
And "Có kết quả" says what confirming it does before it is done."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPlainTextEdit
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, ResultMethod
from app.errors import UserError
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.query import dossier_detail
from app.services.intake.registration import register
from app.services.settings.store import SPECS, change_settings, load_settings
from db.models import Dossier, DossierEvent
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import press, type_text
from ui.dossiers.actions import ActionDialog
from ui.dossiers.detail import DossierDetailDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 8, 30)
DIVISIONS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội", "Công an xã"]


@pytest.fixture
def code(db):
    make_app()
    return register(db, OFFICER, request("1.000894", received_at=MON)).code


def answer(fill) -> None:
    """When the modal ActionDialog opens: `fill` it as the officer would (it closes it or not)."""
    def run():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ActionDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(10, run)
            return
        fill(dialogs[0])
    QTimer.singleShot(0, run)


def ok(dialog: ActionDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_the_divisions_are_an_office_setting():
    assert SPECS["handover.divisions"].default == DIVISIONS


def test_the_setting_refuses_blank_and_repeated_names(db):
    system = Actor.system()
    change_settings(db, system, {"handover.divisions": ["Phòng Tư pháp", "Công an phường"]})
    assert load_settings(db)["handover.divisions"] == ["Phòng Tư pháp", "Công an phường"]
    for bad in (["Phòng Tư pháp", "phòng tư pháp"], ["Phòng Tư pháp", ""], [" Phòng Tư pháp"], "Phòng Tư pháp"):
        with pytest.raises(UserError, match="Các phòng chuyên môn nhận bàn giao hồ sơ") as refused:
            change_settings(db, system, {"handover.divisions": bad})
        assert refused.value.field == "handover.divisions"
    assert load_settings(db)["handover.divisions"] == ["Phòng Tư pháp", "Công an phường"]


def test_the_general_tab_edits_the_list_one_name_a_line(qtbot, db):
    from app.services.bootstrap import DEMO_PASSWORD
    from app.services.trust.users import authenticate
    from ui.settings.page import SettingsPage

    make_app()
    page = SettingsPage(db, authenticate(db, "quantri", DEMO_PASSWORD, None), clock=lambda: MON)
    qtbot.addWidget(page)
    edit = page.general.findChild(QPlainTextEdit, "handoverDivisions")
    assert edit.toPlainText().splitlines() == DIVISIONS
    edit.setPlainText("Phòng Tư pháp – Hộ tịch\n\n  Phòng Kinh tế, Hạ tầng và Đô thị  \nCông an phường\n")
    assert page.save()
    assert load_settings(db)["handover.divisions"] == [
        "Phòng Tư pháp – Hộ tịch", "Phòng Kinh tế, Hạ tầng và Đô thị", "Công an phường"]
    edit.setPlainText("Công an phường\nCông an phường")  # refused: said under the field, nothing saved
    assert not page.save()
    assert "không trùng nhau" in page.general.bound["handover.divisions"][2].text()
    assert load_settings(db)["handover.divisions"][-1] == "Công an phường"
    officer = SettingsPage(db, authenticate(db, "canbo", DEMO_PASSWORD, 1), clock=lambda: MON)
    qtbot.addWidget(officer)
    shown = officer.general.findChild(QPlainTextEdit, "handoverDivisions")
    assert shown.isReadOnly() and shown.isEnabled()  # read, not changed, by an officer


def test_hand_over_picks_the_division_keeps_the_typing_and_names_everyone(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    steps: list[str] = []

    def fill(dialog: ActionDialog) -> None:
        box = dialog.division
        assert [box.itemText(i) for i in range(box.count())] == DIVISIONS and box.currentText() == ""
        assert dialog.edits["giver"].text() == "Nguyễn Thị Mai" and dialog.edits["taker"].text() == ""
        type_text("van hoa", widget=dialog.edits["division"])  # no diacritics: still found
        assert dialog.division_matches() == ["Phòng Văn hóa – Xã hội"]
        popup = box.completer().popup()
        assert popup.isVisible()
        press(Qt.Key.Key_Down, widget=popup)
        press(Qt.Key.Key_Return, text="\r", widget=popup)
        assert dialog.edits["division"].text() == "Phòng Văn hóa – Xã hội"
        # OK without the receiver: the core refuses, the dialog stays with what was typed.
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
        message = dialog.findChild(QLabel, "actionMessage")
        assert dialog.isVisible() and not message.isHidden()
        assert message.text() == "Bàn giao hồ sơ cần ghi phòng chuyên môn, người giao và người nhận."
        assert dialog.edits["division"].text() == "Phòng Văn hóa – Xã hội"
        assert dialog.focusWidget() is dialog.edits["taker"]  # where the missing fact goes
        steps.append("refused")
        type_text("Trần Văn Bảo", widget=dialog.edits["taker"])
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
        steps.append("accepted")

    answer(fill)
    with qtbot.waitSignal(d.actions.changed):
        assert d.actions.run(Action.HAND_OVER)
    assert steps == ["refused", "accepted"]
    with db.reading() as s:
        (event,) = s.scalars(select(DossierEvent).join(Dossier).where(
            Dossier.code == code, DossierEvent.action == "hand_over")).all()
        assert (event.details["division"], event.details["giver"], event.details["taker"]) == (
            "Phòng Văn hóa – Xã hội", "Nguyễn Thị Mai", "Trần Văn Bảo")
        assert s.scalar(select(Dossier.status).where(Dossier.code == code)) == DossierStatus.PROCESSING
    again = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(again)
    last = again.history.rowCount() - 1
    assert again.history.item(last, 1).text() == "Chuyển phòng chuyên môn"
    assert again.history.item(last, 3).text() == "Phòng Văn hóa – Xã hội: Nguyễn Thị Mai giao, Trần Văn Bảo nhận"


def test_cancel_after_a_refusal_changes_nothing(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)

    def fill(dialog: ActionDialog) -> None:
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)  # nothing typed: refused, stays open
        assert dialog.isVisible() and dialog.findChild(QLabel, "actionMessage").text().startswith("Bàn giao hồ sơ")
        dialog.reject()

    answer(fill)
    with qtbot.assertNotEmitted(d.actions.changed):
        assert not d.actions.run(Action.HAND_OVER)
    with db.reading() as s:
        assert s.scalar(select(Dossier.status).where(Dossier.code == code)) == DossierStatus.RECEIVED


def test_taking_back_starts_from_the_last_hand_over(qtbot, db, code):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Kinh tế", giver="Nguyễn Thị Mai",
                                                   taker="Trần Văn Bảo", at=MON))
    detail = dossier_detail(db, OFFICER, code)
    dialog = ActionDialog(Action.TAKE_BACK, detail["status"], OFFICER, MON, divisions=DIVISIONS, detail=detail)
    qtbot.addWidget(dialog)
    assert [dialog.edits[k].text() for k in ("division", "giver", "taker")] == [
        "Phòng Kinh tế", "Trần Văn Bảo", "Nguyễn Thị Mai"]


def _notice(dialog: ActionDialog) -> str:
    return dialog.findChild(QLabel, "resultReadyNotice").text()


def test_result_ready_says_what_will_happen(qtbot, db, code):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Kinh tế", giver="Nguyễn Thị Mai",
                                                   taker="Trần Văn Bảo", at=MON))
    detail = dossier_detail(db, OFFICER, code)
    due = datetime.fromisoformat(detail["due_at"])
    on_day = due.replace(hour=8, minute=0)
    dialog = ActionDialog(Action.RESULT_READY, detail["status"], OFFICER, due, detail=detail, now=on_day)
    qtbot.addWidget(dialog)
    assert _notice(dialog).splitlines() == [
        f"Hồ sơ {code} (Nguyễn Văn An) chuyển sang «Đã xử lý xong» ngay lúc này, {on_day:%H:%M %d/%m/%Y}: "
        f"đúng hạn (hẹn trả {due:%H:%M %d/%m/%Y}).",
        "Kết quả sau đó chờ trả tại quầy: công dân mang giấy tiếp nhận đến, cán bộ trả ở trang «Trả kết quả».",
        "Không hoàn tác được: chỉ xác nhận khi đã thật sự có kết quả."]


def test_result_ready_by_post_late_with_the_portal(qtbot, db):
    make_app()
    code = register(db, OFFICER, request("1.000894", received_at=MON, result_method=ResultMethod.POST,
                                         result_address="12 Lê Lợi, phường 1, Vĩnh Long")).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Kinh tế", giver="Nguyễn Thị Mai",
                                                   taker="Trần Văn Bảo", at=MON))
    change_settings(db, Actor.system(), {"portal.url": "https://dvc.example.vn/api"})
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    late = datetime.fromisoformat(d.detail["due_at"]).replace(year=2027)
    d.actions.clock = lambda: late
    seen: list[str] = []

    def look(dialog: ActionDialog) -> None:
        seen.append(_notice(dialog))
        dialog.reject()  # the officer reads it and cancels: nothing happens

    answer(look)
    assert not d.actions.run(Action.RESULT_READY)
    lines = seen[0].splitlines()
    assert "trễ hạn: hẹn trả là" in lines[0]
    assert lines[1:] == [
        "Kết quả sau đó chờ gửi qua bưu chính đến 12 Lê Lợi, phường 1, Vĩnh Long: ghi mã bưu gửi ở trang «Trả kết quả».",
        "Cổng dịch vụ công được báo ở lượt đồng bộ tới: công dân tra cứu được trạng thái mới trên cổng.",
        "Không hoàn tác được: chỉ xác nhận khi đã thật sự có kết quả."]
    with db.reading() as s:
        assert s.scalar(select(Dossier.status).where(Dossier.code == code)) == DossierStatus.PROCESSING
