"""The device thread over four real kinds of line (tests/hardware/lines.py): a pseudo-terminal
made by socat, a TCP device server opened as `socket://`, an RFC 2217 device server opened as
`rfc2217://`, and pyserial's `loop://`, which has no file descriptor, like a Windows COM port. On
each: scans arrive whole whatever the suffix; garbage is reported and the next good scan works;
writes report an outcome the caller can trust. On those that can be unplugged: the loss is
reported and the port reopened by itself once the device is back, and a write cut by the loss is
"unknown" and never sent again by itself."""

import io
import os
import threading
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.config import PortSettings
from app.devices.emulators import TcpDevice
from app.devices.link import RETRY, DeviceLink, WriteOutcome, Written, open_port
from app.devices.scanner import MAX_SCAN, Scan, ScanAssembler, ScanProblem
from tests.hardware.lines import KINDS, PLUGGABLE, make_line, wait_until
from tests.helpers.hypothesis_budget import examples

# pyserial 3.5's RFC 2217 client starts its reader thread with setDaemon()/setName().
pytestmark = pytest.mark.filterwarnings("ignore:set(Daemon|Name)\\(\\) is deprecated:DeprecationWarning")


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

    def wait(self, condition, timeout=10.0):
        with self.lock:
            assert self.lock.wait_for(condition, timeout), f"timed out; items={self.items} states={self.states}"


def scanner_on(kind, folder, baud=9600):
    line = make_line(kind, folder)
    got = Collector()
    link = DeviceLink("Máy quét", PortSettings(port=line.port, baud=baud), on_data=got.on_data,
                      on_state=got.on_state).start()
    try:
        line.ready(link)
        got.wait(lambda: got.states == [True])
    except BaseException:
        link.stop()
        line.close()
        raise
    return line, link, got


@pytest.fixture(params=KINDS)
def scanner(request, tmp_path):
    line, link, got = scanner_on(request.param, tmp_path, baud=115200)
    yield line, link, got
    link.stop()
    line.close()


@pytest.fixture(params=PLUGGABLE)
def pluggable(request, tmp_path):
    line, link, got = scanner_on(request.param, tmp_path)
    yield line, link, got
    link.stop()
    line.close()


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "\t", "\r\t"])
def test_every_suffix_ends_a_scan(scanner, suffix):
    line, _link, got = scanner
    line.send(f"000.00.01.H62-261123-0001{suffix}".encode())
    line.send(f"000.00.01.H62-261123-0002{suffix}".encode())
    got.wait(lambda: len(got.items) == 2)
    assert got.items == [Scan("000.00.01.H62-261123-0001"), Scan("000.00.01.H62-261123-0002")]


def test_vietnamese_arrives_whole_and_nfc(scanner):
    line, _link, got = scanner
    line.send("Nguyễn Văn An".encode() + b"|" + "Nguyễn".encode() + b"\r")
    line.send(unicodedata.normalize("NFD", "Đỗ Thị Ánh").encode() + b"\r")
    got.wait(lambda: len(got.items) == 2)
    assert got.items == [Scan("Nguyễn Văn An|Nguyễn"), Scan("Đỗ Thị Ánh")]
    assert got.items[1].text == unicodedata.normalize("NFC", "Đỗ Thị Ánh")


def test_garbage_is_reported_and_the_next_scan_works(scanner):
    line, link, got = scanner
    line.send(b"\x00\x01\x02abc\r")  # NUL and control bytes
    line.send(b"\xff\xfe\xfd\r")  # not UTF-8
    for _ in range(3):  # 10.5 kB without a suffix (loop:// holds 4 kB at a time)
        line.send(b"x" * 3_500)
    line.send(b"\r")
    line.send(b"000.00.01.H62-261123-0003\r")
    got.wait(lambda: Scan("000.00.01.H62-261123-0003") in got.items)
    problems = [i.message for i in got.items if isinstance(i, ScanProblem)]
    assert len(problems) == 3
    assert "NUL" in problems[0] and "UTF-8" in problems[1] and str(MAX_SCAN) in problems[2]
    assert got.items == [ScanProblem(problems[0]), ScanProblem(problems[1]), ScanProblem(problems[2]),
                         Scan("000.00.01.H62-261123-0003")]
    assert got.states == [True] and link.connected  # garbage is not a lost device


def test_unplugged_then_back_works_again(pluggable):
    line, link, got = pluggable
    line.unplug()
    got.wait(lambda: got.states == [True, False])
    assert not link.connected
    time.sleep(3 * RETRY)  # a while away: several reopening attempts fail, quietly
    assert got.states == [True, False]
    line.plug()
    got.wait(lambda: got.states == [True, False, True])  # in about RETRY; `make bench` times it
    line.ready(link)
    line.send(b"000.00.01.H62-261123-0004\r")
    got.wait(lambda: got.items == [Scan("000.00.01.H62-261123-0004")])


@pytest.mark.parametrize("kind", KINDS)
def test_writes_report_their_outcome(tmp_path, kind):
    board = TcpDevice()
    line = make_line(kind, tmp_path, board)
    echoed = []
    link = DeviceLink("Bảng LED", PortSettings(port=line.port), on_data=echoed.append).start()
    try:
        line.ready(link)
        frame = b"\x02@01:A012*00\x03\r"
        assert link.write(frame).result(10).result is Written.OK
        if kind == "loop":  # the line hands what was written back to the reader
            wait_until(lambda: b"".join(echoed) == frame)
            return
        assert board.wait_for(lambda: board.received == frame)
        line.unplug()
        wait_until(lambda: not link.connected, what="the loss to be noticed")
        outcome = link.write(b"A013").result(10)
        assert outcome.result is Written.FAILED and "có thể in lại" in outcome.message
    finally:
        link.stop()
        line.close()


@pytest.mark.parametrize("kind", PLUGGABLE)
def test_a_write_cut_by_a_lost_line_is_unknown_and_never_sent_again(tmp_path, kind):
    printer = TcpDevice()
    line = make_line(kind, tmp_path, printer)
    states = []
    link = DeviceLink("Máy in", PortSettings(port=line.port), write_timeout=60,
                      on_state=lambda ok, _m: states.append(ok)).start()
    try:
        line.ready(link)
        first = len(printer.sessions)
        printer.stall_after(1)  # takes the first bytes, then nothing: the write blocks part way
        blob = b"T" * 50_000_000  # far more than every buffer on the way can hold
        pending = link.write(blob)
        assert printer.wait_for(lambda: len(printer.sessions[-1]) >= 1)
        assert not pending.done()
        line.unplug()  # the line goes while the ticket is half sent
        outcome = pending.result(30)
        assert outcome.result is Written.UNKNOWN
        assert outcome.message == "Máy in mất kết nối khi đang gửi: không rõ đã in hay chưa."
        printer.stall_after(None)
        line.plug()
        line.ready(link)
        assert states == [True, False, True]
        assert link.write(b"MARK").result(10).result is Written.OK
        assert printer.wait_for(lambda: printer.sessions[-1] == b"MARK")
        assert len(printer.sessions) == first + 1  # one new connection, and on it only what came after
    finally:
        link.stop()
        line.close()


def test_a_port_without_a_file_descriptor_stays_connected(tmp_path):
    """loop:// has no fileno(), as pyserial's Windows COM port has none: the thread must not need
    one. (Before, it waited on the descriptor and flapped between connected and lost.)"""
    port = open_port(PortSettings(port="loop://"))
    try:
        with pytest.raises(io.UnsupportedOperation):
            port.fileno()
    finally:
        port.close()
    line, link, got = scanner_on("loop", tmp_path)
    try:
        for n in range(20):
            line.send(f"A{n:03d}\r".encode())
        got.wait(lambda: len(got.items) == 20)
        time.sleep(5 * RETRY)  # quiet: a port that flaps would report a loss meanwhile
        assert got.states == [True] and link.connected
        assert got.items == [Scan(f"A{n:03d}") for n in range(20)]
    finally:
        link.stop()


@pytest.mark.parametrize("port", ["nothing", "socket://127.0.0.1:{free}", "rfc2217://127.0.0.1:{free}"])
def test_a_port_that_does_not_exist_is_retried_quietly(tmp_path, port):
    server = TcpDevice().plug()
    free = server.port
    server.unplug()  # a TCP port nobody listens on
    port = str(tmp_path / port) if port == "nothing" else port.format(free=free)
    states = []
    link = DeviceLink("Máy in", PortSettings(port=port), on_state=lambda ok, _m: states.append(ok))
    link.start()
    try:
        time.sleep(3 * RETRY)
        assert not link.connected and states == []
        outcome = link.write(b"x").result(10)
        assert outcome == WriteOutcome(Written.FAILED, "Máy in chưa kết nối: chưa in, có thể in lại.")
    finally:
        link.stop()


def test_a_write_after_stop_fails_and_stop_answers_every_write(tmp_path):
    link = DeviceLink("Máy in", PortSettings(port=str(tmp_path / "nothing"))).start()
    link.stop()
    outcome = link.write(b"x").result(1)
    assert (outcome.result, outcome.message) == (Written.FAILED, "Máy in: đã dừng.")


@examples(300)
@given(st.lists(st.binary(max_size=200), max_size=20), st.sampled_from(["any", "cr", "lf", "crlf", "tab"]))
def test_any_bytes_give_scans_or_problems(chunks, suffix):
    assembler = ScanAssembler(suffix)
    for chunk in chunks:
        for item in assembler.feed(chunk):
            assert isinstance(item, Scan | ScanProblem)
            if isinstance(item, Scan):
                assert item.text and "\x00" not in item.text


@pytest.mark.parametrize("kind", ["pty", "tcp", "loop"])
def test_a_write_that_cannot_finish_in_time_is_unknown_never_failed(tmp_path, kind):
    if kind == "pty":  # nobody reads the other side: the terminal's buffer fills up
        import tty

        master, slave = os.openpty()
        tty.setraw(slave)
        port, cleanup = os.ttyname(slave), lambda: (os.close(master), os.close(slave))
    elif kind == "tcp":  # a device server that reads nothing: the connection's buffers fill up
        server = TcpDevice().plug()
        server.stall_after(0)
        port, cleanup = server.url, server.unplug
    else:  # loop:// refuses what a 9600-baud line cannot carry within the write timeout
        port, cleanup = "loop://", lambda: None
    link = DeviceLink("Máy in", PortSettings(port=port), write_timeout=0.3).start()
    try:
        wait_until(lambda: link.connected)
        outcome = link.write(b"x" * 10_000_000).result(30)
        assert (outcome.result, outcome.message) == (
            Written.UNKNOWN, "Máy in không nhận hết dữ liệu: không rõ đã in hay chưa.")
        assert link.connected  # slow is not lost
    finally:
        link.stop()
        cleanup()
