"""The desk runs the e-receipts' sender (B's app/services/fees/receipt_runner.py, its own thread)
while the window is open, like the notices' (ui/notices/desk_runner.py): started once the office
turns e-receipts on (at the window's first show, or when the settings are saved), stopped when they
are turned off and when the window closes (log-out, quit), woken when a payment may have written a
receipt to issue (Changed.DOSSIER) and by "Gửi ngay". Nothing here waits on the network."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from db.engine import Database
from ui.changes import Changed, hub

STOP_WAIT_S = 5.0  # a call to the provider under way may take longer: the thread is a daemon
WATCH_MS = 2_000  # how often the GUI looks at the runner's count of rounds (an int: no lock needed)


def receipts_on(settings: dict[str, Any]) -> bool:
    return bool(settings.get("fees.receipts.enabled"))


class DeskReceiptRunner(QObject):
    round_finished = Signal()  # a round is done: receipts may have been issued or refused

    def __init__(self, db: Database, parent: QObject | None = None, **runner_options: Any):
        super().__init__(parent)
        self.db = db
        self.options = runner_options  # interval … (tests)
        self.runner = None
        self._seen = 0
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self._look)
        hub().changed.connect(self._changed)

    def apply(self, settings: dict[str, Any]) -> bool:
        """Run the sender if `settings` (the settings page's values or a saved set) have e-receipts
        on, stop it if they are off; True if it runs."""
        if receipts_on(settings) and self.runner is None:
            from app.services.fees.receipt_runner import ReceiptRunner

            self.runner = ReceiptRunner(self.db, **self.options)
            self.runner.start()
            self._seen = 0
            self.watch.start()
        elif not receipts_on(settings) and self.runner is not None:
            self.stop()
        return self.runner is not None

    def wake(self) -> None:
        if self.runner is not None:
            self.runner.wake()

    def _changed(self, kinds: frozenset) -> None:
        if Changed.DOSSIER in kinds:
            self.wake()  # a payment may have written a receipt to issue: now, not in 30 s

    def _look(self) -> None:
        rounds = getattr(self.runner, "rounds", None)
        if rounds is not None and rounds != self._seen:
            self._seen = rounds
            self.round_finished.emit()  # on the GUI thread: the receipts page reads again

    def stop(self) -> None:
        self.watch.stop()
        if self.runner is not None:
            self.runner.stop(STOP_WAIT_S)
            self.runner = None
