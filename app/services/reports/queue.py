"""The queue part of the report: how long citizens waited for a counter and how long they were
served, per service group and per hour of the day the ticket was taken."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.domain.report import QueueRow, ReportFilter, TimeStats
from db.models import QueueGroup, QueueTicket

T = QueueTicket


def time_stats(minutes: list[float]) -> TimeStats:
    """Mean, median and 90th percentile by nearest rank (a value some citizen really waited)."""
    if not minutes:
        return TimeStats(0, None, None, None)
    ordered = sorted(minutes)
    n = len(ordered)

    def rank(q: float) -> float:
        return round(ordered[max(0, math.ceil(q * n) - 1)], 2)

    return TimeStats(n, round(sum(ordered) / n, 2), rank(0.5), rank(0.9))


class _Tally:
    def __init__(self):
        self.issued = self.served = self.no_show = 0
        self.waits: list[float] = []
        self.services: list[float] = []


def _parsed(rows):
    """SQLite's ISO text moments as datetimes, by the C parser (SQLAlchemy's own conversion of
    four columns of a year's tickets cost a third of the queue figures)."""
    parse = datetime.fromisoformat
    for group, status, issued, called, served, done in rows:
        yield (group, status, parse(issued), called and parse(called), served and parse(served),
               done and parse(done))


def queue_rows(session: Session, flt: ReportFilter) -> list[QueueRow]:
    """Tickets taken in the period (only those served at the filter's counter, if one is set).
    Waiting runs from taking the ticket to reaching the counter (marked served, or else its call:
    a recall moves the call); service from then to done. Tickets that never printed are not counted."""
    start = datetime.combine(flt.start, time.min)
    end = datetime.combine(flt.end + timedelta(days=1), time.min)
    moments = (T.issued_at, T.called_at, T.served_at, T.done_at)
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # read as the ISO text SQLite keeps, parsed below (see _parsed)
        moments = tuple(type_coerce(m, String) for m in moments)
    q = (select(T.group_id, T.status, *moments)
         .where(T.issued_at >= start, T.issued_at < end, T.status.notin_(("printing", "void"))))
    if flt.counter_id is not None:
        q = q.where(T.counter_id == flt.counter_id)
    # Each ticket is tallied once, in its group's hour; a group's whole day is then its hours put
    # together (the statistics sort their values, so the figures do not depend on the order).
    # Read through Core rows: a year is some 70,000 tickets and the ORM's row handling cost as
    # much as the tallies.
    rows = session.connection().execute(q).all()
    hours: dict[tuple[int, int], _Tally] = defaultdict(_Tally)
    for group, status, issued, called, served, done in (_parsed(rows) if sqlite else rows):
        t = hours[(group, issued.hour)]
        t.issued += 1
        if status == "no_show":
            t.no_show += 1
        reached = served or called
        if reached is not None and status in ("serving", "done"):  # a no-show reached no counter
            t.waits.append((reached - issued).total_seconds() / 60)
        if status == "done" and done is not None:
            t.served += 1
            t.services.append((done - (reached or done)).total_seconds() / 60)
    tallies: dict[tuple[int, int | None], _Tally] = dict(hours)
    for (group, _hour), t in hours.items():
        day = tallies.setdefault((group, None), _Tally())
        day.issued += t.issued
        day.served += t.served
        day.no_show += t.no_show
        day.waits += t.waits
        day.services += t.services
    groups = {g.id: g for g in session.execute(select(QueueGroup.id, QueueGroup.code, QueueGroup.name))}
    rows = [QueueRow(groups[g].code, groups[g].name, hour, t.issued, t.served, t.no_show,
                     time_stats(t.waits), time_stats(t.services))
            for (g, hour), t in tallies.items()]
    # Each group's whole day, then its hours.
    return sorted(rows, key=lambda r: (r.group_code, -1 if r.hour is None else r.hour))
