"""The desk's background receipt sender: drains the receipts outbox every `interval` seconds, and
at once when woken (a payment was just recorded), so the counter never waits on the provider."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.clock import now_local
from app.services.background import PeriodicRound
from app.services.fees.receipt_drain import drain_once
from db.engine import Database

log = logging.getLogger("motcua.fees")


class ReceiptRunner(PeriodicRound):
    def __init__(self, db: Database, interval: float = 30.0, *, clock: Callable[[], datetime] = now_local,
                 limit: int = 50, data_dir: Path | None = None):
        super().__init__("receipt-runner", interval)
        self.db, self.clock, self.limit = db, clock, limit
        self.data_dir = data_dir  # where the provider's PDFs are kept; None: the app's data folder

    def tick(self) -> None:
        try:
            while True:  # a full batch: there may be more waiting
                r = drain_once(self.db, self.clock(), limit=self.limit, data_dir=self.data_dir)
                if r.claimed < self.limit or self.stopping:
                    break
        except Exception as exc:  # noqa: BLE001 - the database away, a bug: the next round tries again
            log.error("receipt round failed: %s", type(exc).__name__)
        self.round_finished()
