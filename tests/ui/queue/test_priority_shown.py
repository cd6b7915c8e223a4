"""Issue 22: the counter panel and the hall display show that a ticket is priority and why (the
category the citizen chose at the kiosk), and show nothing of the kind for a regular ticket."""

from datetime import datetime

from PySide6.QtCore import Qt

from app.services.queue import tickets as q
from app.services.queue.board import board, hall
from tests.helpers.factories import OFFICER
from ui.main import make_app
from ui.queue.counter_panel import CounterPanel
from ui.queue.hall_display import HallDisplay

MON = datetime(2026, 12, 7, 8, 30)
LEFT = Qt.MouseButton.LeftButton


def test_the_counter_panel_shows_the_priority_and_its_reason(qtbot, db):
    make_app()
    q.issue_ticket(db, "TP", "pregnant", at=MON)
    q.issue_ticket(db, "TP", at=MON.replace(minute=31))
    panel = CounterPanel(db, OFFICER, lambda: MON.replace(minute=40))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.priority.isHidden()
    qtbot.mouseClick(panel.buttons["next"], LEFT)
    qtbot.waitUntil(lambda: panel.current.text() == "A001")
    assert panel.priority.isVisible() and panel.priority.text() == "Ưu tiên: Phụ nữ có thai"
    qtbot.mouseClick(panel.buttons["next"], LEFT)  # A001 done, the regular A002 called
    qtbot.waitUntil(lambda: panel.current.text() == "A002")
    assert panel.priority.isHidden() and panel.priority.text() == ""


def test_a_panel_opened_later_shows_the_priority_of_the_ticket_at_its_counter(qtbot, db):
    make_app()
    q.issue_ticket(db, "VH", "disabled", at=MON)
    q.call_next(db, OFFICER, 1, at=MON)
    panel = CounterPanel(db, OFFICER, lambda: MON)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.current.text() == "B001" and panel.priority.text() == "Ưu tiên: Người khuyết tật"


def test_the_hall_display_shows_why_a_ticket_went_first(qtbot, db):
    make_app()
    q.issue_ticket(db, "TP", at=MON)
    q.issue_ticket(db, "TP", "elderly", at=MON.replace(minute=31))
    display = HallDisplay(hall(db, MON), board(db, MON), lambda: MON)
    qtbot.addWidget(display)
    q.call_next(db, OFFICER, 1, at=MON.replace(minute=40))  # the priority one first
    display.show_board(board(db, MON))
    assert display._counter_rows[1][1].text() == "A002"
    assert display._priority_labels[1].text() == "Ưu tiên: Người cao tuổi"
    assert display.call_rows[0].text() == "A002  →  Quầy 1   ·   Ưu tiên: Người cao tuổi"
    q.call_next(db, OFFICER, 1, at=MON.replace(minute=45))  # then the regular one
    display.show_board(board(db, MON))
    assert display._counter_rows[1][1].text() == "A001" and display._priority_labels[1].text() == ""
    assert [w.text() for w in display.call_rows[:2]] == [
        "A001  →  Quầy 1", "A002  →  Quầy 1   ·   Ưu tiên: Người cao tuổi"]
