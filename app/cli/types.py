"""Argument types with Vietnamese messages. Each refusal quotes the value on one line (control
characters escaped, long values clipped), and every value is bounded to what the office can mean:
dates in 1900–2100, counts up to a million, finite numbers."""

from __future__ import annotations

import argparse
import math
import re
from datetime import date, datetime, time

from app.domain.text import printable

FIRST_YEAR, LAST_YEAR = 1900, 2100  # wider than any office's records, far from date's own limits
MAX_COUNT = 1_000_000  # `demo-data --dossiers 1000000` builds the benchmark database


def _in_years(moment: date | datetime, text: str, what: str) -> None:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{what} «{printable(text)}» ngoài khoảng năm {FIRST_YEAR}–{LAST_YEAR}")


def parse_date(text: str) -> date:
    """dd/mm/yyyy (how people write it) or yyyy-mm-dd (ISO)."""
    for fmt, shape in (("%d/%m/%Y", r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"), ("%Y-%m-%d", r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")):
        # strptime alone would take other scripts' digits and spaces inside the fields.
        if re.fullmatch(shape, text.strip()):
            try:
                day = datetime.strptime(text.strip(), fmt).date()
            except ValueError:
                continue
            _in_years(day, text, "ngày")
            return day
    raise argparse.ArgumentTypeError(f"ngày «{printable(text)}» không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd)")


def parse_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thời điểm «{printable(text)}» không hợp lệ (dạng ISO, ví dụ 2026-11-20T09:30)") from None
    _in_years(moment, text, "thời điểm")
    return moment


def parse_hhmm(text: str) -> time:
    # Exactly HH:MM: time.fromisoformat would also take "1500Z", a time with a time zone.
    m = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])", text.strip())
    if m is None:
        raise argparse.ArgumentTypeError(f"giờ «{printable(text)}» không hợp lệ (dạng HH:MM, ví dụ 15:00)")
    return time(int(m[1]), int(m[2]))


def positive_int(text: str) -> int:
    """A whole number from 0 to MAX_COUNT (written in ASCII digits)."""
    if not re.fullmatch(r"\+?[0-9]{1,7}", text.strip()):
        raise argparse.ArgumentTypeError(f"«{printable(text)}» không phải số nguyên không âm")
    n = int(text)
    if n > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"«{printable(text)}» quá lớn (tối đa {MAX_COUNT:,})".replace(",", "."))
    return n


def positive_float(text: str) -> float:
    """A finite number greater than 0 and at most MAX_COUNT."""
    try:
        n = float(text)
    except ValueError:
        n = -1.0
    if not (math.isfinite(n) and n > 0):
        raise argparse.ArgumentTypeError(f"«{printable(text)}» không phải số dương")
    if n > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"«{printable(text)}» quá lớn (tối đa {MAX_COUNT:,})".replace(",", "."))
    return n


def year(text: str) -> int:
    y = int(text) if re.fullmatch(r"[0-9]{4}", text.strip()) else 0
    if not 1990 <= y <= 2100:
        raise argparse.ArgumentTypeError(f"năm «{printable(text)}» không hợp lệ")
    return y


def pause_seconds(text: str) -> float:
    """A pause between two actions: 0 to 60 seconds (time.sleep refuses a negative one, and a huge
    one would never end)."""
    try:
        n = float(text)
    except ValueError:
        n = -1.0
    if not (math.isfinite(n) and 0 <= n <= 60):
        raise argparse.ArgumentTypeError(f"«{printable(text)}» không phải số giây từ 0 đến 60")
    return n
