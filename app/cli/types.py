"""Argument types with Vietnamese messages."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time


def parse_date(text: str) -> date:
    """dd/mm/yyyy (how people write it) or yyyy-mm-dd (ISO)."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"ngày «{text}» không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd)")


def parse_datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thời điểm «{text}» không hợp lệ (dạng ISO, ví dụ 2026-11-20T09:30)") from None


def parse_hhmm(text: str) -> time:
    try:
        t = time.fromisoformat(text.strip())
    except ValueError:
        t = None
    if t is None or len(text.strip()) != 5:
        raise argparse.ArgumentTypeError(f"giờ «{text}» không hợp lệ (dạng HH:MM, ví dụ 15:00)")
    return t


def positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"«{text}» không phải số nguyên không âm")
    return n


def positive_float(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        n = -1.0
    if not n > 0:
        raise argparse.ArgumentTypeError(f"«{text}» không phải số dương")
    return n


def year(text: str) -> int:
    try:
        y = int(text)
    except ValueError:
        y = 0
    if not 1990 <= y <= 2100:
        raise argparse.ArgumentTypeError(f"năm «{text}» không hợp lệ")
    return y
