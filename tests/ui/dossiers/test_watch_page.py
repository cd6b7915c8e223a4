"""The due and overdue page: three groups with whole counts, the officer's own dossiers or the
office's, opening a dossier, and extending a late one with its apology letter handed over."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, Role
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, request
from ui.dossiers.actions import ActionDialog
from ui.dossiers.watch_page import WatchPage
from ui.main import make_app

FRI = datetime(2026, 11, 20, 10, 0)
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3, full_name="Lê Văn Cường")


def reg(db, due: datetime) -> str:
    received = datetime(2026, 11, 2, 8, 0)
    code = register(db, OFFICER, request("1.000894", received_at=received)).code
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=due, at=received))
    return code


@pytest.fixture
def codes(db):
    make_app()
    return {"late": reg(db, datetime(2026, 11, 19, 17, 0)), "today": reg(db, datetime(2026, 11, 20, 17, 0)),
            "monday": reg(db, datetime(2026, 11, 23, 17, 0))}


def page_for(qtbot, db, actor):
    page = WatchPage(db, actor, clock=lambda: FRI)
    qtbot.addWidget(page)
    page.show()  # showing it loads the lists
    return page


def test_groups_counts_and_who_sees_what(qtbot, db, codes):
    page = page_for(qtbot, db, OFFICER)
    assert page.mine.isChecked()  # an officer starts with the dossiers they received
    titles = [box.title() for box, _ in page.groups.values()]
    assert titles == ["Quá hạn (1)", "Đến hạn hôm nay (1)", "Đến hạn trong ngày làm việc tiếp theo (1)"]
    late = page.groups["overdue"][1]
    assert late.item(0, 0).text() == codes["late"] and late.item(0, 5).text() == "17 giờ"
    assert page.groups["due_today"][1].item(0, 5).text() == "7 giờ"
    assert page.updated.text() == "Cập nhật lúc 10:00"
    boss = page_for(qtbot, db, SUPERVISOR)
    assert not boss.mine.isChecked() and boss.watch.total == 3
    boss.mine.setChecked(True)  # the supervisor received none of them
    assert boss.watch.total == 0 and boss.groups["overdue"][0].title() == "Quá hạn (0)"


def test_open_with_enter_or_double_click(qtbot, db, codes):
    page = page_for(qtbot, db, OFFICER)
    assert not page.open_button.isEnabled()
    table = page.groups["due_today"][1]
    table.selectRow(0)
    assert page.open_button.isEnabled() and page.selected_code() == codes["today"]
    page.groups["overdue"][1].selectRow(0)  # one selection across the three tables
    assert page.selected_code() == codes["late"] and not table.selectedItems()
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.groups["overdue"][1], Qt.Key.Key_Return)
    assert opened.args == [codes["late"]]


def test_extend_a_late_dossier_hands_over_the_apology(qtbot, db, codes, monkeypatch):
    page = page_for(qtbot, db, OFFICER)
    page.groups["overdue"][1].selectRow(0)
    dialog = ActionDialog(Action.EXTEND, DossierStatus.RECEIVED, OFFICER, FRI, page)
    dialog.new_due.setDateTime(datetime(2026, 11, 27, 17, 0))
    dialog.edits["reason"].setText("Chờ ý kiến của Sở Tư pháp")
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    shown = []
    monkeypatch.setattr(page, "show_document", lambda code, title, pdf: shown.append((code, title, pdf[:5])))
    with qtbot.waitSignal(page.changed):
        assert page.extend_selected(dialog)
    assert shown == [(codes["late"], "Văn bản xin lỗi, gia hạn", b"%PDF-")]
    assert page.watch.overdue.count == 0  # the list was refreshed: no longer late
