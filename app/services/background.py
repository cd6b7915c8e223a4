"""A background round every `interval` seconds, or at once when woken: the loop the notices' and
the receipts' senders share (app/services/notices/runner.py, app/services/fees/receipt_runner.py),
so the counter never waits on a gateway. It waits on an Event (stop / wake), never sleeps."""

from __future__ import annotations

import threading


class PeriodicRound(threading.Thread):
    """Subclasses write `tick()` (one round; it must not raise). `rounds` counts finished rounds
    under `round_done`, so a test waits for the next one instead of sleeping."""

    def __init__(self, name: str, interval: float):
        super().__init__(name=name, daemon=True)
        self.interval = interval
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        self.rounds = 0
        self.round_done = threading.Condition()

    def wake(self) -> None:
        """Run a round now (something to send was just written)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop_event.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def wait_next(self) -> None:
        """Until the interval has passed or someone woke the loop."""
        self._wake.wait(self.interval)
        self._wake.clear()

    def run(self) -> None:
        while not self.stopping:
            self.tick()
            self.wait_next()

    def tick(self) -> None:
        raise NotImplementedError

    def round_finished(self) -> None:
        with self.round_done:
            self.rounds += 1
            self.round_done.notify_all()
