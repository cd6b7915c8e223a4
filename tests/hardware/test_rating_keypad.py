"""Rating keypads (issue 23 §1): a serial keypad sends one ASCII byte per key over real lines (a
pseudo-terminal made by socat, a TCP device server, pyserial's `loop://`, which has no file
descriptor, like a Windows COM port); the keypad emulator rates a served ticket on the rating
screen; unplugged, the screen says so and touch still works, and plugged back it works again.
Also the key map (the setting `rating.keys`) and the keypad's place in devices.json."""

from __future__ import annotations

import json
import threading

import pytest

from app.devices.config import (
    DeviceSettings,
    KeypadSettings,
    PortSettings,
    ScannerSettings,
    load_devices,
    save_devices,
)
from app.devices.emulators import KeypadEmulator, TcpKeypad
from app.devices.rating_keypad import DEFAULT_KEYS, KeyBytes, RatingKeypad, parse_keys
from app.errors import UserError
from app.services.settings.store import SPECS, change_setting
from tests.hardware.lines import make_line
from tests.ui.rating.conftest import open_screen
from tests.ui.rating.helpers import ADMIN, enable, ratings, serve_and_finish
from ui.rating.keys import SerialKeys
from ui.rating.screen import IDLE, PROMPT, REASONS, THANKS

UNPLUGGED = "Bàn phím đánh giá chưa kết nối: xin quý vị chạm trực tiếp lên màn hình"


class Keys:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.states: list[bool] = []
        self.lock = threading.Condition()

    def on_key(self, name: str) -> None:
        with self.lock:
            self.names.append(name)
            self.lock.notify_all()

    def on_state(self, ok: bool) -> None:
        with self.lock:
            self.states.append(ok)
            self.lock.notify_all()

    def wait(self, condition) -> None:
        with self.lock:
            assert self.lock.wait_for(condition, 10.0), f"timed out; keys={self.names} states={self.states}"


def test_one_byte_one_key():
    d = KeyBytes()
    assert d.feed(b"5\r\n3") == ["5", "Enter", "3"]  # the LF of CR LF is the same press
    assert d.feed(b"\n\x08\x7f0\x00\xff+") == ["Enter", "Backspace", "Backspace", "0", "+"]  # NUL, 0xFF: noise
    assert d.feed(b"\r") + d.feed(b"\n") == ["Enter"]  # split across two reads


@pytest.mark.parametrize("kind", ["pty", "tcp", "loop"])
def test_keys_arrive_over_each_kind_of_line(tmp_path, kind):
    line = make_line(kind, tmp_path, TcpKeypad())
    got = Keys()
    keypad = RatingKeypad(PortSettings(port=line.port), got.on_key, got.on_state).start()
    try:
        line.ready(keypad.link)
        got.wait(lambda: got.states == [True])
        if kind == "loop":  # loop:// hands back what the app writes: the app plays the keypad
            line.send(b"4\r0")
        else:
            for key in ("4", "Enter", "0"):
                line.device.press(key)
        got.wait(lambda: len(got.names) == 3)
        assert got.names == ["4", "Enter", "0"]
    finally:
        keypad.stop()
        line.close()


def test_the_keypad_emulator_rates_a_served_ticket(qtbot, db, tmp_path):
    enable(db)
    emulator = KeypadEmulator(tmp_path / "keypad").plug()
    keys = SerialKeys(KeypadSettings(port=emulator.path)).start()
    screen, feed, ticks = open_screen(qtbot, db, keypad=keys)
    try:
        qtbot.waitUntil(lambda: keys.connected and screen.status.text() == "", timeout=10_000)
        serve_and_finish(db)
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == PROMPT, timeout=10_000)
        ticks.later()
        emulator.press("2")
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == REASONS, timeout=10_000)
        ticks.later()
        emulator.press("1")
        qtbot.waitUntil(lambda: len(screen.reasons.chosen()) == 1, timeout=10_000)
        emulator.press("Enter")
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == THANKS, timeout=10_000)
        qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
        r = ratings(db)[0]
        assert (r.score, r.reasons, r.source) == (2, [list(screen.reasons.toggles)[0]], "keypad")
    finally:
        feed.stop()
        keys.stop()
        emulator.close()


def test_an_unplugged_keypad_is_said_and_works_again_when_back(qtbot, db, tmp_path):
    """socat's pseudo-terminal (PTY,link=PATH) in front of the emulated keypad: ending socat
    closes the terminal under the screen, as pulling the USB-serial adapter does."""
    enable(db)
    line = make_line("pty", tmp_path, TcpKeypad())
    keys = SerialKeys(KeypadSettings(port=line.port)).start()
    screen, feed, ticks = open_screen(qtbot, db, keypad=keys)
    try:
        qtbot.waitUntil(lambda: keys.connected and screen.status.text() == "", timeout=10_000)
        line.unplug()
        qtbot.waitUntil(lambda: screen.status.text() == UNPLUGGED, timeout=10_000)
        serve_and_finish(db)  # touch still works meanwhile
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == PROMPT, timeout=10_000)
        line.plug()
        qtbot.waitUntil(lambda: keys.connected and screen.status.text() == "", timeout=10_000)
        ticks.later()
        line.device.press("5")
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == THANKS, timeout=10_000)
        qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
        assert (ratings(db)[0].score, ratings(db)[0].source) == (5, "keypad")
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == IDLE, timeout=10_000)
    finally:
        feed.stop()
        keys.stop()
        line.close()


def test_the_key_map_setting_is_checked(db):
    assert SPECS["rating.keys"].default == DEFAULT_KEYS
    assert parse_keys(DEFAULT_KEYS)["Backspace"] == "skip"
    assert parse_keys(["==send", "1=1", "2=2", "3=3", "4=4", "5=5"])["="] == "send"
    for bad in (["1=1", "2=2", "3=3", "4=4", "5=5"],  # nothing sends
                ["1=1", "1=2", "3=3", "4=4", "5=5", "Enter=send"],  # one key, two things
                ["1=1", "2=2", "3=3", "4=4", "5=5", "Enter=send", "Ä=skip"],  # not a keypad's key
                ["1=1", "2=2", "3=3", "4=4", "5=6", "Enter=send"], "1=1", [1, 2]):
        with pytest.raises(UserError) as refused:
            change_setting(db, ADMIN, "rating.keys", bad)
        assert "Phím của bàn phím đánh giá" in str(refused.value)
    change_setting(db, ADMIN, "rating.keys", ["9=5", "8=4", "7=3", "6=2", "5=1", "Enter=send"])


def test_the_keypad_in_devices_json(tmp_path):
    (tmp_path / "devices.json").write_text(json.dumps({"keypad": {"port": "COM7", "baud": 2400}}), encoding="utf-8")
    settings = load_devices(tmp_path)
    assert settings.keypad == KeypadSettings(port="COM7", baud=2400)
    save_devices(tmp_path, settings)
    assert load_devices(tmp_path) == settings
    (tmp_path / "devices.json").write_text(json.dumps({"keypad": {"port": "COM7", "baud": 1234}}), encoding="utf-8")
    with pytest.raises(UserError, match=r"^Bàn phím đánh giá: tốc độ 1234 không hỗ trợ"):
        load_devices(tmp_path)
    with pytest.raises(UserError, match="Hai thiết bị không thể dùng chung một cổng"):
        DeviceSettings(scanner=ScannerSettings(port="COM7"),
                       keypad=KeypadSettings(port="COM7")).check()
