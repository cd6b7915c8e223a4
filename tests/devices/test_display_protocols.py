"""LED board protocols: CRC-16/MODBUS against published vectors, exact frames, and decoders that
find every frame on a shared bus and take garbage without raising."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.display_protocols import (
    PROTOCOLS,
    AsciiLineProtocol,
    DisplayFrame,
    DisplayProtocol,
    ModbusRtuProtocol,
    crc16_modbus,
    wire_time_ms,
)
from tests.helpers.hypothesis_budget import examples

BOTH = [AsciiLineProtocol(), ModbusRtuProtocol()]


def test_crc16_modbus_published_vectors():
    assert crc16_modbus(b"123456789") == 0x4B37  # the catalogued CRC-16/MODBUS check value
    assert crc16_modbus(bytes.fromhex("01 03 00 00 00 0A")).to_bytes(2, "little") == b"\xc5\xcd"
    assert crc16_modbus(bytes.fromhex("11 03 00 6B 00 03")).to_bytes(2, "little") == b"\x76\x87"
    assert crc16_modbus(b"") == 0xFFFF


def test_modbus_frame_exact_bytes():
    assert ModbusRtuProtocol().frame(3, "A012") == bytes.fromhex(
        "03 10 0000 0008 10"  # unit 3, write multiple registers, from 0, 8 registers, 16 bytes
        "4130 3132 2020 2020 2020 2020 2020 2020"  # "A012" and 12 spaces, 2 characters a register
        "3338"  # CRC-16/MODBUS, low byte first
    )


def test_modbus_start_register_and_clear():
    frame = ModbusRtuProtocol(start=0x0100).frame(7, "B1")
    assert frame[2:4] == b"\x01\x00"
    assert ModbusRtuProtocol().decode(ModbusRtuProtocol().clear(9)) == [DisplayFrame(9, "")]
    with pytest.raises(ValueError):
        ModbusRtuProtocol(start=0x10000)


def test_ascii_frame_exact_bytes():
    body = b"@003:A012 Quay 3"
    check = 0
    for b in body:
        check ^= b
    assert check == 0x34
    assert AsciiLineProtocol().frame(3, "A012", "Quầy 3") == b"\x02" + body + b"*34\x03\r"


def test_registry():
    assert {name: cls.name for name, cls in PROTOCOLS.items()} == {"ascii": "ascii", "modbus": "modbus"}
    assert all(isinstance(cls(), DisplayProtocol) for cls in PROTOCOLS.values())


@pytest.mark.parametrize("protocol", BOTH, ids=lambda p: p.name)
def test_frames_round_trip_and_share_a_bus(protocol):
    assert protocol.decode(protocol.frame(3, "A012")) == [DisplayFrame(3, "A012")]
    stream = protocol.frame(3, "A012", "Quầy 3") + protocol.frame(247, "B007") + protocol.clear(1)
    assert protocol.decode(stream) == [DisplayFrame(3, "A012 Quay 3"), DisplayFrame(247, "B007"),
                                       DisplayFrame(1, "")]
    assert protocol.decode(b"noise\x02@\x00" + stream + b"\x02@9") == protocol.decode(stream)


@pytest.mark.parametrize("protocol", BOTH, ids=lambda p: p.name)
def test_text_is_ascii_without_marks_and_at_most_16_characters(protocol):
    (shown,) = protocol.decode(protocol.frame(5, "A012", "Đăng ký hộ tịch ở quầy"))
    assert shown.text == "A012 Dang ky ho"  # cut to 16, the trailing space dropped


@pytest.mark.parametrize("protocol", BOTH, ids=lambda p: p.name)
@pytest.mark.parametrize("address", [0, -1, 248, 1000])
def test_addresses_outside_1_to_247_are_refused(protocol, address):
    with pytest.raises(ValueError):
        protocol.frame(address, "A001")


@pytest.mark.parametrize("protocol", BOTH, ids=lambda p: p.name)
def test_truncated_and_corrupted_frames_are_skipped(protocol):
    frame = protocol.frame(3, "A012")
    for cut in range(len(frame)):
        assert protocol.decode(frame[:cut]) == []
    corrupted = bytearray(frame)
    corrupted[8] ^= 0x01
    assert protocol.decode(bytes(corrupted)) == []


@examples(300)
@given(st.binary(max_size=300))
def test_decoders_take_any_bytes(data):
    for protocol in BOTH:
        assert isinstance(protocol.decode(data), list)


def test_wire_time():
    assert wire_time_ms(16) == pytest.approx(16.67, abs=0.01)  # 16 bytes × 10 bits at 9600 baud
    assert wire_time_ms(25, baud=19200) == pytest.approx(13.02, abs=0.01)
    assert wire_time_ms(16, bits_per_char=11) == pytest.approx(18.33, abs=0.01)  # 8E1
