"""`motcua kiosk` and `motcua display` start as their own programs on a new SQLite file (which
they migrate and seed), take a ticket issued and called by another process, keep running, and
write no traceback. What they show is tested in tests/ui/queue/test_queue_screens.py."""

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.services.queue import tickets as q
from db.engine import Database
from tests.helpers.factories import OFFICER

ROOT = Path(__file__).resolve().parents[2]


def _lines(stream) -> tuple[queue.Queue, threading.Thread]:
    """A stream, line by line, read on a thread so the test can wait with a deadline (and the
    program never blocks on a full pipe)."""
    got: queue.Queue = queue.Queue()

    def pump():
        for line in stream:
            got.put(line.rstrip("\n"))
        got.put(None)  # the program closed its output: it ended

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return got, reader


def _drain(lines: queue.Queue) -> str:
    return "\n".join(iter(lines.get_nowait, None))


def _wait_for(lines: queue.Queue, proc, what: str, wanted, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"no line {what!r} within {seconds} s")
        if line is None:
            pytest.fail(f"the program ended (exit {proc.wait()})")
        if wanted(line):
            return line


@pytest.mark.parametrize("command", [["kiosk", "--windowed", "--no-printer"], ["display", "--windowed", "--mute"]])
def test_the_queue_windows_start_take_a_call_and_keep_running(tmp_path, command):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOTCUA_DATA_DIR=str(tmp_path / "data"))
    # tests/helpers/queue_window.py runs the real program and prints when its window is up and
    # when the window took a new board.
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.queue_window", "--db", url, *command],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines, _ = _lines(proc.stdout)
    errors, stderr_reader = _lines(proc.stderr)
    try:
        # migrating and seeding the new file comes first
        _wait_for(lines, proc, "shown", lambda line: line == "shown", 60)
        db = Database(url)
        try:
            q.issue_ticket(db, "TP")
            called = q.call_next(db, OFFICER, 1)
        finally:
            db.dispose()
        _wait_for(lines, proc, f"board {called.label}",
                  lambda line: line.split()[:2] == ["board", called.label], 30)
        assert proc.poll() is None  # the window has shown the call and is still up
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        stderr_reader.join(timeout=20)
        err = _drain(errors)
        print(err, file=sys.stderr)  # shown by pytest if the test failed
    assert "Traceback" not in err, err
