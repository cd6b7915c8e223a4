"""The officer's side of a dossier window in device tests: the real window opens (the scan's whole
path runs), is noted, and is closed at once so the next scan finds the desk free."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.dossiers.detail import DossierDetailDialog


class DossierWindows(QObject):
    """While installed, every dossier window shown is recorded (its code) and closed. The window
    reads its dossier off the GUI thread (ui/ops.py) before it shows, so leaving the block waits
    for the `expect` windows the block asked for (10 s at most), still recording and closing."""

    def __init__(self, expect: int = 1):
        super().__init__()
        self.codes: list[str] = []
        self.expect = expect

    def __enter__(self) -> DossierWindows:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        deadline = time.monotonic() + 10
        while exc_type is None and len(self.codes) < self.expect and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, DossierDetailDialog):
            self.codes.append(watched.code)
            QTimer.singleShot(0, watched.reject)  # once its modal loop runs
        return False
