"""Backups taken while other processes write, restored on SQLite and PostgreSQL; bad files refused
before anything changes; daily automatic backups that keep exactly `backup.keep` of their own."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.intake.registration import register
from app.services.settings.store import change_settings, load_settings
from app.services.trust import backup_pg, backup_sqlite
from app.services.trust.backup import backup, check_backup, restore, run_daily_backup
from db.engine import Database
from db.migrate import current_revision, head_revision
from db.models import AuditRecord, Dossier
from tests.helpers.factories import OFFICER, procedure_code, request

ADMIN = Actor.system()
DAY = datetime(2026, 11, 20, 7, 30)


def codes(db) -> list[str]:
    with db.reading() as s:
        return list(s.scalars(select(Dossier.code).order_by(Dossier.code)))


def add_dossiers(db, n: int) -> list[str]:
    code = procedure_code(db)
    return [register(db, OFFICER, request(code, datetime(2026, 11, 20, 9))).code for _ in range(n)]


def register_until_stopped(url: str, code: str, started, stop, out) -> None:
    """A counter in another process, registering dossiers one after another until told to stop."""
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, request

    db = Database(url)
    made = 0
    while not stop.is_set():
        register(db, OFFICER, request(code, datetime(2026, 11, 20, 10)))
        made += 1
        started.set()
    db.dispose()
    out.put(made)


# ---- taking a backup ------------------------------------------------------------------------------

def test_sqlite_backup_while_other_processes_register_is_consistent(db, tmp_path):
    ctx = mp.get_context("spawn")
    url = db.url.render_as_string(hide_password=False)
    code = procedure_code(db)
    stop, out = ctx.Event(), ctx.Queue()
    starts = [ctx.Event() for _ in range(2)]
    workers = [ctx.Process(target=register_until_stopped, args=(url, code, s, stop, out)) for s in starts]
    for w in workers:
        w.start()
    try:
        for s in starts:
            assert s.wait(60), "the registering processes did not start"
        infos = [backup(db, tmp_path / f"copy-{i}.sqlite3", actor=ADMIN) for i in range(3)]
    finally:
        stop.set()
        made = sum(out.get(timeout=60) for _ in workers)
        for w in workers:
            w.join(timeout=30)
    assert all(w.exitcode == 0 for w in workers)
    assert made > 0 and len(codes(db)) == made
    for info in infos:
        assert check_backup(info.path).dossiers == info.dossiers > 0
        conn = sqlite3.connect(info.path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # Every dossier in the copy came with its history event, audit record and outbox record.
        orphans = conn.execute("""
            SELECT d.code FROM dossiers d
             WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id)
                OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id)
                OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'dossier' AND a.entity_id = d.code)
        """).fetchall()
        counts = conn.execute("SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM dossier_events),"
                              " (SELECT count(*) FROM outbox)").fetchone()
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
        conn.close()
        assert orphans == [] and counts == (info.dossiers,) * 3
    # Each backup is in the audit log, written by whoever asked for it.
    with db.reading() as s:
        recorded = list(s.scalars(select(AuditRecord.entity_id).where(AuditRecord.action == "backup.create")
                                  .order_by(AuditRecord.id)))
    assert recorded == [f"copy-{i}.sqlite3" for i in range(3)]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_backup_into_a_folder_names_the_file_and_never_overwrites_the_live_database(db, tmp_path):
    info = backup(db, tmp_path, actor=ADMIN, now=DAY)
    assert info.path == tmp_path / "motcua-20261120-073000.sqlite3" and info.kind == "sqlite"
    assert info.revision == head_revision()
    live = Path(db.url.database)
    before = live.read_bytes()
    with pytest.raises(UserError, match="đè lên chính cơ sở dữ liệu"):
        backup(db, live, actor=ADMIN)
    assert live.read_bytes() == before


def test_only_an_admin_may_back_up_or_restore(db, tmp_path):
    supervisor = Actor(login="lanhdao", role=Role.SUPERVISOR)
    for who in (OFFICER, supervisor):
        with pytest.raises(PermissionDenied, match="không được phép sao lưu hoặc khôi phục dữ liệu"):
            backup(db, tmp_path / "x.sqlite3", actor=who)
    assert not (tmp_path / "x.sqlite3").exists()
    good = backup(db, tmp_path / "good.sqlite3", actor=ADMIN).path
    for who in (OFFICER, supervisor):
        with pytest.raises(PermissionDenied, match="không được phép sao lưu hoặc khôi phục dữ liệu"):
            restore(db, good, actor=who)


def test_postgresql_backup_restores_into_a_fresh_database(pg_db, pg_server, tmp_path):
    made = add_dossiers(pg_db, 3)
    info = backup(pg_db, tmp_path / "office.pgdump", actor=ADMIN)
    assert info.kind == "postgresql" and info.dossiers == 3 and info.revision == head_revision()
    assert info.path.read_bytes().startswith(b"PGDMP")
    assert check_backup(info.path).dossiers == 3
    add_dossiers(pg_db, 1)  # after the backup: not in it

    fresh_url = pg_server.create_database(f"restored_{os.getpid()}_{tmp_path.name[-8:]}")
    restored = restore(fresh_url, info.path, actor=ADMIN)
    fresh = Database(fresh_url)
    try:
        assert restored.dossiers == 3
        assert codes(fresh) == sorted(made)
        assert current_revision(fresh) == head_revision()
        with fresh.reading() as s:
            assert s.scalar(select(AuditRecord.action).order_by(AuditRecord.id.desc()).limit(1)) == "backup.restore"
    finally:
        fresh.dispose()

    # Restoring over the live server database replaces what is there, in one transaction.
    restore(pg_db, info.path, actor=ADMIN)
    assert codes(pg_db) == sorted(made)


def test_postgresql_refuses_a_sqlite_backup_and_a_damaged_dump(pg_db, db, tmp_path):
    add_dossiers(pg_db, 1)
    before = codes(pg_db)
    lite = backup(db, tmp_path / "lite.sqlite3", actor=ADMIN).path
    with pytest.raises(UserError, match="là bản sao lưu SQLite"):
        restore(pg_db, lite, actor=ADMIN)
    dump = backup(pg_db, tmp_path / "office.pgdump", actor=ADMIN).path
    cut = tmp_path / "cut.pgdump"
    cut.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    with pytest.raises(UserError, match="bị hỏng"):
        restore(pg_db, cut, actor=ADMIN)
    assert codes(pg_db) == before


def test_postgresql_restore_refuses_while_a_counter_holds_the_tables(pg_db, tmp_path, monkeypatch):
    import psycopg

    monkeypatch.setattr(backup_pg, "LOCK_TIMEOUT_MS", 300)
    dump = backup(pg_db, tmp_path / "office.pgdump", actor=ADMIN).path
    add_dossiers(pg_db, 2)
    before = codes(pg_db)
    u = pg_db.url
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as counter:
        counter.execute("SELECT count(*) FROM dossiers").fetchone()  # a transaction still open on it
        with pytest.raises(UserError, match="đang được các quầy dùng.*Dữ liệu cũ giữ nguyên"):
            restore(pg_db, dump, actor=ADMIN)
        counter.rollback()
    # The tables dropped before the refusal came back with the rollback: nothing was lost.
    assert codes(pg_db) == before and current_revision(pg_db) == head_revision()


def test_pg_tools_get_the_password_in_the_environment_never_on_the_command_line():
    url = Database("postgresql+psycopg://motcua:bí'mật@db.office.lan:5433/motcua?sslmode=require").url
    info = backup_pg.conninfo(url)
    assert "bí" not in info and "mật" not in info
    assert info == "host='db.office.lan' port='5433' user='motcua' dbname='motcua' sslmode='require'"
    assert backup_pg._env(url)["PGPASSWORD"] == "bí'mật"


def test_a_missing_pg_dump_is_one_clear_message(pg_db, tmp_path, monkeypatch):
    # The only way to be without pg_dump here: hide the installed one.
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("MOTCUA_PG_BINDIR", raising=False)
    monkeypatch.setattr(backup_pg.glob, "glob", lambda pattern: [])
    with pytest.raises(UserError, match="Không tìm thấy pg_dump .*postgresql-client"):
        backup(pg_db, tmp_path / "x.pgdump", actor=ADMIN)
    assert list(tmp_path.iterdir()) == []


# ---- restoring ------------------------------------------------------------------------------------

def test_sqlite_restore_replaces_the_data_and_keeps_the_database_as_it_was(db, tmp_path):
    first = add_dossiers(db, 2)
    copy = backup(db, tmp_path / "b.sqlite3", actor=ADMIN).path
    later = add_dossiers(db, 3)
    info = restore(db, copy, actor=ADMIN, now=datetime(2026, 11, 21, 8, 15))
    assert info.dossiers == 2 and codes(db) == sorted(first)
    live = Path(db.url.database)
    assert info.previous == live.with_name(f"{live.name}.truoc-khoi-phuc-20261121-081500")
    kept = Database(f"sqlite:///{info.previous}")
    try:
        assert codes(kept) == sorted(first + later)
    finally:
        kept.dispose()
    with db.reading() as s:
        last = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).one()
    assert (last.action, last.entity_id, last.details["dossiers"]) == ("backup.restore", "b.sqlite3", 2)
    # A database still open elsewhere (another counter's connection) sees the restored data.
    add_dossiers(db, 1)
    assert len(codes(db)) == 3


def _newer(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "newer.sqlite3"
    out.write_bytes(path.read_bytes())
    conn = sqlite3.connect(out)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return out


def _corrupted(path: Path, tmp_path: Path) -> Path:
    data = bytearray(path.read_bytes())
    for i in range(8192, len(data) - 4096, 4096):  # scribble over the middle of every page past the 2nd
        data[i + 100: i + 400] = os.urandom(300)
    out = tmp_path / "corrupted.sqlite3"
    out.write_bytes(bytes(data))
    return out


def _other_program(_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "contacts.sqlite3"
    conn = sqlite3.connect(out)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('An', '0912345678')")
    conn.commit()
    conn.close()
    return out


def _text(_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "ghi-chu.txt"
    out.write_text("Danh sách hồ sơ cần trả\n", encoding="utf-8")
    return out


def _truncated(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "truncated.sqlite3"
    out.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return out


@pytest.mark.parametrize("make,reason", [
    (_text, "không phải bản sao lưu của Một Cửa: không phải tệp SQLite"),
    (_truncated, "bị hỏng"),
    (_corrupted, "bị hỏng"),
    (_other_program, "không phải bản sao lưu của Một Cửa: không có bảng alembic_version"),
    (_newer, "phiên bản Một Cửa mới hơn .*9999_from_the_future.*cập nhật phần mềm"),
])
def test_restore_refuses_a_bad_file_and_changes_nothing(db, tmp_path, make, reason):
    good = backup(db, tmp_path / "good.sqlite3", actor=ADMIN).path
    add_dossiers(db, 2)
    bad = make(good, tmp_path)
    live = Path(db.url.database)
    before, files = codes(db), sorted(p.name for p in live.parent.iterdir())
    with pytest.raises(UserError, match=reason) as refused:
        check_backup(bad)
    assert str(bad) in str(refused.value) and "\n" not in str(refused.value)
    with pytest.raises(UserError, match=reason):
        restore(db, bad, actor=ADMIN)
    assert codes(db) == before
    assert sorted(p.name for p in live.parent.iterdir()) == files  # no before-restore copy, no temp file


def test_a_missing_file_or_a_folder_is_named(db, tmp_path):
    with pytest.raises(UserError, match="Không tìm thấy tệp «.*khong-co.sqlite3»"):
        restore(db, tmp_path / "khong-co.sqlite3", actor=ADMIN)
    with pytest.raises(UserError, match="là một thư mục"):
        check_backup(tmp_path)


def test_an_older_backup_is_accepted_and_upgraded_after_restore(db, tmp_path):
    from db.migrate import downgrade

    made = add_dossiers(db, 2)
    copy = backup(db, tmp_path / "old.sqlite3", actor=ADMIN).path
    older = Database(f"sqlite:///{copy}")
    downgrade(older, "-1")
    previous_revision = current_revision(older)
    older.dispose()
    assert previous_revision != head_revision()
    assert check_backup(copy).revision == previous_revision

    add_dossiers(db, 1)
    info = restore(db, copy, actor=ADMIN)
    assert info.revision == previous_revision
    assert current_revision(db) == head_revision() and codes(db) == sorted(made)


def test_restore_waits_for_no_counter_and_refuses_while_one_is_writing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_sqlite, "LOCK_WAIT", 0.2)
    copy = backup(db, tmp_path / "b.sqlite3", actor=ADMIN).path
    add_dossiers(db, 1)
    before = codes(db)
    counter = sqlite3.connect(db.url.database, isolation_level=None)
    counter.execute("BEGIN IMMEDIATE")  # a counter in the middle of a registration
    try:
        with pytest.raises(UserError, match="đóng ứng dụng Một Cửa ở các quầy"):
            restore(db, copy, actor=ADMIN)
    finally:
        counter.execute("ROLLBACK")
        counter.close()
    assert codes(db) == before
    assert not list(Path(db.url.database).parent.glob("*truoc-khoi-phuc*"))


def test_a_damaged_database_is_replaced_whole_and_kept_aside(db, tmp_path):
    made = add_dossiers(db, 2)
    copy = backup(db, tmp_path / "b.sqlite3", actor=ADMIN).path
    db.dispose()
    live = Path(db.url.database)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    live.write_bytes(b"\0garbage after a disk failure" * 100)
    info = restore(db.url.render_as_string(hide_password=False), copy, actor=ADMIN)
    assert info.previous is not None and info.previous.read_bytes().startswith(b"\0garbage")
    fixed = Database(f"sqlite:///{live}")
    try:
        assert codes(fixed) == sorted(made)
    finally:
        fixed.dispose()


# ---- daily automatic backups ----------------------------------------------------------------------

def test_daily_backup_runs_once_a_day(db, tmp_path):
    data = tmp_path / "data"
    first = run_daily_backup(db, data, DAY)
    assert first == data / "backups" / "motcua-20261120-073000.sqlite3"
    assert check_backup(first).dossiers == 0
    assert run_daily_backup(db, data, DAY.replace(hour=16)) is None  # the hourly look, same day
    second = run_daily_backup(db, data, datetime(2026, 11, 21, 7, 45))
    assert second == data / "backups" / "motcua-20261121-074500.sqlite3"
    assert sorted(p.name for p in (data / "backups").iterdir()) == [first.name, second.name]
    with db.reading() as s:
        actors = list(s.scalars(select(AuditRecord.actor).where(AuditRecord.action == "backup.create")))
    assert actors == ["system:backup", "system:backup"]


def test_daily_backup_follows_the_settings(db, tmp_path):
    change_settings(db, ADMIN, {"backup.daily": False})
    assert run_daily_backup(db, tmp_path / "data", DAY) is None
    assert not (tmp_path / "data").exists()
    elsewhere = tmp_path / "o-dia-khac"
    change_settings(db, ADMIN, {"backup.daily": True, "backup.folder": str(elsewhere)})
    assert run_daily_backup(db, tmp_path / "data", DAY).parent == elsewhere


def test_retention_keeps_exactly_keep_automatic_backups_and_touches_nothing_else(db, tmp_path):
    folder = tmp_path / "data" / "backups"
    folder.mkdir(parents=True)
    old = [folder / f"motcua-202611{d:02d}-180000.sqlite3" for d in range(10, 16)]
    others = [folder / n for n in ("ghi-chu.txt", "motcua-truoc-ca-lam.sqlite3", "motcua-20261101-120000.sqlite3.bak",
                                   "motcua-20261101-120000.pgdump.zip", "motcua.sqlite3")]
    for p in old + others:
        p.write_bytes(b"x")
    left_over = folder / ".motcua-20261101-180000.sqlite3.k3j9.tmp"  # an interrupted backup, long ago
    under_way = folder / ".motcua-20261120-072959.sqlite3.x8q1.tmp"  # maybe another process's, now
    for p in (left_over, under_way):
        p.write_bytes(b"x")
    os.utime(left_over, (0, 0))
    others.append(under_way)
    change_settings(db, ADMIN, {"backup.keep": 3})
    made = run_daily_backup(db, tmp_path / "data", DAY)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([made.name, old[-1].name, old[-2].name] + [p.name for p in others])
    assert run_daily_backup(db, tmp_path / "data", DAY) is None
    assert sorted(p.name for p in folder.iterdir()) == left  # idempotent


def test_a_daily_backup_that_cannot_be_written_says_why(db, tmp_path):
    blocker = tmp_path / "la-tep"
    change_settings(db, ADMIN, {"backup.folder": str(blocker / "backups")})  # fine when set …
    blocker.write_text("not a folder")  # … then a file took the folder's place
    with pytest.raises(UserError, match="^Sao lưu tự động không thành công: .*thư mục sao lưu «.*la-tep"):
        run_daily_backup(db, tmp_path / "data", DAY)


def test_a_backup_folder_that_cannot_hold_a_backup_is_refused_when_set(db, tmp_path):
    blocker = tmp_path / "la-tep"
    blocker.write_text("not a folder")
    for folder in (blocker, blocker / "backups"):
        with pytest.raises(UserError, match="la-tep» là một tệp, không phải thư mục"):
            change_settings(db, ADMIN, {"backup.folder": str(folder)})
    assert load_settings(db)["backup.folder"] == ""
