"""Dossier numbers: the per-unit, per-day sequence, bumped by one upsert inside the
registering transaction. The row lock it takes serialises concurrent counters on PostgreSQL;
on SQLite the write transaction is already exclusive (BEGIN IMMEDIATE)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import DossierSequence


def next_sequence(session: Session, unit_code: str, day: date) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = DossierSequence.__table__
    stmt = insert(table).values(unit_code=unit_code, day=day, last_value=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.unit_code, table.c.day],
        set_={"last_value": table.c.last_value + literal_column("1")},
    ).returning(table.c.last_value)
    return int(session.execute(stmt).scalar_one())
