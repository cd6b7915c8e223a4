"""Keeps a kiosk or hall display up to date: a background thread waits on the queue feed
(LISTEN/NOTIFY or the SQLite change counter) and reads the board when something changed, so the
GUI thread never waits on the database. The board arrives through a queued Qt signal."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.services.queue_board import Board, board
from app.services.queue_feed import open_feed
from db.engine import Database

log = logging.getLogger(__name__)
REREAD_SECONDS = 5.0  # even with no change: the day rolls over, a missed wake-up heals


class QueueWatcher(QObject):
    changed = Signal(object)  # Board, on the GUI thread

    def __init__(self, db: Database, clock: Callable[[], datetime], parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.clock = db, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: Board | None = None

    def read_now(self) -> Board:
        """The first board, read on the caller's thread so a window opens complete."""
        self.last = board(self.db, self.clock())
        return self.last

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
        last_read = time.monotonic()
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = open_feed(self.db)
                woke = feed.wait(0.5)
                if not woke and time.monotonic() - last_read < REREAD_SECONDS:
                    continue
                last_read = time.monotonic()
                fresh = board(self.db, self.clock())
            except Exception as exc:  # noqa: BLE001 - a display must outlive a database hiccup
                log.warning("queue watch: %s", exc)
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
