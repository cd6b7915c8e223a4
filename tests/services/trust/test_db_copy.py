"""`copy_office`: a whole office from SQLite to PostgreSQL and back (issue 18, point 7), on real
databases. The copy must hold every row exactly as stored (compared table by table, JSON as its
text), verify its audit chain, number the next dossier after the copied ones, and reprint an
archived receipt byte for byte on a PC that never printed it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import JSON, Text, cast, func, select

from app.domain.codes import parse_dossier_code
from app.domain.permissions import Actor
from app.services.demo_data import generate
from app.services.dossiers.receipts import print_receipt
from app.services.files import store
from app.services.intake.registration import register
from app.services.settings.store import change_setting
from app.services.trust.audit_chain import verify
from app.services.trust.db_copy import copy_office
from db.engine import Database
from db.models import (
    AuditRecord,
    Base,
    Counter,
    NumberLease,
    SyncState,
)
from tests.helpers.factories import OFFICER, procedure_code, request

ADMIN = Actor.system()
DAY = datetime(2026, 11, 20, 9, 30)


def table_rows(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table in primary-key order, JSON columns as their stored text."""
    out = {}
    with db.engine.connect() as conn:
        for t in Base.metadata.sorted_tables:
            cols = [cast(c, Text) if isinstance(c.type, JSON) else c for c in t.columns]
            out[t.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*t.primary_key.columns))]
    return out


def office(db: Database, folder: Path) -> list[str]:
    """The demo office with history: demo dossiers, real registrations with their outbox records
    and printed receipts (on one PC, files in its data folder only), a leased block, the sync
    cursor, a changed setting, a counter's own queue groups. Returns the printed codes."""
    generate(db, ADMIN, 150, seed=7, until=datetime(2026, 11, 19, 17, 0), years=1)
    proc = procedure_code(db)
    codes = [register(db, OFFICER, request(proc, DAY)).code for _ in range(3)]
    for code in codes:
        print_receipt(db, OFFICER, code, folder)
    change_setting(db, ADMIN, "receipt.copies", 2)
    with db.writing() as s:
        s.add(NumberLease(key="lease-1", unit_code="000.00.01.H62", day=date(2026, 11, 23), first=501, last=600,
                          next_value=517, leased_at=DAY))
        s.add(SyncState(key="inbox.cursor", value={"cursor": "2026-11-20T09:00:00.123456", "page": 3}))
        s.add(SyncState(key="last_error", value=None))
        s.get(Counter, 2).queue_groups = ["TP", "VH"]
    return codes


def assert_same_office(source: Database, copy: Database, *, imported: int) -> None:
    a, b = table_rows(source), table_rows(copy)
    for name in a:
        if name == "audit_log":  # the copy adds its own record, last
            assert b[name][:-1] == a[name], name
            assert b[name][-1][a_index("audit_log", "action")] == "db.copy"
        elif name == "receipt_archive":
            assert len(b[name]) == len(a[name]) + imported
            assert set(a[name]) <= set(b[name])
        elif name == "stored_files":  # the bytes move between the row and the data folder: checked apart
            data = a_index("stored_files", "data")
            assert [r[:data] + r[data + 1:] for r in b[name]] == [r[:data] + r[data + 1:] for r in a[name]], name
        else:
            assert b[name] == a[name], name
    result = verify(copy)
    assert result.ok and result.count == len(b["audit_log"])


def a_index(table: str, column: str) -> int:
    return [c.name for c in Base.metadata.tables[table].columns].index(column)


def reprint_elsewhere(db: Database, code: str, folder: Path) -> bytes:
    """The receipt as another counter of the server prints it: its own, empty data folder."""
    receipt = print_receipt(db, OFFICER, code, folder)
    assert receipt.reprint
    return receipt.pdf


def next_code_follows(db: Database) -> str:
    with db.reading() as s:
        used = [parse_dossier_code(c).sequence for c in s.scalars(
            select(func.max(AuditRecord.entity_id)).where(AuditRecord.action == "dossier.receive"))]
    new = register(db, OFFICER, request(procedure_code(db), DAY)).code
    assert parse_dossier_code(new).sequence == used[0] + 1
    return new


@pytest.mark.postgres
def test_an_office_moves_to_postgresql_and_back_whole(db, pg_url, tmp_path):
    folder = tmp_path / "counter1"
    codes = office(db, folder)
    files = {c: next(folder.rglob(f"{c}.pdf")).read_bytes() for c in codes}

    result = copy_office(db, pg_url, ADMIN, data_dir=folder)
    assert result.created_schema and result.receipts_from_files == 3
    server = Database(pg_url)
    try:
        assert_same_office(db, server, imported=3)
        with server.reading() as s:
            assert s.get(Counter, 1).queue_groups is None and s.get(Counter, 2).queue_groups == ["TP", "VH"]
            assert s.get(SyncState, "inbox.cursor").value == {"cursor": "2026-11-20T09:00:00.123456", "page": 3}
        for code in codes:  # counter 2 of the server reprints what counter 1 printed on its PC
            assert reprint_elsewhere(server, code, tmp_path / "counter2") == files[code]

        back_url = f"sqlite:///{tmp_path / 'retired' / 'motcua.sqlite3'}"
        copy_office(server, back_url, ADMIN, data_dir=tmp_path / "counter2")
        back = Database(back_url)
        try:
            assert_same_office(server, back, imported=0)
            assert store.verify(back, tmp_path / "counter2").ok  # the files, whole, in the PC's data folder
            assert reprint_elsewhere(back, codes[1], tmp_path / "counter3") == files[codes[1]]
            next_code_follows(back)
            with back.engine.connect() as conn:  # the name search index was rebuilt row by row
                conn.exec_driver_sql("INSERT INTO dossier_search(dossier_search) VALUES ('integrity-check')")
        finally:
            back.dispose()
        new = next_code_follows(server)  # the id sequences were set past the copied ids: no clash
        first = print_receipt(server, OFFICER, new, tmp_path / "counter4")  # printed on the server:
        assert not first.reprint and reprint_elsewhere(server, new, tmp_path / "counter5") == first.pdf
    finally:
        server.dispose()


@pytest.mark.postgres
def test_a_target_that_fails_half_way_is_left_as_it_was(db, pg_url, tmp_path):
    """A trigger on the target raises after 40 history events: a real failure inside the
    database, half-way through the copy."""
    from app.errors import UserError

    office(db, tmp_path / "data")
    empty = Database(pg_url)
    from db.migrate import upgrade

    upgrade(empty)
    with empty.writing() as s:
        s.connection().exec_driver_sql(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF (SELECT count(*) FROM dossier_events) >= 40 THEN RAISE EXCEPTION 'boom after 40'; END IF; "
            "RETURN NEW; END $$")
        s.connection().exec_driver_sql(
            "CREATE TRIGGER boom BEFORE INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION boom()")
    before = table_rows(empty)
    with pytest.raises(UserError, match="dossier_events.*boom after 40.*giữ nguyên"):
        copy_office(db, pg_url, ADMIN, data_dir=tmp_path / "data")
    assert table_rows(empty) == before
    empty.dispose()


def test_a_sqlite_target_that_fails_half_way_is_left_as_it_was(db, tmp_path):
    """The same with a SQLite target, already at the schema version (a trigger with RAISE)."""
    from app.errors import UserError
    from db.migrate import upgrade

    office(db, tmp_path / "data")
    empty = Database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    upgrade(empty)
    with empty.writing() as s:
        s.connection().exec_driver_sql(
            "CREATE TRIGGER boom BEFORE INSERT ON dossier_events "
            "WHEN (SELECT count(*) FROM dossier_events) >= 40 BEGIN SELECT RAISE(ABORT, 'boom after 40'); END")
    before = table_rows(empty)
    with pytest.raises(UserError, match="dossier_events.*boom after 40.*giữ nguyên"):
        copy_office(db, str(empty.url), ADMIN, data_dir=tmp_path / "data")
    assert table_rows(empty) == before
    empty.dispose()
