"""`motcua kiosk` and `motcua display` start as their own programs on a new SQLite file (which
they migrate and seed), keep running while another process issues and calls a ticket, and
write no traceback. What they show is tested in tests/ui/test_queue_screens.py."""

import os
import subprocess
import sys
import time

import pytest

from app.services import queue as q
from db.models import Counter
from tests.helpers.factories import OFFICER


@pytest.mark.parametrize("command", [["kiosk", "--windowed", "--no-printer"], ["display", "--windowed", "--mute"]])
def test_the_queue_windows_start_and_keep_running(tmp_path, command):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOTCUA_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "app", "--db", url, *command], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        from db.engine import Database

        deadline = time.monotonic() + 60
        db = Database(url)
        while True:  # until the program has migrated and seeded the database (counter 1 exists)
            try:
                with db.reading() as s:
                    if s.get(Counter, 1) is not None:
                        break
            except Exception:  # noqa: BLE001 - tables not there yet
                pass
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()[1]
            time.sleep(0.5)
        time.sleep(1)  # the window itself opens after seeding
        q.issue_ticket(db, "TP")
        q.call_next(db, OFFICER, 1)
        db.dispose()
        time.sleep(1.5)  # the window's watcher reads the change
        assert proc.poll() is None, proc.communicate()[1]
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert "Traceback" not in err, err
