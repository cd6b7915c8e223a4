"""The app's log (app/logs.py): the real command line writes `time level category message` lines
to <data>/logs/motcua.log, with dossier codes and without ID numbers, phone numbers or names; the
file is private and rotates; a crash in any thread is logged with its traceback and noticed once
per burst. Logging is configured in child processes, or taken off again, so the test session's
own log capture (tests/conftest.py) is left as it was."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__, logs

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (DEBUG|INFO|WARNING|ERROR|CRITICAL) motcua(\.\w+)* \S")


def _run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          input=stdin)


def _records(text: str) -> list[str]:
    """The log's records: a line that starts with the time starts one; the others (a traceback)
    belong to the record above."""
    out: list[str] = []
    for line in text.splitlines():
        if LINE.match(line) or not out:
            out.append(line)
        else:
            out[-1] += "\n" + line
    return out


@pytest.fixture
def restore_logging():
    """configure() in this process: our handlers off again afterwards, the levels as they were."""
    level = logging.getLogger("motcua").level
    yield
    logs.unconfigure()
    assert not [h for h in logging.getLogger().handlers if isinstance(h, (logs._SharedRotating, logs._Stderr))]
    assert logging.getLogger("motcua").level == level


# The child makes a dossier with a known applicant, then runs the real commands a user would,
# and one command with a bug whose message carries the ID number and the phone.
CRASHING = r"""
import sys
import app.cli.main as cli

def bug(args):
    raise RuntimeError(f"boom for {sys.argv[2]} {sys.argv[3]}")

handlers = cli._handlers
cli._handlers = lambda: {**handlers(), "due-date": bug}
sys.exit(cli.main(["--data-dir", sys.argv[1], "due-date", "--received", "2026-11-20T09:00", "--days", "1"]))
"""


def test_the_command_line_logs_codes_and_never_an_id_number_a_phone_or_a_name(tmp_path):
    data = tmp_path / "data"
    made = _run("-m", "app", "--data-dir", str(data), "demo-data", "--dossiers", "3")
    assert made.returncode == 0, made.stderr
    con = sqlite3.connect(f"file:{data / 'motcua.sqlite3'}?mode=ro", uri=True)
    code, name, id_number, phone = con.execute(
        "SELECT code, applicant_name, applicant_id_number, applicant_phone FROM dossiers "
        "WHERE applicant_id_number IS NOT NULL AND applicant_phone IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    con.close()
    assert len(id_number) == 12 and name

    for argv in (["dossier", "search", name], ["dossier", "search", id_number], ["dossier", "search", phone],
                 ["dossier", "show", code], ["print", "receipt", code, "-o", str(tmp_path / "r.pdf")]):
        done = _run("-m", "app", "--data-dir", str(data), *argv)
        assert done.returncode == 0, (argv, done.stderr)
    crashed = _run("-c", CRASHING, str(data), id_number, phone)
    assert crashed.returncode == 70
    # The command line's own one line, not the traceback a second time on stderr.
    assert crashed.stderr.startswith("motcua: lỗi: lỗi không mong đợi (RuntimeError)")
    assert len(crashed.stderr.splitlines()) == 1, crashed.stderr

    path = data / "logs" / "motcua.log"
    text = path.read_text(encoding="utf-8")
    records = _records(text)
    assert all(LINE.match(r) for r in records), text
    assert f"INFO motcua.cli motcua dossier show: exit 0, dossier {code}" in text
    assert f"INFO motcua.cli motcua print receipt: exit 0, dossier {code}" in text
    crash = [r for r in records if " ERROR motcua.crash " in r]
    assert len(crash) == 1
    assert "motcua due-date failed" in crash[0] and "Traceback (most recent call last)" in crash[0]
    masked_id, masked_phone = f"{id_number[:3]}******{id_number[-3:]}", f"{phone[:3]}{'*' * (len(phone) - 6)}{phone[-3:]}"
    assert f"RuntimeError: boom for {masked_id} {masked_phone}" in crash[0]
    assert id_number not in text and phone not in text and name not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_file_rotates_and_every_file_is_private(tmp_path, restore_logging):
    path = logs.configure(tmp_path / "data", role="kiosk", stderr_level=None, max_bytes=2000, backups=2)
    assert path == tmp_path / "data" / "logs" / "motcua-kiosk.log" and logs.log_path() == path
    log = logging.getLogger("motcua.db")
    for i in range(200):
        log.info("line %03d of the rotation test", i)
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == ["motcua-kiosk.log", "motcua-kiosk.log.1", "motcua-kiosk.log.2"]
    assert all(f.stat().st_size <= 2000 for f in files)
    assert "line 199 of the rotation test" in path.read_text(encoding="utf-8")
    assert "line 000 " not in "".join(f.read_text(encoding="utf-8") for f in files)  # the oldest dropped
    if os.name == "posix":
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}


def test_a_rotation_refused_by_another_process_keeps_writing_and_is_tried_again(tmp_path, restore_logging):
    path = logs.configure(tmp_path / "data", role="desk", stderr_level=None, max_bytes=1000, backups=2)
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logs._SharedRotating))

    def held(_source, _dest):
        # Stands in for Windows, where a file another process (the kiosk of the same PC, a
        # scheduled command) holds open cannot be renamed; POSIX renames it regardless.
        raise PermissionError(13, "The process cannot access the file")

    handler.rotator = held
    log = logging.getLogger("motcua.sync")
    for i in range(40):
        log.info("while held %02d ...................................", i)
    assert [f.name for f in path.parent.iterdir()] == ["motcua.log"]
    assert path.stat().st_size > 1000
    assert "while held 39" in path.read_text(encoding="utf-8")  # nothing lost

    handler.rotator = None  # the other process let go
    for i in range(10):
        log.info("after %02d ...................................", i)
    assert sorted(f.name for f in path.parent.iterdir()) == ["motcua.log", "motcua.log.1"]
    assert "after 09" in path.read_text(encoding="utf-8")


def test_configure_twice_is_once_and_names_no_file_before(tmp_path, restore_logging):
    before = len(logging.getLogger().handlers)
    assert logs.log_path() is None and not logs.is_configured()
    first = logs.configure(tmp_path, role="display")
    assert logs.configure(tmp_path, role="display") == first == tmp_path / "logs" / "motcua-display.log"
    assert len(logging.getLogger().handlers) == before + 2  # the file and stderr
    assert logging.getLogger("motcua").getEffectiveLevel() == logging.INFO
    with pytest.raises(ValueError):
        logs.configure(tmp_path, role="printer")


def test_values_quoted_by_a_failed_statement_or_a_refused_model_are_left_out(tmp_path, restore_logging):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import IntegrityError

    path = logs.configure(tmp_path, role="cli", stderr_level=None)
    engine = create_engine("sqlite://")
    who = "Trần Thị " + "Bích"  # not on the line the traceback quotes
    with engine.begin() as c:
        c.execute(text("CREATE TABLE p (name TEXT UNIQUE)"))
        c.execute(text("INSERT INTO p VALUES (:n)"), {"n": who})
    with pytest.raises(IntegrityError) as caught, engine.begin() as c:
        c.execute(text("INSERT INTO p VALUES (:n)"), {"n": who})
    logging.getLogger("motcua.db").info("saving failed", exc_info=caught.value)

    from pydantic import BaseModel, ValidationError, constr

    class Applicant(BaseModel):  # as a portal answer is checked (app/portal/)
        name: constr(max_length=5)

    with pytest.raises(ValidationError) as refused:
        Applicant(name=who)
    logging.getLogger("motcua.sync").info("portal answer not understood: %s", refused.value)
    written = path.read_text(encoding="utf-8")
    assert "[parameters: (hidden)]" in written and "UNIQUE constraint failed" in written
    assert "input_value=(hidden), input_type=str" in written and "string_too_long" in written
    assert who not in written


HOOKS = r"""
import sys, threading
from pathlib import Path
from app import __version__, logs

data = Path(sys.argv[1])
logs.configure(data, role="desk")
now = [100.0]
reporter = logs.install_excepthooks(lambda text: print("NOTICE", text, flush=True), clock=lambda: now[0])

def fail(n):
    raise ValueError(f"worker {n} failed")

for n in range(3):  # one burst: three threads fail one after another
    t = threading.Thread(target=fail, args=(n,), name=f"worker-{n}")
    t.start()
    t.join()
now[0] += logs.CRASH_QUIET_SECONDS + 1  # a quiet minute later: a new burst
t = threading.Thread(target=fail, args=(3,), name="worker-3")
t.start()
t.join()
print("STILL RUNNING", reporter.crashes, flush=True)
now[0] += logs.CRASH_QUIET_SECONDS + 1
raise KeyError("the main thread too")
"""


def test_a_crash_in_any_thread_is_logged_with_its_traceback_and_noticed_once_per_burst(tmp_path):
    data = tmp_path / "data"
    done = _run("-c", HOOKS, str(data))
    assert done.returncode == 1  # the main thread's exception ends the script, as Python does
    path = data / "logs" / "motcua.log"
    notice = f"NOTICE Đã xảy ra lỗi không mong đợi; chương trình vẫn chạy tiếp, chi tiết ghi tại {path}."
    # worker-0 starts a burst, workers 1 and 2 are part of it; worker-3 and the main thread come
    # after a quiet minute each.
    assert done.stdout.splitlines() == [notice, notice, "STILL RUNNING 4", notice]
    records = [r for r in _records(path.read_text(encoding="utf-8")) if " ERROR motcua.crash " in r]
    assert [r.splitlines()[0].split(" motcua.crash ")[1] for r in records] == [
        "uncaught exception in thread worker-0", "uncaught exception in thread worker-1",
        "uncaught exception in thread worker-2", "uncaught exception in thread worker-3",
        "uncaught exception in the main thread"]
    assert all("Traceback (most recent call last)" in r for r in records)
    assert "ValueError: worker 2 failed" in records[2] and "KeyError: 'the main thread too'" in records[4]
    # stderr gets each error's line too (the desk started from a console), the file its traceback.
    assert done.stderr.count("ERROR motcua.crash uncaught exception") == 5
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 5, done.stderr


def test_a_folder_that_cannot_hold_the_log_leaves_the_command_its_one_line(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be", encoding="utf-8")
    done = _run("-m", "app", "--data-dir", str(tmp_path / "data"), "dossier", "search", "x")
    assert done.returncode == 1
    assert done.stderr.startswith("motcua: lỗi: ") and len(done.stderr.splitlines()) == 1, done.stderr


def test_the_desk_started_for_real_writes_motcua_log(tmp_path):
    """`motcua gui` as the desktop shortcut starts it (offscreen; the smoke exit closes it)."""
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MOTCUA_SMOKE_EXIT_MS": "1500"}
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), "gui"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    text = (data / "logs" / "motcua.log").read_text(encoding="utf-8")
    assert all(LINE.match(r) for r in _records(text)), text
    started = rf"^\S+ \S+ INFO motcua.app desk started \(version {re.escape(__version__)}, process \d+\)$"
    assert len(re.findall(started, text, re.MULTILINE)) == 1, text
    assert text.endswith(" INFO motcua.cli motcua gui: exit 0\n"), text
