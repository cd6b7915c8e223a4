"""`motcua db copy` carries the digitized papers both ways, on real databases with real files:
SQLite → PostgreSQL puts the PC's data-folder bytes into the server's rows (every counter sees
them, pg_dump carries them); PostgreSQL → SQLite writes them into the PC's data folder and leaves
the rows as the store on SQLite keeps them. `store.verify` passes on each side after the copy."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.domain.permissions import Actor
from app.errors import UserError
from app.services.dossiers.digitization import open_dossier_file
from app.services.files import store
from app.services.trust.db_copy import copy_office
from db.engine import Database
from db.models import StoredFile
from tests.helpers.factories import OFFICER
from tests.helpers.scanned_text import scanned_dossier

ADMIN = Actor.system()


def stored(db) -> dict[str, bytes | None]:
    with db.reading() as s:
        return dict(s.execute(select(StoredFile.sha256, StoredFile.data)).all())


@pytest.mark.postgres
def test_files_move_to_the_server_and_back_to_a_pc(db, pg_url, tmp_path):
    pc = tmp_path / "counter1"
    code, files = scanned_dossier(db, pc, "Nguyen Van An")
    assert stored(db) == dict.fromkeys(files)  # on one PC: the bytes are in its data folder

    result = copy_office(db, pg_url, ADMIN, data_dir=pc)
    assert result.files == 2 and result.files_missing == ()
    server = Database(pg_url)
    try:
        assert stored(server) == files  # in the rows now
        for sha, data in files.items():  # another counter, an empty data folder
            assert open_dossier_file(server, OFFICER, code, sha, tmp_path / "counter2") == data
        assert store.verify(server, tmp_path / "counter2").ok

        retired = tmp_path / "retired"
        back = copy_office(server, f"sqlite:///{retired / 'motcua.sqlite3'}", ADMIN, data_dir=retired)
        assert back.files == 2 and back.files_missing == ()
    finally:
        server.dispose()
    pc2 = Database(f"sqlite:///{retired / 'motcua.sqlite3'}")
    try:
        assert stored(pc2) == dict.fromkeys(files)  # the rows as SQLite keeps them
        for sha, data in files.items():
            assert store.path_of(retired, sha).read_bytes() == data
            assert open_dossier_file(pc2, OFFICER, code, sha, retired) == data
        found = store.verify(pc2, retired)
        assert found.ok and found.checked == 2
    finally:
        pc2.dispose()


@pytest.mark.postgres
def test_a_file_missing_on_the_pc_is_named_and_altered_server_bytes_stop_the_copy(db, pg_url, tmp_path, capsys):
    pc = tmp_path / "counter1"
    _, files = scanned_dossier(db, pc, "Tran Thi Binh")
    lost, kept = files
    store.path_of(pc, lost).unlink()
    url = f"sqlite:///{db.url.database}"
    assert main(["db", "copy", "--db", url, "--data-dir", str(pc), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "Tệp số hóa: 1/2 tệp đã chép vào cơ sở dữ liệu máy chủ" in out
    assert f"Lưu ý: 1 tệp số hóa thiếu hoặc bị thay đổi ở nguồn nên không chép được ({lost[:12]}…)" in out
    server = Database(pg_url)
    try:
        assert stored(server) == {lost: None, kept: files[kept]}  # as complete as the source, no more
        with server.writing() as s:  # bytes altered on the server
            s.get(StoredFile, kept).data = files[kept][:-1] + b"x"
        target = tmp_path / "retired" / "motcua.sqlite3"
        with pytest.raises(UserError, match=rf"Tệp số hóa {kept[:12]}… .*không khớp mã băm.*giữ nguyên"):
            copy_office(server, f"sqlite:///{target}", ADMIN, data_dir=tmp_path / "retired")
        assert not target.exists()  # a refused copy leaves no new file behind
    finally:
        server.dispose()
