"""The keyboard-wedge filter never drops what a person typed: keys typed quickly that do not form
a known code (a dossier code, a citizen ID QR, a queue ticket) go back to the field they were typed
in, in order, with their Enter or Tab; a known code ending in Enter is still one scan.

Keys are sent as the system sends them (to the window, which the filter watches; QTest marks
them spontaneous) and the filter reads their
timestamps from the test's clock, so "fast" is exactly what each test says, never the machine's
speed; the hold is long, so nothing is handed on by the timer unless a test waits for it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import show_active, system_keys
from ui.devices.wedge import GAP_MS, WedgeFilter
from ui.main import make_app

FAST, SLOW = 4, 120  # ms between keys: a scanner, a person


class Clock:
    def __init__(self):
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class Desk(QWidget):
    """Two fields and what reached them: the text at each Enter, and the scans."""

    def __init__(self):
        super().__init__()
        self.first, self.second = QLineEdit(), QLineEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.entered: list[str] = []
        self.first.returnPressed.connect(lambda: self.entered.append(self.first.text()))


@pytest.fixture
def desk(qtbot):
    make_app()
    d = show_active(qtbot, Desk())
    d.first.setFocus()
    return d


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def wedge(clock):
    w = WedgeFilter(clock=clock, hold_ms=60_000).install()
    w.scans = []
    w.scanned.connect(w.scans.append)
    yield w
    w.remove()


def keys(widget, text: str, gap: float, clock: Clock, *, end: Qt.Key | None = None) -> None:
    """`text` (ASCII) typed into `widget` (it has the focus) one key every `gap` ms, then `end` as
    quickly: through its window, as the system sends keys."""
    for ch in text:
        clock.now += gap
        system_keys(widget, ch)
    if end is not None:
        clock.now += gap
        system_keys(widget, [end])


def test_fast_typed_text_is_given_back_in_order_with_its_enter(desk, wedge, clock):
    keys(desk.first, "Nguyen Van An 0912", FAST, clock, end=Qt.Key.Key_Return)
    assert desk.first.text() == "Nguyen Van An 0912"
    assert desk.entered == ["Nguyen Van An 0912"]  # the Enter came after the whole text, once
    assert wedge.scans == [] and wedge.held == []


def test_fast_digits_and_their_tab_move_on_to_the_next_field(desk, wedge, clock):
    keys(desk.first, "0912345678", FAST, clock, end=Qt.Key.Key_Tab)
    assert desk.first.text() == "0912345678"
    assert desk.second.hasFocus()  # the Tab was not taken either
    keys(desk.second, "abc", FAST, clock)
    wedge.flush()  # what the hold's timer does
    assert desk.second.text() == "abc" and wedge.scans == []


def test_a_slow_start_and_a_fast_tail_are_all_kept(desk, wedge, clock):
    keys(desk.first, "Ng", SLOW, clock)
    keys(desk.first, "uyen Thi B", FAST, clock, end=Qt.Key.Key_Return)
    assert desk.first.text() == "Nguyen Thi B" and desk.entered == ["Nguyen Thi B"]


def test_a_known_code_ending_in_enter_is_one_scan_and_lands_nowhere(desk, wedge, clock, db):
    keys(desk.first, "A012", FAST, clock, end=Qt.Key.Key_Return)
    code = register(db, OFFICER, request("1.000894")).code
    keys(desk.first, code.lower(), FAST, clock, end=Qt.Key.Key_Return)  # a scanner on a lower-case layout
    assert wedge.scans == ["A012", code.lower()]
    assert desk.first.text() == "" and desk.entered == []


def test_a_burst_too_slow_at_its_end_is_typing(desk, wedge, clock):
    keys(desk.first, "A012", FAST, clock)
    clock.now += GAP_MS + 1  # the Enter after a pause: a person checked the ticket, then pressed it
    system_keys(desk.first, [Qt.Key.Key_Return])
    assert wedge.scans == [] and desk.first.text() == "A012" and desk.entered == ["A012"]


def test_held_keys_go_to_the_field_they_were_typed_in_even_if_the_focus_moved(desk, wedge, clock, qtbot):
    window = desk.windowHandle()  # the system's path: the window, then its focus widget
    for ch in "abc":
        clock.now += FAST
        QTest.keyClick(window, ch)
    assert desk.first.text() == ""  # held: it might still become a scan
    desk.second.setFocus()  # the application moves the focus meanwhile
    wedge.flush()
    assert desk.first.text() == "abc" and desk.second.text() == ""


def test_quick_keys_without_an_end_are_handed_on_by_the_timer(desk, clock, qtbot):
    wedge = WedgeFilter(clock=clock).install()  # the real hold
    try:
        keys(desk.first, "12", FAST, clock)
        qtbot.waitUntil(lambda: desk.first.text() == "12", timeout=2000)
    finally:
        wedge.remove()
