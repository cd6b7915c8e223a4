"""Diacritics-insensitive text for search. "Nguyễn Văn An" -> "nguyen van an", "Đặng" -> "dang".

Done in Python, identically for SQLite and PostgreSQL: FTS5's remove_diacritics does not fold
"đ", and PostgreSQL's unaccent needs an extension the office server may not allow."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
