"""The overdue watch: open dossiers already late, due today, and due by the end of the next
working day, for the officer (those they received) or the whole office (supervisors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.domain.permissions import Actor, Permission
from app.services.calendar_service import calendar_in
from app.services.dossier_list import OPEN_STATUSES
from app.services.dossier_query import ROW_COLUMNS, DossierRow
from db.engine import Database
from db.models import Dossier, Procedure

LIMIT = 500


@dataclass(frozen=True)
class Watch:
    overdue: list[DossierRow]
    due_today: list[DossierRow]
    due_next_working_day: list[DossierRow]


def overdue_watch(db: Database, actor: Actor, now: datetime, *, mine_only: bool = False) -> Watch:
    actor.require(Permission.SEARCH_DOSSIERS)
    with db.reading() as s:
        cal = calendar_in(s)
        end_today = cal.closing_on(now.date())
        next_day = cal.closing_on(cal.add_working_days(now.date(), 1))
        stmt = (select(*ROW_COLUMNS).join(Procedure, Procedure.id == Dossier.procedure_id)
                .where(Dossier.status.in_(sorted(OPEN_STATUSES)), Dossier.due_at <= next_day)
                .order_by(Dossier.due_at).limit(LIMIT))
        if mine_only and actor.user_id is not None:
            stmt = stmt.where(Dossier.received_by == actor.user_id)
        rows = [DossierRow(*r) for r in s.execute(stmt)]
    return Watch(overdue=[r for r in rows if r.due_at < now],
                 due_today=[r for r in rows if now <= r.due_at <= max(end_today, now)],
                 due_next_working_day=[r for r in rows if r.due_at > max(end_today, now)])
