"""Running numbers, each bumped by one upsert inside the transaction that uses it: dossier numbers
per unit and day, and numbers that restart every 1 January (a ledger book's entries, a form's
"Số: …"). The row lock it takes serialises concurrent counters on PostgreSQL;
on SQLite the write transaction is already exclusive (BEGIN IMMEDIATE)."""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.fast import fast
from db.models import DossierSequence, YearlySequence


@cache
def _upsert(dialect: str, table: Table, keys: tuple[str, ...]):
    """INSERT … ON CONFLICT DO UPDATE … RETURNING, built once per dialect and table: the step
    (`by`) is the inserted value, added to the stored one on conflict."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table).values({k: bindparam(k, type_=table.c[k].type) for k in keys}
                                | {"last_value": bindparam("by", type_=table.c.last_value.type)})
    return stmt.on_conflict_do_update(
        index_elements=[table.c[k] for k in keys],
        set_={"last_value": table.c.last_value + stmt.excluded.last_value},
    ).returning(table.c.last_value)


def _bump(session: Session, table: Table, keys: dict, by: int = 1) -> int:
    """The counter after adding `by` (1 for one number, more for a block)."""
    stmt = _upsert(session.get_bind().dialect.name, table, tuple(keys))
    return int(fast(session).scalar(stmt, {**keys, "by": int(by)}))


def next_sequence(session: Session, unit_code: str, day: date) -> int:
    return _bump(session, DossierSequence.__table__, {"unit_code": unit_code, "day": day})


def next_yearly(session: Session, name: str, year: int) -> int:
    """The next number of `name` in `year`: "ledger:<book>" for a ledger book's entries,
    "form:<form>" for a form's "Số: …" (supplement, refusal, apology, stop …)."""
    return _bump(session, YearlySequence.__table__, {"name": name, "year": year})


def reserve_yearly(session: Session, name: str, year: int, count: int) -> int:
    """A block of `count` numbers of `name` in `year` (bulk loads: the demo data); the first."""
    return _bump(session, YearlySequence.__table__, {"name": name, "year": year}, count) - count + 1
