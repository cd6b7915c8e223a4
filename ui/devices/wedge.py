"""Keyboard-wedge scanners type the code and Enter (or Tab) as a keyboard would, only much faster
than a person. This application-wide filter holds printable keystrokes for a moment: a burst of at
least MIN_LENGTH characters, each within GAP_MS of the one before, ending in Enter or Tab and
forming a code the desk knows (a dossier code, a citizen ID QR, a queue ticket:
app/devices/scan_routing.py), is a scan and is reported as one. Anything else, a fast typist's
name or phone number included, is handed back to the widget it was typed in, in order, and its
Enter or Tab after it: the filter never drops what a person typed. Only keystrokes from the system
(spontaneous events) are considered, never the ones the app or the tests send itself, and
auto-repeat is always typing."""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication

from app.devices.scan_routing import ScanKind, classify
from ui.window_filters import unwatch_windows, watch_windows

GAP_MS = 30  # scanners send a character every 1–10 ms; people at best every 60–80 ms
MIN_LENGTH = 4  # a queue ticket ("A012") is the shortest code scanned
ENDS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_TYPING = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.KeypadModifier)


def is_known_code(text: str) -> bool:
    return classify(text).kind is not ScanKind.UNKNOWN


def _monotonic_ms() -> float:
    return time.monotonic() * 1000


class WedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = _monotonic_ms,
                 is_code: Callable[[str], bool] = is_known_code, hold_ms: int = GAP_MS):
        super().__init__(parent)
        # The clock (milliseconds) and the hold are the tests' to set: their keys carry the
        # timestamps they choose, and nothing is handed on behind their back.
        self.clock, self.is_code = clock, is_code
        self.held: list[tuple[QObject, QKeyEvent]] = []
        self.last = 0.0
        self._replaying = False
        self.flush_timer = QTimer(self)
        self.flush_timer.setSingleShot(True)
        self.flush_timer.setInterval(hold_ms)
        self.flush_timer.timeout.connect(self.flush)

    def install(self) -> WedgeFilter:
        watch_windows(self)  # the windows, not the application: ui/window_filters.py
        return self

    def remove(self) -> None:
        self.flush()
        if QApplication.instance() is not None:
            unwatch_windows(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The events of the app's windows pass here: the isinstance test is the cheap one
        # (event.type() builds a Python enum).
        if not isinstance(event, QKeyEvent) or self._replaying or event.type() != QEvent.Type.KeyPress \
                or not event.spontaneous():
            return False
        now = self.clock()
        fast = bool(self.held) and now - self.last <= GAP_MS
        if event.key() in ENDS and fast and len(self.held) >= MIN_LENGTH:
            text = "".join(e.text() for _obj, e in self.held)
            if self.is_code(text):
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
        # A key from the system reaches the window first, which passes it to its focus widget: the
        # key is held for that widget, so it lands where it was typed even if the focus moves.
        target = (obj.focusObject() or obj) if isinstance(obj, QWindow) else obj
        self.held.append((target, QKeyEvent(event.type(), event.key(), event.modifiers(), text)))
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
