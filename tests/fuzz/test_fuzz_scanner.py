"""Scanner input: bytes in any chunks become the same scans and problems, each scan clean text; the
routing of a scan never fails; and the same holds through a real serial line (a pseudo-terminal
read by the device thread, app/devices/link.py), whatever chunks the line delivers."""

from __future__ import annotations

import threading
import time
import unicodedata
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.devices.config import PortSettings
from app.devices.emulators import ScannerEmulator
from app.devices.link import DeviceLink
from app.devices.scan_routing import ScanKind, classify
from app.devices.scanner import MAX_SCAN, TERMINATORS, Scan, ScanAssembler, ScanProblem
from app.domain.cccd_qr import looks_like_cccd_qr
from app.domain.codes import format_dossier_code, parse_dossier_code
from tests.fuzz.strategies import any_text, assert_refusal, fuzz, mutated_text

SUFFIXES = sorted(TERMINATORS)
QR = "079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi|01072021"
line_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from([b"\r", b"\n", b"\t", b" ", b"\x00", b"\xff", b"\xc3", b"\xa0", "ệ".encode(),
                              "\u00a0".encode(), b"A012", QR.encode(), b"x" * (MAX_SCAN + 1)]),
             max_size=12).map(b"".join))


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


def feed_all(suffix: str, chunks: list[bytes]) -> list:
    assembler = ScanAssembler(suffix)
    return [item for chunk in chunks for item in assembler.feed(chunk)]


def check_items(items: list) -> None:
    for item in items:
        if isinstance(item, Scan):
            t = item.text
            assert t and t == t.strip() and unicodedata.is_normalized("NFC", t)
            assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in t)
        else:
            assert isinstance(item, ScanProblem)
            assert_refusal(item.message, names=("Mã quét", "Máy quét"))


@fuzz(300)
@given(st.sampled_from(SUFFIXES), line_bytes, st.lists(st.integers(0, 10_000), max_size=8))
@example("any", b" \r\xc2\xa0\r", [])  # was: two empty scans
def test_bytes_in_any_chunks_give_the_same_clean_scans(suffix, data, cuts):
    whole = feed_all(suffix, [data])
    assert feed_all(suffix, split(data, cuts)) == whole
    assert feed_all(suffix, [bytes([b]) for b in data]) == whole
    check_items(whole)


@fuzz(200)
@given(st.lists(st.one_of(any_text, st.sampled_from([QR, "000.00.01.H62-261123-0001", "stt:a012"])),
                min_size=1, max_size=5),
       st.sampled_from(["\r", "\n", "\r\n", "\t", "\r\n\t"]))
def test_clean_texts_come_through_whole(texts, terminator):
    good = [t for t in texts if t.strip() and not any(unicodedata.category(c) in ("Cc", "Cs") for c in t)
            and len(t.encode()) <= MAX_SCAN]
    data = b"".join(t.encode() + terminator.encode() for t in good)
    assert feed_all("any", [data]) == [Scan(unicodedata.normalize("NFC", t.strip())) for t in good]


@fuzz(300)
@given(st.one_of(any_text, mutated_text(QR), mutated_text("000.00.01.H62-261123-0001"), mutated_text("STT:A012")))
@example("A١٢٣")  # was: a ticket with Arabic-Indic digits
@example("000.00.01.H22-२६०१०१-0001")  # was: a dossier code with Devanagari digits
def test_any_scan_is_routed(text):
    scanned = classify(text)
    if scanned.kind is ScanKind.DOSSIER:
        assert parse_dossier_code(scanned.text) is not None and scanned.text.isascii()
    elif scanned.kind is ScanKind.TICKET:
        assert len(scanned.text) == 4 and scanned.text.isascii() and scanned.text[1:].isdigit()
    elif scanned.kind is ScanKind.CITIZEN_ID:
        assert looks_like_cccd_qr(scanned.text)


@fuzz(100)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 9999), st.booleans(),
       st.from_regex(r"\A[A-Z][0-9]{3}\Z"))
def test_codes_and_tickets_are_routed_as_such(day, seq, provisional, ticket):
    code = format_dossier_code("000.00.01.H62", day, seq, provisional=provisional)
    assert classify(code.lower()) == classify(code) and classify(code).kind is ScanKind.DOSSIER
    assert classify(f"STT:{ticket}").text == ticket and classify(ticket.lower()).kind is ScanKind.TICKET


# --- through a real serial line ---------------------------------------------------------------------
class Collector:
    def __init__(self):
        self.assembler = ScanAssembler("any")
        self.items: list = []
        self.lock = threading.Condition()

    def on_data(self, data: bytes) -> None:
        with self.lock:
            self.items += self.assembler.feed(data)
            self.lock.notify_all()


@pytest.fixture
def line(tmp_path):
    emu = ScannerEmulator(tmp_path / "scanner").plug()
    got = Collector()
    link = DeviceLink("Máy quét", PortSettings(port=emu.path), on_data=got.on_data).start()
    # Bytes sent before the port is open are not the app's to read (opening it flushes them).
    deadline = time.monotonic() + 10
    while not link.connected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert link.connected
    yield emu, got
    link.stop()
    emu.close()


@fuzz(15)
@given(line_bytes)
def test_a_serial_line_delivers_what_the_scanner_sent(line, data):
    emu, got = line
    with got.lock:
        got.items.clear()
    marker = f"END-{len(data)}"
    for i in range(0, len(data), 1000):  # a pseudo-terminal's buffer holds a few kB
        emu.write(data[i:i + 1000])
    emu.write(f"\r{marker}\r".encode())  # the CR first ends an overlong line: the marker is whole
    with got.lock:
        assert got.lock.wait_for(lambda: Scan(marker) in got.items, timeout=10), got.items
        items = list(got.items)
    assert items == feed_all("any", [data + f"\r{marker}\r".encode()])
