"""The data folder is the user's alone (POSIX): the real command line, started with a permissive
umask, leaves every folder 0700 and every file 0600; an installation an older version left open
(0755 folders, 0644 files) is corrected when the app opens it, and the log says so."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.data_folder import LOG_NAME, make_folders, open_data_folder, restore_umask
from app.files import write_atomically

ROOT = Path(__file__).resolve().parents[3]
# File modes are POSIX's; on Windows the profile's access list protects the folder (docs/windows.md).
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

# The child runs the real `main` several times, as the commands would run one after another, then
# opens the database as the desk does and reports the modes of everything while it is open (the
# -wal and -shm exist only then).
CHILD = r"""
import json, os, sqlite3, sys
from pathlib import Path
from sqlalchemy import text
import app.cli.main as cli
from db.engine import Database

data, outside = Path(sys.argv[1]), Path(sys.argv[2])
run = lambda *argv: cli.main(["--data-dir", str(data), *argv])
assert run("demo-data", "--dossiers", "2") == 0
con = sqlite3.connect(f"file:{data / 'motcua.sqlite3'}?mode=ro", uri=True)
code = con.execute("SELECT code FROM dossiers ORDER BY id LIMIT 1").fetchone()[0]
con.close()
assert run("print", "receipt", code, "-o", str(outside / "receipt.pdf")) == 0
assert run("backup", "--auto") == 0
assert run("backup", "-o", str(outside / "usb" / "copy.sqlite3")) == 0
assert run("audit", "verify") == 0
assert run("report", "--from", "01/01/2026", "--to", "31/12/2026", "-o", str(outside / "r.xlsx")) == 0


def bug(args):  # stands in for a bug in a command: the crash log is what is checked
    raise RuntimeError("boom")


handlers = cli._handlers
cli._handlers = lambda: {**handlers(), "due-date": bug}
assert cli.main(["--data-dir", str(data), "due-date", "--received", "2026-11-20T09:00", "--days", "1"]) == 70

db = Database(f"sqlite:///{data / 'motcua.sqlite3'}")
with db.writing() as s:
    s.execute(text("UPDATE settings SET updated_at = updated_at"))
modes = {str(p): os.lstat(p).st_mode for p in [data, *data.rglob("*"), *outside.rglob("*")]}
print(json.dumps(modes))
db.dispose()
"""


def _permissive_child(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.umask(0o022))  # what a desktop session usually has


def _modes(folder: Path) -> dict[Path, int]:
    return {p: stat.S_IMODE(p.lstat().st_mode) for p in [folder, *folder.rglob("*")]}


def _open_to_others(modes: dict[Path, int]) -> list[str]:
    return [f"{p} {oct(m)}" for p, m in modes.items() if m & 0o077]


def test_everything_the_app_writes_is_private_under_a_permissive_umask(tmp_path):
    data, outside = tmp_path / "data", tmp_path / "outside"
    outside.mkdir()
    os.chmod(outside, 0o755)
    done = _permissive_child("-c", CHILD, str(data), str(outside))
    assert done.returncode == 0, done.stderr
    modes = {Path(p): stat.S_IMODE(m) for p, m in json.loads(done.stdout.splitlines()[-1]).items()}
    named = {
        "folder": data, "database": data / "motcua.sqlite3", "wal": data / "motcua.sqlite3-wal",
        "shm": data / "motcua.sqlite3-shm", "anchors": data / "audit-anchors.json",
        "crash log": next((data / "logs").glob("crash-*.log")),
        "receipt": next((data / "receipts").rglob("*.pdf")),
        "daily backup": next((data / "backups").glob("motcua-*.sqlite3")),
        "report": outside / "r.xlsx",
        "receipt copy": outside / "receipt.pdf", "backup elsewhere": outside / "usb" / "copy.sqlite3",
        "its folder": outside / "usb",
    }
    missing = [k for k, p in named.items() if p not in modes]
    assert missing == []
    for what, path in named.items():
        assert modes[path] == (0o700 if path.is_dir() else 0o600), what
    inside = {p: m for p, m in modes.items() if p == data or data in p.parents}
    assert _open_to_others(inside) == []
    assert all(m == 0o700 for p, m in inside.items() if p.is_dir())


def test_an_installation_left_open_is_made_private_when_opened_and_the_log_says_so(tmp_path):
    data = tmp_path / "data"
    made = _permissive_child("-m", "app", "--data-dir", str(data), "demo-data", "--dossiers", "2")
    assert made.returncode == 0, made.stderr
    # What an older version left: folders 0755, files 0644, an old -wal beside the database.
    (data / "receipts" / "2026" / "11").mkdir(parents=True)
    (data / "receipts" / "2026" / "11" / "old.pdf").write_bytes(b"%PDF-1.4 old receipt")
    (data / "motcua.sqlite3-wal").write_bytes(b"")
    for p in [data, *data.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    assert len(_open_to_others(_modes(data))) >= 6

    opened = _permissive_child("-m", "app", "--data-dir", str(data), "dossier", "search", "Nguyễn")
    assert opened.returncode == 0, opened.stderr
    assert _open_to_others(_modes(data)) == []
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "receipts" / "2026" / "11" / "old.pdf").stat().st_mode) == 0o600
    line = (data / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert f"the data folder {data} was readable by other accounts: made it private" in line
    assert "4 folder(s) and 3 file(s) corrected" in line  # data, receipts/2026/11; db, wal, old.pdf


def test_the_correction_is_logged_once_and_a_private_folder_is_not_walked(tmp_path, caplog):
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    (data / "devices.json").write_text("{}", encoding="utf-8")
    os.chmod(data, 0o755)
    os.chmod(data / "devices.json", 0o644)
    caplog.set_level("INFO", logger="motcua.files")
    restore_umask(open_data_folder(data))
    notes = [r.getMessage() for r in caplog.records if r.name == "motcua.files"]
    assert len(notes) == 1 and "made it private" in notes[0] and "1 file(s)" in notes[0]
    assert stat.S_IMODE((data / "devices.json").stat().st_mode) == 0o600

    # Closed to others now: a later start does not walk it again (nothing in it is reachable).
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    (other / "loose.pdf").write_bytes(b"x")
    os.chmod(other / "loose.pdf", 0o644)
    caplog.clear()
    restore_umask(open_data_folder(other))
    assert stat.S_IMODE((other / "loose.pdf").stat().st_mode) == 0o644
    assert [r for r in caplog.records if r.name == "motcua.files"] == []


def test_a_folder_shared_with_a_group_keeps_the_group_and_shuts_out_others(tmp_path):
    """An administrator who runs the kiosk and the desk under two accounts shares the folder with
    a group (chmod 2770, setgid): the group keeps its rights there, nobody else gets any."""
    data = tmp_path / "shared"
    data.mkdir()
    os.chmod(data, 0o2775)
    (data / "motcua.sqlite3").write_bytes(b"")
    os.chmod(data / "motcua.sqlite3", 0o664)
    previous = open_data_folder(data)
    try:
        assert stat.S_IMODE(data.stat().st_mode) == 0o2770
        assert stat.S_IMODE((data / "motcua.sqlite3").stat().st_mode) == 0o660
        make_folders(data / "receipts" / "2026")
        write_atomically(data / "receipts" / "2026" / "a.pdf", b"%PDF")
        assert stat.S_IMODE((data / "receipts").stat().st_mode) == 0o2770
        assert stat.S_IMODE((data / "receipts" / "2026" / "a.pdf").stat().st_mode) == 0o660
    finally:
        restore_umask(previous)


def test_the_database_opened_directly_is_private_whatever_the_umask(tmp_path):
    """A library user (a script, the tests) opens Database without the entry points: the folder
    it creates and the file SQLite creates are private all the same."""
    done = _permissive_child("-c", (
        "import sys; from sqlalchemy import text; from db.engine import Database\n"
        "db = Database(sys.argv[1])\n"
        "with db.writing() as s: s.execute(text('CREATE TABLE t (a)'))\n"
        "import os, json; d = os.path.dirname(sys.argv[1][10:])\n"
        "print(json.dumps({n: os.stat(os.path.join(d, n)).st_mode for n in os.listdir(d)} | "
        "{'.': os.stat(d).st_mode}))\n"), f"sqlite:///{tmp_path / 'new' / 'folder' / 'x.sqlite3'}")
    assert done.returncode == 0, done.stderr
    modes = {n: stat.S_IMODE(m) for n, m in json.loads(done.stdout).items()}
    assert modes == {".": 0o700, "x.sqlite3": 0o600, "x.sqlite3-wal": 0o600, "x.sqlite3-shm": 0o600}
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_a_postgresql_backup_is_private_whatever_the_umask(pg_db, tmp_path):
    """pg_dump writes into the private temporary file the backup renames into place."""
    from app.domain.permissions import Actor
    from app.services.trust.backup import backup

    previous = os.umask(0o022)
    try:
        info = backup(pg_db, tmp_path / "usb" / "office.pgdump", actor=Actor.system())
    finally:
        os.umask(previous)
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
