"""Working days, office hours and the appointment (due) moment.

Civil Code 2015 Art. 147–148: a period counted in days starts the day after the event, so the
day of receipt is not counted. Working days are Monday–Friday, less the public holidays of the
`holidays` package for VN (substitute days included), plus the government's weekend swap days
(`weekend_workdays`), with the office's own overrides on top: those always win.

Pure functions over dates: no database, no clock. Times are naive Vietnam local time."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from app.clock import VN_TZ
from app.domain.vocab import TimeUnit
from app.errors import UserError

_SESSION_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
# A dossier cannot be due further away than this: guards against a calendar with no working day.
_MAX_SCAN_DAYS = 3 * 366
# What a due date can be asked for: far beyond any procedure's time limit (the catalog allows 365)
# and far from the ends of Python's dates, so no input overflows them.
MAX_WORKING_DAYS = 1000  # about four years
MAX_WORKING_HOURS = 8 * MAX_WORKING_DAYS
FIRST_YEAR, LAST_YEAR = 1900, 2100


def to_local_naive(moment: datetime) -> datetime:
    """A moment as the database stores it: naive Vietnam local time (aware ones are converted)."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(VN_TZ).replace(tzinfo=None)
    except OverflowError:  # year 1 or 9999 in a far time zone
        raise UserError(f"Thời điểm {moment:%d/%m/%Y %H:%M} nằm ngoài khoảng ngày tính được.") from None


@dataclass(frozen=True)
class OfficeHours:
    """The sessions of a working day, e.g. 07:30–11:30 and 13:30–17:00 (an agency setting)."""

    sessions: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """'07:30-11:30,13:30-17:00': sessions in order, none overlapping."""
        sessions = []
        for part in (text or "").split(","):
            m = _SESSION_RE.match(part)
            try:
                start, end = (time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))) if m else (None, None)
            except ValueError:
                start = end = None
            if start is None or end is None or start >= end or (sessions and start < sessions[-1][1]):
                raise UserError(
                    f"Giờ làm việc «{text}» không hợp lệ (dạng 07:30-11:30,13:30-17:00).",
                    field="office_hours",
                )
            sessions.append((start, end))
        return cls(tuple(sessions))

    def __str__(self) -> str:
        return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.sessions)

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]


@dataclass(frozen=True)
class DayInfo:
    """A day that is not an ordinary weekday or weekend: a holiday, a swap day, an override."""

    day: date
    working: bool
    reason: str | None
    source: str  # "holiday" | "swap" | "office"


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """(holidays with their Vietnamese names, weekend days worked in exchange) for one year."""
    h = holidays.country_holidays("VN", years=year, language="vi")
    names = {d: "; ".join(h.get_list(d)) for d in h}
    swaps = frozenset(d for d in getattr(h, "weekend_workdays", ()) if d.year == year)
    return names, swaps


@dataclass
class WorkingCalendar:
    """The office's calendar: the law's holidays plus its own days off and make-up days."""

    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)
    office_hours: OfficeHours = field(default_factory=OfficeHours)

    # -- days -------------------------------------------------------------------------------
    def info(self, d: date) -> DayInfo | None:
        """Why `d` is not an ordinary day, or None if it is one."""
        if d in self.working_days:
            return DayInfo(d, True, self.working_days[d], "office")
        if d in self.days_off:
            return DayInfo(d, False, self.days_off[d], "office")
        names, swaps = _public_holidays(d.year)
        if d in names:
            return DayInfo(d, False, names[d], "holiday")
        if d in swaps:
            return DayInfo(d, True, "Ngày làm việc bù theo quyết định hoán đổi ngày nghỉ", "swap")
        return None

    def is_working_day(self, d: date) -> bool:
        special = self.info(d)
        if special is not None:
            return special.working
        return d.weekday() < 5

    def year(self, year: int) -> list[DayInfo]:
        """Every day of `year` that is not an ordinary weekday or weekend, in date order."""
        names, swaps = _public_holidays(year)
        days: Iterable[date] = {*names, *swaps,
                                *(d for d in self.days_off if d.year == year),
                                *(d for d in self.working_days if d.year == year)}
        return [i for i in (self.info(d) for d in sorted(days)) if i is not None]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        for _ in range(_MAX_SCAN_DAYS):
            d += timedelta(days=1)
            if self.is_working_day(d):
                return d
        raise UserError("Lịch làm việc không có ngày làm việc nào trong ba năm tới: kiểm tra lịch nghỉ.")

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (the start day itself is not counted)."""
        d = start
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie after `start` up to and including `end`."""
        n, d = 0, start
        while d < end:
            d += timedelta(days=1)
            n += self.is_working_day(d)
        return n

    # -- the due moment ---------------------------------------------------------------------
    def receipt_day(self, received_at: datetime, cutoff: time | None = None) -> date:
        """The day a dossier counts as received: the next working day when it came on a day off,
        at or after the procedure's cutoff, or after closing time."""
        d, t = received_at.date(), received_at.time()
        late = (cutoff is not None and t >= cutoff) or t >= self.office_hours.closing
        if not self.is_working_day(d) or late:
            return self.next_working_day(d)
        return d

    def closing_on(self, d: date) -> datetime:
        return datetime.combine(d, self.office_hours.closing)

    def due_at(self, received_at: datetime, amount: float, unit: TimeUnit,
               cutoff: time | None = None) -> datetime:
        """When the result is due for a dossier received at `received_at`."""
        received_at = to_local_naive(received_at).replace(microsecond=0)
        if not FIRST_YEAR <= received_at.year <= LAST_YEAR:
            raise UserError(f"Thời điểm tiếp nhận {received_at:%d/%m/%Y} ngoài khoảng năm {FIRST_YEAR}–{LAST_YEAR}.")
        if not amount <= (MAX_WORKING_HOURS if unit is TimeUnit.WORKING_HOURS else MAX_WORKING_DAYS):  # NaN too
            limit = (f"{MAX_WORKING_HOURS:,} giờ" if unit is TimeUnit.WORKING_HOURS
                     else f"{MAX_WORKING_DAYS:,} ngày").replace(",", ".")
            raise UserError(f"Thời hạn giải quyết quá dài: tối đa {limit} làm việc.")
        if unit is TimeUnit.WORKING_HOURS:
            return self._add_working_hours(received_at, amount, cutoff)
        if unit is TimeUnit.WITHIN_DAY:
            # Due at closing on the day it counts as received; after closing that is the next day.
            return self.closing_on(self.receipt_day(received_at, cutoff))
        if amount != int(amount) or amount < 0:
            raise UserError(f"Số ngày làm việc phải là số nguyên không âm, không phải {amount}.")
        start = self.receipt_day(received_at, cutoff)
        # The day it counts as received is never itself counted (Civil Code Art. 147).
        return self.closing_on(self.add_working_days(start, int(amount)))

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours (inside office hours, on working days) from `start` to `end`."""
        total, d = timedelta(), start.date()
        while d <= end.date():
            if self.is_working_day(d):
                for open_, close in self.office_hours.sessions:
                    a = max(datetime.combine(d, open_), start)
                    b = min(datetime.combine(d, close), end)
                    if b > a:
                        total += b - a
            d += timedelta(days=1)
        return total.total_seconds() / 3600

    def _add_working_hours(self, received_at: datetime, hours: float, cutoff: time | None) -> datetime:
        if hours <= 0:
            raise UserError("Số giờ làm việc phải lớn hơn 0.")
        remaining = timedelta(hours=hours)
        d = received_at.date()
        clock = received_at.time()
        if not self.is_working_day(d) or (cutoff is not None and clock >= cutoff):
            d, clock = self.next_working_day(d), time(0)
        for _ in range(_MAX_SCAN_DAYS):
            for start, end in self.office_hours.sessions:
                begin = max(clock, start)
                if begin >= end:
                    continue
                available = datetime.combine(d, end) - datetime.combine(d, begin)
                if remaining <= available:
                    return datetime.combine(d, begin) + remaining
                remaining -= available
            d, clock = self.next_working_day(d), time(0)
        raise UserError("Không tính được thời hạn theo giờ làm việc: kiểm tra lịch nghỉ.")
