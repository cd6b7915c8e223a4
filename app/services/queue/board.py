"""What the hall display and the kiosk show: who is being served at each counter, the last calls,
and how many wait in each group. One read, a handful of indexed queries, cheap enough to run on
every change the feed reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select

from app.domain.queue import CALLED, SERVING, WAITING
from app.services.queue.tickets import wait_minutes
from db.engine import Database
from db.models import Counter, QueueGroup, QueueTicket


@dataclass(frozen=True)
class CounterNow:
    number: int
    name: str
    label: str | None  # the ticket at the counter, None: free
    status: str | None
    priority: str | None = None  # app/domain/queue.PRIORITIES: why it went first


@dataclass(frozen=True)
class Call:
    id: int
    label: str
    counter_number: int
    called_at: datetime
    calls: int
    priority: str | None = None

    @property
    def key(self) -> tuple[int, datetime]:
        """A recall is a new call of the same ticket: it changes called_at."""
        return self.id, self.called_at


@dataclass(frozen=True)
class GroupNow:
    code: str
    prefix: str
    name: str
    waiting: int
    wait_minutes: int | None


@dataclass(frozen=True)
class Board:
    day: date
    counters: tuple[CounterNow, ...]
    calls: tuple[Call, ...]  # newest first
    groups: tuple[GroupNow, ...]


_AT_COUNTERS = (select(QueueTicket.counter_id, QueueTicket.label, QueueTicket.status, QueueTicket.priority)
                .where(QueueTicket.status.in_((CALLED, SERVING)), QueueTicket.counter_id.is_not(None))
                .order_by(QueueTicket.called_at))
_CALLS = (select(QueueTicket.id, QueueTicket.label, Counter.number, QueueTicket.called_at, QueueTicket.calls,
                 QueueTicket.priority)
          .join(Counter, Counter.id == QueueTicket.counter_id)
          .where(QueueTicket.day == bindparam("day"), QueueTicket.called_at.is_not(None))
          .order_by(QueueTicket.called_at.desc(), QueueTicket.id.desc()).limit(bindparam("limit")))
_WAITING = (select(QueueTicket.queue_group_id, func.count()).where(QueueTicket.day == bindparam("day"),
                                                                    QueueTicket.status == WAITING)
            .group_by(QueueTicket.queue_group_id))


def board(db: Database, at: datetime, calls: int = 8) -> Board:
    day = at.date()
    with db.reading() as s:
        at_counter = {cid: (label, status, priority) for cid, label, status, priority in s.execute(_AT_COUNTERS)}
        counters = tuple(CounterNow(c.number, c.name, *at_counter.get(c.id, (None, None, None)))
                         for c in s.scalars(select(Counter).where(Counter.active).order_by(Counter.number)))
        recent = tuple(Call(*row) for row in s.execute(_CALLS, {"day": day, "limit": calls}))
        waiting = dict(s.execute(_WAITING, {"day": day}).all())
        groups = tuple(GroupNow(g.code, g.prefix, g.name, waiting.get(g.id, 0), wait_minutes(s, g.id, at.date(), waiting.get(g.id, 0)))
                       for g in s.scalars(select(QueueGroup).where(QueueGroup.active).order_by(QueueGroup.position)))
        return Board(day, counters, recent, groups)


@dataclass(frozen=True)
class Hall:
    """The settings a kiosk or hall display needs, read once at start and on each change."""

    unit: str
    notice: str
    announce: bool
    open_now: bool
    hours: str  # "07:30–11:30, 13:30–17:00"
    opens_at: datetime | None = None  # when the kiosk next opens (None: not within a year)


LOOK_AHEAD_DAYS = 400  # a calendar with no working day for longer than this is a misconfiguration


def next_opening(is_working_day, sessions, at: datetime, early_minutes: int) -> datetime | None:
    """The first moment after `at` the kiosk opens (the `kiosk_open` rule): a session's start less
    `early_minutes`, on the next working day of the office calendar (its days off, holidays and
    make-up days included); a session already under way has opened."""
    early = timedelta(minutes=early_minutes)
    for offset in range(LOOK_AHEAD_DAYS):
        day = at.date() + timedelta(days=offset)
        if not is_working_day(day):
            continue
        for start, _end in sessions:
            opens = datetime.combine(day, start) - early
            if opens > at:
                return opens
    return None


def hall(db: Database, at: datetime) -> Hall:
    from app.domain.queue import kiosk_open
    from app.services.settings.calendar import calendar_in
    from app.services.settings.store import settings_in
    from db.models import Agency

    with db.reading() as s:
        values = settings_in(s)
        cal = calendar_in(s)
        agency = s.scalar(select(Agency).order_by(Agency.id).limit(1))
    sessions = cal.office_hours.sessions
    early = values["queue.kiosk_open_early"]
    return Hall(unit=values["receipt.header_unit"].strip() or (agency.name if agency else ""),
                notice=values["queue.notice"], announce=values["queue.announce"],
                open_now=kiosk_open(cal.is_working_day(at.date()), sessions, at, early),
                hours=", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in sessions),
                opens_at=next_opening(cal.is_working_day, sessions, at, early))
