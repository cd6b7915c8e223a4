"""Keeps a kiosk or hall display up to date: a background thread waits on the queue feed
(LISTEN/NOTIFY or the SQLite change counter) and reads the board when something changed, and the
hall settings (office hours open or not, the notice, the voice) every half minute, so the GUI
thread never waits on the database. Both arrive through queued Qt signals."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.services.queue.board import Board, Hall, board, hall
from app.services.queue.feed import open_feed
from db.engine import Database

log = logging.getLogger("motcua.db")
REREAD_SECONDS = 5.0  # even with no change: the day rolls over, a missed wake-up heals
HALL_SECONDS = 30.0  # office hours, the notice, the voice setting


class QueueWatcher(QObject):
    changed = Signal(object)  # Board, on the GUI thread
    hall_changed = Signal(object)  # Hall, on the GUI thread

    def __init__(self, db: Database, clock: Callable[[], datetime], parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.clock = db, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: Board | None = None
        self.last_hall: Hall | None = None

    def read_now(self) -> tuple[Hall, Board]:
        """The first hall settings and board, read on the caller's thread so a window opens complete."""
        self.last_hall, self.last = hall(self.db, self.clock()), board(self.db, self.clock())
        return self.last_hall, self.last

    def start(self) -> QueueWatcher:
        self._thread = threading.Thread(target=self._run, name="queue-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)

    def _run(self) -> None:
        feed = None
        last_read = last_hall = time.monotonic()
        failing = False
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = open_feed(self.db)
                woke = feed.wait(0.5)
                if time.monotonic() - last_hall >= HALL_SECONDS:
                    last_hall = time.monotonic()
                    settings = hall(self.db, self.clock())
                    if settings != self.last_hall:
                        self.last_hall = settings
                        self.hall_changed.emit(settings)
                if not woke and time.monotonic() - last_read < REREAD_SECONDS:
                    continue
                last_read = time.monotonic()
                fresh = board(self.db, self.clock())
                if failing:
                    log.info("queue watch: the database answers again")
                    failing = False
            except Exception as exc:  # noqa: BLE001 - a display must outlive a database hiccup
                # Once per outage: a display left all night with the server down must not fill
                # its log (app/logs.py) with the same line every second.
                log.log(logging.DEBUG if failing else logging.WARNING, "queue watch: %s", exc)
                failing = True
                if feed is not None:
                    feed.close()
                    feed = None
                self._stop.wait(1.0)
                continue
            if fresh != self.last:
                self.last = fresh
                self.changed.emit(fresh)
        if feed is not None:
            feed.close()
