"""Issue 21: the desk is killed (`kill -9`) while it scans a dossier's lines from the eSCL emulator
and saves them (tests/helpers/scan_worker.py, a separate process). Afterwards every line it saved is
recorded with its whole file (`files verify` finds nothing wrong), no line points at anything
half-written, and every page it had spooled comes back when the dossier's capture is reopened,
readable; a line whose save the kill interrupted is either recorded (and its pages do not come
back) or not recorded (and all its pages do)."""

from __future__ import annotations

import io
import os
import queue
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from app.devices.docscan.assemble import pdf_page_count
from app.devices.docscan.capture import CaptureSession
from app.devices.docscan.escl_emulator import EsclEmulator
from app.services.dossiers.digitization import dossier_files, open_dossier_file
from app.services.files import store
from app.services.intake.registration import DocumentLine, register
from tests.helpers.factories import OFFICER, request

ROOT = Path(__file__).resolve().parents[2]
MON = datetime(2026, 11, 23, 9, 0)
PAGES = 3  # the emulator's feeder holds this many for each line
STALL_S = 60  # a worker with no new line for this long is stuck

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


class Worker:
    def __init__(self, url: str, data_dir: Path, code: str, escl_url: str, stderr: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        self.stderr = stderr
        with open(stderr, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.helpers.scan_worker", url, str(data_dir), code, escl_url],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8")
        self.said: list[list[str]] = []
        self._lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.endswith("\n"):  # a line the kill cut short claims nothing
                self._lines.put(line.split())
        self._lines.put(None)

    def wait_for(self, words: list[str]) -> None:
        while words not in self.said:
            try:
                item = self._lines.get(timeout=STALL_S)
            except queue.Empty:
                pytest.fail(f"the worker said {self.said[-1:]}, then nothing for {STALL_S} s")
            if item is None:
                self.proc.wait()
                pytest.fail(f"the worker ended ({self.proc.returncode}) before {words}: "
                            + self.stderr.read_text(errors="replace"))
            self.said.append(item)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=STALL_S)
        while (item := self._lines.get(timeout=STALL_S)) is not None:  # what it said before dying
            self.said.append(item)

    def delivered(self, position: int) -> int:
        """Pages of this line the worker reported spooled."""
        return max((int(w[2]) for w in self.said if w[:2] == ["page", str(position)]), default=0)

    def saved(self, position: int) -> bool:
        return ["saved", str(position)] in self.said


@pytest.mark.parametrize("kill_after", [["page", "1", "2"], ["saving", "1"], ["saved", "1"]],
                         ids=["mid-scan", "mid-save", "after-save"])
def test_a_kill_during_scanning_loses_no_page_and_attaches_nothing_half_written(db, sqlite_url, data_dir,
                                                                                tmp_path, kill_after):
    lines = [DocumentLine(name) for name in ("Tờ khai", "Giấy khai sinh", "Căn cước công dân")]
    code = register(db, OFFICER, request("1.000894", received_at=MON, documents=lines)).code
    with EsclEmulator(pages=PAGES, slow_ms=40) as device:
        worker = Worker(sqlite_url, data_dir, code, device.url, tmp_path / "worker.err")
        try:
            worker.wait_for(kill_after)
        finally:
            worker.kill()
    assert worker.saved(0)  # line 0 was saved before any kill instant

    recorded = {x.position: x for x in dossier_files(db, OFFICER, code).lines}
    assert store.verify(db, data_dir).ok
    for position, x in recorded.items():
        if worker.saved(position):
            assert x.digitization == "scanned"
        if x.digitization is None:
            assert x.files == []
            continue
        assert x.digitization == "scanned" and [f.pages for f in x.files] == [PAGES]
        pdf = open_dossier_file(db, OFFICER, code, x.files[0].sha256, data_dir)  # whole: re-hashed
        assert pdf_page_count(pdf) == PAGES

    session = CaptureSession(db, OFFICER, code, data_dir)  # the desk restarted
    for line in session.lines:
        spooled = len(line.spool)
        if recorded[line.position].digitization == "scanned":
            assert spooled == 0, f"line {line.position} is saved, yet its pages came back"
        else:
            assert worker.delivered(line.position) <= spooled <= PAGES
            for page in line.spool.pages:
                with Image.open(io.BytesIO(page.data)) as im:
                    im.load()  # whole images only
    # The officer carries on: what came back saves, and the store stays sound.
    for line in session.lines:
        if len(line.spool):
            session.save_line(line.position)
    assert store.verify(db, data_dir).ok
    after = dossier_files(db, OFFICER, code).lines
    assert all(len(x.files) == (x.digitization == "scanned") for x in after)
    assert not any(p.is_file() for p in (data_dir / "scans").rglob("*"))
