"""The satisfaction ratings and the notices of the supervisors' report (rules and records:
app/domain/satisfaction_report.py), built beside the yearly report under the same period and
filters (app/domain/report.py ReportFilter), and optionally narrowed to one officer.

Three grouped reads, whatever the period: the ratings asked in it (a range on
ix_ratings_asked_at) grouped by officer, counter, procedure and month, each state and score
counted with FILTER in the same pass; the office's reasons, grouped by their stored list; and
the notices written in it, grouped by channel and state. The few thousand grouped rows are summed
into the slices here; no rating row reaches Python. A year of 300,000 ratings and 150,000
notices on the million-dossier bench copy: about 0.55 s (bench/satisfaction.py).

The report's channel filter (how a dossier was filed) does not narrow them: a rating is given at
the counter whatever the channel, and a notice's channel is its own (e-mail, SMS, Zalo)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import Session

from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.ratings import NO_RATING, RATED, REASONS_AT, SCORES
from app.domain.report import ReportFilter, share
from app.domain.satisfaction_report import (
    NO_COUNTER,
    NO_OFFICER,
    NO_PROCEDURE,
    NOTICE_STATES,
    NoticeCounts,
    NoticeRow,
    RatingCounts,
    RatingRow,
    ReasonRow,
    SatisfactionFigures,
    channel_label,
    channels,
)
from app.errors import UserError
from app.services.ratings.criteria import criteria_labels
from db.engine import Database
from db.models import Counter, Dossier, Notice, Procedure, Rating, User

R = Rating
SCORES_SHOWN = tuple(sorted(SCORES, reverse=True))


def build_satisfaction(db: Database, actor: Actor, flt: ReportFilter, officer_login: str | None = None) -> SatisfactionFigures:
    actor.require(Permission.VIEW_REPORTS)
    flt.check()
    labels = criteria_labels(db)  # a reason whose criterion was removed since shows its key
    with db.reading() as s:
        return _Builder(s, flt, officer_login, labels).build()


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time.min)


class _Builder:
    def __init__(self, s: Session, flt: ReportFilter, officer_login: str | None, labels: dict[str, str]):
        self.s, self.flt, self.labels = s, flt, labels
        self.sqlite = s.get_bind().dialect.name == "sqlite"
        self.start, self.end = _midnight(flt.start), _midnight(flt.end + timedelta(days=1))
        self.proc_ids = self._procedures()
        self.officer_id = self._officer(officer_login)
        self.officer_login = officer_login.strip() if officer_login else None
        if flt.counter_id is not None and s.get(Counter, flt.counter_id) is None:
            raise UserError(f"Không có quầy số hiệu {flt.counter_id}.")

    def _procedures(self) -> list[int] | None:
        f, ids = self.flt, None
        if f.procedure_code:
            ids = list(self.s.scalars(select(Procedure.id).where(Procedure.code == f.procedure_code.strip())))
            if not ids:
                raise UserError(f"Không có thủ tục mã «{f.procedure_code}».")
        if f.sector_code:
            in_sector = list(self.s.scalars(select(Procedure.id).where(Procedure.sector_code == f.sector_code.strip())))
            if not in_sector:
                raise UserError(f"Không có lĩnh vực mã «{f.sector_code}».")
            ids = in_sector if ids is None else [i for i in ids if i in in_sector]
        return ids

    def _officer(self, login: str | None) -> int | None:
        if not login:
            return None
        found = self.s.scalar(select(User.id).where(User.login == login.strip()))
        if found is None:
            raise UserError(f"Không có cán bộ với tên đăng nhập «{login.strip()}».")
        return found

    def _month(self, column):
        # SQLite keeps a moment as ISO text: its month is its first 7 characters (no date parsing).
        return func.substr(column, 1, 7) if self.sqlite else func.to_char(column, "YYYY-MM")

    def _month_keys(self) -> list[tuple[str, str]]:
        out, (y, m) = [], (self.flt.start.year, self.flt.start.month)
        while (y, m) <= (self.flt.end.year, self.flt.end.month):
            out.append((f"{y:04d}-{m:02d}", f"{m:02d}/{y:04d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    # ---- ratings ----------------------------------------------------------------------------
    def _where(self) -> list:
        where = [R.asked_at >= self.start, R.asked_at < self.end]
        if self.proc_ids is not None:
            where.append(R.procedure_id.in_(self.proc_ids))
        if self.flt.counter_id is not None:
            where.append(R.counter_id == self.flt.counter_id)
        if self.officer_id is not None:
            where.append(R.user_id == self.officer_id)
        return where

    def _rating_groups(self):
        """Per officer, counter, procedure and month: asked, rated, no rating, then each score's
        count (SCORES_SHOWN order). Counted with FILTER in one pass: grouping also on state and
        score multiplied the groups (35,000 instead of 6,500 for a year of 300,000 ratings)."""
        keys = (R.user_id, R.counter_id, R.procedure_id, self._month(R.asked_at))
        rated = R.state == RATED
        counts = (func.count(), func.count().filter(rated), func.count().filter(R.state == NO_RATING),
                  *(func.count().filter(and_(rated, R.score == s)) for s in SCORES_SHOWN))
        return self.s.execute(select(*keys, *counts).where(*self._where()).group_by(*keys))

    def _reason_groups(self):
        """The office's reasons: the lists of criteria as stored, a few dozen distinct ones (split
        here, portably, rather than unnested by json_each / json_array_elements)."""
        text = cast(R.reasons, String)
        # Reasons are asked at a low score only: the rest (their column holds JSON null) not read.
        return self.s.execute(select(text, func.count()).where(*self._where(), R.state == RATED,
                                                              R.score <= REASONS_AT).group_by(text))

    def build(self) -> SatisfactionFigures:
        total = RatingCounts()
        by_user: dict[int | None, RatingCounts] = defaultdict(RatingCounts)
        by_counter: dict[int | None, RatingCounts] = defaultdict(RatingCounts)
        by_proc: dict[int | None, RatingCounts] = defaultdict(RatingCounts)
        months = {key: RatingRow(key, label) for key, label in self._month_keys()}
        for user, counter, proc, month, asked, rated, none, *scores in self._rating_groups():
            for c in (total, by_user[user], by_counter[counter], by_proc[proc],
                      *((months[month].counts,) if month in months else ())):
                _count(c, asked, rated, none, scores)
        for text, n in self._reason_groups():
            for key in _reasons(text):
                total.reasons[key] = total.reasons.get(key, 0) + n
        return SatisfactionFigures(
            total=total, by_officer=self._officer_rows(by_user), by_counter=self._counter_rows(by_counter),
            by_procedure=self._procedure_rows(by_proc), by_month=list(months.values()),
            reasons=self._reason_rows(total), notices=(notices := self._notice_rows()),
            notices_total=_sum_notices(notices), officer_login=self.officer_login)

    def _officer_rows(self, by_user: dict[int | None, RatingCounts]) -> list[RatingRow]:
        users = {u.id: u for u in self.s.execute(select(User.id, User.login, User.full_name)
                                                 .where(User.id.in_([i for i in by_user if i is not None])))}
        rows, unknown = [], RatingRow("", NO_OFFICER)
        for uid, c in by_user.items():
            if uid in users:
                rows.append(RatingRow(users[uid].login, users[uid].full_name, c))
            else:
                unknown.counts.add(c)
        return _order([*rows, unknown])

    def _counter_rows(self, by_counter: dict[int | None, RatingCounts]) -> list[RatingRow]:
        counters = {c.id: c for c in self.s.execute(select(Counter.id, Counter.number, Counter.name)
                                                    .where(Counter.id.in_([i for i in by_counter if i is not None])))}
        rows, unknown = [], RatingRow("", NO_COUNTER)
        for cid, c in by_counter.items():
            if cid in counters:
                rows.append(RatingRow(str(counters[cid].number), counters[cid].name, c))
            else:
                unknown.counts.add(c)
        rows.sort(key=lambda r: int(r.key))  # counters in their numbers' order, as the report's
        return [r for r in [*rows, unknown] if r.counts.asked]

    def _procedure_rows(self, by_proc: dict[int | None, RatingCounts]) -> list[RatingRow]:
        procs = {p.id: p for p in self.s.execute(select(Procedure.id, Procedure.code, Procedure.name)
                                                 .where(Procedure.id.in_([i for i in by_proc if i is not None])))}
        rows, none = [], RatingRow("", NO_PROCEDURE)  # queue services that made no dossier
        for pid, c in by_proc.items():
            if pid in procs:
                rows.append(RatingRow(procs[pid].code, procs[pid].name, c))
            else:
                none.counts.add(c)
        return _order([*rows, none])

    def _reason_rows(self, total: RatingCounts) -> list[ReasonRow]:
        rows = [ReasonRow(k, self.labels.get(k, k), n, share(n, total.below)) for k, n in total.reasons.items()]
        return sorted(rows, key=lambda r: (-r.count, fold(r.label)))

    # ---- notices ----------------------------------------------------------------------------
    def _notice_rows(self) -> list[NoticeRow]:
        N = Notice
        q = select(N.channel, N.state, func.count()).where(N.created_at >= self.start, N.created_at < self.end)
        if self.proc_ids is not None or self.flt.counter_id is not None:
            q = q.join(Dossier, Dossier.id == N.dossier_id)
            if self.proc_ids is not None:
                q = q.where(Dossier.procedure_id.in_(self.proc_ids))
            if self.flt.counter_id is not None:
                q = q.where(Dossier.counter_id == self.flt.counter_id)
        rows = {ch: NoticeRow(ch, channel_label(ch)) for ch in channels()}
        for channel, state, n in self.s.execute(q.group_by(N.channel, N.state)):
            c = rows.setdefault(channel, NoticeRow(channel, channel_label(channel))).counts
            c.written += n
            if state in NOTICE_STATES:
                setattr(c, state, getattr(c, state) + n)
        return list(rows.values())


def _reasons(text: str | None) -> list[str]:
    if not text:
        return []
    got = json.loads(text)
    return [str(k) for k in got] if isinstance(got, list) else []


def _count(c: RatingCounts, asked: int, rated: int, none: int, scores: list[int]) -> None:
    c.asked += asked
    c.rated += rated
    c.no_rating += none
    c.waiting += asked - rated - none  # still on the rating screen
    for score, n in zip(SCORES_SHOWN, scores, strict=True):
        c.scores[score] = c.scores.get(score, 0) + n
        c.score_sum += score * n


def _order(rows: list[RatingRow]) -> list[RatingRow]:
    return sorted((r for r in rows if r.counts.asked), key=lambda r: (-r.counts.asked, fold(r.label)))


def _sum_notices(rows: list[NoticeRow]) -> NoticeCounts:
    total = NoticeCounts()
    for r in rows:
        total.add(r.counts)
    return total
