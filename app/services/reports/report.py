"""The report agencies publish every period (DOMAIN.md §2), computed from the dossiers themselves.

Each figure is anchored on its own moment (see app/domain/report.py). The queries are grouped
counts over the covering indexes of migration 0009, so a year over a million dossiers is read
from the indexes alone; everything per procedure, sector, officer and counter is then summed here
from those few hundred grouped rows (how identity was checked is the one figure read from the
table: its column is not in those indexes). A procedure's online level and class fill in for a
dossier that does not carry its own (dossiers registered before the portal sync recorded them).
The digitization figures are app/services/reports/digitization.py's, under the same filters.

Speed (a year of the million-dossier bench office: 2.5 s before issue 22, about 1.4 s after on a
shared two-core machine): the reads that need nothing from the others (returned, earlier years,
queue, the digitization's paper lines) run on a second connection meanwhile (readers.py); each range of an index is read once (the received pass also gives the
digitization's online dossiers and the series' years inside the period; the resolved pass the
digitization's results), SQLite's grouping sorts a month at a time with a helper thread
(`month_ranges`, `_sorter_threads`), and the open and carried-over parts read the status index
once for both moments. tests/services/reports/test_report_reference.py checks every figure these
touch against a dossier-by-dossier count."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, and_, case, cast, exists, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from app.clock import now_local
from app.domain.folding import fold
from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.domain.report import (
    IDENTITY_FIELDS,
    Counts,
    Report,
    ReportFilter,
    Row,
    YearRow,
    online_classes,
)
from app.domain.vocab import Channel, DossierStatus, ResultMethod
from app.errors import UserError
from app.services.reports.digitization import (
    digitization_figures,
    intake_rows,
    month_ranges,
    ready_dossiers,
)
from app.services.reports.queue import queue_rows
from app.services.reports.readers import second_reader
from app.services.reports.readers import sorter_threads as _sorter_threads
from db.engine import Database
from db.models import Agency, Counter, Dossier, DossierEvent, GuidanceRecord, Procedure, User

S = DossierStatus
D = Dossier
# Still being processed: received and neither resolved, returned, withdrawn nor stopped.
OPEN = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION)
# Overdue only runs on the office's clock: a dossier waiting for the citizen's supplement or fee
# is open but not late (as on the watch page).
OFFICE_CLOCK = (S.RECEIVED, S.PROCESSING)
CLOSED_UNRESOLVED = (S.WITHDRAWN, S.STOPPED)  # closed at their last change (no finished_at)
CHANNEL_FIELD = {Channel.ONLINE: "online", Channel.IN_PERSON: "in_person", Channel.POST: "post"}
YEARS_SHOWN = 5
# Grouping on `procedure_id + 0`, not the bare column, keeps SQLite's planner from reading the
# whole table in procedure-index order to spare the GROUP BY a sort: it then takes the covering
# index of the range instead (1.3 s -> 20 ms for a year's "still open" over a million dossiers).
PROCEDURE = (D.procedure_id + 0).label("procedure_id")


@dataclass(frozen=True)
class FilterOptions:
    procedures: list[tuple[str, str, str]]  # code, name, sector code
    sectors: list[tuple[str, str]]  # code, name
    counters: list[tuple[int, str]]  # id, label


def filter_options(db: Database, actor: Actor) -> FilterOptions:
    """What the report can be narrowed to: every procedure and sector the office has known (old
    dossiers may be of procedures since withdrawn from the catalog), and the counters."""
    actor.require(Permission.VIEW_REPORTS)
    with db.reading() as s:
        procs = s.execute(select(Procedure.code, Procedure.name, Procedure.sector_code, Procedure.sector_name)
                          .order_by(Procedure.sector_name, Procedure.name)).all()
        counters = s.execute(select(Counter.id, Counter.number, Counter.name).order_by(Counter.number)).all()
    sectors = sorted({(p.sector_code, p.sector_name) for p in procs}, key=lambda x: x[1])
    return FilterOptions([(p.code, p.name, p.sector_code) for p in procs], sectors,
                         [(c.id, c.name) for c in counters])


def build_report(db: Database, actor: Actor, flt: ReportFilter, now: datetime | None = None) -> Report:
    actor.require(Permission.VIEW_REPORTS)
    flt.check()
    now = now or now_local()
    with db.reading() as s, _sorter_threads(s):
        builder = _Builder(s, flt, now)
        with second_reader(db, builder.side_reads) as side:
            return builder.build(side)


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time.min)


class _Builder:
    def __init__(self, session: Session, flt: ReportFilter, now: datetime):
        self.s, self.flt, self.now = session, flt, now
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.start, self.end = _midnight(flt.start), _midnight(flt.end + timedelta(days=1))
        self.procs = {p.id: p for p in session.execute(
            select(Procedure.id, Procedure.code, Procedure.name, Procedure.sector_code, Procedure.sector_name,
                   Procedure.online_level, Procedure.process_class))}
        self.labels: dict[str, str] = {}
        self.proc_ids: list[int] | None = None  # narrowed by the procedure or sector filter
        self.where = self._filter_conditions()
        self.total = Counts()
        self.by_proc: dict[int, Counts] = defaultdict(Counts)
        self.by_counter: dict[int | None, Counts] = defaultdict(Counts)
        self.by_officer: dict[int | None, Counts] = defaultdict(Counts)
        self.classes = online_classes()
        # Levels 3/4 only in the historical series; a current period counts the catalog's classes.
        self.historical = flt.start < self.classes.classes_from
        # Read off the received pass for the figures that would read the same rows again: the
        # online dossiers received (exempt from digitization), by officer, procedure and month;
        # and each calendar year's row of the series, for the years the period wholly covers from
        # their first day (received, online, level 3, level 4).
        self.online_received: list[tuple[int | None, int, str, int]] | None = None
        self.year_counts: dict[int, list[int]] = {}
        # Read off the resolved pass: the dossiers ready, by officer, procedure and month ready,
        # as (received_by, procedure id, month key, count, of them with a result file).
        self.ready: list[tuple[int | None, int, str, int, int]] | None = None

    # ---- filters ----------------------------------------------------------------------------
    def _filter_conditions(self) -> list:
        f, out = self.flt, []
        if f.procedure_code:
            ids = [i for i, p in self.procs.items() if p.code == f.procedure_code.strip()]
            if not ids:
                raise UserError(f"Không có thủ tục mã «{f.procedure_code}».")
            p = self.procs[ids[0]]
            self.labels["procedure"] = f"{p.name} ({p.code})"
            self.proc_ids = ids
        if f.sector_code:
            ids = [i for i, p in self.procs.items() if p.sector_code == f.sector_code.strip()]
            if not ids:
                raise UserError(f"Không có lĩnh vực mã «{f.sector_code}».")
            self.labels["sector"] = self.procs[ids[0]].sector_name
            self.proc_ids = ids if self.proc_ids is None else [i for i in self.proc_ids if i in ids]
        if self.proc_ids is not None:
            out.append(D.procedure_id.in_(self.proc_ids))
        if f.channel is not None:
            self.labels["channel"] = Channel(f.channel).label
            out.append(D.channel == int(f.channel))
        if f.counter_id is not None:
            name = self.s.scalar(select(Counter.name).where(Counter.id == f.counter_id))
            if name is None:
                raise UserError(f"Không có quầy số hiệu {f.counter_id}.")
            self.labels["counter"] = name
            out.append(D.counter_id == f.counter_id)
        return out

    # ---- helpers ----------------------------------------------------------------------------
    # SQLite keeps a moment as ISO text ("2026-03-05 10:12:00.000000"): its day and month are
    # its first 10 and 7 characters, read without parsing the date on every row (strftime and
    # date() cost a tenth of a year's report over a million dossiers).
    def _day(self, column):
        return func.substr(column, 1, 10) if self.sqlite else cast(column, Date)

    def _month(self, column):
        return func.substr(column, 1, 7) if self.sqlite else func.to_char(column, "YYYY-MM")

    def _unindexed(self, column):
        """`column` as SQLite's planner will not pick an index for (unary +; same value)."""
        return literal_column(f"+{column.table.name}.{column.name}", type_=column.type) if self.sqlite else column

    def _level(self, procedure_id: int, own: int | None) -> int | None:
        return own if own is not None else self.procs[procedure_id].online_level

    def _class(self, procedure_id: int, own: bool | None) -> str | None:
        """The online-service class: the one the portal flagged on the dossier when it did (the
        class when it was filed), else the catalog's for its procedure."""
        return self.classes.of_portal_flag(own) or self.procs[procedure_id].process_class

    def _slices(self, procedure_id: int, counter_id: int | None) -> tuple[Counts, ...]:
        return self.total, self.by_proc[procedure_id], self.by_counter[counter_id]

    def _grouped(self, moment, keys: tuple, aggregates: tuple, *conditions, s: Session | None = None) -> list:
        """`aggregates` grouped by `keys` over the rows whose `moment` falls in the period, read a
        month at a time (month_ranges) and returned as one list of rows: a row per group and month;
        through session `s` if given (the second connection's), else the builder's."""
        s = s or self.s
        rows = []
        for first, upper in month_ranges(s, self.start, self.end):
            rows += s.execute(select(*keys, *aggregates).where(moment >= first, moment < upper, *conditions)
                                   .group_by(*keys)).all()
        return rows

    # ---- figures ----------------------------------------------------------------------------
    def build(self, side: Future[dict] | None = None) -> Report:
        """The report. `side`: `side_reads` already under way on a second connection
        (app/services/reports/readers.py); without it they run here, after the others."""
        months = self._received()
        self._resolved()
        self._open()
        self._guided()
        self._repeat_supplements()
        got = side.result() if side is not None else self.side_reads(self.s)
        self._returned(got["returned"])
        agency = self.s.execute(select(Agency.name, Agency.unit_code).order_by(Agency.id).limit(1)).first()
        return Report(
            filter=self.flt, generated_at=self.now, agency_name=agency.name if agency else "",
            unit_code=agency.unit_code if agency else "", total=self.total, by_month=months,
            by_procedure=self._procedure_rows(), by_sector=self._sector_rows(),
            by_officer=self._officer_rows(), by_counter=self._counter_rows(),
            queue=got["queue"], years=self._years(got["years"]), filter_labels=self.labels,
            online_classes=[(c.code, c.label) for c in self.classes.classes],
            digitization=self.digitization(got["intake"]))

    def side_reads(self, s: Session) -> dict:
        """The reads that need nothing from the others, through session `s`: rows only, summed by
        `build` on the builder's thread (so `s` may be a second connection's, on its own thread).
        About as long as the builder's own reads, so the two halves end together."""
        return {"returned": self._returned_rows(s), "years": self._earlier_years(s),
                "queue": queue_rows(s, self.flt) if self.flt.channel in (None, Channel.IN_PERSON) else [],
                "intake": intake_rows(s, self.start, self.end, self.where, self._month)}

    def digitization(self, intake: list | None = None):
        """The digitization figures (app/services/reports/digitization.py), under the same filters;
        `intake`: their rows of the dossiers received at the counter or by post, if read already."""
        return digitization_figures(self.s, self.start, self.end, self.where, self.procs, self._month,
                                    self._month_keys(), online=self.online_received, ready=self.ready,
                                    intake=intake)

    def _received(self) -> list[Row]:
        """Everything counted at the moment of receipt, from one grouped read of the covering
        index (the period's dossiers once, not four times: a tenth of a year's report): received
        in the period by channel, level and class, the online dossiers still waiting to be
        accepted and those refused at intake; per officer; by how the filer's identity was
        checked; and each month's row (every month, even an empty one)."""
        month = self._month(D.received_at)
        columns = (PROCEDURE, D.channel, D.status, D.online_level, D.whole_process, D.counter_id, D.received_by,
                   D.identity_check, month)
        months = {key: Row(key, label) for key, label in self._month_keys()}
        online: dict[tuple[int | None, int, str], int] = defaultdict(int)
        for pid, channel, status, level, whole, counter, user, check, key, n in self._grouped(
                D.received_at, columns, (func.count(),), *self.where):
            slices = self._slices(pid, counter)
            if status == S.NEW or status == S.REFUSED:
                for c in slices:
                    if status == S.NEW:
                        c.waiting_online += n
                    else:
                        c.refused += n
                continue
            ch = Channel(channel)
            field = CHANNEL_FIELD[ch]
            identity = IDENTITY_FIELDS.get(check, "id_unrecorded")  # a value this app does not know: not recorded
            for c in (*slices, self.by_officer[user], months[key].counts):
                c.received += n
                setattr(c, field, getattr(c, field) + n)
            year = self.year_counts.setdefault(int(key[:4]), [0, 0, 0, 0])
            year[0] += n
            if ch is Channel.ONLINE:
                online[(user, pid, key)] += n
                lv = self._level(pid, level)
                year[1] += n
                year[2] += n if lv == 3 else 0
                year[3] += n if lv == 4 else 0
            for c in slices:
                setattr(c, identity, getattr(c, identity) + n)
                if ch is Channel.ONLINE and self.historical:
                    lv = self._level(pid, level)
                    c.level3 += n if lv == 3 else 0
                    c.level4 += n if lv == 4 else 0
                elif ch is Channel.ONLINE:
                    klass = self._class(pid, whole)
                    if klass is not None:
                        c.online_class[klass] = c.online_class.get(klass, 0) + n
        self.online_received = [(user, pid, key, n) for (user, pid, key), n in online.items()]
        return list(months.values())

    def _resolved(self) -> None:
        """Results ready in the period: early (a day or more before the due day), on time (by the
        due moment) or late, as app.services.dossiers.lifecycle.on_time_class judges one dossier.
        The same read gives the digitization's results (by officer, procedure and month ready,
        with or without a result file: app/services/reports/digitization.py `ready_dossiers`)."""
        klass = case((D.finished_at > D.due_at, "late"),
                     (self._day(D.finished_at) < self._day(D.due_at), "early"), else_="on_time")
        ready: dict[tuple[int | None, int, str], list[int]] = defaultdict(lambda: [0, 0])
        rows = []
        for first, upper in month_ranges(self.s, self.start, self.end):
            r = ready_dossiers(D.finished_at >= first, D.finished_at < upper, *self.where, month=self._month,
                               extra=(D.counter_id, klass.label("klass")))
            keys = (r.procedure_id, r.counter_id, r.received_by, r.month, r.klass)
            rows += self.s.execute(select(*keys, func.count(), func.count().filter(r.with_file)).group_by(*keys)).all()
        for pid, counter, user, mkey, k, n, with_file in rows:
            for c in self._slices(pid, counter):
                c.resolved += n
                setattr(c, k, getattr(c, k) + n)
            counts = ready[(user, pid, mkey)]
            counts[0] += n
            counts[1] += with_file
        self.ready = [(user, pid, mkey, n, with_file) for (user, pid, mkey), (n, with_file) in ready.items()]

    def _returned_rows(self, s: Session) -> list:
        # Counted, not grouped on: a key fewer to sort the period's returned dossiers by.
        counts = (func.count(), func.count().filter(D.result_method == ResultMethod.POST.value),
                  func.count().filter(D.result_method == ResultMethod.ONLINE.value))
        return self._grouped(D.returned_at, (D.procedure_id, D.counter_id), counts, *self.where, s=s)

    def _returned(self, rows: list) -> None:
        for pid, counter, n, by_post, online in rows:
            for c in self._slices(pid, counter):
                c.returned += n
                c.returned_by_post += by_post
                c.returned_online += online

    def _open(self) -> None:
        """Dossiers being processed at a moment (the period's end: open; its start: carried over):
        received before it and not yet resolved, withdrawn or stopped by then (those two closed at
        their last change). Overdue (at the end only) when due before it (or before now, if it is
        later) and with the office, not waiting for the citizen. Three index-friendly parts
        instead of one OR the planner would scan the table for; the two parts read through the
        status index serve both moments in one read."""
        judge = min(self.end, self.now)
        due_before = D.due_at < judge
        # Resolved later (so never new or refused, and with the office at the moment): a range
        # of the finished index for each moment.
        late = case((due_before, 1), else_=0)
        for moment, field in ((self.end, "open"), (self.start, "carried_over")):
            part = and_(D.finished_at >= moment, D.received_at < moment, *self.where)
            q = select(PROCEDURE, D.counter_id, late, func.count()).where(part).group_by(PROCEDURE, D.counter_id, late)
            for pid, counter, overdue, n in self.s.execute(q):
                self._count_open(pid, counter, n, field == "open", field == "carried_over", overdue)
        # Not finished: read through the status index (the few open or closed-unresolved rows),
        # not the finished index's NULLs (every refused and new dossier too) nor every dossier
        # received before the end (SQLite's unary + keeps the planner off those indexes: the
        # parts then read a fifth of the rows they did). Each row says at which moments it counts.
        unfinished = and_(self._unindexed(D.finished_at).is_(None), self._unindexed(D.received_at) < self.end,
                          *self.where)
        carried = case((D.received_at < self.start, 1), else_=0)
        # Still open: open at the end.
        late = case((and_(due_before, D.status.in_(OFFICE_CLOCK)), 1), else_=0)
        keys = (PROCEDURE, D.counter_id, carried, late)
        for pid, counter, was_open, overdue, n in self.s.execute(
                select(*keys, func.count()).where(D.status.in_(OPEN), unfinished).group_by(*keys)):
            self._count_open(pid, counter, n, True, bool(was_open), overdue)
        # Closed unresolved at their last change: open at a moment if they changed since.
        at_end = case((D.updated_at >= self.end, 1), else_=0)
        keys = (PROCEDURE, D.counter_id, at_end, carried, case((due_before, 1), else_=0))
        for pid, counter, is_open, was_open, overdue, n in self.s.execute(
                select(*keys, func.count()).where(D.status.in_(CLOSED_UNRESOLVED), unfinished,
                                                 D.updated_at >= self.start).group_by(*keys)):
            self._count_open(pid, counter, n, bool(is_open), bool(was_open), overdue)

    def _count_open(self, pid: int, counter: int | None, n: int, is_open: bool, carried: bool, late) -> None:
        for c in self._slices(pid, counter):
            if is_open:
                c.open += n
                c.open_overdue += n if late else 0
            if carried:
                c.carried_over += n

    def _guided(self) -> None:
        """Citizens helped to file online: online filings by nature, at no counter."""
        f = self.flt
        if f.counter_id is not None or f.channel not in (None, Channel.ONLINE):
            return
        q = select(GuidanceRecord.procedure_id, GuidanceRecord.user_id, func.count()).where(
            GuidanceRecord.at >= self.start, GuidanceRecord.at < self.end)
        if self.proc_ids is not None:
            q = q.where(GuidanceRecord.procedure_id.in_(self.proc_ids))
        for pid, user, n in self.s.execute(q.group_by(GuidanceRecord.procedure_id, GuidanceRecord.user_id)):
            self.total.guided += n
            self.by_proc[pid].guided += n
            self.by_officer[user].guided += n

    def _repeat_supplements(self) -> None:
        """Dossiers asked for a supplement again in the period: a request with an earlier one
        (Decree 118/2025 Art. 11 allows one). Each dossier once per period, in its own slices."""
        earlier = aliased(DossierEvent)
        again = DossierEvent
        asked = Action.REQUEST_SUPPLEMENT.value
        q = (select(PROCEDURE, D.counter_id, func.count(D.id.distinct()))
             .select_from(again).join(D, D.id == again.dossier_id)
             .where(again.action == asked, again.at >= self.start, again.at < self.end, *self.where,
                    exists().where(earlier.dossier_id == again.dossier_id, earlier.action == asked,
                                   earlier.id < again.id))
             .group_by(PROCEDURE, D.counter_id))
        for pid, counter, n in self.s.execute(q):
            for c in self._slices(pid, counter):
                c.repeat_supplement += n

    # ---- rows -------------------------------------------------------------------------------
    def _month_keys(self) -> list[tuple[str, str]]:
        """Every month of the period: ("2026-03", "03/2026")."""
        out = []
        y, m = self.flt.start.year, self.flt.start.month
        while (y, m) <= (self.flt.end.year, self.flt.end.month):
            out.append((f"{y:04d}-{m:02d}", f"{m:02d}/{y:04d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def _procedure_rows(self) -> list[Row]:
        rows = [Row(self.procs[pid].code, self.procs[pid].name, c) for pid, c in self.by_proc.items() if _any(c)]
        return sorted(rows, key=lambda r: (-r.counts.received, fold(r.label)))

    def _sector_rows(self) -> list[Row]:
        sectors: dict[str, Row] = {}
        for pid, c in self.by_proc.items():
            p = self.procs[pid]
            sectors.setdefault(p.sector_code, Row(p.sector_code, p.sector_name)).counts.add(c)
        return sorted((r for r in sectors.values() if _any(r.counts)), key=lambda r: (-r.counts.received, fold(r.label)))

    def _officer_rows(self) -> list[Row]:
        users = {u.id: u for u in self.s.execute(select(User.id, User.login, User.full_name))}
        rows = []
        for uid, c in self.by_officer.items():
            if uid in users:
                rows.append(Row(users[uid].login, users[uid].full_name, c))
            else:  # dossiers taken in by no known user (imported, or received by the portal)
                rows.append(Row("", "Không rõ người tiếp nhận", c))
        return sorted((r for r in rows if _any(r.counts)), key=lambda r: (-r.counts.received, -r.counts.guided, fold(r.label)))

    def _counter_rows(self) -> list[Row]:
        counters = {c.id: c for c in self.s.execute(select(Counter.id, Counter.number, Counter.name))}
        rows = []
        for cid, c in self.by_counter.items():
            if cid in counters:
                rows.append((counters[cid].number, Row(str(counters[cid].number), counters[cid].name, c)))
            else:  # online dossiers not yet accepted, or taken in where no counter was set
                rows.append((10**6, Row("", "Chưa gắn với quầy nào", c)))
        return [r for _, r in sorted(rows, key=lambda x: x[0]) if _any(r.counts)]

    def _series_years(self) -> range:
        last = self.flt.end.year
        return range(min(self.flt.start.year, last - YEARS_SHOWN + 1), last + 1)

    def _earlier_years(self, s: Session) -> dict[int, tuple[int, int, int, int]]:
        """The series' years the period does not cover from their first day (received, online, at
        level 3, at level 4), each one plain aggregate over the covering index: no per-row date
        function, no grouping (a wide GROUP BY over five years cost a second on a million
        dossiers). The years it covers are read off the received pass (the same rows under the
        same filters)."""
        online = D.channel == int(Channel.ONLINE)

        def at_level(level: int):
            own = [i for i, p in self.procs.items() if p.online_level == level]
            return func.count().filter(and_(online, or_(D.online_level == level,
                                                        and_(D.online_level.is_(None), D.procedure_id.in_(own)))))

        columns = (func.count(), func.count().filter(online), at_level(3), at_level(4))
        out = {}
        for y in self._series_years():
            if date(y, 1, 1) < self.flt.start:
                upper = min(self.end, _midnight(date(y + 1, 1, 1)))
                got = s.execute(select(*columns).where(
                    D.received_at >= _midnight(date(y, 1, 1)), D.received_at < upper,
                    D.status.notin_((S.NEW, S.REFUSED)), *self.where)).one()
                out[y] = tuple(int(v or 0) for v in got)
        return out

    def _years(self, earlier: dict[int, tuple[int, int, int, int]]) -> list[YearRow]:
        """The seed articles' series: each year up to the period's end (the last year only up to
        it), received dossiers and the online ones; at level 3 and 4 for the years before the
        online classes (the historical series). `earlier`: `_earlier_years`; the others come
        from the received pass, which build() runs first."""
        rows = []
        for y in self._series_years():
            received, online_n, level3, level4 = earlier[y] if y in earlier else self.year_counts.get(y, (0, 0, 0, 0))
            if date(y, 1, 1) >= self.classes.classes_from:  # levels no longer exist: not counted
                level3 = level4 = None
            rows.append(YearRow(y, received, online_n, level3, level4))
        return rows


def _any(c: Counts) -> bool:
    return any(getattr(c, f) for f in c.__dataclass_fields__)
