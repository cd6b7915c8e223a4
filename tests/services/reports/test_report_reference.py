"""The report's grouped reads (app/services/reports/report.py, digitization.py, queue.py) against a
straightforward computation from the rows themselves, on a generated office (the demo generator of
the bench database: every channel, status and digitization state) with a few months of queue
tickets; on SQLite and PostgreSQL. The reads share passes and group in index order for speed: each
figure they touch must still be what the rules in app/domain/report.py and
app/domain/digitization_report.py say, dossier by dossier."""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select

from app.domain.permissions import Actor
from app.domain.report import ReportFilter, online_classes
from app.domain.vocab import Channel, DossierStatus
from app.services.demo_data import generate
from app.services.reports.queue import time_stats
from app.services.reports.report import build_report
from db.models import (
    Dossier,
    DossierDocument,
    DossierFile,
    Procedure,
    QueueGroup,
    QueueTicket,
    User,
)

S = DossierStatus
NOW = datetime(2026, 11, 20, 16, 0)
FILTERS = [ReportFilter(date(2026, 1, 1), date(2026, 12, 31)),  # the yearly report
           ReportFilter(date(2025, 3, 15), date(2026, 2, 10)),  # across a year's turn, from mid-month
           ReportFilter(date(2026, 1, 1), date(2026, 12, 31), channel=Channel.IN_PERSON),
           ReportFilter(date(2026, 1, 1), date(2026, 12, 31), counter_id=1)]


def add_tickets(db) -> None:
    """Two months of tickets in every state the report counts (and two it does not)."""
    rng = random.Random(5)
    with db.writing() as s:
        groups = s.scalars(select(QueueGroup.id)).all()
        rows, day = [], date(2026, 9, 1)
        while day < date(2026, 11, 1):
            for n in range(12):
                issued = datetime.combine(day, time(7, 30)) + timedelta(minutes=rng.randrange(540),
                                                                        microseconds=rng.randrange(10**6))
                called = issued + timedelta(seconds=rng.randrange(3600), microseconds=rng.randrange(10**6))
                served = called + timedelta(seconds=rng.randrange(120)) if rng.random() < 0.7 else None
                done = (served or called) + timedelta(seconds=rng.randrange(1800))
                status = rng.choice(("done", "done", "done", "no_show", "serving", "issued", "void", "printing"))
                rows.append({"uuid": str(uuid.uuid4()), "group_id": (g := rng.choice(groups)), "queue_group_id": g,
                             "day": day, "number": n + 1, "label": f"A{n:03d}", "status": status,
                             "issued_at": issued, "called_at": called if status != "issued" else None,
                             "served_at": served if status in ("done", "serving") else None,
                             "done_at": done if status == "done" else None, "counter_id": rng.choice((1, 2, None)),
                             "calls": 1, "head": False})
            day += timedelta(days=1)
        s.execute(insert(QueueTicket), rows)


@pytest.fixture
def office(any_db):
    generate(any_db, Actor.system(), 1500, seed=11, until=NOW, years=3)
    add_tickets(any_db)
    return any_db


def bounds(f: ReportFilter) -> tuple[datetime, datetime]:
    return datetime.combine(f.start, time.min), datetime.combine(f.end + timedelta(days=1), time.min)


def load(db):
    with db.reading() as s:
        dossiers = s.execute(select(Dossier.id, Dossier.procedure_id, Dossier.channel, Dossier.status,
                                    Dossier.received_at, Dossier.due_at, Dossier.finished_at, Dossier.returned_at,
                                    Dossier.updated_at, Dossier.result_method, Dossier.counter_id,
                                    Dossier.received_by, Dossier.online_level)).all()
        lines = defaultdict(list)
        for dossier_id, received, state, source in s.execute(select(
                DossierDocument.dossier_id, DossierDocument.received, DossierDocument.digitization,
                DossierDocument.reuse_source)):
            lines[dossier_id].append((received, state, source))
        with_file = set(s.scalars(select(DossierFile.dossier_id).where(DossierFile.kind == "result")))
        levels = dict(s.execute(select(Procedure.id, Procedure.online_level)).all())
        logins = dict(s.execute(select(User.id, User.login)).all())
        tickets = s.execute(select(QueueTicket.queue_group_id, QueueTicket.status, QueueTicket.issued_at,
                                   QueueTicket.called_at, QueueTicket.served_at, QueueTicket.done_at,
                                   QueueTicket.counter_id)).all()
        codes = dict(s.execute(select(QueueGroup.id, QueueGroup.code)).all())
    return dossiers, lines, with_file, levels, logins, tickets, codes


def kept(d, f: ReportFilter) -> bool:
    return ((f.channel is None or d.channel == int(f.channel))
            and (f.counter_id is None or d.counter_id == f.counter_id))


def expected_digitization(dossiers, lines, with_file, logins, f: ReportFilter) -> dict:
    """Per officer login ("" unknown) and per month: the figures, one dossier at a time."""
    start, end = bounds(f)
    out: dict = defaultdict(Counter)
    for d in dossiers:
        if not kept(d, f):
            continue
        officer = logins.get(d.received_by, "")
        if start <= d.received_at < end and d.status not in (S.NEW, S.REFUSED):
            slices = (("total",), ("officer", officer), ("month", d.received_at.strftime("%Y-%m")))
            own = [(state, source) for received, state, source in lines[d.id] if received]
            due = [state for state, _ in own if state not in ("shown", "exempt")]
            digitized = [state for state in due if state in ("scanned", "reused")]
            reused = [source for state, source in own if state == "reused"]
            for key in slices:
                c = out[key]
                c["received"] += 1
                if d.channel == int(Channel.ONLINE):
                    c["exempt_online"] += 1
                    continue
                c["no_paper"] += not due
                c["intake_due"] += bool(due)
                c["intake_done"] += bool(due) and len(digitized) == len(due)
                c["lines_digitized"] += len(digitized)
                c["lines_reused"] += len(reused)
                c["lines_reused_portal"] += reused.count("portal")
        if d.finished_at is not None and start <= d.finished_at < end:
            for key in (("total",), ("officer", officer), ("month", d.finished_at.strftime("%Y-%m"))):
                out[key]["results"] += 1
                out[key]["results_with_file"] += d.id in with_file
    return out


def expected_counts(dossiers, f: ReportFilter) -> Counter:
    """The office's open, carried over, resolved and returned figures, one dossier at a time."""
    start, end = bounds(f)
    judge = min(end, NOW)
    out: Counter = Counter()
    for d in [d for d in dossiers if kept(d, f)]:
        for moment, field in ((end, "open"), (start, "carried_over")):
            if d.received_at >= moment:
                continue
            if d.finished_at is not None:  # resolved later
                still, with_office = d.finished_at >= moment, True
            elif d.status in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION):
                still, with_office = True, d.status in (S.RECEIVED, S.PROCESSING)
            elif d.status in (S.WITHDRAWN, S.STOPPED):  # closed at their last change
                still, with_office = d.updated_at >= moment, True
            else:
                still = with_office = False
            if still:
                out[field] += 1
                out["open_overdue"] += field == "open" and with_office and d.due_at < judge
        if d.finished_at is not None and start <= d.finished_at < end:
            out["resolved"] += 1
            out["late" if d.finished_at > d.due_at else
                "early" if d.finished_at.date() < d.due_at.date() else "on_time"] += 1
        if d.returned_at is not None and start <= d.returned_at < end:
            out["returned"] += 1
            out["returned_by_post"] += d.result_method == "post"
            out["returned_online"] += d.result_method == "online"
    return out


def expected_years(dossiers, levels, f: ReportFilter) -> list[tuple]:
    _, end = bounds(f)
    last = f.end.year
    rows = []
    for y in range(min(f.start.year, last - 4), last + 1):
        upper = min(end, datetime(y + 1, 1, 1))
        got = [d for d in dossiers if kept(d, f) and datetime(y, 1, 1) <= d.received_at < upper
               and d.status not in (S.NEW, S.REFUSED)]
        online = [d for d in got if d.channel == int(Channel.ONLINE)]
        level = [d.online_level if d.online_level is not None else levels[d.procedure_id] for d in online]
        historical = date(y, 1, 1) < online_classes().classes_from
        rows.append((y, len(got), len(online), level.count(3) if historical else None,
                     level.count(4) if historical else None))
    return rows


def expected_queue(tickets, codes, f: ReportFilter) -> dict:
    start, end = bounds(f)
    waits, services, issued = defaultdict(list), defaultdict(list), Counter()
    for group, status, at, called, served, done, counter in tickets:
        if not start <= at < end or status in ("printing", "void"):
            continue
        if f.counter_id is not None and counter != f.counter_id:
            continue
        for key in ((codes[group], None), (codes[group], at.hour)):
            issued[key] += 1
            reached = served or called
            if reached is not None and status in ("serving", "done"):
                waits[key].append((reached - at).total_seconds() / 60)
            if status == "done" and done is not None:
                services[key].append((done - (reached or done)).total_seconds() / 60)
    return {key: (n, time_stats(waits[key]), time_stats(services[key])) for key, n in issued.items()}


def fields(c, names) -> dict:
    return {name: getattr(c, name) for name in names}


@pytest.mark.parametrize("flt", FILTERS, ids=["year", "across-years", "in-person", "counter-1"])
def test_every_figure_as_counted_dossier_by_dossier(office, flt):
    dossiers, lines, with_file, levels, logins, tickets, codes = load(office)
    r = build_report(office, Actor.system(), flt, now=NOW)

    want = expected_counts(dossiers, flt)
    assert want["resolved"] and want["open"] and want["carried_over"]  # the generated office has them all
    assert fields(r.total, want) == want

    digit = expected_digitization(dossiers, lines, with_file, logins, flt)
    names = list(r.digitization.total.__dataclass_fields__)
    assert digit[("total",)]["lines_reused_portal"] and digit[("total",)]["intake_done"]
    assert fields(r.digitization.total, names) == {n: digit[("total",)][n] for n in names}
    assert {row.key: fields(row.counts, names) for row in r.digitization.by_officer} == {
        key[1]: {n: c[n] for n in names} for key, c in digit.items() if key[0] == "officer"}
    assert {row.key: fields(row.counts, names) for row in r.digitization.by_month if row.counts.any()} == {
        key[1]: {n: c[n] for n in names} for key, c in digit.items() if key[0] == "month"}

    assert [(y.year, y.received, y.online, y.level3, y.level4) for y in r.years] == expected_years(
        dossiers, levels, flt)

    assert {(q.group_code, q.hour): (q.issued, q.waiting, q.service) for q in r.queue} == expected_queue(
        tickets, codes, flt)
