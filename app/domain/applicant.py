"""Checks on what an applicant writes on the form: CCCD number, phone, e-mail, tax code.
Each returns the normalised value or raises UserError naming the field (in Vietnamese); the
`inspect_*` ones also return warnings the officer may accept (an ID registered abroad)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.domain.text import first_bad_char, printable
from app.errors import UserError
from app.paths import RESOURCES

# ASCII digits only: `\d` would also take Arabic-Indic or Devanagari digits and store them as typed.
_PHONE_RE = re.compile(r"^0[0-9]{9,10}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_TAX_RE = re.compile(r"^([0-9]{10})(?:-?([0-9]{3}))?$")
EMAIL_MAX = 200  # the dossier's column (db/models.py Dossier.applicant_email)


@cache
def cccd_provinces() -> dict[str, str]:
    with open(RESOURCES / "data" / "cccd_provinces.json", encoding="utf-8") as f:
        return json.load(f)["provinces"]


def cccd_century_sex(digit: int) -> tuple[int, str]:
    """Digit 4 of a CCCD number: (century start year, "Nam"/"Nữ")."""
    return 1900 + 100 * (digit // 2), ("Nam" if digit % 2 == 0 else "Nữ")


@dataclass(frozen=True)
class IdCheck:
    """A personal ID number that passed the checks, and what the officer should still look at
    (each a Vietnamese sentence): the officer may accept a warning and go on."""

    number: str
    warnings: tuple[str, ...] = ()


def inspect_cccd(number: str, *, birth_date: date | None = None, sex: str | None = None) -> IdCheck:
    """A 12-digit personal ID number (số định danh cá nhân) whose century/sex and year digits agree
    with the birth date and sex when those are known (Circular 07/2016/TT-BCA, DOMAIN.md §8).
    Digits 1–3 are the province **or country** of the birth registration: a code that is not a
    province of the list is a warning (a birth registered abroad), never a refusal."""
    n = re.sub(r"\s", "", number or "")
    if not re.fullmatch(r"[0-9]{12}", n):
        raise UserError("Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.", field="cccd")
    warnings = []
    if n[:3] not in cccd_provinces():
        warnings.append(f"Mã nơi đăng ký khai sinh «{n[:3]}» không phải mã tỉnh trong danh sách: có thể là mã "
                        "quốc gia (khai sinh ở nước ngoài). Đối chiếu với thẻ trước khi tiếp nhận.")
    century, cccd_sex = cccd_century_sex(int(n[3]))
    if birth_date is not None:
        if not century <= birth_date.year < century + 100 or birth_date.year % 100 != int(n[4:6]):
            raise UserError(
                f"Số CCCD không khớp năm sinh {birth_date:%d/%m/%Y} (chữ số 4–6 là «{n[3:6]}»).",
                field="cccd",
            )
    if sex and sex != cccd_sex:
        raise UserError(f"Số CCCD ghi giới tính {cccd_sex}, khác với «{printable(sex)}» trên tờ khai.", field="cccd")
    return IdCheck(n, tuple(warnings))


def check_cccd(number: str, *, birth_date: date | None = None, sex: str | None = None) -> str:
    """The number of `inspect_cccd`, its warnings left aside (for a caller that shows none)."""
    return inspect_cccd(number, birth_date=birth_date, sex=sex).number


def check_phone(phone: str) -> str:
    p = re.sub(r"[\s.\-()]", "", phone or "")
    if p.startswith("+84"):
        p = "0" + p[3:]
    elif p.startswith("84") and len(p) in (11, 12):
        p = "0" + p[2:]
    if not _PHONE_RE.match(p):
        raise UserError("Số điện thoại phải có 10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0.", field="phone")
    return p


def check_email(email: str) -> str:
    e = (email or "").strip()
    if len(e) > EMAIL_MAX:
        raise UserError(f"Địa chỉ thư điện tử dài quá {EMAIL_MAX} ký tự.", field="email")
    # Control, format and unpaired surrogate characters are invisible or unstorable: never an address.
    if not _EMAIL_RE.match(e) or first_bad_char(e, ("Cc", "Cf", "Cs")) is not None:
        raise UserError(f"Địa chỉ thư điện tử «{printable(e)}» không hợp lệ.", field="email")
    return e


def inspect_tax_code(code: str) -> IdCheck:
    """Mã số thuế: an enterprise's 10 digits, or 13 for a branch (written 0101234567-001); or,
    from 01/7/2025, an individual's or a household business's 12-digit personal ID (Circular
    86/2024/TT-BTC, DOMAIN.md §8), checked as one (its warnings kept)."""
    c = re.sub(r"\s", "", code or "")
    if re.fullmatch(r"[0-9]{12}", c):
        found = inspect_cccd(c)
        return IdCheck(found.number, found.warnings)
    m = _TAX_RE.match(c)
    if not m:
        raise UserError("Mã số thuế phải có 10 chữ số (13 với đơn vị phụ thuộc), hoặc là số định danh "
                        "cá nhân 12 chữ số của cá nhân, hộ kinh doanh.", field="tax_code")
    return IdCheck(m[1] + (f"-{m[2]}" if m[2] else ""))


def check_tax_code(code: str) -> str:
    return inspect_tax_code(code).number


def describe_principal(principal: dict | None) -> str:
    """Dossier.principal on one line for the dossier screen and `motcua dossier show` (as given:
    masked or whole); "" when filed in person."""
    if not principal:
        return ""
    parts = [principal.get("name") or ""]
    for label, key in (("Số định danh", "id_number"), ("Điện thoại", "phone"), ("Thư điện tử", "email"),
                       ("Địa chỉ", "address")):
        if principal.get(key):
            parts.append(f"{label}: {principal[key]}")
    if principal.get("paper"):
        parts.append(principal["paper"])
    return " · ".join(p for p in parts if p)
