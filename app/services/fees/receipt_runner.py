"""The desk's background receipt sender: a plain thread that drains the receipts outbox every
`interval` seconds (and at once when woken: a payment was just recorded), so the counter never
waits on the provider. It waits on an Event (stop / wake), never sleeps."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.clock import now_local
from app.services.fees.receipt_drain import drain_once
from db.engine import Database

log = logging.getLogger("motcua.fees")


class ReceiptRunner(threading.Thread):
    def __init__(self, db: Database, interval: float = 30.0, *, clock: Callable[[], datetime] = now_local,
                 limit: int = 50, data_dir: Path | None = None):
        super().__init__(name="receipt-runner", daemon=True)
        self.db, self.interval, self.clock, self.limit = db, interval, clock, limit
        self.data_dir = data_dir  # where the provider's PDFs are kept; None: the app's data folder
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        self.rounds = 0  # finished rounds: a test waits for it to grow
        self.round_done = threading.Condition()

    def wake(self) -> None:
        """Drain now (a payment or a cancellation was just recorded)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop_event.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.tick()
            self._wake.wait(self.interval)
            self._wake.clear()

    def tick(self) -> None:
        try:
            while True:  # a full batch: there may be more waiting
                r = drain_once(self.db, self.clock(), limit=self.limit, data_dir=self.data_dir)
                if r.claimed < self.limit or self._stop_event.is_set():
                    break
        except Exception as exc:  # noqa: BLE001 - the database away, a bug: the next round tries again
            log.error("receipt round failed: %s", type(exc).__name__)
        with self.round_done:
            self.rounds += 1
            self.round_done.notify_all()
