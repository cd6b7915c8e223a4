"""VietQR (NAPAS 247 transfer) payloads: the EMVCo merchant-presented QR that Vietnamese banking
apps read. DOMAIN.md §9 has the field layout; the check code is CRC-16/CCITT-FALSE."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.domain.text import printable
from app.errors import UserError

NAPAS_AID = "A000000727"
TRANSFER_TO_ACCOUNT = "QRIBFTTA"
PURPOSE_MAX = 25  # EMVCo additional data, purpose of transaction


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"field {tag} too long")
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class BankAccount:
    bin: str  # the bank's 6-digit NAPAS BIN, e.g. 970436 (Vietcombank)
    account: str
    holder: str = ""

    def check(self) -> None:
        if not re.fullmatch(r"[0-9]{6}", self.bin or ""):  # ASCII digits: the payload is ASCII
            raise UserError("Mã ngân hàng (BIN) phải gồm đúng 6 chữ số.")
        if not re.fullmatch(r"[0-9A-Za-z]{1,19}", self.account or ""):
            raise UserError("Số tài khoản chỉ gồm chữ số và chữ cái, tối đa 19 ký tự.")


def transfer_purpose(text: str) -> str:
    """What banking apps accept as the transfer message: ASCII letters, digits, spaces, dots and
    dashes, at most 25 characters (a dossier code fits exactly)."""
    nfd = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in nfd if not unicodedata.combining(c))
    clean = re.sub(r"\s+", " ", re.sub(r"[^0-9A-Za-z .\-]", " ", folded)).strip()
    return clean[:PURPOSE_MAX]


def payload(account: BankAccount, amount: int | None = None, purpose: str = "") -> str:
    """The QR text for a transfer to `account`, with the exact amount (VND) and message if given."""
    account.check()
    if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool)
                               or amount <= 0 or amount > 9_999_999_999_999):
        raise UserError("Số tiền chuyển khoản phải là số nguyên dương (đồng).")
    merchant = _field("00", NAPAS_AID) + _field("01", _field("00", account.bin) + _field("01", account.account)) \
        + _field("02", TRANSFER_TO_ACCOUNT)
    parts = [_field("00", "01"), _field("01", "12" if amount else "11"), _field("38", merchant),
             _field("53", "704")]
    if amount:
        parts.append(_field("54", str(amount)))
    parts.append(_field("58", "VN"))
    message = transfer_purpose(purpose)
    if message:
        parts.append(_field("62", _field("08", message)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse(text: str) -> dict[str, str]:
    """Top-level tag → value, after checking the CRC: what a banking app does first. UserError for
    anything that is not a well-formed payload (not ASCII, bad CRC, a field running past the end)."""
    text = (text or "").strip()
    if not text.isascii():
        raise UserError("Mã VietQR chỉ gồm ký tự ASCII: mã này có ký tự khác.")
    if len(text) < 8 or text[-8:-4] != "6304":
        raise UserError("Mã VietQR không có mã kiểm tra CRC ở cuối.")
    if f"{crc16_ccitt_false(text[:-4].encode('ascii')):04X}" != text[-4:].upper():
        raise UserError("Mã VietQR sai mã kiểm tra CRC.")
    fields, i = {}, 0
    while i < len(text):
        tag, size = text[i:i + 2], text[i + 2:i + 4]
        if not re.fullmatch(r"[0-9]{2}", size) or i + 4 + int(size) > len(text):
            raise UserError(f"Mã VietQR hỏng ở trường «{printable(tag)}» (vị trí {i + 1}): độ dài không đúng.")
        fields[tag] = text[i + 4:i + 4 + int(size)]
        i += 4 + int(size)
    return fields
