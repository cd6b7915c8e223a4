"""The ticket kiosk (`motcua kiosk`): a full-screen touch page. One big button per service group
(with how many wait), optional priority categories, then the ticket: the number, people ahead
and an estimated wait on screen, and on paper. A second tap within a moment is ignored (peer
kiosks issued two numbers for one double tap), and a ticket counts as issued only once the
printer took it. Outside office hours it shows when it opens next.

A priority choice belongs to one ticket on one visit of the start page: issuing the ticket or
leaving the page clears it. A touch in the first moment after the page changed is ignored: on a
touch screen the end of the tap that changed the page (or a bounce of it) lands on the new page,
and "Xong" on the ticket page armed "Phụ nữ có thai" on the start page beneath it, so the next,
regular citizen was called first as priority."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.devices.escpos import Ticket
from app.devices.link import Written
from app.domain.permissions import Actor
from app.domain.queue import PRIORITIES
from app.domain.vocab import Role
from app.errors import UserError
from app.services.queue import tickets as q
from app.services.queue.board import Board, Hall
from db.engine import Database

GUARD_SECONDS = 1.5  # a tap this soon after a ticket is a double tap
PAGE_GUARD_SECONDS = 0.5  # a touch this soon after the page changed was meant for the page before
DONE_MIN_HEIGHT = 80  # px: "Xong" is a finger's target (≥ 64 px, 9 mm at 96 dpi)
START, RESULT, CLOSED = 0, 1, 2  # the pages
_TOUCH_DOWN = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
_TOUCH_UP = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd)
RESULT_MS = 8000  # how long the ticket stays on screen
KIOSK = Actor(login="kiosk", role=Role.GUIDE, full_name="Máy lấy số")
STYLE = """
#kiosk { background: #f4f7fb; }
#kiosk QLabel { color: #0b2545; }
#kiosk QPushButton[role="group"] { background: #13315c; color: white; border-radius: 18px; padding: 18px;
                                   text-align: left; }
#kiosk QPushButton[role="group"]:pressed { background: #0b2545; }
#kiosk QPushButton[role="priority"] { background: white; color: #0b2545; border: 2px solid #13315c;
                                      border-radius: 14px; padding: 10px; }
#kiosk QPushButton[role="priority"]:checked { background: #ffd166; }
#kiosk QLabel#ticketNumber { color: #8d0801; }
#kiosk QPushButton#doneButton { background: #13315c; color: white; border-radius: 18px; padding: 10px 48px; }
#kiosk QPushButton#doneButton:pressed { background: #0b2545; }
"""


class Kiosk(QWidget):
    issued = Signal(object)  # q.Issued, once it is on screen
    _printed = Signal(int, str, str)  # ticket id, Written value, message (from the printer's thread)

    def __init__(self, db: Database, hall: Hall, first: Board, clock: Callable[[], datetime],
                 printer=None, parent: QWidget | None = None, *, ticks: Callable[[], float] = time.monotonic):
        """`ticks`: seconds from a monotonic clock, for the tap guards (tests drive their own)."""
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Queue tickets"))
        self.db, self.clock, self.printer, self.hall, self.ticks = db, clock, printer, hall, ticks
        self.ignored_taps = 0
        self._last_tap = float("-inf")
        self._page_shown = float("-inf")  # when the current page appeared (ticks)
        self._swallowing: set[QObject] = set()  # buttons whose touch began too soon: its end goes too
        self._printing: int | None = None
        self.priority: str | None = None

        self.unit = QLabel(hall.unit)
        self.unit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page(first))
        self.pages.addWidget(self._result_page())
        self.pages.addWidget(self._closed_page())
        page = QVBoxLayout(self)
        page.setContentsMargins(40, 24, 40, 24)
        page.addWidget(self.unit)
        page.addWidget(self.pages, 1)

        self._printed.connect(self._after_print)
        self._back = QTimer(self, singleShot=True, interval=RESULT_MS,
                            timeout=lambda: self.start_over(guard=True))
        for button in self.findChildren(QPushButton):
            button.installEventFilter(self)
        self.set_hall(hall)

    # -- pages -------------------------------------------------------------------------------
    def _choose_page(self, first: Board) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        self.prompt = QLabel(self.tr("Touch the service you need to take a number"))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.prompt)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.group_buttons: dict[str, QPushButton] = {}
        for i, g in enumerate(first.groups):
            b = QPushButton()
            b.setProperty("role", "group")
            b.setObjectName(f"group_{g.code}")
            b.setMinimumHeight(140)
            b.clicked.connect(lambda _=False, code=g.code: self.tap(code))
            grid.addWidget(b, i // 2, i % 2)
            self.group_buttons[g.code] = b
        box.addLayout(grid, 1)
        row = QHBoxLayout()
        self.priority_title = QLabel(self.tr("Priority (show your papers at the counter):"))
        self.priority_title.setWordWrap(True)
        row.addWidget(self.priority_title, 2)
        self.priority_buttons: dict[str, QPushButton] = {}
        for key, name in PRIORITIES.items():
            b = QPushButton(name)
            b.setProperty("role", "priority")
            b.setCheckable(True)
            b.setMinimumHeight(80)
            b.clicked.connect(lambda checked, k=key: self._choose_priority(k if checked else None))
            row.addWidget(b, 1)
            self.priority_buttons[key] = b
        box.addLayout(row)
        self.show_board(first)
        return w

    def _result_page(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        self.your_number = QLabel(self.tr("Your number"))
        self.number = QLabel()
        self.number.setObjectName("ticketNumber")
        self.service = QLabel()
        self.ahead = QLabel()
        self.print_state = QLabel()
        for label in (self.your_number, self.number, self.service, self.ahead, self.print_state):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            box.addWidget(label)
        self.done = QPushButton(self.tr("Done"))
        self.done.setObjectName("doneButton")
        self.done.setMinimumSize(280, DONE_MIN_HEIGHT)
        self.done.clicked.connect(lambda: self.start_over(guard=True))
        box.addWidget(self.done, 0, Qt.AlignmentFlag.AlignHCenter)
        return w

    def _closed_page(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        self.closed = QLabel()
        self.closed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.closed.setWordWrap(True)
        box.addWidget(self.closed)
        return w

    # -- state -------------------------------------------------------------------------------
    def show_board(self, b: Board) -> None:
        for g in b.groups:
            button = self.group_buttons.get(g.code)
            if button is not None:
                button.setText(self.tr("{prefix}   {name}\n{n} waiting").format(prefix=g.prefix, name=g.name,
                                                                                n=g.waiting))

    def set_hall(self, hall: Hall) -> None:
        self.hall = hall
        self.unit.setText(hall.unit)
        hours = self.tr("Numbers are issued during office hours\n{hours}").format(hours=hall.hours)
        self.closed.setText(hours if hall.opens_at is None else f"{self.opens_text(hall.opens_at)}\n\n{hours}")
        if not hall.open_now:
            self._go(CLOSED)
        elif self.pages.currentIndex() == CLOSED:
            self._go(START)

    def opens_text(self, at: datetime) -> str:
        """'Mở lại 07:15 thứ Hai 07/12/2026'."""
        days = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"))
        return self.tr("Opens again at {time} {weekday} {date}").format(
            time=f"{at:%H:%M}", weekday=days[at.weekday()], date=f"{at:%d/%m/%Y}")

    def _go(self, page: int, guard: bool = True) -> None:
        """Show `page`. The start page's priority choice goes with it; `guard`: touches in the
        next moment are ignored (they were aimed at the page before)."""
        if page == self.pages.currentIndex():
            return
        self._choose_priority(None)
        self.pages.setCurrentIndex(page)
        self._page_shown = self.ticks() if guard else float("-inf")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A touch on any of the kiosk's buttons within PAGE_GUARD_SECONDS of a page change is
        dropped whole (its press and its release), so no button is clicked or ticked by it."""
        kind = event.type()
        if kind in _TOUCH_DOWN:
            if self.ticks() - self._page_shown < PAGE_GUARD_SECONDS:
                self._swallowing.add(watched)
                self.ignored_taps += 1
                return True
            self._swallowing.discard(watched)  # a release that never came must not eat this touch's
        elif kind in _TOUCH_UP and watched in self._swallowing:
            self._swallowing.discard(watched)
            return True
        return super().eventFilter(watched, event)

    def _choose_priority(self, key: str | None) -> None:
        self.priority = key
        for k, b in self.priority_buttons.items():
            b.setChecked(k == key)

    def start_over(self, guard: bool = False) -> None:
        """The start page for the next citizen. `guard`: the page changes under a finger ("Xong",
        the ticket page's timeout); a reset from code has none to guard against."""
        self._back.stop()
        self._choose_priority(None)
        self._go(START if self.hall.open_now else CLOSED, guard)

    # -- a tap -------------------------------------------------------------------------------
    def tap(self, group_code: str) -> q.Issued | None:
        now = self.ticks()
        if (now - self._last_tap < GUARD_SECONDS or self._printing is not None or not self.hall.open_now
                or self.pages.currentIndex() != START):
            self.ignored_taps += 1
            return None
        self._last_tap = now
        try:
            ticket = q.issue_ticket(self.db, group_code, self.priority, at=self.clock(), held=self.printer is not None)
        except UserError as exc:
            self._show_result(None, str(exc))
            return None
        self._show_result(ticket, self.tr("Printing your ticket…") if self.printer else "")
        if self.printer is not None:
            self._print(ticket)
        self.issued.emit(ticket)
        return ticket

    def _show_result(self, t: q.Issued | None, state: str) -> None:
        self.your_number.setVisible(t is not None)
        self.number.setText(t.label if t else "")
        self.service.setText(t.group if t else "")
        if t is None:
            self.ahead.setText("")
        elif t.wait_minutes is None:
            self.ahead.setText(self.tr("{n} people ahead of you").format(n=t.ahead))
        else:
            self.ahead.setText(self.tr("{n} people ahead of you · about {m} minutes")
                               .format(n=t.ahead, m=t.wait_minutes))
        self.print_state.setText(state)
        self._go(RESULT)  # the priority chosen went with this ticket: the next citizen starts regular
        self._back.start()

    def _print(self, t: q.Issued) -> None:
        self._printing = t.id
        note = f"Ưu tiên: {PRIORITIES[t.priority]}" if t.priority else ""
        paper = Ticket(t.label, t.group, t.issued_at, self.hall.unit, t.ahead, note)
        future = self.printer.print(paper)
        future.add_done_callback(lambda f, tid=t.id: self._printed.emit(tid, f.result().result.value,
                                                                        f.result().message))

    def _after_print(self, ticket_id: int, result: str, message: str) -> None:
        self._printing = None
        try:
            if result == Written.FAILED:
                q.void(self.db, KIOSK, ticket_id, message)
                self.your_number.setVisible(False)
                self.number.setText("")
                self.ahead.setText("")
                self.print_state.setText(self.tr("The ticket printer is not working, so no number was issued. "
                                                 "Please ask the staff at the information desk."))
                return
            q.release(self.db, ticket_id)
        except UserError as exc:
            self.print_state.setText(str(exc))
            return
        self.print_state.setText(self.tr("Please take your ticket.") if result == Written.OK else
                                 self.tr("If no ticket came out, please remember your number."))

    # -- size --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        unit = max(12, self.height() // 30)

        def size(w: QWidget, factor: float, bold: bool = False) -> None:
            f = QFont(w.font())
            f.setPixelSize(int(unit * factor))
            f.setBold(bold)
            w.setFont(f)

        size(self.unit, 1.2, True)
        size(self.prompt, 1.3)
        for b in self.group_buttons.values():
            size(b, 1.3, True)
        size(self.priority_title, 0.8)
        for b in self.priority_buttons.values():
            size(b, 0.75)
        size(self.your_number, 1.3)
        size(self.number, 6, True)
        for w in (self.service, self.ahead, self.print_state, self.closed):
            size(w, 1.2)
        size(self.done, max(1.3, 28 / unit), True)  # never under 28 px: read at arm's length
