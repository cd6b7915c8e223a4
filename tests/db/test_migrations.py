"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from db.engine import Database
from db.migrate import current_revision, head_revision, upgrade
from db.models import Base

SEARCH_OBJECTS = {"dossier_search", "ix_dossiers_name_tsv"}
# Partial indexes with a DESC column: autogenerate cannot compare them; checked by name instead.
EXPRESSION_INDEXES = {"ix_queue_tickets_next_regular", "ix_queue_tickets_next_priority"}


def _ours(obj, name, type_, reflected, compare_to):
    # The name-search index is raw SQL (FTS5 / GIN expression): not in the models on purpose.
    return not (name or "").startswith("dossier_search") and name not in SEARCH_OBJECTS | EXPRESSION_INDEXES


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.sqlite3'}"
    return request.getfixturevalue("pg_url")


def test_upgrade_then_models_and_schema_agree(empty_url):
    db = Database(empty_url)
    assert current_revision(db) is None
    upgrade(db)
    assert current_revision(db) == head_revision()
    with db.write_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _ours})
        diff = compare_metadata(ctx, Base.metadata)
        tables = set(inspect(conn).get_table_names())
        queue_indexes = {ix["name"] for ix in inspect(conn).get_indexes("queue_tickets")}
    assert diff == []
    assert EXPRESSION_INDEXES <= queue_indexes
    assert set(Base.metadata.tables) <= tables
    db.dispose()


def test_upgrade_is_idempotent_and_downgrade_works(tmp_path):
    from alembic import command

    from db.migrate import _config

    db = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    upgrade(db)
    upgrade(db)
    with db.write_engine.begin() as conn:
        command.downgrade(_config(conn), "base")
    with db.write_engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    upgrade(db)
    assert current_revision(db) == head_revision()


def test_changes_recorded_before_0008_get_their_portal_order(db):
    """Outbox rows written before revision 0008 had no PhienBan: the upgrade numbers them per dossier."""
    from sqlalchemy import select, update

    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act
    from app.services.intake.registration import register
    from db.migrate import downgrade
    from db.models import OutboxMessage
    from tests.helpers.factories import OFFICER, request

    a = register(db, OFFICER, request("1.000894")).code
    b = register(db, OFFICER, request("1.000894")).code
    act(db, OFFICER, a, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    with db.writing() as s:
        s.execute(update(OutboxMessage).values(seq=None))
    downgrade(db, "0007")
    upgrade(db)
    with db.reading() as s:
        rows = s.execute(select(OutboxMessage.payload, OutboxMessage.seq).order_by(OutboxMessage.id)).all()
    assert [(p["code"], seq) for p, seq in rows] == [(a, 1), (b, 1), (a, 2)]


def test_name_search_survives_every_migration_on_sqlite(tmp_path):
    """A migration that rebuilds `dossiers` on SQLite (0013) must leave the name search's
    triggers in place: a dossier registered after the upgrade is found by name."""
    from sqlalchemy import text

    from app.services.bootstrap import seed_demo_office
    from app.services.dossiers.query import search
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, citizen, request

    db = Database(f"sqlite:///{tmp_path / 's.sqlite3'}")
    upgrade(db, "0012")
    upgrade(db)
    with db.reading() as s:
        triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    assert {"dossiers_search_ai", "dossiers_search_ad", "dossiers_search_au"} <= triggers
    seed_demo_office(db, force_password_change=False)
    code = register(db, OFFICER, request("1.000894", applicant=citizen("Đỗ Thị Liên"))).code
    assert [d.code for d in search(db, OFFICER, "do thi lien")] == [code]
