"""The QR code printed on the Vietnamese citizen ID card (CCCD), as a scanner types it.

The code is one line of `|`-separated fields:

    CCCD number | old CMND number | full name | birth date | sex | permanent address | issue date
    079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi, …|01072021

- the CCCD number has 12 digits; the old CMND number has 9 digits or is empty;
- dates are written DDMMYYYY; the issue date may be empty;
- sex is "Nam" or "Nữ".

Some readers leave the CMND field out altogether (6 fields). Scanners working as keyboards
append a suffix (CR, LF, CR LF, Tab, Enter+Tab …) and some send decomposed (NFD) Vietnamese
text: trailing whitespace and control characters are dropped and the text is NFC-normalised.
The CCCD number's own digits (province, century/sex, year of birth) must agree with the
printed birth date and sex (`check_cccd`); a code where they disagree is refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.domain.applicant import check_cccd
from app.domain.text import first_bad_char, printable
from app.errors import UserError

_FIELDS = ("cccd", "old_id", "name", "birth_date", "sex", "address", "issue_date")
_LABELS = {
    "cccd": "Số CCCD",
    "old_id": "Số CMND cũ",
    "name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "address": "Nơi thường trú",
    "issue_date": "Ngày cấp",
}
_SEXES = {"nam": "Nam", "nữ": "Nữ"}
NAME_MAX, ADDRESS_MAX = 300, 500  # what the dossier keeps (db/models.py): a real card has far less


@dataclass(frozen=True)
class CitizenCard:
    number: str
    old_id: str | None
    name: str
    birth_date: date
    sex: str  # "Nam" | "Nữ"
    address: str
    issue_date: date | None


def _strip(text: str) -> str:
    """Drop leading whitespace (and a BOM) and the scanner's suffix: any trailing whitespace or
    control characters. (A loop, not a regex: `[…]+$` is quadratic on long inner blank runs.)"""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) == "Cc"):
        end -= 1
    return text[start:end]


def looks_like_cccd_qr(text: str) -> bool:
    """Cheap routing test for a scan: 6 or 7 `|`-separated fields, the first one 12 digits."""
    t = _strip(text)
    return t.count("|") in (5, 6) and re.fullmatch(r"[0-9]{12}", t.split("|", 1)[0]) is not None


def _error(field: str, problem: str) -> UserError:
    return UserError(f"Mã QR trên CCCD: {_LABELS[field]} {problem}", field=field)


def _date(field: str, value: str) -> date:
    if not re.fullmatch(r"[0-9]{8}", value):
        raise _error(field, f"«{printable(value)}» phải gồm 8 chữ số ngày-tháng-năm, ví dụ 15061990.")
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise _error(field, f"«{value}» không phải là một ngày có thật.") from None


def parse_cccd_qr(text: str) -> CitizenCard:
    """The card data in a scanned CCCD QR code; UserError naming the field if anything is off."""
    # A broken code as a whole (wrong field count, control characters) is reported on the
    # "cccd" field: the scan fills the form from there.
    parts = unicodedata.normalize("NFC", _strip(text)).split("|")
    if len(parts) not in (6, 7):
        raise UserError(
            f"Mã QR trên CCCD có {len(parts)} trường, cần 6 hoặc 7 trường ngăn cách bởi dấu «|».",
            field="cccd",
        )
    if len(parts) == 6:
        parts.insert(1, "")
    values = dict(zip(_FIELDS, (p.strip() for p in parts), strict=True))
    for field, value in values.items():
        # Cf: zero-width spaces and joiners, invisible in a name and never typed by a scanner.
        bad = first_bad_char(value, ("Cc", "Cf", "Cs"))
        if bad is not None:
            raise UserError(
                f"Mã QR trên CCCD có ký tự điều khiển (U+{ord(bad):04X}) trong trường "
                f"«{_LABELS[field]}»: hãy quét lại.",
                field="cccd",
            )

    number = values["cccd"]
    if not re.fullmatch(r"[0-9]{12}", number):
        raise UserError("Mã QR trên CCCD: Số CCCD phải gồm đúng 12 chữ số.", field="cccd")
    check_cccd(number)  # province code

    old_id = values["old_id"] or None
    if old_id is not None and not re.fullmatch(r"[0-9]{9}", old_id):
        raise _error("old_id", f"«{printable(old_id)}» phải để trống hoặc gồm đúng 9 chữ số.")

    name = " ".join(values["name"].split())
    if not name:
        raise _error("name", "đang để trống.")
    if len(name) > NAME_MAX:
        raise _error("name", f"dài quá {NAME_MAX} ký tự: không phải mã trên CCCD.")

    birth_date = _date("birth_date", values["birth_date"])
    if birth_date > date.today():
        raise _error("birth_date", f"{birth_date:%d/%m/%Y} ở tương lai.")

    sex = _SEXES.get(values["sex"].casefold())
    if sex is None:
        raise _error("sex", f"«{printable(values['sex'])}» phải là «Nam» hoặc «Nữ».")

    address = " ".join(values["address"].split())
    if not address:
        raise _error("address", "đang để trống.")
    if len(address) > ADDRESS_MAX:
        raise _error("address", f"dài quá {ADDRESS_MAX} ký tự: không phải mã trên CCCD.")

    issue_date = _date("issue_date", values["issue_date"]) if values["issue_date"] else None
    if issue_date is not None and issue_date < birth_date:
        raise _error("issue_date", f"{issue_date:%d/%m/%Y} trước ngày sinh {birth_date:%d/%m/%Y}.")
    if issue_date is not None and issue_date > date.today():
        raise _error("issue_date", f"{issue_date:%d/%m/%Y} ở tương lai.")

    number = check_cccd(number, birth_date=birth_date, sex=sex)
    return CitizenCard(number, old_id, name, birth_date, sex, address, issue_date)
