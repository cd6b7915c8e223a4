"""The criteria a citizen may name as reasons at a low rating: the setting `rating.criteria`
(the national evaluation's criteria by default, resources/ratings/criteria_vi.json)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.services.settings.store import setting_in
from db.engine import Database

KEY = "rating.criteria"


@dataclass(frozen=True)
class Criterion:
    key: str  # stored in ratings.reasons and sent to the portal
    label: str  # what the citizen reads


def criteria_in(session: Session) -> list[Criterion]:
    return [Criterion(c["key"], c["label"]) for c in setting_in(session, KEY)]


def criteria(db: Database) -> list[Criterion]:
    with db.reading() as s:
        return criteria_in(s)


def criteria_labels(db: Database) -> dict[str, str]:
    """key → label of the office's criteria now (reports name the reasons with it; a reason whose
    criterion was removed since is not in it: show its key)."""
    return {c.key: c.label for c in criteria(db)}
