"""Reading the portal's values: what a field must be (an identifier, a whole number, a code from
a short list, text a database can store, short enough for its column), each refusal a
MappingError that names the field. The wire format itself is dvc_mapping."""

from __future__ import annotations

import unicodedata
from typing import Any

from app.domain.text import first_bad_char


class MappingError(ValueError):
    """The portal's answer does not have the shape this module expects."""


# What the neutral records hold must fit where it is stored (db/models.py): longer is refused here,
# as a malformed answer, rather than failing the database write of the whole page.
LIMITS = {"portal_id": 36, "code": 64, "applicant_name": 300, "applicant_id_number": 20, "applicant_phone": 20,
          "applicant_email": 200, "applicant_address": 500, "result_address": 500, "attachment_id": 64,
          "attachment_name": 300, "mime": 100, "sha256": 64, "url": 500, "lease_key": 36}
MAX_INT = 2**31 - 1  # the integer columns


def storable(value: Any, what: str) -> str:
    """Text as the portal sent it, minus what no database stores: NUL and unpaired surrogates
    (a JSON escape such as \\ud800) become U+FFFD."""
    text = as_text(value)
    if "\x00" in text or not text.isascii() and any(unicodedata.category(c) == "Cs" for c in text):
        text = "".join("\ufffd" if c == "\x00" or unicodedata.category(c) == "Cs" else c for c in text)
    if what in LIMITS and len(text) > LIMITS[what]:
        raise MappingError(f"{what}: longer than {LIMITS[what]} characters")
    return text


def ident(value: Any, what: str) -> str:
    """An identifier (HoSoId, MaHoSo, Id, Key): a non-empty string or number, printable, short."""
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise MappingError(f"{what}: missing or not a string")
    text = str(value)
    if first_bad_char(text) is not None:
        raise MappingError(f"{what}: control character")
    return storable(text, what)


def whole(value: Any, what: str, most: int = MAX_INT, least: int = 0) -> int:
    """A whole number the portal sent as a number or digits, within [least, most]."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value) < 12:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise MappingError(f"{what}: not a whole number from {least} to {most}")
    return value


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def obj(data: Any, what: str) -> dict:
    if not isinstance(data, dict):
        raise MappingError(f"{what}: expected an object")
    return data


def opt(value: Any, what: str = "") -> str | None:
    value = storable(as_text(value).strip(), what)
    return value or None


def int_or_none(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a JSON number such as 1e999
        return None


def choice(value: Any, allowed: range) -> int | None:
    """A code from a short list (LoaiDoiTuong, MucDoDVC); None for anything else."""
    value = int_or_none(value) if not isinstance(value, bool) else None
    return value if value in allowed else None


def flag(value: Any) -> bool | None:
    """ToanTrinh: true/false (or 1/0, "true"/"false"); None when the portal did not say."""
    # 1 and 0 are the keys True and False: the same dict entries.
    return {True: True, False: False, "true": True, "false": False, "1": True, "0": False}.get(value) \
        if isinstance(value, bool | int | str) else None


def listed(value: Any, what: str) -> list:
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise MappingError(f"{what}: expected a list")
    return value
