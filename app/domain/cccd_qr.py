"""The QR code printed on the Vietnamese ID card (CCCD card, and the căn cước card that replaced it
from 01/7/2024), as a scanner types it (DOMAIN.md §8).

The code is one line of `|`-separated fields; the first seven are, by position:

    personal ID | old CMND number | full name | birth date | sex | address | issue date
    079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi, …|01072021

- the personal ID has 12 digits; the old CMND number has 9 digits or is empty;
- dates are written DDMMYYYY; the issue date may be empty;
- sex is "Nam" or "Nữ".

Some readers leave the CMND field out altogether (6 fields). A căn cước card may carry more
fields after the seventh (cancelled ID numbers, parents' names; their order is not known): they
are kept as they are in `CitizenCard.extra` and a scan is never refused for having them.
Scanners working as keyboards append a suffix (CR, LF, CR LF, Tab, Enter+Tab …) and some send
decomposed (NFD) Vietnamese text: trailing whitespace and control characters are dropped and
the text is NFC-normalised.

The address is "Nơi thường trú" on a CCCD card and "Nơi cư trú" on a căn cước card; which card
it is follows from the issue date (resources/data/id_cards.json: an office can change the day)
or from fields beyond the seventh, which only a căn cước card has.

A number whose century/sex and year digits disagree with the card's own birth date or sex is
suspicious: a genuine card never shows it, because a corrected year of birth or sex gets a new
number (the old one listed as cancelled) **(check)**. Such a code still fills the form, with the
warning in `CitizenCard.warnings`, so the officer compares it with the card; the dossier cannot be
registered with the disagreement (app/services/intake/registration.py checks them again). A
number whose first three digits are not a province code (a birth registered abroad) is also a
warning, never a refusal (app/domain/applicant.py `inspect_cccd`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.domain.applicant import inspect_cccd
from app.domain.text import first_bad_char, printable
from app.errors import UserError
from app.paths import RESOURCES

_FIELDS = ("cccd", "old_id", "name", "birth_date", "sex", "address", "issue_date")
_LABELS = {
    "cccd": "Số CCCD",
    "old_id": "Số CMND cũ",
    "name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "address": "Nơi cư trú",
    "issue_date": "Ngày cấp",
}
RESIDENCE, PERMANENT_RESIDENCE = "Nơi cư trú", "Nơi thường trú"
CAN_CUOC, CCCD = "can_cuoc", "cccd"
_SEXES = {"nam": "Nam", "nữ": "Nữ"}
NAME_MAX, ADDRESS_MAX = 300, 500  # what the dossier keeps (db/models.py): a real card has far less
EXTRA_MAX = 500  # one field beyond the seventh: a cancelled number or a parent's name is far shorter


@cache
def can_cuoc_from() -> date:
    """The first issue day of căn cước cards (data, marked (check) in the file)."""
    with open(RESOURCES / "data" / "id_cards.json", encoding="utf-8") as f:
        return date.fromisoformat(json.load(f)["can_cuoc_from"])


def card_kind(issue_date: date | None, extra: tuple[str, ...] = ()) -> str | None:
    """CAN_CUOC, CCCD, or None when the code does not tell (no issue date, seven fields or fewer)."""
    if extra:
        return CAN_CUOC
    if issue_date is None:
        return None
    return CAN_CUOC if issue_date >= can_cuoc_from() else CCCD


def address_label(kind: str | None) -> str:
    """What the card calls its address: "Nơi thường trú" on a CCCD card, "Nơi cư trú" otherwise
    (the căn cước card, and the law's word since 01/7/2024 when the card's kind is unknown)."""
    return PERMANENT_RESIDENCE if kind == CCCD else RESIDENCE


@dataclass(frozen=True)
class CitizenCard:
    number: str
    old_id: str | None
    name: str
    birth_date: date
    sex: str  # "Nam" | "Nữ"
    address: str
    issue_date: date | None
    extra: tuple[str, ...] = ()  # the fields after the seventh, as the card has them
    warnings: tuple[str, ...] = ()  # what the officer must compare with the card (Vietnamese)

    @property
    def kind(self) -> str | None:
        return card_kind(self.issue_date, self.extra)

    @property
    def address_label(self) -> str:
        return address_label(self.kind)


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
    """Cheap routing test for a scan: 6 or more `|`-separated fields, the first one 12 digits."""
    t = _strip(text)
    return t.count("|") >= 5 and re.fullmatch(r"[0-9]{12}", t.split("|", 1)[0]) is not None


def _error(field: str, problem: str, label: str | None = None) -> UserError:
    return UserError(f"Mã QR trên CCCD: {label or _LABELS[field]} {problem}", field=field)


def _date(field: str, value: str) -> date:
    if not re.fullmatch(r"[0-9]{8}", value):
        raise _error(field, f"«{printable(value)}» phải gồm 8 chữ số ngày-tháng-năm, ví dụ 15061990.")
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise _error(field, f"«{value}» không phải là một ngày có thật.") from None


def _no_control(label: str, value: str) -> None:
    # Cf: zero-width spaces and joiners, invisible in a name and never typed by a scanner.
    bad = first_bad_char(value, ("Cc", "Cf", "Cs"))
    if bad is not None:
        raise UserError(
            f"Mã QR trên CCCD có ký tự điều khiển (U+{ord(bad):04X}) trong trường «{label}»: hãy quét lại.",
            field="cccd",
        )


def parse_cccd_qr(text: str) -> CitizenCard:
    """The card data in a scanned ID card QR code; UserError naming the field if anything is off."""
    # A broken code as a whole (too few fields, control characters) is reported on the "cccd"
    # field: the scan fills the form from there.
    parts = unicodedata.normalize("NFC", _strip(text)).split("|")
    if len(parts) < 6:
        raise UserError(
            f"Mã QR trên CCCD có {len(parts)} trường, cần ít nhất 6 trường ngăn cách bởi dấu «|».",
            field="cccd",
        )
    if len(parts) == 6:
        parts.insert(1, "")
    values = dict(zip(_FIELDS, (p.strip() for p in parts[:7]), strict=True))
    for field, value in values.items():
        _no_control(_LABELS[field], value)
    extra = tuple(" ".join(p.split()) for p in parts[7:])
    for i, value in enumerate(extra, 8):
        _no_control(f"trường thứ {i}", value)
        if len(value) > EXTRA_MAX:
            raise UserError(f"Mã QR trên CCCD: trường thứ {i} dài quá {EXTRA_MAX} ký tự: hãy quét lại.",
                            field="cccd")

    number = values["cccd"]
    if not re.fullmatch(r"[0-9]{12}", number):
        raise UserError("Mã QR trên CCCD: Số CCCD phải gồm đúng 12 chữ số.", field="cccd")
    warnings = list(inspect_cccd(number).warnings)  # the province or country code

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

    issue_date = _date("issue_date", values["issue_date"]) if values["issue_date"] else None
    label = address_label(card_kind(issue_date, extra))
    address = " ".join(values["address"].split())
    if not address:
        raise _error("address", "đang để trống.", label)
    if len(address) > ADDRESS_MAX:
        raise _error("address", f"dài quá {ADDRESS_MAX} ký tự: không phải mã trên CCCD.", label)

    if issue_date is not None and issue_date < birth_date:
        raise _error("issue_date", f"{issue_date:%d/%m/%Y} trước ngày sinh {birth_date:%d/%m/%Y}.")
    if issue_date is not None and issue_date > date.today():
        raise _error("issue_date", f"{issue_date:%d/%m/%Y} ở tương lai.")

    try:
        inspect_cccd(number, birth_date=birth_date, sex=sex)
    except UserError as exc:
        warnings.append(f"Mã QR đáng ngờ: {exc} Đối chiếu với thẻ; không tiếp nhận được khi còn sai lệch.")
    return CitizenCard(number, old_id, name, birth_date, sex, address, issue_date, extra, tuple(warnings))
