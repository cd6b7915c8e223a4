"""The desk's (or the office server's) background sender: drains the notices outbox every
`interval` seconds and asks the gateways about delivery every `poll_interval`, so the counter
never waits on the network (the loop: app/services/background.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.clock import now_local
from app.services.background import PeriodicRound
from app.services.notices.sender import drain_once, poll_delivery
from db.engine import Database

log = logging.getLogger("motcua.notify")


class NoticeRunner(PeriodicRound):
    def __init__(self, db: Database, interval: float = 30.0, poll_interval: float = 300.0, *,
                 clock: Callable[[], datetime] = now_local, channels=None, limit: int = 100,
                 data_dir: Path | None = None):
        super().__init__("notice-runner", interval)
        self.db, self.poll_interval = db, poll_interval
        self.data_dir = data_dir  # the stored files (signed documents attached); None: the app's folder
        self.clock, self.channels, self.limit = clock, channels, limit

    def run(self) -> None:
        since_poll = 0.0
        while not self.stopping:
            self.tick(poll=since_poll <= 0)
            since_poll = self.poll_interval if since_poll <= 0 else since_poll - self.interval
            self.wait_next()

    def tick(self, poll: bool = True) -> None:
        try:
            while True:  # a full batch: there may be more waiting
                r = drain_once(self.db, self.clock(), limit=self.limit, channels=self.channels,
                               data_dir=self.data_dir)
                if r.claimed == 0 or r.claimed < self.limit or self.stopping:
                    break
            if poll:
                poll_delivery(self.db, self.clock(), channels=self.channels)
        except Exception as exc:  # noqa: BLE001 - the database away, a bug: the next round tries again
            # The type only: a database error's text may quote a row, and a row holds an address.
            log.error("notice sending round failed: %s", type(exc).__name__)
        self.round_finished()
