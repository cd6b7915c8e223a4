"""Counter LED boards. There is no public vendor protocol: RS-485 boards commonly speak Modbus-RTU
(a unit id per counter) or a vendor's ASCII frames. Protocols are pluggable (PROTOCOLS); several
counters' boards can share one bus, each answering to its address. Each protocol also decodes what
it sends, for the emulator and the tests; decoding skips garbage and never raises.
docs/devices.md documents both byte by byte."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

MAX_TEXT = 16  # characters a two-line 8-character board shows


@dataclass(frozen=True)
class DisplayFrame:
    address: int
    text: str


@runtime_checkable
class DisplayProtocol(Protocol):
    """What the device layer needs of a board protocol; PROTOCOLS maps the setting to a class."""

    name: ClassVar[str]

    def frame(self, address: int, number: str, counter_label: str = "") -> bytes:
        """The bytes that make the board at `address` show `number` (and the counter's label)."""
        ...

    def clear(self, address: int) -> bytes:
        """The bytes that blank the board at `address`."""
        ...

    def decode(self, data: bytes) -> list[DisplayFrame]:
        """Every complete, valid frame in `data`, in order; garbage is skipped, never raised on."""
        ...


def board_text(number: str, label: str = "") -> str:
    """ASCII only (boards have no Vietnamese glyphs): diacritics dropped, at most MAX_TEXT chars."""
    text = f"{number} {label}".strip() if label else number.strip()
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    ascii_text = "".join(c if " " <= c <= "~" and c not in "*@\x02\x03" else "?" for c in ascii_text)
    return ascii_text[:MAX_TEXT].rstrip()


def crc16_modbus(data: bytes) -> int:
    """CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial 0xFFFF; sent low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def wire_time_ms(nbytes: int, baud: int = 9600, bits_per_char: int = 10) -> float:
    """Time the bytes need on the line: 8N1 sends 10 bits a byte (start, 8 data, stop)."""
    return nbytes * bits_per_char * 1000 / baud


def _check_address(address: int) -> int:
    if not 1 <= int(address) <= 247:
        raise ValueError("board address must be 1..247")
    return int(address)


class AsciiLineProtocol:
    """STX '@' AAA ':' TEXT '*' CC ETX CR — AAA the three-digit address, CC the XOR of the bytes from
    '@' to '*' exclusive, as two upper-case hex digits."""

    name: ClassVar[str] = "ascii"
    _FRAME = re.compile(rb"\x02@(\d{3}):([ -~]{0,16}?)\*([0-9A-F]{2})\x03\r")

    def frame(self, address: int, number: str, counter_label: str = "") -> bytes:
        body = f"@{_check_address(address):03d}:{board_text(number, counter_label)}".encode("ascii")
        check = 0
        for b in body:
            check ^= b
        return b"\x02" + body + f"*{check:02X}".encode("ascii") + b"\x03\r"

    def clear(self, address: int) -> bytes:
        return self.frame(address, "")

    def decode(self, data: bytes) -> list[DisplayFrame]:
        out = []
        for m in self._FRAME.finditer(data):
            body = b"@" + m.group(1) + b":" + m.group(2)
            check = 0
            for b in body:
                check ^= b
            if f"{check:02X}".encode() == m.group(3):
                out.append(DisplayFrame(int(m.group(1)), m.group(2).decode("ascii")))
        return out


class ModbusRtuProtocol:
    """Function 0x10 (write multiple registers) from register `start`: the text, two ASCII
    characters a register (high byte first), padded with spaces to 8 registers; CRC-16/MODBUS,
    low byte first."""

    name: ClassVar[str] = "modbus"
    REGISTERS = MAX_TEXT // 2

    def __init__(self, start: int = 0x0000):
        if not 0 <= start <= 0xFFFF - self.REGISTERS + 1:
            raise ValueError("start register must leave room for 8 registers below 0x10000")
        self.start = start

    def frame(self, address: int, number: str, counter_label: str = "") -> bytes:
        text = board_text(number, counter_label).ljust(MAX_TEXT).encode("ascii")
        pdu = bytes([_check_address(address), 0x10]) + self.start.to_bytes(2, "big") \
            + self.REGISTERS.to_bytes(2, "big") + bytes([len(text)]) + text
        return pdu + crc16_modbus(pdu).to_bytes(2, "little")

    def clear(self, address: int) -> bytes:
        return self.frame(address, "")

    def decode(self, data: bytes) -> list[DisplayFrame]:
        out, i = [], 0
        while i + 9 <= len(data):
            if data[i + 1] == 0x10 and 1 <= data[i] <= 247:
                count = data[i + 6]
                end = i + 7 + count + 2
                if count == 2 * int.from_bytes(data[i + 4:i + 6], "big") and end <= len(data):
                    pdu = data[i:end - 2]
                    if crc16_modbus(pdu) == int.from_bytes(data[end - 2:end], "little"):
                        text = pdu[7:].decode("ascii", errors="replace").rstrip()
                        out.append(DisplayFrame(data[i], text))
                        i = end
                        continue
            i += 1
        return out


PROTOCOLS: dict[str, type[DisplayProtocol]] = {"ascii": AsciiLineProtocol, "modbus": ModbusRtuProtocol}
