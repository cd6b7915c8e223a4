"""Text as the app may store and quote it. NUL is refused by PostgreSQL, a lone surrogate by any
UTF-8 database, and other control characters are invisible garbage from a copy-paste; a message
quoting what someone typed must stay one readable line."""

from __future__ import annotations

import unicodedata

UNSTORABLE = ("Cc", "Cs")  # control characters (NUL among them), lone surrogates
_UNPRINTABLE = ("Cc", "Cf", "Cs", "Zl", "Zp")


def first_bad_char(text: str, kinds: tuple[str, ...] = UNSTORABLE, allowed: str = "") -> str | None:
    """The first character of one of the Unicode categories `kinds` not in `allowed`, or None."""
    return next((c for c in text if unicodedata.category(c) in kinds and c not in allowed), None)


def printable(value: str, most: int = 60) -> str:
    """A typed value as a message may quote it: on one line, control, invisible and line-breaking
    characters written as escapes (\\n, \\x00, \\u200b), and clipped when long."""
    text = "".join(c if unicodedata.category(c) not in _UNPRINTABLE else repr(c)[1:-1] if c.isascii()
                   else f"\\u{ord(c):04x}" for c in value)
    return text if len(text) <= most else text[:most] + "…"
