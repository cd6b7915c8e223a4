"""Personal data shown to those who do not need it whole (Decree 13/2023/NĐ-CP): enough of a
CCCD or phone number to tell two citizens apart on a list, not enough to use it."""

from __future__ import annotations


def mask_middle(value: str | None, keep_start: int, keep_end: int) -> str | None:
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[len(value) - keep_end:]


def mask_id_number(value: str | None) -> str | None:
    """"086185004321" -> "086******321": the province code and the last three digits."""
    return mask_middle(value, 3, 3)


def mask_phone(value: str | None) -> str | None:
    """"0939123456" -> "093****456"."""
    return mask_middle(value, 3, 3)
