"""Device figures for `make bench`, over real pseudo-terminals and the million-dossier database.

- scan to dossier shown: from writing a receipt's code on the emulated scanner's line to the
  dossier window being shown (device thread, queued signal, routing, look-up, the window), while
  the daily backup that log-in starts is running, as at a counter: every scan is timed with a
  backup under way (one that ends is started again), then the same scans once it has finished
  (`scan_to_dossier_quiet_p95_ms`); `daily_backup_s` is how long one backup of the file took;
- a display frame: from the write to the emulated LED board holding the whole frame. A pty has
  no baud rate, so the time the bytes need on a real 9600-baud line is added (10 bits a byte)."""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_devices(url: str, data_dir: Path, scans: int = 60) -> dict:
    from sqlalchemy import func, select

    from app.devices.display_protocols import PROTOCOLS, wire_time_ms
    from app.devices.emulators import DisplayEmulator, ScannerEmulator
    from app.services.trust.users import authenticate
    from db.engine import Database
    from db.models import Dossier
    from ui.dossiers.detail import DossierDetailDialog
    from ui.events import process_events
    from ui.main import Desk, home_facts, make_app

    make_app()
    db = Database(url)
    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-devices-"))
    scanner = ScannerEmulator(tmp / "scanner").plug()
    board = DisplayEmulator(tmp / "display").plug()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "devices.json").write_text(json.dumps({"scanner": {"port": scanner.path},
                                                       "display": {"port": board.path, "address": 3}}))
    rng = random.Random(11)
    with db.reading() as s:
        top = s.scalar(select(func.max(Dossier.id)))
        ids = [rng.randint(1, top) for _ in range(scans * 2)]
        codes = list(s.scalars(select(Dossier.code).where(Dossier.id.in_(ids), Dossier.status != 9)))[:scans]
    actor = authenticate(db, "canbo", "motcua2026", 1)
    desk = Desk(db, data_dir, home_facts(db))
    login = time.perf_counter()
    window = desk.open_window(actor, "Quầy số 1")  # starts the daily backup, as at a counter
    window.show()

    def until(condition, timeout=5.0):
        end = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > end:
                raise RuntimeError("timed out")
            process_events()
            time.sleep(0.0005)

    until(lambda: window.devices.hub.connected("scanner") and window.devices.hub.connected("display"))
    backups = _Backups(desk.backups, data_dir, login)
    shown: list[float] = []
    original = DossierDetailDialog.showEvent

    def show_event(dialog, event):  # the moment the officer sees it; then close it for the next scan
        original(dialog, event)
        shown.append(time.perf_counter())
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, dialog.reject)

    DossierDetailDialog.showEvent = show_event
    def scans() -> list[float]:
        out = []
        for code in codes:
            backups.keep_running()
            before = len(shown)
            t = time.perf_counter()
            scanner.scan(code)
            until(lambda before=before: len(shown) > before)
            out.append((shown[-1] - t) * 1000)
            process_events()
        return out

    try:
        scan_ms = scans()  # while the backup runs
        backups.keep = False
        until(lambda: backups.made >= 1 and not desk.backups.running, timeout=900)
        quiet_ms = scans()
    finally:
        DossierDetailDialog.showEvent = original
    backups.check()

    protocol = PROTOCOLS["ascii"]()
    frame_ms = []
    for i in range(40):
        frame = protocol.frame(3, f"A{i:03d}")
        board.received.clear()
        t = time.perf_counter()
        window.devices.hub.show_number(f"A{i:03d}")
        board.wait_for(lambda frame=frame: bytes(board.received) == frame)
        frame_ms.append((time.perf_counter() - t) * 1000)
    frame16 = protocol.frame(3, "A012", "Quầy 3")
    wire = wire_time_ms(max(16, len(frame16)), 9600)
    window.close()
    scanner.close()
    board.close()
    db.dispose()
    return {"scan_to_dossier_p50_ms": statistics.median(scan_ms), "scan_to_dossier_p95_ms": _p95(scan_ms),
            "scan_to_dossier_quiet_p50_ms": statistics.median(quiet_ms), "scan_to_dossier_quiet_p95_ms": _p95(quiet_ms),
            "daily_backup_s": backups.seconds, "daily_backups_during_scans": backups.made,
            "display_frame_pty_p95_ms": _p95(frame_ms), "display_frame_wire_ms": wire,
            "display_frame_ms": _p95(frame_ms) + wire}


class _Backups:
    """The desk's daily backup (ui/backup_timer.py, started at log-in) kept running during the
    figure: when one ends, its file is removed and the desk's timer looks again, which makes a
    new one (a backup is made when none has been made today)."""

    def __init__(self, timer, data_dir: Path, started: float):
        self.timer, self.folder = timer, data_dir / "backups"
        self.keep, self.made, self.failures = True, 0, []
        self.started, self.seconds = started, None
        timer.done.connect(self._done)
        timer.failed.connect(self.failures.append)

    def _done(self, path) -> None:
        if path is None:
            return
        self.made += 1
        if self.seconds is None:
            self.seconds = time.perf_counter() - self.started
        if self.keep:
            Path(path).unlink(missing_ok=True)

    def keep_running(self) -> None:
        self.check()
        if not self.keep:
            return
        if not self.timer.running:
            for old in self.folder.glob("motcua-*.sqlite3"):
                old.unlink()
            self.timer.run_now()
        if not self.timer.running:
            raise RuntimeError("the daily backup is not running")

    def check(self) -> None:
        if self.failures:
            raise RuntimeError(f"the daily backup failed: {self.failures[0]}")


def bench_replug(rounds: int = 12) -> dict:
    """A device unplugged and plugged back: from the plug to the link's next scan, over a pty
    (a USB adapter's port) and over TCP (a serial device server). The README promises about half a
    second: the device thread tries again every RETRY (0.5 s), so the figure is RETRY plus the
    time to open the port and read a scan, and a late one shows the thread waiting too long."""
    from app.devices.emulators import ScannerEmulator, TcpScanner

    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-replug-"))
    out = {}
    for kind, device in (("pty", ScannerEmulator(tmp / "scanner")), ("tcp", TcpScanner())):
        samples = _replug_ms(device.plug(), rounds)
        out[f"replug_{kind}_p50_ms"] = statistics.median(samples)
        out[f"replug_{kind}_p95_ms"] = _p95(samples)
    return out


def _replug_ms(device, rounds: int) -> list[float]:
    import threading

    from app.devices.config import PortSettings
    from app.devices.link import DeviceLink

    got, up = threading.Event(), threading.Event()
    port = getattr(device, "url", None) or device.path
    link = DeviceLink("bench", PortSettings(port=port), on_data=lambda _d: got.set(),
                      on_state=lambda ok, _m: up.set() if ok else up.clear()).start()
    samples = []
    try:
        for _ in range(rounds):
            if not up.wait(10):
                raise RuntimeError(f"{port}: the link never connected")
            device.unplug()
            end = time.perf_counter() + 10
            while link.connected and time.perf_counter() < end:  # the thread has seen the loss
                time.sleep(0.001)
            got.clear()
            t = time.perf_counter()
            device.plug()
            while not got.is_set():  # scan until one arrives: the device works again
                if time.perf_counter() - t > 10:
                    raise RuntimeError(f"{port}: no scan came through after the plug")
                try:
                    device.scan("8935049501234")
                except AssertionError:  # TCP: the emulator has not accepted the link's connection yet
                    pass
                got.wait(0.01)
            samples.append((time.perf_counter() - t) * 1000)
    finally:
        link.stop()
        device.close()
    return samples
