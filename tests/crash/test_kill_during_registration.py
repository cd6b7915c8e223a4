"""Issue 9's crash tests: the app is killed (`kill -9`), or the PostgreSQL office server loses its
power (`pg_ctl stop -m immediate`), while it registers 1,000 dossiers and prints their receipts.
After the restart every dossier whose receipt was printed exists with its event, audit and outbox
records, nothing is half-written, the archived receipts open, and the app carries on numbering.

The instants of the kills are random: each test prints its seed, and `MOTCUA_CRASH_SEED=N` replays
those instants (the machine's timing still varies). A worker is given time by its progress: it fails
only when it printed nothing new for STALL_S seconds, however long the whole loop takes."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.domain.codes import parse_dossier_code
from tests.crash.invariants import (
    assert_archive_sound,
    assert_registrations_whole,
    assert_sqlite_intact,
)

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1000  # dossiers registered in all: the crashes fall inside the loop, a clean run ends it
KILLS = (250, 300, 250)  # receipts printed before each kill -9 (the app restarted on the crashed file)
PULLS = (300, 400)  # receipts printed before each power pull of the server
STALL_S = 60  # a worker with no new line for this long is stuck (a line takes ~40 ms unloaded)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


class Worker:
    """tests/helpers/crash_worker.py as a child process. Its stdout is read on a thread, so a worker
    that hangs fails the test at a deadline instead of blocking it."""

    def __init__(self, url: str, archive: Path, count: int, stderr: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MOTCUA_DATA_DIR": str(archive), "PYTHONIOENCODING": "utf-8"}
        self.stderr = stderr
        with open(stderr, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.helpers.crash_worker", url, str(archive), str(count)],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8")
        self.registered: list[str] = []
        self.printed: list[str] = []
        self._lines: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.endswith("\n"):  # a line the kill cut short claims nothing
                self._lines.put(line.split())
        self._lines.put(None)

    def _take(self, item) -> bool:
        if item is None:
            return False
        kind, code = item
        (self.printed if kind == "printed" else self.registered).append(code)
        return True

    def error(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def wait_printed(self, n: int) -> None:
        """Until the worker has printed `n` receipts, as long as each of its lines comes within
        STALL_S of the one before: a loaded machine slows the loop down, only a stuck worker fails."""
        while len(self.printed) < n:
            try:
                item = self._lines.get(timeout=STALL_S)
            except queue.Empty:
                pytest.fail(f"the worker printed {len(self.printed)} receipts, then nothing for {STALL_S} s")
            if not self._take(item):
                self.proc.wait(10)
                pytest.fail(f"the worker ended (status {self.proc.returncode}) after "
                            f"{len(self.printed)} receipts: {self.error()}")

    def end(self, timeout: float) -> int | None:
        """Wait for the worker to exit and take its last lines; None if it did not (then killed)."""
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
        self._reader.join(10)
        while not self._lines.empty() and self._take(self._lines.get_nowait()):
            pass
        return code

    def kill_9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.end(10) == -signal.SIGKILL


def in_flight_pause(rng: random.Random) -> float:
    """Right after a receipt line the worker registers the next dossier (a transaction of a few
    milliseconds; the next receipt then takes ~35 ms outside any): a kill 1-7 ms later most likely
    lands inside the registering transaction."""
    return rng.uniform(0.001, 0.007)


def reopened_and_checked(url: str, archive: Path, printed: list[str], registered: list[str]) -> list[str]:
    """Open the database as the app does at start and check it whole; the codes in number order."""
    from ui.main import prepare_database

    db = prepare_database(url, demo=False)
    try:
        if db.is_sqlite:
            assert_sqlite_intact(db)
        codes = assert_registrations_whole(db, printed, registered)
    finally:
        db.dispose()
    assert_archive_sound(archive, printed, codes)
    return codes


def assert_numbered_on(codes: list[str], new: list[str]) -> None:
    """The app restarted after the crash numbers on from the last dossier kept: no repeat, no gap
    (`codes` are numbered 1..n, checked by assert_registrations_whole)."""
    assert new and not set(new) & set(codes)
    assert [parse_dossier_code(c).sequence for c in new] == list(range(len(codes) + 1, len(codes) + len(new) + 1))


def carry_on(url: str, archive: Path, tmp_path: Path, codes: list[str]) -> list[str]:
    """The rest of the loop after the last crash, up to TARGET dossiers in all: it ends normally
    and numbers on."""
    rest = TARGET - len(codes)
    w = Worker(url, archive, rest, tmp_path / "carry_on.err")
    w.wait_printed(rest)
    assert w.end(STALL_S) == 0, w.error()
    assert len(w.printed) == rest and w.printed == w.registered
    assert_numbered_on(codes, w.printed)
    return w.printed


def crash_seed() -> int:
    """MOTCUA_CRASH_SEED if set (a replay), else a fresh one; printed either way, so a failing run's
    output says how to replay it."""
    given = os.environ.get("MOTCUA_CRASH_SEED", "").strip()
    seed = int(given) if given else random.SystemRandom().randrange(2**32)
    print(f"crash seed {seed} (replay: MOTCUA_CRASH_SEED={seed})", flush=True)
    return seed


def crash_and_check(url: str, tmp_path: Path, stops: list[int], stop, restart=lambda n: None) -> None:
    """Run the worker, `stop` it (kill -9, or pull the server's power) after each number of printed
    receipts in `stops`, `restart` what was stopped, and check the database after each crash; then
    a clean run shows the counter carries on."""
    archive = tmp_path / "data"
    rng = random.Random(crash_seed())
    printed: list[str] = []
    registered: list[str] = []
    codes: list[str] = []
    for n, after in enumerate(stops):
        w = Worker(url, archive, TARGET, tmp_path / f"worker{n}.err")
        w.wait_printed(after)
        time.sleep(in_flight_pause(rng))
        stop(w)
        assert after <= len(w.printed) < TARGET
        assert_numbered_on(codes, w.registered)
        printed += w.printed
        registered += w.registered
        restart(n)
        codes = reopened_and_checked(url, archive, printed, registered)

    more = carry_on(url, archive, tmp_path, codes)
    assert reopened_and_checked(url, archive, printed + more, registered + more) == codes + more
    assert len(codes + more) == TARGET  # the whole loop of 1,000, crashes and all


def test_kill_9_while_registering_on_sqlite(db, sqlite_url, tmp_path):
    db.dispose()  # the worker is the only process with the file open, as at a counter
    crash_and_check(sqlite_url, tmp_path, KILLS, lambda w: w.kill_9())


def test_power_pull_of_the_postgresql_server_while_registering(pg_crash_server, tmp_path):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    server = pg_crash_server
    url = server.create_database("office")
    setup = Database(url)
    upgrade(setup)
    seed_demo_office(setup)
    setup.dispose()

    def pull_the_power(w: Worker) -> None:
        server.crash()
        # The counter's app loses its server: it must stop at once with the error, not hang.
        status = w.end(30)
        assert status == 1, f"after the server died the worker ended with {status} (None: it hung)"
        assert "OperationalError" in w.error(), w.error()

    def power_back(n: int) -> None:
        server.start()
        assert server.log_text().count("automatic recovery in progress") == n + 1  # it really was a crash

    crash_and_check(url, tmp_path, PULLS, pull_the_power, power_back)


def test_the_crash_seed_is_printed_and_replayed(monkeypatch, capsys):
    monkeypatch.setenv("MOTCUA_CRASH_SEED", "20261120")
    assert crash_seed() == 20261120
    assert capsys.readouterr().out == "crash seed 20261120 (replay: MOTCUA_CRASH_SEED=20261120)\n"
    monkeypatch.delenv("MOTCUA_CRASH_SEED")
    fresh = crash_seed()
    assert capsys.readouterr().out == f"crash seed {fresh} (replay: MOTCUA_CRASH_SEED={fresh})\n"
    first, replay = random.Random(fresh), random.Random(fresh)  # the same seed, the same kill instants
    assert [in_flight_pause(first) for _ in KILLS] == [in_flight_pause(replay) for _ in KILLS]
