"""Rating keypads: which key does what on the citizen's rating screen (`motcua rating`).

Two kinds of keypad, one key map (the setting `rating.keys`, a list of "KEY=ACTION"):
- a USB keypad is a keyboard: the screen turns each key press into a key name (ui/rating/keys.py);
- a serial keypad sends one ASCII byte per key ("1".."5", CR for Enter, "0" or BS for skip), read
  here on app/devices/link.py's DeviceLink thread (no select, no termios: Windows COM ports and
  pyserial URLs work alike) and turned into the same key names.
An action is a score "1".."5", "send" (the reasons chosen) or "skip" (no reasons).

Headless on purpose (no Qt): the screen turns the callbacks into queued Qt signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.devices.config import PortSettings

log = logging.getLogger("motcua.devices")

KEYPAD_NAME = "Bàn phím đánh giá"
ACTIONS = ("1", "2", "3", "4", "5", "send", "skip")
DEFAULT_KEYS = ["1=1", "2=2", "3=3", "4=4", "5=5", "Enter=send", "0=skip", "Backspace=skip"]
# Keys with a name (a USB keypad's non-printing keys); any other key is its one printable ASCII
# character: "1", "+", "*" …
NAMED_KEYS = ("Enter", "Backspace", "Escape", "Space", "Tab", "Delete", *(f"F{i}" for i in range(1, 13)))
# A serial keypad's control bytes, by the key they stand for. LF alone counts as Enter; the LF of a
# CR LF pair is dropped (one press, not two).
_BYTE_NAMES = {0x0D: "Enter", 0x0A: "Enter", 0x08: "Backspace", 0x7F: "Backspace", 0x1B: "Escape",
               0x20: "Space", 0x09: "Tab"}


def _key_ok(key: str) -> bool:
    return key in NAMED_KEYS or (len(key) == 1 and key.isascii() and key.isprintable() and key != " ")


def parse_keys(entries: list) -> dict[str, str]:
    """{key name: action} from the setting's entries; ValueError naming the first wrong one. Every
    score and "send" need a key (a citizen with only the keypad must be able to give each), a key
    does one thing."""
    if not isinstance(entries, list):
        raise ValueError("not a list")
    keys: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, str):
            raise ValueError("not text")
        key, sep, action = entry.rpartition("=")  # "==send": the key "=" sends
        if not sep or not _key_ok(key) or action not in ACTIONS or key in keys:
            raise ValueError(f"«{entry}»")
        keys[key] = action
    missing = [a for a in ACTIONS if a != "skip" and a not in keys.values()]
    if missing:
        raise ValueError(f"thiếu {', '.join(missing)}")
    return keys


def keys_ok(entries) -> bool:
    """The check of the setting `rating.keys` (app/services/settings/store.py)."""
    try:
        parse_keys(entries)
    except (ValueError, TypeError):
        return False
    return True


def key_map(entries) -> dict[str, str]:
    """The map in force: the setting's, or the default one if the stored value is unusable."""
    try:
        return parse_keys(entries)
    except (ValueError, TypeError):
        return parse_keys(DEFAULT_KEYS)


class KeyBytes:
    """Bytes from a serial keypad → key names (one byte, one key; unknown bytes are dropped)."""

    def __init__(self) -> None:
        self._last = -1

    def feed(self, data: bytes) -> list[str]:
        out = []
        for byte in data:
            after_cr, self._last = self._last == 0x0D, byte
            if byte == 0x0A and after_cr:
                continue
            name = _BYTE_NAMES.get(byte) or (chr(byte) if 0x21 <= byte <= 0x7E else None)
            if name is not None:
                out.append(name)
        return out


class RatingKeypad:
    """A serial keypad on its own device thread: `on_key(name)` for each key pressed, `on_state(
    connected)` when it is plugged in or lost (reopened every half second: app/devices/link.py)."""

    def __init__(self, settings: PortSettings, on_key: Callable[[str], None],
                 on_state: Callable[[bool], None] = lambda _ok: None):
        from app.devices.link import DeviceLink

        decoder = KeyBytes()  # used on the device thread only

        def on_data(data: bytes) -> None:
            for name in decoder.feed(data):
                on_key(name)

        self.link = DeviceLink(KEYPAD_NAME, settings, on_data=on_data, on_state=lambda ok, _m: on_state(ok))

    @property
    def connected(self) -> bool:
        return self.link.connected

    def start(self) -> RatingKeypad:
        self.link.start()
        return self

    def stop(self) -> None:
        self.link.stop()
