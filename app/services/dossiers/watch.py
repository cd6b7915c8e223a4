"""The overdue watch: open dossiers already late, due today, and due by the end of the next
working day, for the officer (those they received) or the whole office (supervisors).

A dossier waiting for the applicant's supplement is left out: its clock restarts (or pauses) when
the complete dossier comes back, so its old due moment says nothing about lateness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.services.dossiers.listing import OPEN_STATUSES, fees_owed_condition
from app.services.dossiers.query import ROW_COLUMNS, DossierRow
from app.services.settings.calendar import calendar_in
from app.services.trust.privacy import masked_rows
from db.engine import Database
from db.models import Dossier, Procedure

LIMIT = 200  # rows listed per group; the counts are always whole
WATCHED = sorted(OPEN_STATUSES - {DossierStatus.SUPPLEMENT_REQUESTED})


@dataclass(frozen=True)
class Group:
    rows: list[DossierRow]
    count: int


@dataclass(frozen=True)
class Watch:
    overdue: Group
    due_today: Group
    due_next_working_day: Group
    mine_only: bool = False
    fees_owed: bool = False
    at: datetime = field(default_factory=datetime.now)

    @property
    def total(self) -> int:
        return self.overdue.count + self.due_today.count + self.due_next_working_day.count


def overdue_watch(db: Database, actor: Actor, now: datetime, *, mine_only: bool = False,
                  fees_owed: bool = False) -> Watch:
    """`fees_owed`: only dossiers that still owe a fee (the list's "Còn nợ phí" filter)."""
    actor.require(Permission.SEARCH_DOSSIERS)
    with db.reading() as s:
        cal = calendar_in(s)
        end_today = max(cal.closing_on(now.date()), now)
        next_day = max(cal.closing_on(cal.add_working_days(now.date(), 1)), end_today)
        mine = [Dossier.received_by == actor.user_id] if mine_only and actor.user_id is not None else []
        narrow = [*mine, fees_owed_condition()] if fees_owed else mine

        def group(*where) -> Group:
            cond = (Dossier.status.in_(WATCHED), *narrow, *where)
            rows = s.execute(select(*ROW_COLUMNS).join(Procedure, Procedure.id == Dossier.procedure_id)
                             .where(*cond).order_by(Dossier.due_at, Dossier.id).limit(LIMIT))
            listed = masked_rows(actor, [DossierRow(*r) for r in rows])
            count = len(listed) if len(listed) < LIMIT else \
                s.scalar(select(func.count()).select_from(Dossier).where(*cond))
            return Group(listed, count)

        return Watch(overdue=group(Dossier.due_at < now),
                     due_today=group(Dossier.due_at >= now, Dossier.due_at <= end_today),
                     due_next_working_day=group(Dossier.due_at > end_today, Dossier.due_at <= next_day),
                     mine_only=bool(mine), fees_owed=fees_owed, at=now)
