"""The digitized papers in backups (app/services/trust/backup_files.py): a SQLite backup carries
every file its database names, and a restore brings back exactly those, checked by SHA-256; a
backup lacking one is refused by name unless accepted; on PostgreSQL pg_dump carries the bytes.
Real files: PDFs assembled by the desk's own code from real PNGs, and a PNG."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.domain.permissions import Actor
from app.errors import UserError
from app.services.dossiers.digitization import open_dossier_file
from app.services.files import store
from app.services.intake.registration import register
from app.services.trust.backup import backup, check_backup, restore
from db.engine import Database
from db.models import Dossier, StoredFile
from tests.helpers.factories import OFFICER, procedure_code, request
from tests.helpers.scanned_text import scanned_dossier

ADMIN = Actor.system()
DAY = datetime(2026, 11, 20, 9, 0)


def codes(db) -> list[str]:
    with db.reading() as s:
        return sorted(s.scalars(select(Dossier.code)))


def test_a_sqlite_backup_carries_the_files_and_a_restore_brings_back_exactly_them(db, tmp_path):
    data_dir = tmp_path / "data"
    code, files = scanned_dossier(db, data_dir, "Nguyen Van An")
    info = backup(db, tmp_path / "ban.sqlite3", actor=ADMIN, data_dir=data_dir)
    assert info.files == 2 and info.files_missing == () and "2 tệp số hóa" in info.summary()
    assert check_backup(info.path).files == 2 and check_backup(info.path).files_missing == ()
    with sqlite3.connect(info.path) as conn:  # one self-contained file: the bytes are inside it
        assert dict(conn.execute("SELECT sha256, data FROM stored_files")) == files

    later, later_files = scanned_dossier(db, data_dir, "Tran Thi Binh")  # after the backup: not in it
    for sha in files:  # a disk lost the files of the backup's dossier
        store.path_of(data_dir, sha).unlink()
    restored = restore(db, info.path, actor=ADMIN, data_dir=data_dir)

    assert restored.files == 2 and restored.files_missing == ()
    assert later not in codes(db)
    for sha, data in files.items():
        assert open_dossier_file(db, OFFICER, code, sha, data_dir) == data
    with db.reading() as s:  # the store's way on SQLite again: bytes in the folder, not in the rows
        assert s.scalars(select(StoredFile.sha256).where(StoredFile.data.is_not(None))).all() == []
    found = store.verify(db, data_dir)
    assert found.ok and found.checked == 2
    # The files only the replaced database named stay (the database kept aside names them).
    assert {p.name for p in found.orphans_kept} == set(later_files)

    # Another PC, nothing on it: the backup file alone brings the office back.
    other = Database(f"sqlite:///{tmp_path / 'may-khac' / 'motcua.sqlite3'}")
    try:
        assert restore(other, info.path, actor=ADMIN, data_dir=tmp_path / "may-khac").files == 2
        for sha, data in files.items():
            assert open_dossier_file(other, OFFICER, code, sha, tmp_path / "may-khac") == data
        assert store.verify(other, tmp_path / "may-khac").ok
    finally:
        other.dispose()


@pytest.mark.expected_log("motcua.db", logging.WARNING, "backup ban.sqlite3 lacks 1 stored files")
def test_a_backup_without_a_file_names_it_and_a_restore_refuses_unless_accepted(db, tmp_path):
    data_dir = tmp_path / "data"
    code, files = scanned_dossier(db, data_dir, "Le Van Cuong")
    lost, kept = files
    store.path_of(data_dir, lost).unlink()  # gone before the backup
    info = backup(db, tmp_path / "ban.sqlite3", actor=ADMIN, data_dir=data_dir)
    assert info.files == 2 and info.files_missing == (lost,)
    assert lost[:12] in info.missing_text() and kept[:12] not in info.missing_text()

    after = register(db, OFFICER, request(procedure_code(db), DAY)).code
    with pytest.raises(UserError, match=rf"thiếu 1 tệp số hóa .*{lost[:12]}….*chưa khôi phục gì"):
        restore(db, info.path, actor=ADMIN, data_dir=data_dir)
    assert after in codes(db)  # nothing changed

    done = restore(db, info.path, actor=ADMIN, data_dir=data_dir, allow_missing_files=True)
    assert done.files_missing == (lost,) and after not in codes(db)
    found = store.verify(db, data_dir)
    assert len(found.missing) == 1 and lost in found.missing[0] and found.checked == 2
    assert open_dossier_file(db, OFFICER, code, kept, data_dir) == files[kept]

    # A file in the data folder already (put back by hand) is no longer missing.
    store.path_of(data_dir, lost).write_bytes(files[lost])
    assert restore(db, info.path, actor=ADMIN, data_dir=data_dir).files_missing == ()


def test_a_backup_whose_file_bytes_were_altered_is_refused_and_nothing_changes(db, tmp_path):
    data_dir = tmp_path / "data"
    _, files = scanned_dossier(db, data_dir, "Pham Thi Dung")
    info = backup(db, tmp_path / "ban.sqlite3", actor=ADMIN, data_dir=data_dir)
    sha = next(iter(files))
    with sqlite3.connect(info.path) as conn:
        conn.execute("UPDATE stored_files SET data = ? WHERE sha256 = ?", (files[sha] + b"x", sha))
    after = register(db, OFFICER, request(procedure_code(db), DAY)).code
    with pytest.raises(UserError, match=rf"bị hỏng: tệp {sha[:12]}… trong đó không khớp mã băm"):
        restore(db, info.path, actor=ADMIN, data_dir=data_dir)
    assert after in codes(db) and store.verify(db, data_dir).ok


@pytest.mark.postgres
@pytest.mark.expected_log("motcua.db", logging.WARNING, "backup lacking.pgdump lacks 1 stored files")
def test_pg_dump_carries_the_files_into_a_fresh_server(pg_db, pg_server, tmp_path):
    code, files = scanned_dossier(pg_db, tmp_path / "counter1", "Hoang Van Em")
    assert not (tmp_path / "counter1" / "files").exists()  # on a server the bytes are in the rows
    info = backup(pg_db, tmp_path / "office.pgdump", actor=ADMIN)
    assert info.files == 2 and info.files_missing == ()
    assert check_backup(info.path).files == 2

    fresh_url = pg_server.create_database(f"files_{os.getpid()}_{tmp_path.name[-8:]}")
    assert restore(fresh_url, info.path, actor=ADMIN, data_dir=tmp_path / "counter2").files == 2
    fresh = Database(fresh_url)
    try:
        for sha, data in files.items():  # another counter, an empty data folder: from the rows
            assert open_dossier_file(fresh, OFFICER, code, sha, tmp_path / "counter2") == data
        found = store.verify(fresh, tmp_path / "counter2")
        assert found.ok and found.checked == 2
    finally:
        fresh.dispose()

    # A row copied from a PC without its bytes is not in a dump: named, and refused on restore.
    sha = next(iter(files))
    with pg_db.writing() as s:
        s.execute(update(StoredFile).where(StoredFile.sha256 == sha).values(data=None))
    lacking = backup(pg_db, tmp_path / "lacking.pgdump", actor=ADMIN)
    assert lacking.files_missing == (sha,) and check_backup(lacking.path).files_missing == (sha,)
    with pytest.raises(UserError, match=rf"thiếu 1 tệp số hóa .*{sha[:12]}…"):
        restore(pg_db, lacking.path, actor=ADMIN, data_dir=tmp_path / "counter2")


def test_motcua_backup_and_restore_say_what_they_carried(db, tmp_path, data_dir, capsys):
    url = f"sqlite:///{db.url.database}"
    _, files = scanned_dossier(db, data_dir, "Vo Thi Giang")
    assert main(["backup", "--db", url, "-o", str(tmp_path / "ban.sqlite3")]) == 0
    assert ", 2 tệp số hóa." in capsys.readouterr().out
    shutil.rmtree(data_dir / "files")
    assert main(["restore", "--db", url, str(tmp_path / "ban.sqlite3"), "--yes"]) == 0
    assert "hồ sơ và 2 tệp số hóa (mã băm đều khớp)" in capsys.readouterr().out
    assert all(store.path_of(data_dir, sha).read_bytes() == data for sha, data in files.items())
    assert main(["files", "verify", "--db", url]) == 0
    assert "Kho tệp toàn vẹn: 2 tệp" in capsys.readouterr().out
