"""Time as the portal speaks it: Asia/Ho_Chi_Minh (UTC+7, no daylight saving), `yyyyMMddHHmmss`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VN = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
STAMP = "%Y%m%d%H%M%S"


def now() -> datetime:
    return datetime.now(VN)


def today() -> date:
    return now().date()


def stamp(when: datetime | None = None) -> str:
    return (when or now()).strftime(STAMP)


def parse_stamp(text: str) -> datetime | None:
    """A `yyyyMMddHHmmss` string as a datetime, None if it is not one."""
    if len(text) != 14 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, STAMP).replace(tzinfo=VN)
    except ValueError:
        return None


def parse_day(text: str) -> date | None:
    """A `yyyyMMdd` string as a date, None if it is not one."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def display(text: str) -> str:
    """`yyyyMMddHHmmss` as `dd/MM/yyyy HH:mm` for people; anything else unchanged."""
    when = parse_stamp(text or "")
    return when.strftime("%d/%m/%Y %H:%M") if when else (text or "")
