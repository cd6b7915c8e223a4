"""Figures the agencies report, computed from the dossiers themselves. For now the share of results
returned by public postal service (BCCI); the reports page builds on these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select

from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus, ResultMethod
from app.errors import UserError
from db.engine import Database
from db.models import Dossier


@dataclass(frozen=True)
class ReturnFigures:
    returned: int
    by_post: int

    @property
    def post_share(self) -> float | None:
        """Results returned by post over all results returned; None when nothing was returned."""
        return self.by_post / self.returned if self.returned else None


def result_return_figures(db: Database, actor: Actor, start: date, end: date) -> ReturnFigures:
    """Results returned from `start` to `end` (whole days), and how many of them by post."""
    actor.require(Permission.VIEW_REPORTS)
    if end < start:
        raise UserError("Ngày cuối phải sau hoặc bằng ngày đầu.")
    by_post = func.sum(case((Dossier.result_method == ResultMethod.POST.value, 1), else_=0))
    with db.reading() as s:
        returned, post = s.execute(
            select(func.count(), func.coalesce(by_post, 0))
            .where(Dossier.status == DossierStatus.RETURNED,
                   Dossier.returned_at >= datetime.combine(start, time.min),
                   Dossier.returned_at < datetime.combine(end + timedelta(days=1), time.min))).one()
    return ReturnFigures(int(returned), int(post))
