"""The digitization figures of the supervisors' report (rules: app/domain/digitization_report.py),
computed in SQL like the rest of the report (app/services/reports/report.py).

Three grouped queries, whatever the period: the online dossiers received in it (exempt: counted
from the reports' covering index, their lines never read); those received in person or by post,
each with its document lines summed by one join on their dossier index and classed (no paper,
done, not done), then grouped by officer, procedure and month; and the dossiers whose result was
ready in it, grouped the same way, summing whether a result file exists (the dossier_files index
answers that). The few hundred grouped rows are summed into the slices here; no dossier row
reaches Python. A year of a million-dossier office: under a second on the bench machine, most
of it the join over the paper lines (months are read as the moment's first characters on SQLite:
report.py `_month`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime

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


def _sum(condition) -> object:
    return func.sum(case((condition, 1), else_=0))


def digitization_figures(s: Session, start: datetime, end: datetime, where: list, procs: dict,
                         month: Callable, months: Iterable[tuple[str, str]]) -> DigitizationFigures:
    """The figures of dossiers received (results: ready) in [start, end), narrowed by the report's
    `where` conditions on Dossier; `procs` maps a procedure id to its row (code, name); `month`
    turns a datetime column into its "YYYY-MM" key; `months` are every (key, label) of the period."""
    total = DigitizationCounts()
    by_officer: dict[int | None, DigitizationCounts] = defaultdict(DigitizationCounts)
    by_proc: dict[int, DigitizationCounts] = defaultdict(DigitizationCounts)
    by_month = {key: DigitizationRow(key, label) for key, label in months}

    def slices(user: int | None, pid: int, key: str) -> tuple[DigitizationCounts, ...]:
        found = by_month.get(key)
        return (total, by_officer[user], by_proc[pid], *((found.counts,) if found else ()))

    received = L.received.is_(True)
    # A received paper line to digitize: every state but "shown only" and "exempt" (undecided too).
    due = and_(received, or_(L.digitization.is_(None), L.digitization.notin_((SHOWN, EXEMPT))))
    digitized = and_(received, L.digitization.in_((SCANNED, REUSED)))
    reused = and_(received, L.digitization == REUSED)
    key = month(D.received_at).label("month")
    received_in_period = and_(D.received_at >= start, D.received_at < end, D.status.notin_(NOT_RECEIVED), *where)
    online = D.channel == int(Channel.ONLINE)
    # Online dossiers are exempt as a whole: counted from the covering index, their lines never read.
    q = (select(D.received_by, D.procedure_id, key, func.count()).where(received_in_period, online)
         .group_by(D.received_by, D.procedure_id, key))
    for user, pid, mkey, n in s.execute(q):
        for c in slices(user, pid, mkey):
            c.received += n
            c.exempt_online += n
    # A digitized line (scanned or reused) is always one to digitize: the lines done are the
    # digitized ones (one sum fewer on each of a year's half-million lines).
    per_dossier = (
        select(D.id, D.received_by, D.procedure_id, key,
               _sum(due).label("due"), _sum(digitized).label("digitized"), _sum(reused).label("reused"),
               _sum(and_(reused, L.reuse_source == PORTAL)).label("portal"))
        .select_from(D).outerjoin(L, L.dossier_id == D.id)
        .where(received_in_period, ~online)
        .group_by(D.id, D.received_by, D.procedure_id, key)
        .subquery())
    p = per_dossier.c
    klass = case((p.due == 0, NO_PAPER), (p.digitized == p.due, DONE), else_=NOT_DONE)
    q = (select(p.received_by, p.procedure_id, p.month, klass, func.count(), func.sum(p.digitized),
                func.sum(p.reused), func.sum(p.portal))
         .group_by(p.received_by, p.procedure_id, p.month, klass))
    for user, pid, mkey, k, n, lines, again, portal in s.execute(q):
        for c in slices(user, pid, mkey):
            c.received += n
            c.no_paper += n if k == NO_PAPER else 0
            c.intake_due += n if k in (DONE, NOT_DONE) else 0
            c.intake_done += n if k == DONE else 0
            c.lines_digitized += int(lines or 0)
            c.lines_reused += int(again or 0)
            c.lines_reused_portal += int(portal or 0)

    # Summed, not grouped on: a grouped EXISTS would be probed twice per dossier.
    has_file = exists().where(DossierFile.dossier_id == D.id, DossierFile.kind == RESULT)
    ready = month(D.finished_at).label("month")
    q = (select(D.received_by, D.procedure_id, ready, func.count(), _sum(has_file))
         .where(D.finished_at >= start, D.finished_at < end, *where)
         .group_by(D.received_by, D.procedure_id, ready))
    for user, pid, mkey, n, with_file in s.execute(q):
        for c in slices(user, pid, mkey):
            c.results += n
            c.results_with_file += int(with_file or 0)

    return DigitizationFigures(total, _officer_rows(s, by_officer), _procedure_rows(procs, by_proc),
                               list(by_month.values()))


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
