"""Issue 22, the kiosk under a finger: real mouse clicks at moments set by a driven clock (no
sleeping). A priority choice goes with one ticket and one visit of the start page; a touch in the
first half second after a page change is dropped, so "Xong" can no longer arm "Phụ nữ có thai"
on the start page beneath it (a regular citizen was called first as priority). Also the closed
screen's next opening and the size of "Xong"."""

from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from app.domain.permissions import Actor
from app.services.queue import tickets as q
from app.services.queue.board import board, hall
from app.services.settings.calendar import DAY_OFF, add_override
from db.models import QueueTicket
from tests.helpers.factories import OFFICER
from ui.main import make_app
from ui.queue.kiosk import CLOSED, RESULT, START, Kiosk

MON = datetime(2026, 12, 7, 8, 30)  # Monday 07/12/2026, office open
SUN_NIGHT = datetime(2026, 12, 6, 19, 0)
LEFT = Qt.MouseButton.LeftButton


class Ticks:
    """The kiosk's monotonic clock, moved by the test."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def tickets(db):
    with db.reading() as s:
        return s.execute(select(QueueTicket.label, QueueTicket.priority).order_by(QueueTicket.id)).all()


def open_kiosk(qtbot, db, at=MON):
    make_app()
    ticks = Ticks()
    kiosk = Kiosk(db, hall(db, at), board(db, at), lambda: at, printer=None, ticks=ticks)
    qtbot.addWidget(kiosk)
    kiosk.resize(1366, 768)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    return kiosk, ticks


def test_done_cannot_arm_a_priority_on_the_start_page(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db)
    pregnant = kiosk.priority_buttons["pregnant"]
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
    assert kiosk.pages.currentIndex() == RESULT and kiosk.number.text() == "A001"
    ticks.advance(3)
    qtbot.mouseClick(kiosk.done, LEFT)  # "Xong"
    assert kiosk.pages.currentIndex() == START
    # The same touch lands again, now on "Phụ nữ có thai" where "Xong" was: dropped whole.
    ticks.advance(0.1)
    qtbot.mouseClick(pregnant, LEFT)
    assert not pregnant.isChecked() and kiosk.priority is None and kiosk.ignored_taps == 1
    ticks.advance(0.39)  # still within the half second
    qtbot.mouseClick(pregnant, LEFT)
    assert not pregnant.isChecked() and kiosk.ignored_taps == 2
    ticks.advance(2)  # the next citizen, a regular one, takes a number
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
    assert kiosk.number.text() == "A002"
    assert tickets(db) == [("A001", None), ("A002", None)]
    assert q.call_next(db, OFFICER, 1, at=MON).label == "A001"  # called in turn: nobody jumped the queue


def test_a_priority_goes_with_one_ticket_only(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db)
    elderly = kiosk.priority_buttons["elderly"]
    qtbot.mouseClick(elderly, LEFT)  # the start page has been up a long time: taken
    assert elderly.isChecked() and kiosk.priority == "elderly"
    qtbot.mouseClick(kiosk.group_buttons["VH"], LEFT)
    assert kiosk.pages.currentIndex() == RESULT
    assert kiosk.priority is None and not elderly.isChecked()  # issued: the choice is spent
    ticks.advance(3)
    qtbot.mouseClick(kiosk.done, LEFT)
    ticks.advance(2)
    assert not any(b.isChecked() for b in kiosk.priority_buttons.values())
    qtbot.mouseClick(kiosk.group_buttons["VH"], LEFT)
    assert tickets(db) == [("B001", "elderly"), ("B002", None)]


def test_leaving_the_start_page_clears_the_priority(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db)
    qtbot.mouseClick(kiosk.priority_buttons["disabled"], LEFT)
    assert kiosk.priority == "disabled"
    kiosk.set_hall(hall(db, datetime(2026, 12, 7, 11, 30)))  # the morning session ends
    assert kiosk.pages.currentIndex() == CLOSED and kiosk.priority is None
    ticks.advance(60)
    kiosk.set_hall(hall(db, MON))  # open again: nobody's choice is waiting
    assert kiosk.pages.currentIndex() == START
    assert kiosk.priority is None and not kiosk.priority_buttons["disabled"].isChecked()
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)  # the page just appeared: dropped
    assert kiosk.pages.currentIndex() == START and kiosk.ignored_taps == 1 and tickets(db) == []
    ticks.advance(0.5)
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
    assert tickets(db) == [("A001", None)]


def test_the_ticket_page_timing_out_guards_the_start_page_too(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db)
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
    ticks.advance(8)
    kiosk._back.setInterval(1)  # the ticket page's 8 s, shortened: waited for, not slept
    kiosk._back.start()
    qtbot.waitUntil(lambda: kiosk.pages.currentIndex() == START, timeout=5000)
    qtbot.mouseClick(kiosk.priority_buttons["merit"], LEFT)  # the finger reaching for "Xong"
    assert kiosk.priority is None and kiosk.ignored_taps == 1
    ticks.advance(0.6)
    qtbot.mouseClick(kiosk.priority_buttons["merit"], LEFT)
    assert kiosk.priority == "merit"


def test_done_is_sized_for_a_finger(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db)
    qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
    done = kiosk.done
    qtbot.waitUntil(done.isVisible)
    assert done.text() == "Xong"
    nine_mm = 9 / 25.4 * done.logicalDpiY()
    assert done.height() >= 64 and done.height() >= nine_mm
    assert done.font().pixelSize() >= 28  # a large label, read at arm's length
    assert done.fontMetrics().horizontalAdvance(done.text()) < done.width()
    top_left = done.mapTo(kiosk, QPoint(0, 0))
    assert kiosk.rect().contains(top_left) and kiosk.rect().contains(top_left + QPoint(done.width(), done.height()))


def test_the_closed_kiosk_says_when_it_opens_next(qtbot, db):
    kiosk, ticks = open_kiosk(qtbot, db, SUN_NIGHT)
    assert kiosk.pages.currentIndex() == CLOSED
    assert kiosk.closed.text().splitlines()[0] == "Mở lại 07:15 thứ Hai 07/12/2026"
    assert "07:30–11:30, 13:30–17:00" in kiosk.closed.text()
    add_override(db, Actor.system(), date(2026, 12, 7), DAY_OFF, "Nghỉ theo quyết định của tỉnh")
    kiosk.set_hall(hall(db, SUN_NIGHT))
    assert kiosk.closed.text().splitlines()[0] == "Mở lại 07:15 thứ Ba 08/12/2026"
    kiosk.set_hall(hall(db, datetime(2026, 12, 12, 9, 0)))  # a Saturday morning
    assert kiosk.closed.text().splitlines()[0] == "Mở lại 07:15 thứ Hai 14/12/2026"
