"""The queue's screens (`make bench`, offscreen Qt): from a call committed at a counter to the
hall display showing it (the display's own watcher thread and feed, as in the hall), and from a
tap on the kiosk to its ticket page painted (the paper aside)."""

from __future__ import annotations

import os
import statistics
import threading
import time
from datetime import datetime

from bench.queue import _p95

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CALLS = 40


def display_latency(db) -> dict:
    """p50/p95 ms from a call's commit (another thread, its own connection) to `call_shown`."""
    from app.clock import now_local
    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.queue import tickets as q

    COUNTER = Actor(login="canbo", role=Role.OFFICER, user_id=1)  # who works the counter's queue
    from ui.events import process_events
    from ui.main import make_app
    from ui.queue.hall_display import HallDisplay
    from ui.queue.watch import QueueWatcher

    make_app()
    for _ in range(CALLS):
        q.issue_ticket(db, "TP")
    watcher = QueueWatcher(db, now_local)
    display = HallDisplay(*watcher.read_now(), now_local)
    display.show()
    committed: dict[str, float] = {}
    seen: dict[str, float] = {}
    display.call_shown.connect(lambda label, _n: seen.setdefault(label, time.perf_counter()))
    watcher.changed.connect(display.show_board)
    watcher.start()

    def counter():
        for _ in range(CALLS):
            time.sleep(0.25)  # a call every quarter second: each one is news on its own
            called = q.call_next(db, COUNTER, 1, ["TP"])
            committed[called.label] = time.perf_counter()

    worker = threading.Thread(target=counter)
    worker.start()
    deadline = time.perf_counter() + CALLS * 0.25 + 10
    while (worker.is_alive() or len(seen) < len(committed)) and time.perf_counter() < deadline:
        process_events()
        time.sleep(0.002)
    watcher.stop()
    display.close()
    ms = [(seen[k] - committed[k]) * 1000 for k in committed if k in seen]
    if len(ms) < len(committed):
        raise RuntimeError(f"the display missed {len(committed) - len(ms)} calls")
    return {"display_call_p50_ms": statistics.median(ms), "display_call_p95_ms": _p95(ms)}


def kiosk_tap(db, taps: int = 60) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.services.queue.board import board, hall
    from ui.main import make_app
    from ui.queue.kiosk import Kiosk

    make_app()
    at = datetime(2026, 11, 20, 9, 0)
    kiosk = Kiosk(db, hall(db, at), board(db, at), lambda: at, printer=None)
    kiosk.resize(1280, 800)
    kiosk.show()
    ms = []
    for i in range(taps):
        kiosk.start_over()
        kiosk._last_tap = -1e9  # a new citizen, not a double tap
        kiosk.repaint()
        t = time.perf_counter()
        QTest.mouseClick(kiosk.group_buttons[("TP", "VH", "TK")[i % 3]], Qt.MouseButton.LeftButton)
        kiosk.repaint()  # the ticket page on screen
        ms.append((time.perf_counter() - t) * 1000)
        if kiosk.pages.currentIndex() != 1:
            raise RuntimeError("the kiosk did not show the ticket")
    kiosk.close()
    return {"kiosk_tap_p50_ms": statistics.median(ms), "kiosk_tap_p95_ms": _p95(ms)}


def bench_queue_screens(url: str) -> dict:
    from db.engine import Database

    db = Database(url)
    try:
        return kiosk_tap(db) | display_latency(db)
    finally:
        db.dispose()
