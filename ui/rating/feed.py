"""The rating screen's one link to the database: a background thread that reads, every POLL
seconds, whether the desk asked for a rating at this counter (and who is being served), and
writes what the citizen answered. The GUI thread never waits on the database.

The desk is another process (another PC): the officer's "Xong" writes a Rating row "asked", and
this poll is what brings it to the screen, so its period bounds the delay (issue 23: p95 ≤ 300 ms,
`make bench`).

A lost database (file gone, locked, server down) is said once (`health`) and polled again; an
answer that could not be written stays queued and is tried again until it lands. The service's
`answer` accepts the same answer twice, so a write whose commit was lost with the connection is
never recorded twice; an answer the service refuses for good (the rating expired meanwhile) is
dropped with a log line, never retried forever."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.errors import UserError
from db.engine import Database

log = logging.getLogger("motcua.db")
POLL = 0.1  # seconds between two reads
SETTINGS_EVERY = 10.0  # seconds: the timeout, the keys and the criteria are re-read
EXPIRE_EVERY = 60.0  # seconds: asks nobody answered (a screen that was off) are closed as "no rating"


@dataclass(frozen=True)
class View:
    prompt: object | None  # app.services.ratings Prompt: the rating asked now, if any
    serving: object | None  # app.services.ratings Serving: the ticket and the officer, if any


@dataclass(frozen=True)
class Settings:
    timeout_s: int
    keys: list
    criteria: tuple  # of Criterion (key, label)


@dataclass(frozen=True)
class Write:
    """One answer to record: `no_answer` (timed out) when score is None."""

    uuid: str
    score: int | None = None
    reasons: tuple[str, ...] = ()
    source: str = "screen"
    at: datetime | None = None


class RatingFeed(QObject):
    changed = Signal(object)  # View, on the GUI thread, when it differs from the last one
    settings_changed = Signal(object)  # Settings
    health = Signal(bool)  # False: the database cannot be reached (polled again); True: back
    landed = Signal(str)  # the uuid of an answer now recorded (or refused for good)

    def __init__(self, db: Database, counter_id: int, clock: Callable[[], datetime],
                 parent: QObject | None = None, *, poll: float = POLL):
        super().__init__(parent)
        self.db, self.counter_id, self.clock, self.poll = db, counter_id, clock, poll
        self._writes: deque[Write] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: View | None = None
        self.settings: Settings | None = None
        self.ok = True

    # -- any thread ------------------------------------------------------------------------------
    def read_settings(self) -> Settings:
        """The settings now; the thread announces them again only once they change."""
        from app.services.ratings.criteria import criteria
        from app.services.settings.store import settings_of

        with self.db.reading() as s:
            values = settings_of(s, ("rating.timeout_s", "rating.keys"))
        self.settings = Settings(values["rating.timeout_s"], values["rating.keys"], tuple(criteria(self.db)))
        return self.settings

    def submit(self, write: Write) -> None:
        """Queue an answer; the thread writes it at once, and again until it lands."""
        with self._lock:
            self._writes.append(write)
        self._wake.set()

    def pending(self) -> list[Write]:
        with self._lock:
            return list(self._writes)

    def start(self) -> RatingFeed:
        self._thread = threading.Thread(target=self._run, name="rating-feed", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        next_settings = next_expire = 0.0
        while not self._stop.is_set():
            try:
                self._flush()
                if time.monotonic() >= next_settings:
                    before = self.settings
                    fresh = self.read_settings()
                    next_settings = time.monotonic() + SETTINGS_EVERY
                    if fresh != before:
                        self.settings_changed.emit(fresh)
                if time.monotonic() >= next_expire:
                    from app.services.ratings import expire

                    expire(self.db, self.clock())
                    next_expire = time.monotonic() + EXPIRE_EVERY
                self._read()
                if not self.ok:
                    log.info("rating screen: the database answers again")
                    self.ok = True
                    self.health.emit(True)
            except Exception as exc:  # noqa: BLE001 - the screen outlives any database trouble
                if self.ok:  # once per outage: a screen left all night must not fill its log
                    log.warning("rating screen: database unreachable: %s", exc)
                    self.ok = False
                    self.health.emit(False)
            self._wake.wait(self.poll)
            self._wake.clear()

    def _read(self) -> None:
        from app.services.ratings import prompt_for, serving

        now = self.clock()
        view = View(prompt_for(self.db, self.counter_id, now), serving(self.db, self.counter_id, now))
        if view != self.last:
            self.last = view
            self.changed.emit(view)

    def _flush(self) -> None:
        """Every queued answer, oldest first; one that fails for the database stays first in line."""
        from app.services.ratings import answer, no_answer

        while True:
            with self._lock:
                if not self._writes:
                    return
                w = self._writes[0]
            at = w.at or self.clock()
            try:
                if w.score is None:
                    no_answer(self.db, self.counter_id, w.uuid, at)
                else:
                    answer(self.db, self.counter_id, w.uuid, w.score, list(w.reasons), w.source, at)
            except UserError as exc:  # refused for good (expired, answered otherwise): not retried
                log.info("rating %s not recorded: %s", w.uuid, exc)
            with self._lock:
                self._writes.popleft()
            self.landed.emit(w.uuid)
