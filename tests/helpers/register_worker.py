"""A separate process that registers dossiers, for the concurrency tests."""

from __future__ import annotations

from datetime import datetime


def register_many(url: str, procedure: str, count: int, start, out) -> None:
    from app.services.intake.registration import register
    from db.engine import Database
    from tests.helpers.factories import OFFICER, request

    db = Database(url)
    start.wait()  # all processes begin together
    codes = [register(db, OFFICER, request(procedure, datetime(2026, 11, 20, 10))).code for _ in range(count)]
    db.dispose()
    out.put(codes)
