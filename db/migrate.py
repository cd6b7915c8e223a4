"""Schema migrations (Alembic), run programmatically on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, target: str = "head") -> None:
    _migrate(db, command.upgrade, target)


def downgrade(db: Database, target: str) -> None:
    _migrate(db, command.downgrade, target)


def _migrate(db: Database, step, target: str) -> None:
    """One transaction. On SQLite a migration that changes a column rebuilds its table (Alembic's
    batch mode), which foreign keys pointing at it would refuse: they are off for the migration
    (the pragma only takes effect outside a transaction) and checked before it commits."""
    with db.write_engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        # The driver's connection: SQLAlchemy's own would open a transaction (BEGIN IMMEDIATE) first.
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                step(_config(conn), target)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError(f"migration to {target} left rows whose foreign keys point nowhere")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision()
