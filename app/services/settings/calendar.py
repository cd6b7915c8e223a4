"""The office calendar: the holidays package plus the office's own overrides, and due moments."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.calendar import DayInfo, OfficeHours, WorkingCalendar
from app.domain.permissions import Actor, Permission
from app.domain.vocab import TimeUnit
from app.errors import NotFound, UserError
from app.services.journal import audit
from app.services.storable import check_storable
from db.engine import Database
from db.fast import fast
from db.models import Agency, CalendarOverride, Procedure

DAY_OFF, WORKING_DAY = "day_off", "working_day"
_OVERRIDES = select(CalendarOverride.day, CalendarOverride.kind, CalendarOverride.reason)  # built once


def office_hours(session: Session) -> OfficeHours:
    agency = session.scalar(select(Agency).order_by(Agency.id).limit(1))
    return OfficeHours.parse(agency.office_hours) if agency else OfficeHours()


def calendar_in(session: Session, hours: OfficeHours | None = None) -> WorkingCalendar:
    """The office's calendar; `hours`: its office hours when the caller has read them already."""
    rows = fast(session).rows(_OVERRIDES)
    return WorkingCalendar(
        days_off={r.day: r.reason for r in rows if r.kind == DAY_OFF},
        working_days={r.day: r.reason for r in rows if r.kind == WORKING_DAY},
        office_hours=hours if hours is not None else office_hours(session),
    )


def load_calendar(db: Database) -> WorkingCalendar:
    with db.reading() as s:
        return calendar_in(s)


def add_override(db: Database, actor: Actor, day: date, kind: str, reason: str) -> None:
    actor.require(Permission.EDIT_CALENDAR)
    reason = (reason or "").strip()
    if not reason:
        raise UserError("Cần ghi lý do cho ngày nghỉ hoặc ngày làm bù.", field="reason")
    check_storable(CalendarOverride, {"reason": reason}, {"reason": "Lý do"})
    with db.writing() as s:
        row = s.get(CalendarOverride, day)
        if row is None:
            row = CalendarOverride(day=day)
            s.add(row)
        row.kind, row.reason, row.created_by, row.created_at = kind, reason, actor.login, now_local()
        audit(s, actor, f"calendar.{kind}", "calendar", day.isoformat(), {"reason": reason})


def remove_override(db: Database, actor: Actor, day: date) -> None:
    actor.require(Permission.EDIT_CALENDAR)
    with db.writing() as s:
        row = s.get(CalendarOverride, day)
        if row is None:
            raise NotFound(f"Ngày {day:%d/%m/%Y} không có điều chỉnh riêng của cơ quan.")
        s.delete(row)
        audit(s, actor, "calendar.remove", "calendar", day.isoformat(), {"kind": row.kind})


def year_listing(db: Database, year: int) -> list[DayInfo]:
    return load_calendar(db).year(year)


def parse_cutoff(text: str | None) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise UserError(f"Giờ chốt «{text}» không hợp lệ (dạng HH:MM, ví dụ 15:00).", field="cutoff") from None


def due_for_procedure(cal: WorkingCalendar, proc: Procedure, received_at: datetime) -> datetime:
    return cal.due_at(received_at, proc.time_value, TimeUnit(proc.time_unit), parse_cutoff(proc.cutoff))


def due_for(db: Database, received_at: datetime, *, days: int | None = None, hours: float | None = None,
            procedure_code: str | None = None, cutoff: time | None = None) -> datetime:
    """The due moment for the `motcua due-date` command and the intake form's live preview."""
    with db.reading() as s:
        cal = calendar_in(s)
        if procedure_code:
            from app.services.catalog import get_procedure

            proc = get_procedure(s, procedure_code)
            unit, amount = TimeUnit(proc.time_unit), proc.time_value
            cutoff = cutoff or parse_cutoff(proc.cutoff)
        elif hours is not None:
            unit, amount = TimeUnit.WORKING_HOURS, hours
        elif days is not None:
            unit, amount = TimeUnit.WORKING_DAYS, days
        else:
            raise UserError("Cần --days, --hours hoặc --procedure.")
    return cal.due_at(received_at, amount, unit, cutoff)


