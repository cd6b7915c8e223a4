"""The desk's side of a rating, done through the real services: ratings switched on, a ticket
issued, called, served and finished ("Xong", which asks the counter's rating screen)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.queue import tickets as q
from app.services.settings.store import change_settings
from db.models import Counter, Rating
from tests.helpers.factories import OFFICER

ADMIN = Actor(login="quantri", role=Role.ADMIN, user_id=4, full_name="Quản trị")
MON = datetime(2026, 11, 23, 9, 0)  # a Monday, office open


def counter_id(db, number: int = 1) -> int:
    with db.reading() as s:
        return s.scalar(select(Counter.id).where(Counter.number == number))


def enable(db, **more) -> None:
    change_settings(db, ADMIN, {"rating.enabled": True, **more})


def serve_and_finish(db, counter: int = 1, at: datetime = MON) -> str:
    """A citizen served at `counter` until the officer's "Xong": the rating is asked. The label."""
    cid = counter_id(db, counter)
    q.issue_ticket(db, "TP", at=at - timedelta(minutes=5))
    called = q.call_next(db, OFFICER, cid, at=at - timedelta(minutes=4))
    q.serve(db, OFFICER, cid, at=at - timedelta(minutes=3))
    q.done(db, OFFICER, cid, at=at)
    return called.label


def ratings(db) -> list[Rating]:
    with db.reading() as s:
        return list(s.scalars(select(Rating).order_by(Rating.id)))
