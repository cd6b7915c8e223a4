"""Ratings on a real database: the office's settings turned on, a served ticket, a dossier whose
result is ready to be returned."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.queue import tickets as q
from app.services.settings.store import change_settings
from db.models import AuditRecord, DossierEvent, OutboxMessage, Rating
from tests.helpers.factories import OFFICER, procedure_code, request

MON = datetime(2026, 11, 23, 8, 0)
COLLECTOR = Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345")


def enable(db, **more) -> None:
    change_settings(db, Actor.system(), {"rating.enabled": True, **more})


@pytest.fixture
def on_db(any_db):
    """Both databases, ratings turned on (they are off by default)."""
    enable(any_db)
    return any_db


@pytest.fixture
def on_sqlite(db):
    enable(db)
    return db


def serve_ticket(db, at: datetime, counter_id: int = 1, actor: Actor = OFFICER) -> int:
    """A ticket issued, called and being served at the counter: its id."""
    q.issue_ticket(db, "TP", at=at)
    called = q.call_next(db, actor, counter_id, ["TP"], at=at + timedelta(seconds=30))
    q.serve(db, actor, counter_id, at=at + timedelta(seconds=40))
    return called.id


def resolved_dossier(db, at: datetime = MON) -> str:
    """A dossier received, handed over and resolved: its result waits at the counter."""
    code = register(db, OFFICER, request(procedure_code(db), received_at=at)).code
    act(db, OFFICER, code, Action.HAND_OVER,
        Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai", taker="Trần Văn Bảo", at=at + timedelta(minutes=5)))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=at + timedelta(minutes=10)))
    return code


def ratings(db) -> list[Rating]:
    with db.reading() as s:
        return list(s.scalars(select(Rating).order_by(Rating.id)))


def row_counts(db) -> dict[str, int]:
    with db.reading() as s:
        return {name: s.scalar(select(func.count()).select_from(model)) for name, model in
                (("ratings", Rating), ("events", DossierEvent), ("audit", AuditRecord), ("outbox", OutboxMessage))}
