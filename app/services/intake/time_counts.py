"""From when a dossier's processing time counts, when that is not the moment it was received: it
came on a day off, outside office hours, or after the procedure's daily cutoff. The intake says so
after saving, so the officer can tell the citizen (the due moment itself is app/domain/calendar.py's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from app.domain.calendar import WorkingCalendar, to_local_naive
from app.services.settings.calendar import calendar_in, parse_cutoff
from db.engine import Database

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class Why(StrEnum):
    DAY_OFF = "day_off"
    OUTSIDE_HOURS = "outside_hours"
    AFTER_CUTOFF = "after_cutoff"


@dataclass(frozen=True)
class LateStart:
    starts: datetime  # the next opening of the office: when the time starts running
    why: Why
    cutoff: time | None = None


def counting_start(cal: WorkingCalendar, received_at: datetime, cutoff: time | None = None) -> LateStart | None:
    """None when the time counts from the receipt itself (inside a session of a working day,
    before the cutoff); otherwise the next session's opening and why."""
    received_at = to_local_naive(received_at)
    d, t = received_at.date(), received_at.time()
    if not cal.is_working_day(d):
        return LateStart(datetime.combine(cal.next_working_day(d), cal.office_hours.opening), Why.DAY_OFF)
    day = cal.receipt_day(received_at, cutoff)
    if day != d:  # after closing, or after the cutoff: the next working day
        why = Why.OUTSIDE_HOURS if t >= cal.office_hours.closing else Why.AFTER_CUTOFF
        return LateStart(datetime.combine(day, cal.office_hours.opening), why,
                         cutoff if why is Why.AFTER_CUTOFF else None)
    for start, end in cal.office_hours.sessions:
        if t < start:  # before opening, or in the midday break
            return LateStart(datetime.combine(d, start), Why.OUTSIDE_HOURS)
        if t < end:
            return None
    return None  # not reached: after closing is the next working day above


def counting_start_for(db: Database, received_at: datetime, procedure_code: str) -> LateStart | None:
    from app.services.catalog import get_procedure

    with db.reading() as s:
        cutoff = parse_cutoff(get_procedure(s, procedure_code).cutoff)
        return counting_start(calendar_in(s), received_at, cutoff)


def with_weekday(moment: datetime) -> str:
    """'07:30 thứ Hai 07/12/2026'."""
    return f"{moment:%H:%M} {WEEKDAYS[moment.weekday()]} {moment:%d/%m/%Y}"
