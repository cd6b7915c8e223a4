"""Typing into Qt widgets the way a keyboard does, Vietnamese included.

qtbot.keyClicks with a non-ASCII character aborts the whole test process, so every character is
sent as a key event that carries its text (Qt.Key_unknown for letters outside ASCII) to the
widget that has the focus, as a real keyboard would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.events import process_events


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "", widget: QWidget | None = None) -> None:
    target = widget or focused()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
    process_events()


def type_text(text: str, widget: QWidget | None = None) -> None:
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else (
            Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown)
        press(key, text=ch, widget=widget)


def tab(times: int = 1) -> None:
    for _ in range(times):
        widget = focused()
        # What QApplication does with a Tab nobody consumed: move the focus along the chain.
        press(Qt.Key.Key_Tab, widget=widget)


def enter(widget: QWidget | None = None) -> None:
    press(Qt.Key.Key_Return, text="\r", widget=widget)


def show_active(qtbot, widget: QWidget) -> QWidget:
    """Show `widget` and wait until it has the keyboard: offscreen, key events only reach the
    active window."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def system_keys(widget: QWidget, keys, delay_ms: int = -1) -> None:
    """`keys` (ASCII characters or Qt.Key values) as the system delivers them: to the top-level
    window of `widget`, which must have the focus there, and from the window to that widget. The
    desk's input filters (idle lock, keyboard wedge) watch this path (ui/window_filters.py); QTest
    marks the keys spontaneous, as the system's are."""
    from PySide6.QtTest import QTest

    window = widget.window().windowHandle()
    assert window is not None and widget.window().focusWidget() is widget, "the widget must have the focus"
    for key in keys:
        QTest.keyClick(window, key, Qt.KeyboardModifier.NoModifier, delay_ms)
