"""`motcua db copy --to URL` as a real subprocess: the demo office and the crash loop's database
moved to PostgreSQL and back, `motcua audit verify` on the copy, the refusals (one Vietnamese line,
exit 1, target untouched), and a copy killed half-way that leaves the target empty."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.domain.codes import parse_dossier_code
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import register
from app.services.settings.store import upgrade_settings
from db.engine import Database
from db.migrate import head_revision, upgrade
from db.models import Dossier
from tests.helpers.crash_worker import RECEIVED_AT
from tests.helpers.factories import OFFICER, procedure_code, request
from tests.services.trust.test_db_copy import office, table_rows

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


def motcua(*argv, **kw):
    return subprocess.run([sys.executable, "-m", "app", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kw)


def one_line_refusal(result) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("motcua: lỗi: "), result.stderr
    return lines[0]


def dossier_count(db: Database) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Dossier))


def crash_loop(url: str, archive: Path, count: int) -> list[str]:
    """tests/helpers/crash_worker.py run to the end: `count` registrations and printed receipts."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MOTCUA_DATA_DIR": str(archive), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "tests.helpers.crash_worker", url, str(archive), str(count)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return [line.split()[1] for line in done.stdout.splitlines() if line.startswith("printed ")]


def assert_copy_works(url: str, printed: list[str], archive: Path, elsewhere: Path) -> None:
    """On the copy: the audit chain verifies through the real CLI, every printed receipt reprints
    byte for byte on a PC that never printed it, and the next dossier takes the next number."""
    verified = motcua("--db", url, "--data-dir", str(elsewhere), "audit", "verify")
    assert verified.returncode == 0 and "toàn vẹn" in verified.stdout, verified.stderr
    copy = Database(url)
    try:
        for code in printed:
            original = next(archive.rglob(f"{code}.pdf")).read_bytes()
            assert print_receipt(copy, OFFICER, code, elsewhere).pdf == original
        new = register(copy, OFFICER, request(procedure_code(copy), RECEIVED_AT)).code
        assert parse_dossier_code(new).sequence == len(printed) + 1
    finally:
        copy.dispose()


def test_the_demo_office_moves_to_postgresql_with_the_cli(db, data_dir, pg_url):
    office(db, data_dir)
    source = str(db.url)
    done = motcua("--db", source, "db", "copy", "--to", pg_url)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Đã chép" in done.stdout and "số dòng từng bảng khớp nguồn" in done.stdout
    assert "3 lấy từ thư mục dữ liệu" in done.stdout
    server = Database(pg_url)
    try:
        assert dossier_count(server) == dossier_count(db) == 153
    finally:
        server.dispose()
    verified = motcua("--db", pg_url, "audit", "verify")
    assert verified.returncode == 0 and "toàn vẹn" in verified.stdout, verified.stderr


def test_the_crash_loops_database_moves_to_postgresql(db, data_dir, pg_url, tmp_path):
    printed = crash_loop(str(db.url), data_dir, 30)
    assert len(printed) == 30
    done = motcua("--db", str(db.url), "db", "copy", "--to", pg_url)
    assert done.returncode == 0, done.stderr
    assert_copy_works(pg_url, printed, data_dir, tmp_path / "counter2")


def test_the_crash_loops_server_database_moves_back_to_sqlite(pg_db, data_dir, tmp_path):
    url = pg_db.url.render_as_string(hide_password=False)
    printed = crash_loop(url, data_dir, 30)
    target = f"sqlite:///{tmp_path / 'retired.sqlite3'}"
    done = motcua("--db", url, "db", "copy", "--to", target)
    assert done.returncode == 0, done.stderr
    assert_copy_works(target, printed, data_dir, tmp_path / "another-pc")


@pytest.mark.parametrize("case", ["not-empty", "older-schema", "same"])
def test_a_target_that_is_not_an_empty_copy_of_our_schema_is_refused(case, db, data_dir, pg_server, tmp_path):
    office(db, data_dir)
    if case == "same":
        target = Database(str(db.url))
    else:
        target = Database(pg_server.create_database(f"refuse_{case.replace('-', '_')}_{os.getpid()}"))
        upgrade(target, "0011" if case == "older-schema" else "head")
        if case == "not-empty":
            from app.services.bootstrap import seed_demo_office

            seed_demo_office(target)
    url = target.url.render_as_string(hide_password=False)
    upgrade_settings(db)  # what every command does to its database first: not the copy's doing
    before = table_rows(target) if case != "older-schema" else None
    line = one_line_refusal(motcua("--db", str(db.url), "db", "copy", "--to", url))
    assert {"not-empty": "không trống (bảng agencies đã có dữ liệu)",
            "older-schema": f"ở phiên bản lược đồ 0011, nguồn ở {head_revision()}",
            "same": "cùng một cơ sở dữ liệu"}[case] in line
    if before is not None:
        assert table_rows(target) == before
    target.dispose()


@pytest.mark.parametrize(("to", "says"), [
    ("khong-phai-dia-chi", "Địa chỉ cơ sở dữ liệu không hợp lệ"),
    ("mysql://motcua@127.0.0.1/motcua", "Không hỗ trợ cơ sở dữ liệu «mysql»"),
    ("postgresql+psycopg://motcua@127.0.0.1:1/motcua", "Không kết nối được PostgreSQL: 127.0.0.1/motcua"),
])
def test_a_bad_or_unreachable_target_is_one_line(to, says, db, data_dir):
    assert says in one_line_refusal(motcua("--db", str(db.url), "db", "copy", "--to", to))


def test_a_missing_database_on_the_server_is_named(db, data_dir, pg_server):
    url = pg_server.url("chua_tao_csdl_nay")
    assert "chưa có cơ sở dữ liệu này trên máy chủ" in one_line_refusal(
        motcua("--db", str(db.url), "db", "copy", "--to", url))


def _backends_of(admin, dbname: str) -> list[tuple]:
    return admin.execute("SELECT pid, wait_event_type, wait_event FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,)).fetchall()


def held_target(pg_url: str) -> Database:
    """An empty target at our schema whose history table holds every insert after the 40th until
    the advisory lock 4242 is free: a copy into it stops there, half-way, in its transaction."""
    target = Database(pg_url)
    upgrade(target)
    with target.writing() as s:
        s.connection().exec_driver_sql(
            "CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF (SELECT count(*) FROM dossier_events) >= 40 THEN PERFORM pg_advisory_xact_lock(4242); END IF; "
            "RETURN NEW; END $$")
        s.connection().exec_driver_sql(
            "CREATE TRIGGER hold BEFORE INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION hold()")
    return target


def start_copy(source: str, to: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "--db", source, "db", "copy", "--to", to],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def wait_held(admin, dbname: str, proc: subprocess.Popen) -> int:
    """The server process of the copy once it waits at the held trigger."""
    deadline = time.monotonic() + 120
    while not (held := [pid for pid, kind, event in _backends_of(admin, dbname)
                        if (kind, event) == ("Lock", "advisory")]):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the copy never reached the held trigger"
        time.sleep(0.05)
    return held[0]


@contextlib.contextmanager
def copy_held_half_way(db, data_dir, pg_url):
    """The demo office's copy started into a held target and waiting at the trigger, in the
    middle of its transaction; yields (target, rows before, admin connection, target's name, the
    copy's process, its server session)."""
    office(db, data_dir)
    target = held_target(pg_url)
    before = table_rows(target)
    u = make_url(pg_url)
    admin = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)
    try:
        admin.execute("SELECT pg_advisory_lock(4242)")
        proc = start_copy(str(db.url), pg_url)
        held = wait_held(admin, u.database, proc)
        yield target, before, admin, u.database, proc, held
    finally:
        admin.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_copy_killed_half_way_leaves_the_target_empty_and_runs_again(db, data_dir, pg_server, pg_url):
    """The copy stops at the held trigger, in the middle of its transaction, and is killed."""
    with copy_held_half_way(db, data_dir, pg_url) as (target, before, admin, dbname, proc, held):
        deadline = time.monotonic() + 120
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL and "Đã chép" not in out
        admin.execute("SELECT pg_advisory_unlock(4242)")
        while held in [pid for pid, *_ in _backends_of(admin, dbname)]:  # it finds its client gone: rollback
            assert time.monotonic() < deadline + 60, "the killed copy's server session never ended"
            time.sleep(0.05)
    assert table_rows(target) == before  # nothing of the copy: the service groups of the new schema only

    with target.writing() as s:
        s.connection().exec_driver_sql("DROP TRIGGER hold ON dossier_events")
    again = motcua("--db", str(db.url), "db", "copy", "--to", pg_url)  # resuming is running it again
    assert again.returncode == 0, again.stderr
    assert dossier_count(target) == dossier_count(db)
    target.dispose()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_copy_to_sqlite_killed_before_its_commit_leaves_no_table(pg_db, data_dir, pg_server, tmp_path):
    """PostgreSQL to a new SQLite file. Once the copy has begun, the test asks for an exclusive lock
    on the source's dossiers: it queues behind the copy's snapshot, and the copy's last check (a
    fresh read of the source, after every row is written to the target) queues behind it. The copy
    waits there, with all of its work uncommitted, and is killed."""
    import sqlite3
    import threading

    source = pg_db.url.render_as_string(hide_password=False)
    crash_loop(source, data_dir, 30)
    target_file = tmp_path / "retired.sqlite3"
    u = pg_db.url
    admin = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)
    locker = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "app", "--db", source, "db", "copy", "--to",
                                 f"sqlite:///{target_file}"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        line = proc.stdout.readline()
        while not line.startswith("  "):  # the first table is copied: the snapshot is held
            assert line, proc.communicate()
            line = proc.stdout.readline()
        lock = threading.Thread(target=locker.execute, args=("LOCK TABLE dossiers IN ACCESS EXCLUSIVE MODE",))
        lock.start()
        deadline = time.monotonic() + 120
        while not [pid for pid, kind, _e in _backends_of(admin, u.database)
                   if kind == "Lock" and pid != locker.info.backend_pid]:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the copy never reached its last check"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL and "Đã chép" not in out
        lock.join(60)
        assert not lock.is_alive()
        locker.rollback()
    finally:
        locker.close()
        admin.close()
    con = sqlite3.connect(target_file)  # opening it rolls the killed transaction's WAL frames back
    try:
        assert con.execute("SELECT name FROM sqlite_master").fetchall() == []
    finally:
        con.close()

    again = motcua("--db", source, "db", "copy", "--to", f"sqlite:///{target_file}")
    assert again.returncode == 0, again.stderr
    copy = Database(f"sqlite:///{target_file}")
    assert dossier_count(copy) == dossier_count(pg_db) == 30
    copy.dispose()


def test_a_source_that_changes_during_the_copy_is_refused(db, data_dir, pg_url):
    """A counter still working on the PC: while the copy waits at the held trigger, a dossier is
    registered on the source. The copy's last check sees it and refuses; the target is untouched."""
    with copy_held_half_way(db, data_dir, pg_url) as (target, before, admin, _dbname, proc, _held):
        register(db, OFFICER, request(procedure_code(db), RECEIVED_AT))  # the copy reads its snapshot
        admin.execute("SELECT pg_advisory_unlock(4242)")
        out, err = proc.communicate(timeout=300)
    assert "đã thay đổi trong lúc chép" in one_line_refusal(
        subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    assert table_rows(target) == before
    target.dispose()
