"""The desk's side of a background sender (app/services/background.py): the thread runs while the
window is open, is woken when a dossier change may have written something to send, and its
finished rounds are turned into a signal on the GUI thread. Nothing here waits on the network:
the sender's thread does. The notices' (ui/notices/desk_runner.py) and the e-receipts'
(ui/fees/desk_runner.py) say when theirs runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from db.engine import Database
from ui.changes import Changed, hub

STOP_WAIT_S = 5.0  # a send under way may take longer: the thread is a daemon and ends with the app
WATCH_MS = 2_000  # how often the GUI looks at the runner's count of rounds (an int: no lock needed)


class DeskRunner(QObject):
    round_finished = Signal()  # the sender finished a round: what it sent or was refused may show

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

    def _start(self, make: Callable[..., Any]) -> None:
        if self.runner is None:
            self.runner = make(self.db, **self.options)
            self.runner.start()
            self._seen = 0
            self.watch.start()

    def wake(self) -> None:
        if self.runner is not None:
            self.runner.wake()

    def _changed(self, kinds: frozenset) -> None:
        if Changed.DOSSIER in kinds:
            self.wake()  # a change may have written something to send: now, not in 30 s

    def _look(self) -> None:
        if self.runner is not None and self.runner.rounds != self._seen:
            self._seen = self.runner.rounds
            self.round_finished.emit()  # on the GUI thread: the page's list reads again

    def stop(self) -> None:
        self.watch.stop()
        if self.runner is not None:
            self.runner.stop(STOP_WAIT_S)
            self.runner = None
