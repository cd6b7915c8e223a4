"""How a hall display or a kiosk learns that the queue changed, without hammering the server.

PostgreSQL: the queue service sends NOTIFY on its channel inside each change's transaction, so the
listener wakes the moment it commits. SQLite: every window on the PC shares the file, and
`PRAGMA data_version` (a counter SQLite bumps when another connection commits) is read every
100 ms: a few microseconds, no table is touched. Either way `wait()` returns True when the caller
should read the board again; a lost server connection also returns True (after a pause), so the
caller re-reads once it is back."""

from __future__ import annotations

import logging
import sqlite3
import time

from app.services.queue.tickets import CHANNEL
from db.engine import Database

log = logging.getLogger(__name__)
POLL_SECONDS = 0.1


class PollFeed:
    def __init__(self, path: str):
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._version = self._read()

    def _read(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            version = self._read()
            if version != self._version:
                self._version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(POLL_SECONDS, left))

    def close(self) -> None:
        self._conn.close()


class NotifyFeed:
    def __init__(self, conninfo: str):
        self._conninfo = conninfo
        self._conn = None
        self._connect()

    def _connect(self) -> None:
        import psycopg

        self._conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        try:
            if self._conn is None or self._conn.closed:
                self._connect()
                return True  # changes may have been missed while away
            got = False
            for _ in self._conn.notifies(timeout=timeout, stop_after=1):
                got = True
            if got:  # take the burst a busy office sends in one go
                for _ in self._conn.notifies(timeout=0.0):
                    pass
            return got
        except Exception as exc:  # noqa: BLE001 - the server went away: try again, never crash a display
            log.warning("queue feed: %s", exc)
            self._drop()
            time.sleep(min(timeout, 1.0))
            return False

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001
                pass
        self._conn = None

    def close(self) -> None:
        self._drop()


def open_feed(db: Database) -> PollFeed | NotifyFeed:
    if db.is_sqlite:
        return PollFeed(db.url.database)
    url = db.url.set(drivername="postgresql")
    return NotifyFeed(url.render_as_string(hide_password=False))
