"""Audit anchors are filed under the database's identity, never under the spelling of its address:
on PostgreSQL, a random id the database holds plus the server and database it was seen in. A cut
tail is caught through any spelling, through a changed or deleted id, and a restore gives the
restored database an identity of its own without dropping the anchors of the original."""

from __future__ import annotations

import json
import os

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import make_url

from app.domain.permissions import Actor
from app.services.intake.registration import register
from app.services.trust.audit_anchors import (
    ID_KEY,
    identity,
    load_anchors,
    remember_anchor,
    restart_anchors,
)
from app.services.trust.audit_chain import verify
from app.services.trust.backup import backup, restore
from db.engine import Database
from db.models import AuditRecord, Setting
from tests.helpers.factories import OFFICER, procedure_code, request

ADMIN = Actor.system()


def _activity(db, n: int = 2) -> None:
    code = procedure_code(db)
    for _ in range(n):
        register(db, OFFICER, request(code))


def _cut_tail(db) -> None:
    with db.writing() as s:
        s.execute(delete(AuditRecord).where(AuditRecord.id == select(func.max(AuditRecord.id)).scalar_subquery()))


def _check(db, folder):
    return verify(db, load_anchors(folder, identity(db)))


def _spellings(pg_server, url: str) -> list[str]:
    u = make_url(url)
    return [u.set(host="localhost").render_as_string(hide_password=False),
            f"postgresql+psycopg://motcua@/{u.database}?host={pg_server.sockdir}&port={pg_server.port}",
            u.set(drivername="postgresql", port=pg_server.port).render_as_string(hide_password=False)]


def test_every_spelling_of_one_postgresql_database_finds_its_anchors(pg_db, pg_server, tmp_path):
    _activity(pg_db)
    remember_anchor(tmp_path, identity(pg_db), verify(pg_db))  # checked as 127.0.0.1
    others = [Database(url) for url in _spellings(pg_server, pg_db.url.render_as_string(hide_password=False))]
    try:
        assert {identity(o) for o in others} == {identity(pg_db)}
        _cut_tail(pg_db)
        assert verify(others[0]).ok  # the chain that is left is whole: only the anchor knows
        for other in others:
            result = _check(other, tmp_path)
            assert result.finding is not None and result.finding.kind == "anchor", other.url
    finally:
        for other in others:
            other.dispose()


def test_an_id_changed_or_deleted_in_the_database_does_not_shed_its_anchors(pg_db, tmp_path):
    """Whoever can cut the log can also rewrite the id row: the place (the server's identifier and
    the database's name) still finds the anchors."""
    _activity(pg_db)
    first = identity(pg_db)
    remember_anchor(tmp_path, first, verify(pg_db))
    _cut_tail(pg_db)
    with pg_db.writing() as s:
        s.execute(update(Setting).where(Setting.key == ID_KEY).values(value="khac"))
    assert identity(pg_db).key == "postgresql:khac" and identity(pg_db).place == first.place
    assert _check(pg_db, tmp_path).finding.kind == "anchor"
    with pg_db.writing() as s:
        s.execute(delete(Setting).where(Setting.key == ID_KEY))
    assert identity(pg_db).key not in (first.key, "postgresql:khac")
    assert _check(pg_db, tmp_path).finding.kind == "anchor"


def test_two_databases_on_one_server_have_their_own_anchors(pg_db, db, tmp_path):
    _activity(pg_db)
    _activity(db)
    remember_anchor(tmp_path, identity(pg_db), verify(pg_db))
    remember_anchor(tmp_path, identity(db), verify(db))
    assert identity(pg_db) != identity(db)
    assert load_anchors(tmp_path, identity(db)) == [(verify(db).head_id, verify(db).head_hash)]
    assert load_anchors(tmp_path, identity(pg_db)) == [(verify(pg_db).head_id, verify(pg_db).head_hash)]


def test_a_restore_gives_the_restored_database_its_own_identity(pg_db, pg_server, tmp_path):
    folder = tmp_path / "data"  # one PC, one data folder, two databases
    _activity(pg_db)
    remember_anchor(folder, identity(pg_db), verify(pg_db))
    dump = backup(pg_db, tmp_path / "office.pgdump", actor=ADMIN).path
    _activity(pg_db)
    remember_anchor(folder, identity(pg_db), verify(pg_db))  # an anchor past the backup
    office = identity(pg_db)

    # A training copy restored from the office's backup carries the office's id: the restore
    # renews it, so the copy's own life does not trip the office's anchors, and the office's
    # anchors stay.
    training_url = pg_server.create_database(f"training_{os.getpid()}_{tmp_path.name[-8:]}")
    restore(training_url, dump, actor=ADMIN)
    training = Database(training_url)
    try:
        assert identity(training).key == office.key  # as restored: the backup's id
        assert _check(training, folder).finding.kind == "anchor"  # which is why it is renewed
        copy = restart_anchors(folder, training, verify(training))
        assert copy.key != office.key and identity(training) == copy
        _activity(training, 3)
        assert _check(training, folder).ok
    finally:
        training.dispose()
    _cut_tail(pg_db)
    assert _check(pg_db, folder).finding.kind == "anchor"

    # Restored in place, the office's log is the older one of the backup: the anchors of what
    # was there no longer apply, and they start again from the restored head.
    restore(pg_db, dump, actor=ADMIN)
    assert _check(pg_db, folder).finding.kind == "anchor"
    restart_anchors(folder, pg_db, verify(pg_db))
    assert identity(pg_db).key not in (office.key, copy.key)
    assert _check(pg_db, folder).ok
    kept = json.loads((folder / "audit-anchors.json").read_text(encoding="utf-8"))["databases"]
    assert set(kept) == {identity(pg_db).key, copy.key}


def test_anchors_an_older_version_kept_under_a_postgresql_address_are_taken_over(pg_db, pg_server, tmp_path):
    _activity(pg_db)
    head = verify(pg_db)
    spelled = make_url(_spellings(pg_server, pg_db.url.render_as_string(hide_password=False))[0])
    old = {spelled.set(password="x").render_as_string(hide_password=True): [{"id": head.head_id, "hash": head.head_hash}]}
    (tmp_path / "audit-anchors.json").write_text(json.dumps(old), encoding="utf-8")
    _cut_tail(pg_db)
    assert _check(pg_db, tmp_path).finding.record_id == head.head_id
