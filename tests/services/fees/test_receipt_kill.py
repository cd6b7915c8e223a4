"""kill -9 between a payment and its receipt. A desk killed while the provider holds its answer
(the receipt issued over there, the desk never told): once its claim has run out, the next drain
sends the receipt again under the same uuid and records the number the provider gave the first
time; the provider has issued exactly one. A desk killed right after the payment's commit: the
payment and its pending receipt are both there, and the receipt is issued later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app.fees.sandbox import serve
from app.services.fees.receipt_drain import CLAIM
from app.services.fees.receipts import drain_once

from .receipt_steps import NOW, dossier, rows, switch_on

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


class Desk:
    def __init__(self, url: str, code: str, mode: str, tmp: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MOTCUA_DATA_DIR": str(tmp / "data"), "PYTHONIOENCODING": "utf-8"}
        self.err = tmp / f"desk-{mode}.err"
        with open(self.err, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.services.fees.receipt_kill_worker", url, code, mode],
                                         cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                         text=True, encoding="utf-8")
        self.lines: list[str] = []
        self.got_line = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.strip())
            self.got_line.set()
        self.got_line.set()

    def paid(self) -> int:
        assert self.got_line.wait(120), "the desk printed nothing in 120 s"
        assert self.lines, f"the desk ended (status {self.proc.poll()}): {self.err.read_text(encoding='utf-8')}"
        kind, receipt_id = self.lines[0].split()
        assert kind == "paid"
        return int(receipt_id)

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(30) == -signal.SIGKILL


def _until(check, what: str, seconds: float = 120.0) -> None:
    tick = threading.Event()
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        tick.wait(0.05)
    raise AssertionError(f"not seen within {seconds:g} s: {what}")


def test_killed_while_the_provider_holds_the_answer_the_receipt_is_issued_once(db, sqlite_url, tmp_path):
    server, thread = serve("127.0.0.1", 0, faults=["hold"])
    try:
        switch_on(db, server.url, **{"fees.receipts.timeout_s": 120})
        desk = Desk(sqlite_url, dossier(db), "drain", tmp_path)
        receipt_id = desk.paid()
        _until(lambda: server.held() == 1, "the desk's request held by the provider")
        desk.kill()
        server.release()
        [left] = rows(db)
        assert (left.id, left.state, left.number) == (receipt_id, "pending", None)
        assert left.claimed_by is not None  # the dead desk's claim
        assert drain_once(db, NOW + timedelta(minutes=1)).claimed == 0  # not while its claim lasts
        r = drain_once(db, NOW + CLAIM + timedelta(minutes=1))
        issued, asked = server.issued(), server.requests_per_uuid()
    finally:
        server.stop(thread)
    [done] = rows(db)
    assert (r.issued, done.state, done.number, done.attempts) == (1, "issued", "0000001", 1)
    assert [(x["uuid"], x["number"]) for x in issued] == [(done.uuid, "0000001")]
    assert asked[done.uuid] == 2


def test_killed_right_after_the_payments_commit_the_receipt_is_pending_and_issued_later(db, sqlite_url, tmp_path):
    server, thread = serve("127.0.0.1", 0)
    try:
        switch_on(db, server.url)
        desk = Desk(sqlite_url, dossier(db), "wait", tmp_path)
        receipt_id = desk.paid()
        desk.kill()
        [left] = rows(db)
        assert (left.id, left.state, left.claimed_by) == (receipt_id, "pending", None)
        r = drain_once(db, NOW)
        issued = server.issued()
    finally:
        server.stop(thread)
    assert r.issued == 1 and [x.state for x in rows(db)] == ["issued"] and len(issued) == 1
