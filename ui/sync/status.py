"""The portal's corner of the status bar: a coloured dot and the connection (online, offline, not
configured), the changes waiting to go, the last successful sync, and the changes the portal
refused (red). A click opens the sync page; the tooltip says the last error in full."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.formatting import number
from ui.sync.worker import DeskSyncStatus

GREEN, RED, AMBER, GREY = "#2e7d32", "#c62828", "#ef6c00", "#9e9e9e"
RED_TEXT = "#b00020"


def when(moment: datetime | None, today) -> str:
    """HH:mm today, HH:mm, dd/MM/yyyy another day."""
    if moment is None:
        return ""
    return f"{moment:%H:%M}" if moment.date() == today else f"{moment:%H:%M, %d/%m/%Y}"


def connection(status: DeskSyncStatus | None) -> tuple[str, str]:
    """(colour of the dot, the connection in words)."""
    if status is None:
        return GREY, QCoreApplication.translate("SyncStatus", "Portal: not connected")
    if not status.configured:
        return GREY, QCoreApplication.translate("SyncStatus", "Portal: not connected (not configured)")
    if status.auth_failed:
        return RED, QCoreApplication.translate("SyncStatus", "Portal: wrong access token")
    if status.sync is None or status.sync.online is None:
        return AMBER, QCoreApplication.translate("SyncStatus", "Portal: connecting…")
    if status.sync.online:
        return GREEN, QCoreApplication.translate("SyncStatus", "Portal: online")
    return RED, QCoreApplication.translate("SyncStatus", "Portal: offline")


def pending_text(n: int) -> str:
    return QCoreApplication.translate("SyncStatus", "{n} waiting to send").format(n=number(n))


def last_sync_text(status: DeskSyncStatus, today) -> str:
    last = status.sync.last_success_at if status.sync else None
    if last is None:
        return QCoreApplication.translate("SyncStatus", "never synced")
    return QCoreApplication.translate("SyncStatus", "synced {time}").format(time=when(last, today))


def quarantine_text(n: int) -> str:
    return QCoreApplication.translate("SyncStatus", "{n} refused").format(n=number(n))


def tooltip(status: DeskSyncStatus | None) -> str:
    if status is None:
        return QCoreApplication.translate(
            "SyncStatus", "Synchronisation with the public-service portal: click for details.")
    if not status.configured:
        return QCoreApplication.translate(
            "SyncStatus", "No portal is configured (settings portal.url and portal.token): dossier "
            "codes are issued here.")
    lines = []
    if status.sync is not None and status.sync.last_success_at is not None:
        lines.append(QCoreApplication.translate("SyncStatus", "Last successful sync: {time}")
                     .format(time=f"{status.sync.last_success_at:%H:%M, %d/%m/%Y}"))
    if status.sync is not None:
        lines.append(QCoreApplication.translate("SyncStatus", "Changes waiting to send: {n}; refused by the "
                                                "portal: {q}").format(n=number(status.sync.pending),
                                                                      q=number(status.sync.quarantined)))
    if status.sync is not None and status.sync.last_error:
        lines.append(QCoreApplication.translate("SyncStatus", "Last error: {error}")
                     .format(error=status.sync.last_error))
    lines.append(QCoreApplication.translate("SyncStatus", "Click to open the portal sync page."))
    return "\n".join(lines)


class SyncStatusWidget(QWidget):
    """Fed by SyncWorker.status (`show_status`); `clicked` when the officer clicks it."""

    clicked = Signal()

    def __init__(self, clock: Callable[[], datetime] = datetime.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusPortal")
        self.clock = clock
        self.current: DeskSyncStatus | None = None
        self.dot = QLabel()
        self.dot.setObjectName("portalDot")
        self.dot.setFixedSize(10, 10)
        self.state = QLabel()
        self.state.setObjectName("portalState")
        self.pending = QLabel()
        self.pending.setObjectName("portalPending")
        self.last = QLabel()
        self.last.setObjectName("portalLastSync")
        self.quarantined = QLabel()
        self.quarantined.setObjectName("portalQuarantined")
        self.quarantined.setStyleSheet(f"color: {RED_TEXT}; font-weight: bold;")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        for label in (self.state, self.pending, self.last, self.quarantined):
            row.addWidget(label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_status(None)

    def show_status(self, status: DeskSyncStatus | None) -> None:
        self.current = status
        colour, words = connection(status)
        self.dot.setStyleSheet(f"background: {colour}; border-radius: 5px;")
        self.state.setText(words)
        synced = status is not None and status.configured and status.sync is not None
        self.pending.setVisible(synced and status.sync.pending > 0)  # the bar is crowded: only what matters
        self.last.setVisible(synced)
        self.quarantined.setVisible(synced and status.sync.quarantined > 0)
        if synced:
            self.pending.setText("· " + pending_text(status.sync.pending))
            self.last.setText("· " + last_sync_text(status, self.clock().date()))
            self.quarantined.setText("· " + quarantine_text(status.sync.quarantined))
        self.setToolTip(tooltip(status))

    def text(self) -> str:
        """Everything the widget says, as one line (for tests and accessibility)."""
        parts = [self.state.text()] + [w.text() for w in (self.pending, self.last, self.quarantined)
                                       if not w.isHidden()]
        return " ".join(parts)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)
