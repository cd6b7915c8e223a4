"""The QR code on a citizen ID card (CCCD), as scanners read it (DOMAIN.md §8):

    number (12 digits) | old CMND (9 digits or empty) | full name | birth DDMMYYYY | Nam/Nữ |
    permanent address | issue date DDMMYYYY

Some readers give 6 fields (no CMND). Scanners append CR, LF, Tab or Enter+Tab, and some send the
text decomposed (NFD). Every field is checked, and the number must agree with the card's own birth
year and sex: a card that contradicts itself is refused with the field named, never half-read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.domain.applicant import check_cccd
from app.errors import UserError


@dataclass(frozen=True)
class CitizenCard:
    number: str
    old_id: str | None
    name: str
    birth_date: date
    sex: str  # "Nam" | "Nữ"
    address: str
    issue_date: date | None


def looks_like_cccd_qr(text: str) -> bool:
    """Cheap routing test: 6 or 7 fields and a 12-digit first field."""
    parts = (text or "").strip().split("|")
    return len(parts) in (6, 7) and bool(re.fullmatch(r"\d{12}", parts[0].strip()))


def _day(value: str, field: str, label: str, *, optional: bool = False) -> date | None:
    if optional and not value:
        return None
    if not re.fullmatch(r"\d{8}", value):
        raise UserError(f"{label} «{value}» phải có dạng NgàyThángNăm, 8 chữ số.", field=field)
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise UserError(f"{label} «{value}» không phải ngày có thật.", field=field) from None


def parse_cccd_qr(text: str) -> CitizenCard:
    raw = unicodedata.normalize("NFC", text or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in raw):
        raise UserError("Mã QR thẻ căn cước có ký tự lạ (ký tự điều khiển): quét lại.", field="cccd")
    parts = [p.strip() for p in raw.split("|")]
    if len(parts) == 6:
        parts.insert(1, "")
    if len(parts) != 7:
        raise UserError(f"Mã QR thẻ căn cước có {len(parts)} trường; cần 6 hoặc 7 trường ngăn bởi «|».",
                        field="cccd")
    number, old_id, name, birth, sex, address, issued = parts
    if old_id and not re.fullmatch(r"\d{9}", old_id):
        raise UserError(f"Số CMND cũ «{old_id}» phải gồm 9 chữ số.", field="old_id")
    name = " ".join(name.split())
    if not name:
        raise UserError("Mã QR thẻ căn cước thiếu họ tên.", field="name")
    birth_date = _day(birth, "birth_date", "Ngày sinh")
    if birth_date > date.today():
        raise UserError(f"Ngày sinh {birth_date:%d/%m/%Y} ở tương lai.", field="birth_date")
    sex_word = {"nam": "Nam", "nữ": "Nữ"}.get(sex.lower())
    if sex_word is None:
        raise UserError(f"Giới tính «{sex}» phải là Nam hoặc Nữ.", field="sex")
    address = " ".join(address.split())
    if not address:
        raise UserError("Mã QR thẻ căn cước thiếu nơi thường trú.", field="address")
    issue_date = _day(issued, "issue_date", "Ngày cấp", optional=True)
    if issue_date is not None and issue_date < birth_date:
        raise UserError(f"Ngày cấp {issue_date:%d/%m/%Y} trước ngày sinh.", field="issue_date")
    number = check_cccd(number, birth_date=birth_date, sex=sex_word)
    return CitizenCard(number, old_id or None, name, birth_date, sex_word, address, issue_date)
