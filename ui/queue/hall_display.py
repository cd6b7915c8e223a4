"""The hall display (`motcua display`): a full-screen page for the waiting room's TV. Now serving
at each counter, the last calls, how many wait in each group, a highlight and a spoken
announcement on each new call, and a scrolling notice. It only reads: calls come from the
counters through the shared database (see ui/queue/watch.py). A priority ticket shows why it was
called before others (the category chosen at the kiosk), so the hall sees the order is fair."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.queue import PRIORITIES
from app.services.queue.board import Board, Call, Hall
from ui.queue.marquee import Marquee

HIGHLIGHT_MS = 8000
STYLE = """
#hallDisplay { background: #0b2545; }
#hallDisplay QLabel { color: #ffffff; }
#hallDisplay QLabel[role="head"] { color: #9ec5fe; }
#hallDisplay QLabel[role="dim"] { color: #c8d3e0; }
#hallDisplay QFrame[role="panel"] { background: #13315c; border-radius: 12px; }
#hallDisplay QLabel[role="number"] { color: #ffd166; padding: 0 10px; }
#hallDisplay QLabel[role="name"] { padding: 0 10px; }
#hallDisplay QLabel[role="priority"] { color: #ffd166; padding: 0 10px; }
#hallDisplay QLabel#banner { background: #13315c; border-radius: 12px; padding: 10px; }
#hallDisplay QLabel#banner[lit="true"] { background: #ffd166; color: #0b2545; }
#hallDisplay QLabel[lit="true"] { color: #0b2545; background: #ffd166; border-radius: 8px; }
#hallDisplay Marquee { color: #ffffff; background: #8d0801; }
"""


def _label(text: str = "", role: str = "", align=Qt.AlignmentFlag.AlignLeft) -> QLabel:
    w = QLabel(text)
    if role:
        w.setProperty("role", role)
    w.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return w


def _panel() -> QFrame:
    f = QFrame()
    f.setProperty("role", "panel")
    return f


def _relit(w: QWidget, lit: bool) -> None:
    w.setProperty("lit", "true" if lit else "false")
    w.style().unpolish(w)
    w.style().polish(w)


class HallDisplay(QWidget):
    call_shown = Signal(str, int)  # a new call is on screen (label, counter number)

    def __init__(self, hall: Hall, first: Board, clock: Callable[[], datetime],
                 announce: Callable[[str, int], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hallDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Hall display"))
        self.clock, self.announce = clock, announce
        self.hall = hall
        self.highlighted: str | None = None
        self._seen: set[tuple[int, datetime]] = {c.key for c in first.calls}  # old calls: not announced
        self._seen_day = first.day
        self._counter_rows: dict[int, tuple[QLabel, QLabel]] = {}
        self._priority_labels: dict[int, QLabel] = {}  # per counter: why its ticket went first

        self.unit = _label(hall.unit, "head")
        self.time = _label("", "head", Qt.AlignmentFlag.AlignRight)
        head = QHBoxLayout()
        head.setSpacing(40)
        self.unit.setWordWrap(True)
        head.addWidget(self.unit, 1)
        head.addWidget(self.time)

        self.banner = QLabel(self.tr("Please take a number and wait for your turn"))
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)

        serving = _panel()
        self.grid = QGridLayout(serving)
        self.grid.setContentsMargins(20, 12, 20, 12)
        self.grid.addWidget(_label(self.tr("COUNTER"), "head"), 0, 0)
        self.grid.addWidget(_label(self.tr("NOW SERVING"), "head", Qt.AlignmentFlag.AlignRight), 0, 1)
        self.grid.setColumnStretch(2, 1)  # the priority note takes what is left

        recent = _panel()
        self.calls_box = QVBoxLayout(recent)
        self.calls_box.setContentsMargins(20, 12, 20, 12)
        self.calls_box.addWidget(_label(self.tr("LAST CALLS"), "head"))
        self.call_rows = [_label("", "", Qt.AlignmentFlag.AlignLeft) for _ in range(6)]
        for w in self.call_rows:
            w.setWordWrap(True)  # a call with its priority wraps: it never widens the screen (1280 px)
            self.calls_box.addWidget(w)
        self.calls_box.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(serving, 3)
        body.addWidget(recent, 2)

        self.waiting = _label("", "dim", Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.notice = Marquee(hall.notice)

        page = QVBoxLayout(self)
        page.setContentsMargins(24, 16, 24, 0)
        page.addLayout(head)
        page.addWidget(self.banner)
        page.addLayout(body, 1)
        page.addWidget(self.waiting)
        page.addWidget(self.notice)

        self._unlight = QTimer(self, singleShot=True, interval=HIGHLIGHT_MS, timeout=self._end_highlight)
        self._ticker = QTimer(self, interval=1000, timeout=self._tick)
        self._ticker.start()
        self._tick()
        self.show_board(first)

    # -- content ---------------------------------------------------------------------------
    def show_board(self, b: Board) -> None:
        for c in b.counters:
            if c.number not in self._counter_rows:
                row = len(self._counter_rows) + 1
                name = _label(self.tr("Counter {n}").format(n=c.number), "name")
                number = _label("", "number", Qt.AlignmentFlag.AlignRight)
                why = _label("", "priority")
                self.grid.addWidget(name, row, 0)
                self.grid.addWidget(number, row, 1)
                self.grid.addWidget(why, row, 2)
                self._counter_rows[c.number] = (name, number)
                self._priority_labels[c.number] = why
                self._apply_sizes()
            self._counter_rows[c.number][1].setText(c.label or "—")
            self._priority_labels[c.number].setText(self.priority_text(c.priority) if c.label else "")
        for w, call in zip(self.call_rows, list(b.calls) + [None] * len(self.call_rows), strict=False):
            text = self.tr("{label}  →  Counter {n}").format(label=call.label, n=call.counter_number) if call else ""
            if call and call.priority:
                text += "   ·   " + self.priority_text(call.priority)
            w.setText(text)
        self.waiting.setText("   ·   ".join(
            self.tr("{prefix} {name}: {n} waiting").format(prefix=g.prefix, name=g.name, n=g.waiting)
            for g in b.groups))
        fresh = [c for c in reversed(b.calls) if c.key not in self._seen]  # oldest first
        for call in fresh:
            self._seen.add(call.key)
            self._new_call(call)
        if self._seen_day != b.day:  # yesterday's calls never come back: a display runs for weeks
            self._seen_day = b.day
            self._seen = {k for k in self._seen if k[1].date() >= b.day}

    def priority_text(self, priority: str | None) -> str:
        """'Ưu tiên: Phụ nữ có thai' ('' for a regular ticket)."""
        if not priority:
            return ""
        return self.tr("Priority: {reason}").format(reason=PRIORITIES.get(priority, priority))

    def set_hall(self, hall: Hall) -> None:
        self.hall = hall
        self.unit.setText(hall.unit)
        self.notice.setText(hall.notice)

    def _new_call(self, call: Call) -> None:
        self.highlighted = call.label
        self.banner.setText(self.tr("Citizen number {label}, please come to counter {n}")
                            .format(label=call.label, n=call.counter_number))
        _relit(self.banner, True)
        self._relight_rows(True)
        self._unlight.start()
        if self.announce is not None and self.hall.announce:
            self.announce(call.label, call.counter_number)
        self.call_shown.emit(call.label, call.counter_number)

    def _relight_rows(self, lit: bool) -> None:
        for name, number in self._counter_rows.values():
            on = lit and number.text() == self.highlighted
            _relit(name, on)
            _relit(number, on)

    def _end_highlight(self) -> None:
        self._relight_rows(False)
        self.highlighted = None
        _relit(self.banner, False)
        self.banner.setText(self.tr("Please take a number and wait for your turn"))

    def _tick(self) -> None:
        self.time.setText(self.clock().strftime("%H:%M   %d/%m/%Y"))

    # -- size: text grows with the screen ----------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        unit = max(12, self.height() // 28)

        def size(w: QWidget, factor: float, bold: bool = False) -> None:
            f = QFont(w.font())
            f.setPixelSize(int(unit * factor))
            f.setBold(bold)
            w.setFont(f)

        for w in (self.unit, self.time):
            size(w, 1.0, True)
        size(self.banner, 1.6, True)
        for name, number in self._counter_rows.values():
            size(name, 1.5)
            size(number, 1.8, True)
        for why in self._priority_labels.values():
            size(why, 1.0)
        for i in range(self.grid.columnCount()):
            item = self.grid.itemAtPosition(0, i)
            if item is not None:
                size(item.widget(), 0.9, True)
        size(self.calls_box.itemAt(0).widget(), 0.9, True)
        for w in self.call_rows:
            size(w, 1.3)
        size(self.waiting, 0.9)
        size(self.notice, 1.0)
        self.notice.setMinimumHeight(int(unit * 1.8))
