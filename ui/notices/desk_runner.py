"""The desk runs the notices' sender (app/services/notices/runner.py, its own thread) while the
window is open, like the portal sync: started only once a channel is turned on and pointed
somewhere (at the window's first show, or when the settings are saved), woken when a dossier
change may have written notices, stopped when the window closes. Nothing here waits on the
network: the runner's thread does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from db.engine import Database
from ui.changes import Changed, hub

STOP_WAIT_S = 5.0  # a send under way may take longer: the thread is a daemon and ends with the app
WATCH_MS = 2_000  # how often the GUI looks at the runner's count of rounds (an int: no lock needed)


class DeskNoticeRunner(QObject):
    round_finished = Signal()  # the sender finished a round: notices may have been sent or refused

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

    def start_if_configured(self, settings: dict[str, Any]) -> bool:
        """Start the sender if a channel is set up in `settings` (the settings page's values or a
        saved set); True if it runs."""
        from app.services.notices.enqueue import configured_channels

        if self.runner is None and configured_channels(settings):
            from app.services.notices.runner import NoticeRunner

            self.runner = NoticeRunner(self.db, **self.options)
            self.runner.start()
            self._seen = 0
            self.watch.start()
        return self.runner is not None

    def _changed(self, kinds: frozenset) -> None:
        if self.runner is not None and Changed.DOSSIER in kinds:
            self.runner.wake()  # an act may have written notices: send them now, not in 30 s

    def _look(self) -> None:
        if self.runner is not None and self.runner.rounds != self._seen:
            self._seen = self.runner.rounds
            self.round_finished.emit()  # on the GUI thread: the list of failed notices reads again

    def stop(self) -> None:
        self.watch.stop()
        if self.runner is not None:
            self.runner.stop(STOP_WAIT_S)
            self.runner = None
