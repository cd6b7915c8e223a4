"""Checks on what an applicant writes on the form: CCCD number, phone, e-mail, tax code.
Each returns the normalised value or raises UserError naming the field (in Vietnamese)."""

from __future__ import annotations

import json
import re
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


def check_cccd(number: str, *, birth_date: date | None = None, sex: str | None = None) -> str:
    """A 12-digit citizen ID number whose province, century/sex and year digits agree with
    the birth date and sex when those are known (Circular 07/2016/TT-BCA)."""
    n = re.sub(r"\s", "", number or "")
    if not re.fullmatch(r"[0-9]{12}", n):
        raise UserError("Số CCCD phải gồm đúng 12 chữ số.", field="cccd")
    if n[:3] not in cccd_provinces():
        raise UserError(f"Số CCCD có mã tỉnh «{n[:3]}» không tồn tại.", field="cccd")
    century, cccd_sex = cccd_century_sex(int(n[3]))
    if birth_date is not None:
        if not century <= birth_date.year < century + 100 or birth_date.year % 100 != int(n[4:6]):
            raise UserError(
                f"Số CCCD không khớp năm sinh {birth_date:%d/%m/%Y} (chữ số 4–6 là «{n[3:6]}»).",
                field="cccd",
            )
    if sex and sex != cccd_sex:
        raise UserError(f"Số CCCD ghi giới tính {cccd_sex}, khác với «{printable(sex)}» trên tờ khai.", field="cccd")
    return n


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


def check_tax_code(code: str) -> str:
    """Mã số thuế: 10 digits, or 13 for a branch (written 0101234567-001)."""
    c = re.sub(r"\s", "", code or "")
    m = _TAX_RE.match(c)
    if not m:
        raise UserError("Mã số thuế phải có 10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc.", field="tax_code")
    return m[1] + (f"-{m[2]}" if m[2] else "")
