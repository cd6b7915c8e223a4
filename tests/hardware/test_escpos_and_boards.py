"""Bytes for the ticket printer and the LED boards: Vietnamese through WPC1258 with base letters
and combining tones, raster fallback, Modbus CRC against published vectors, and decoders that
take any input without raising."""

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.display_protocols import (
    AsciiLineProtocol,
    DisplayFrame,
    ModbusRtuProtocol,
    crc16_modbus,
    wire_time_ms,
)
from app.devices.escpos import (
    CUT_LINE,
    Ticket,
    decode_escpos,
    encode_wpc1258,
    ticket_bytes,
    ticket_raster_bytes,
)

VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONES = "\u0300\u0301\u0303\u0309\u0323"
EVERY = "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ("", *TONES)) + " Đđ"
TICKET = Ticket("A012", "Tư pháp - Hộ tịch", datetime(2026, 11, 23, 8, 5), "Bộ phận Một cửa", 3, "Xin cảm ơn")


def test_every_vowel_with_every_tone_round_trips():
    encoded = encode_wpc1258(EVERY)
    assert b"?" not in encoded
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == EVERY


def test_a_letter_cp1258_lacks_is_base_plus_tone():
    assert encode_wpc1258("ấ") == "â".encode("cp1258") + "\u0301".encode("cp1258") == b"\xe2\xec"
    assert encode_wpc1258("ơ") == b"\xf5"  # cp1258 has it whole


def test_ticket_bytes_and_their_reading():
    data = ticket_bytes(TICKET)
    assert data.startswith(b"\x1b@\x1bt\x34") and b"\x1dV" in data
    text = decode_escpos(data)
    for needle in ("Bộ phận Một cửa", "A012", "Tư pháp - Hộ tịch", "Số người đang chờ: 3", "08:05 23/11/2026",
                   "Xin cảm ơn", CUT_LINE):
        assert needle in text, needle
    assert ticket_bytes(TICKET, code_page=46)[2:5] == b"\x1bt\x2e"


def test_raster_ticket():
    data = ticket_raster_bytes(TICKET)
    i = data.index(b"\x1dv0\x00")
    width, height = int.from_bytes(data[i + 4:i + 6], "little"), int.from_bytes(data[i + 6:i + 8], "little")
    assert width == 48 and height > 100
    assert any(data[i + 8:i + 8 + width * height])  # something black was drawn
    assert decode_escpos(data).splitlines()[0] == f"[ảnh 384×{height}]"


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_decoder_takes_anything(data):
    assert isinstance(decode_escpos(data), str)


def test_decoder_takes_ten_kilobytes_of_nul():
    assert decode_escpos(b"\x00" * 10_240) == ""


def test_modbus_crc_published_vectors():
    assert crc16_modbus(b"123456789") == 0x4B37  # the CRC-16/MODBUS check value
    assert crc16_modbus(bytes.fromhex("01030000000A")).to_bytes(2, "little") == bytes.fromhex("C5CD")
    assert crc16_modbus(bytes.fromhex("1103006B0003")).to_bytes(2, "little") == bytes.fromhex("7687")


def test_modbus_frame_exact_bytes():
    frame = ModbusRtuProtocol().frame(3, "A012")
    assert frame[:-2] == bytes.fromhex("03 10 0000 0008 10") + b"A012" + b" " * 12
    assert frame[-2:] == crc16_modbus(frame[:-2]).to_bytes(2, "little")


@pytest.mark.parametrize("protocol", [AsciiLineProtocol(), ModbusRtuProtocol()])
def test_frames_decode_back_and_share_a_bus(protocol):
    stream = b"noise" + protocol.frame(3, "A012", "Quầy 3") + protocol.frame(12, "B007") + b"\x02@9"
    expected_first = "A012 Quay 3" if protocol.name == "ascii" else "A012 Quay 3"
    assert protocol.decode(stream) == [DisplayFrame(3, expected_first), DisplayFrame(12, "B007")]
    with pytest.raises(ValueError):
        protocol.frame(0, "A001")
    with pytest.raises(ValueError):
        protocol.frame(248, "A001")


def test_ascii_frame_exact_bytes():
    assert AsciiLineProtocol().frame(3, "A012") == b"\x02@003:A012*" + b"%02X" % (
        0 ^ ord("@") ^ ord("0") ^ ord("0") ^ ord("3") ^ ord(":") ^ ord("A") ^ ord("0") ^ ord("1") ^ ord("2")
    ) + b"\x03\r"


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_board_decoders_take_anything(data):
    for protocol in (AsciiLineProtocol(), ModbusRtuProtocol()):
        assert isinstance(protocol.decode(data), list)


def test_sixteen_bytes_at_9600_baud():
    assert wire_time_ms(16) == pytest.approx(16.67, abs=0.01)
