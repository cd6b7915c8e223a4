"""The digitization figures of the supervisors' report (rules: app/domain/digitization_report.py),
computed in SQL like the rest of the report (app/services/reports/report.py).

Three grouped reads: the online dossiers received in the period (exempt: counted from the
reports' covering index, their lines never read; report.py's received pass hands them over);
those received in person or by post, each with its document lines summed as one join on their
dossier index reads them and classed (no paper, done, not done), then grouped by officer,
procedure and month; and the dossiers whose result was ready in it, grouped the same way, with
whether a result file exists (the dossier_files index answers that; report.py's resolved pass
hands them over). On SQLite each read goes a month at a time (`month_ranges`). The few hundred
grouped rows are summed into the slices here; no dossier row reaches Python. A year of a
million-dossier office: about 0.8 s alone on the bench machine, half of it the join over the
paper lines (months are read as the moment's first characters on SQLite: report.py `_month`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from app.domain.digitization_report import DigitizationCounts, DigitizationFigures, DigitizationRow
from app.domain.folding import fold
from app.domain.vocab import Channel, DossierStatus
from app.services.dossiers.digitization import EXEMPT, PORTAL, RESULT, REUSED, SCANNED, SHOWN
from db.models import Dossier, DossierDocument, DossierFile, User

D, L = Dossier, DossierDocument
NOT_RECEIVED = (DossierStatus.NEW, DossierStatus.REFUSED)  # waiting online, or refused at intake
UNKNOWN_OFFICER = "Không rõ người tiếp nhận"
# How a dossier received in person or by post counts for the intake share (its class in the query).
NO_PAPER, DONE, NOT_DONE = "no_paper", "done", "not_done"


def _count(condition) -> object:
    return func.count().filter(condition)


def digitization_figures(s: Session, start: datetime, end: datetime, where: list, procs: dict,
                         month: Callable, months: Iterable[tuple[str, str]],
                         online: Iterable[tuple[int | None, int, str, int]] | None = None,
                         ready: Iterable[tuple[int | None, int, str, int, int]] | None = None,
                         intake: Iterable[tuple] | None = None) -> DigitizationFigures:
    """The figures of dossiers received (results: ready) in [start, end), narrowed by the report's
    `where` conditions on Dossier; `procs` maps a procedure id to its row (code, name); `month`
    turns a datetime column into its "YYYY-MM" key; `months` are every (key, label) of the period.
    `online`: the online dossiers received, as (received_by, procedure id, month key, count), when
    the caller has already counted them under the same filters (report.py's received pass); else
    they are counted here. `ready`: likewise the dossiers ready, as (received_by, procedure id,
    month key, count, of them with a result file). `intake`: the rows of `intake_rows`, when the
    caller has read them already (report.py reads them on its second connection)."""
    total = DigitizationCounts()
    by_officer: dict[int | None, DigitizationCounts] = defaultdict(DigitizationCounts)
    by_proc: dict[int, DigitizationCounts] = defaultdict(DigitizationCounts)
    by_month = {key: DigitizationRow(key, label) for key, label in months}

    def slices(user: int | None, pid: int, key: str) -> tuple[DigitizationCounts, ...]:
        found = by_month.get(key)
        return (total, by_officer[user], by_proc[pid], *((found.counts,) if found else ()))

    key = month(D.received_at).label("month")
    received_in_period = and_(D.received_at >= start, D.received_at < end, D.status.notin_(NOT_RECEIVED), *where)
    is_online = D.channel == int(Channel.ONLINE)
    # Online dossiers are exempt as a whole: counted from the covering index, their lines never read.
    if online is None:
        online = s.execute(select(D.received_by, D.procedure_id, key, func.count())
                           .where(received_in_period, is_online).group_by(D.received_by, D.procedure_id, key))
    for user, pid, mkey, n in online:
        for c in slices(user, pid, mkey):
            c.received += n
            c.exempt_online += n

    if intake is None:
        intake = intake_rows(s, start, end, where, month)
    for user, pid, mkey, k, n, lines, again, portal in intake:
        for c in slices(user, pid, mkey):
            c.received += n
            c.no_paper += n if k == NO_PAPER else 0
            c.intake_due += n if k in (DONE, NOT_DONE) else 0
            c.intake_done += n if k == DONE else 0
            c.lines_digitized += int(lines or 0)
            c.lines_reused += int(again or 0)
            c.lines_reused_portal += int(portal or 0)

    if ready is None:
        r = ready_dossiers(D.finished_at >= start, D.finished_at < end, *where, month=month)
        keys = (r.received_by, r.procedure_id, r.month)
        ready = s.execute(select(*keys, func.count(), _count(r.with_file)).group_by(*keys))
    for user, pid, mkey, n, with_file in ready:
        for c in slices(user, pid, mkey):
            c.results += n
            c.results_with_file += int(with_file or 0)

    return DigitizationFigures(total, _officer_rows(s, by_officer), _procedure_rows(procs, by_proc),
                               list(by_month.values()))


def intake_rows(s: Session, start: datetime, end: datetime, where: list, month: Callable) -> list:
    """The dossiers received in person or by post in [start, end), classed by their paper lines and
    grouped (`_intake_query`): (received_by, procedure id, month key, class, count, lines
    digitized, reused, reused from the portal). A month at a time on SQLite."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    key = month(D.received_at).label("month")
    is_online = D.channel == int(Channel.ONLINE)
    rows = []
    for first, upper in month_ranges(s, start, end):
        in_month = and_(D.received_at >= first, D.received_at < upper, D.status.notin_(NOT_RECEIVED), *where)
        rows += s.execute(_intake_query(in_month, is_online, key, sqlite)).all()
    return rows


def month_ranges(s: Session, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """[start, end) cut at each month's first day, on SQLite; whole on PostgreSQL. SQLite groups
    by sorting, and a year's rows overflow its sorter's memory into temporary files: a month at a
    time each sort stays in memory, a third faster for the same rows (PostgreSQL hashes)."""
    if s.get_bind().dialect.name != "sqlite":
        return [(start, end)]
    out, first = [], start
    while first < end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1, hour=0, minute=0, second=0,
                                                                      microsecond=0)
        out.append((first, min(following, end)))
        first = following
    return out


def ready_dossiers(*conditions, month: Callable, extra: tuple = ()):
    """The dossiers ready under `conditions`, one row each: officer, procedure, month ready
    ("month") and whether a result file exists ("with_file"), then the `extra` columns; to be
    grouped by the caller.

    Whether a file exists is asked of each dossier in the order the dossiers are read (the
    dossier_files index then walked forward), before the caller's grouping sorts them: asked inside
    the grouping, SQLite probes in group order, all over the index (0.36 s -> 0.24 s for a year of
    a million-dossier office). OFFSET 0 keeps this select from being merged into the grouping
    (SQLite and PostgreSQL alike)."""
    has_file = exists().where(DossierFile.dossier_id == D.id, DossierFile.kind == RESULT)
    return (select(D.received_by, D.procedure_id, month(D.finished_at).label("month"), has_file.label("with_file"),
                   *extra)
            .where(*conditions).offset(0).subquery().c)


def _intake_query(received_in_period, is_online, key, sqlite: bool):
    """The dossiers received in person or by post, each classed by its received lines (one join on
    their dossier index), grouped by officer, procedure, month and class, with their lines summed.

    A line to digitize is every received one but "shown only" and "exempt" (undecided too); done
    when scanned or reused. A dossier is not done when one of its lines to digitize is not yet
    digitized ("pending"), else done when it has a digitized line, else it has no paper: each line
    ranks 2, 1 or 0 and the dossier takes its highest rank (a dossier without lines: 0)."""
    received = L.received.is_(True)
    digitized = and_(received, L.digitization.in_((SCANNED, REUSED)))
    pending = and_(received, or_(L.digitization.is_(None), L.digitization.notin_((SHOWN, EXEMPT, SCANNED, REUSED))))
    reused = and_(received, L.digitization == REUSED)
    rank = func.max(case((pending, 2), (digitized, 1), else_=0))
    # Each dossier's lines are summed as the join reads them: on SQLite, grouping on the columns of
    # the covering index ix_dossiers_report_received in its order, then the row id, lets the
    # grouping follow the index instead of sorting the year's half-million lines (the extra columns
    # depend on the id, so the groups are the dossiers). PostgreSQL groups on the id.
    if sqlite:
        dossier = (D.received_at, D.status, D.channel, D.procedure_id, D.online_level, D.whole_process, D.counter_id,
                   D.received_by, D.identity_check, D.id)
    else:
        dossier = (D.id,)
    per_dossier = (
        select(D.received_by, D.procedure_id, key, rank.label("rank"), _count(digitized).label("digitized"),
               _count(reused).label("reused"), _count(and_(reused, L.reuse_source == PORTAL)).label("portal"))
        .select_from(D).outerjoin(L, L.dossier_id == D.id)
        .where(received_in_period, ~is_online)
        .group_by(*dossier)
        .subquery())
    p = per_dossier.c
    klass = case((p.rank == 2, NOT_DONE), (p.rank == 1, DONE), else_=NO_PAPER)
    return (select(p.received_by, p.procedure_id, p.month, klass, func.count(), func.sum(p.digitized),
                   func.sum(p.reused), func.sum(p.portal))
            .group_by(p.received_by, p.procedure_id, p.month, klass))


def _order(rows: list[DigitizationRow]) -> list[DigitizationRow]:
    return sorted((r for r in rows if r.counts.any()),
                  key=lambda r: (-r.counts.received, -r.counts.results, fold(r.label)))


def _officer_rows(s: Session, by_officer: dict[int | None, DigitizationCounts]) -> list[DigitizationRow]:
    users = {u.id: u for u in s.execute(select(User.id, User.login, User.full_name)
                                        .where(User.id.in_([i for i in by_officer if i is not None])))}
    rows = [DigitizationRow(users[uid].login, users[uid].full_name, c) for uid, c in by_officer.items() if uid in users]
    unknown = DigitizationRow("", UNKNOWN_OFFICER)  # imported, or received by the portal: one row
    for uid, c in by_officer.items():
        if uid not in users:
            unknown.counts.add(c)
    return _order([*rows, unknown])


def _procedure_rows(procs: dict, by_proc: dict[int, DigitizationCounts]) -> list[DigitizationRow]:
    return _order([DigitizationRow(procs[pid].code, procs[pid].name, c) for pid, c in by_proc.items()])
