"""Keyboard-wedge scanners type the code and Enter (or Tab) as a keyboard would, only much faster
than a person. This application-wide filter holds printable keystrokes for a moment: a burst of at
least MIN_LENGTH characters, each within GAP_MS of the one before and ending in Enter or Tab, is a
scan and is reported as one; anything slower is handed on to its widget unchanged, a few
milliseconds late. Only keystrokes from the system (spontaneous events) are considered, never the
ones the app or the tests send itself, and auto-repeat is always typing."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

GAP_MS = 30  # scanners send a character every 1–10 ms; people at best every 60–80 ms
MIN_LENGTH = 4  # a queue ticket ("A012") is the shortest code scanned
ENDS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_TYPING = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.KeypadModifier)


class WedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.held: list[tuple[QObject, QKeyEvent]] = []
        self.last = 0.0
        self._replaying = False
        self.flush_timer = QTimer(self)
        self.flush_timer.setSingleShot(True)
        self.flush_timer.setInterval(GAP_MS)
        self.flush_timer.timeout.connect(self.flush)

    def install(self) -> WedgeFilter:
        QApplication.instance().installEventFilter(self)
        return self

    def remove(self) -> None:
        self.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not event.spontaneous():
            return False
        now = time.monotonic() * 1000
        fast = bool(self.held) and now - self.last <= GAP_MS
        if event.key() in ENDS and fast and len(self.held) >= MIN_LENGTH:
            text = "".join(e.text() for _obj, e in self.held)
            self.held.clear()
            self.flush_timer.stop()
            self.scanned.emit(text)
            return True  # the burst and its Enter were a scan, not typing
        text = event.text()
        typing = text and text.isprintable() and not event.isAutoRepeat() and event.modifiers() in _TYPING
        if not typing:
            self.flush()
            return False
        if self.held and not fast:
            self.flush()
        self.held.append((obj, QKeyEvent(event.type(), event.key(), event.modifiers(), text)))
        self.last = now
        self.flush_timer.start()
        return True

    def flush(self) -> None:
        """Hand the held keystrokes to their widgets, in order: it was typing after all."""
        self.flush_timer.stop()
        held, self.held = self.held, []
        self._replaying = True
        try:
            for obj, event in held:
                if shiboken6.isValid(obj):  # the widget may have closed in the meantime
                    QApplication.sendEvent(obj, event)
        finally:
            self._replaying = False
