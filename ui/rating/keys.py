"""A USB rating keypad is a keyboard: its key presses → the key names of the setting `rating.keys`
(app/devices/rating_keypad.py), and a serial keypad's keys → the same names on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from app.devices.config import KeypadSettings
from app.devices.rating_keypad import RatingKeypad

_NAMED = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Backspace: "Backspace",
          Qt.Key.Key_Escape: "Escape", Qt.Key.Key_Space: "Space", Qt.Key.Key_Tab: "Tab",
          Qt.Key.Key_Delete: "Delete", **{getattr(Qt.Key, f"Key_F{i}"): f"F{i}" for i in range(1, 13)}}


def key_name(event: QKeyEvent) -> str | None:
    """"Enter", "F2", "1", "+" …; None for a key the map cannot name (a modifier alone, a letter
    with accents). The numeric keypad's digits are the digits: a USB keypad is just that."""
    named = _NAMED.get(Qt.Key(event.key()))
    if named is not None:
        return named
    text = event.text()
    return text if len(text) == 1 and text.isascii() and text.isprintable() and text != " " else None


class SerialKeys(QObject):
    """The serial keypad of this PC's devices.json, its keys and its state as queued signals."""

    pressed = Signal(str)  # a key name, on the GUI thread
    state_changed = Signal(bool)  # connected

    def __init__(self, settings: KeypadSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.keypad = RatingKeypad(settings, self.pressed.emit, self.state_changed.emit)

    @property
    def connected(self) -> bool:
        return self.keypad.connected

    def start(self) -> SerialKeys:
        self.keypad.start()
        return self

    def stop(self) -> None:
        self.keypad.stop()
