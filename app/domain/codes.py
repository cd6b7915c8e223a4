"""Dossier codes `<unit code>-<YYMMDD>-<NNNN>` (Circular 01/2018/TT-VPCP Art. 19) and unit codes
per QCVN 102:2016/BTTTT (`000.00.01.H22`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.text import printable
from app.errors import UserError

UNIT_CODE_RE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
# ASCII digits only (`\d` would take any script's digits), and a sequence of at most 9 of them:
# a day never has a billion dossiers, and int() refuses numbers of thousands of digits.
DOSSIER_CODE_RE = re.compile(
    r"^(?P<unit>[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})-(?P<day>[0-9]{6})-(?P<tam>TAM)?(?P<seq>[0-9]{4,9})$"
)
# A provisional code (issued offline with no leased number left) carries "TAM" before its sequence:
# it can never equal an official code, and the next sync replaces it.
PROVISIONAL_MARK = "TAM"
MAX_DAILY_SEQUENCE = 9999


@dataclass(frozen=True)
class DossierCode:
    unit_code: str
    day: date
    sequence: int
    provisional: bool = False

    def __str__(self) -> str:
        mark = PROVISIONAL_MARK if self.provisional else ""
        return f"{self.unit_code}-{self.day:%y%m%d}-{mark}{self.sequence:04d}"


def validate_unit_code(code: str) -> str:
    code = code.strip().upper()
    if not UNIT_CODE_RE.match(code):
        raise UserError(
            f"Mã đơn vị «{printable(code)}» không đúng dạng QCVN 102:2016 (ví dụ 000.00.01.H22).",
            field="unit_code",
        )
    return code


def format_dossier_code(unit_code: str, day: date, sequence: int, *, provisional: bool = False) -> str:
    if not 1 <= sequence <= MAX_DAILY_SEQUENCE:
        raise UserError(
            f"Đã hết số thứ tự hồ sơ trong ngày {day:%d/%m/%Y} (tối đa {MAX_DAILY_SEQUENCE})."
        )
    return str(DossierCode(unit_code, day, sequence, provisional))


def parse_dossier_code(text: str) -> DossierCode | None:
    """The parts of a dossier code, or None if `text` is not one."""
    m = DOSSIER_CODE_RE.match(text.strip().upper())
    if not m:
        return None
    d = m["day"]
    try:
        day = date(2000 + int(d[:2]), int(d[2:4]), int(d[4:]))
    except ValueError:
        return None
    return DossierCode(m["unit"], day, int(m["seq"]), bool(m["tam"]))
