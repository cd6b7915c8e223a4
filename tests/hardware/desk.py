"""The officer's side of a dossier window in device tests: the real window opens (the scan's whole
path runs), is noted, and is closed at once so the next scan finds the desk free."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.dossier_detail import DossierDetailDialog


class DossierWindows(QObject):
    """While installed, every dossier window shown is recorded (its code) and closed."""

    def __init__(self):
        super().__init__()
        self.codes: list[str] = []

    def __enter__(self) -> DossierWindows:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, DossierDetailDialog):
            self.codes.append(watched.code)
            QTimer.singleShot(0, watched.reject)  # once its modal loop runs
        return False
