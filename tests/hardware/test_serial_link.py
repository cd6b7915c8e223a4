"""The device thread over real pseudo-terminals: scans arrive whole whatever the suffix; garbage is
reported and the next good scan works; an unplugged device is reported and reopened by itself once
it is back; writes report an outcome the caller can trust."""

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.config import PortSettings
from app.devices.emulators import PtyDevice, ScannerEmulator
from app.devices.link import RETRY, DeviceLink, Written
from app.devices.scanner import MAX_SCAN, Scan, ScanAssembler, ScanProblem


class Collector:
    def __init__(self, suffix="any"):
        self.assembler = ScanAssembler(suffix)
        self.items: list = []
        self.states: list[bool] = []
        self.lock = threading.Condition()

    def on_data(self, data):
        with self.lock:
            self.items += self.assembler.feed(data)
            self.lock.notify_all()

    def on_state(self, ok, _msg):
        with self.lock:
            self.states.append(ok)
            self.lock.notify_all()

    def wait(self, condition, timeout=5.0):
        with self.lock:
            assert self.lock.wait_for(condition, timeout), f"timed out; items={self.items} states={self.states}"


@pytest.fixture
def scanner(tmp_path):
    emu = ScannerEmulator(tmp_path / "scanner").plug()
    got = Collector()
    link = DeviceLink("Máy quét", PortSettings(port=emu.path), on_data=got.on_data, on_state=got.on_state).start()
    got.wait(lambda: got.states == [True])
    yield emu, link, got
    link.stop()
    emu.close()


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "\t", "\r\t"])
def test_every_suffix_ends_a_scan(scanner, suffix):
    emu, _link, got = scanner
    emu.scan("000.00.01.H62-261123-0001", suffix)
    emu.scan("000.00.01.H62-261123-0002", suffix)
    got.wait(lambda: len(got.items) == 2)
    assert got.items == [Scan("000.00.01.H62-261123-0001"), Scan("000.00.01.H62-261123-0002")]


def test_vietnamese_arrives_whole_and_nfc(scanner):
    emu, _link, got = scanner
    emu.write("Nguyễn Văn An".encode() + b"|" + "Nguyễn".encode() + b"\r")
    import unicodedata

    emu.write(unicodedata.normalize("NFD", "Đỗ Thị Ánh").encode() + b"\r")
    got.wait(lambda: len(got.items) == 2)
    assert got.items[1] == Scan("Đỗ Thị Ánh")


def test_garbage_is_reported_and_the_next_scan_works(scanner):
    emu, _link, got = scanner
    emu.write(b"\x00\x01\x02abc\r")  # NUL and control bytes
    emu.write(b"\xff\xfe\xfd\r")  # not UTF-8
    emu.write(b"x" * 10_240)  # 10 kB without a suffix
    emu.write(b"\r")
    emu.scan("000.00.01.H62-261123-0003")
    got.wait(lambda: any(isinstance(i, Scan) for i in got.items))
    problems = [i.message for i in got.items if isinstance(i, ScanProblem)]
    assert len(problems) == 3
    assert "NUL" in problems[0] and "UTF-8" in problems[1] and str(MAX_SCAN) in problems[2]
    assert got.items[-1] == Scan("000.00.01.H62-261123-0003")


def test_unplugged_then_back_within_two_seconds(scanner):
    emu, link, got = scanner
    emu.unplug()
    got.wait(lambda: got.states == [True, False])
    assert not link.connected
    time.sleep(2 * RETRY)  # a while away; retries fail quietly
    back = time.monotonic()
    emu.plug()
    got.wait(lambda: got.states == [True, False, True], timeout=2.0)
    assert time.monotonic() - back < 2.0
    emu.scan("000.00.01.H62-261123-0004")
    got.wait(lambda: got.items == [Scan("000.00.01.H62-261123-0004")])


def test_writes_report_their_outcome(tmp_path):
    board = PtyDevice(tmp_path / "board").plug()
    link = DeviceLink("Bảng LED", PortSettings(port=board.path)).start()
    try:
        assert board.wait_for(lambda: link.connected)
        assert link.write(b"\x02@01:A012*00\x03\r").result(5).result is Written.OK
        assert board.wait_for(lambda: board.received == b"\x02@01:A012*00\x03\r")
        board.unplug()
        deadline = time.monotonic() + 5
        while link.connected and time.monotonic() < deadline:  # noticed on its next read
            time.sleep(0.02)
        outcome = link.write(b"A013").result(5)
        assert outcome.result is Written.FAILED and "có thể in lại" in outcome.message
    finally:
        link.stop()
        board.close()


def test_a_port_that_does_not_exist_is_retried_quietly(tmp_path):
    states = []
    link = DeviceLink("Máy in", PortSettings(port=str(tmp_path / "nothing")), on_state=lambda ok, _m: states.append(ok))
    link.start()
    time.sleep(3 * RETRY)
    assert not link.connected and states == []
    outcome = link.write(b"x").result(5)
    assert outcome.result is Written.FAILED
    link.stop()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=20), st.sampled_from(["any", "cr", "lf", "crlf", "tab"]))
def test_any_bytes_give_scans_or_problems(chunks, suffix):
    assembler = ScanAssembler(suffix)
    for chunk in chunks:
        for item in assembler.feed(chunk):
            assert isinstance(item, Scan | ScanProblem)
            if isinstance(item, Scan):
                assert item.text and "\x00" not in item.text


def test_a_write_that_cannot_finish_is_unknown_never_failed(tmp_path):
    import os

    master, slave = os.openpty()  # nobody reads the other side: the line's buffer fills up
    try:
        import tty

        tty.setraw(slave)
        link = DeviceLink("Máy in", PortSettings(port=os.ttyname(slave)), write_timeout=0.3).start()
        deadline = time.monotonic() + 5
        while not link.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        outcome = link.write(b"x" * 1_000_000).result(10)
        assert outcome.result is Written.UNKNOWN and "không rõ đã in hay chưa" in outcome.message
        link.stop()
    finally:
        os.close(master)
        os.close(slave)
