"""The officer's list of notices a gateway refused for good (issue 23 §2): the dossier, what it
told of, by which channel to whom (masked), why it was refused, in Vietnamese, with "Gửi lại"
(back to the outbox, sent with the same key: never twice) and "Hủy". The navigation shows how
many wait; the list is read again when notices change (an op here or in a dossier window, each
round of the desk's sender: ui/notices/desk_runner.py) and every minute, off the GUI thread (ui/ops.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from db.engine import Database
from ui.changes import follow
from ui.notices import rows
from ui.ops import Changed, op
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title

REFRESH_MS = 60_000
KEPT = (0, 1, 2, 3, 7)  # of rows.cells with the code: dossier, kind, channel, recipient, reason


def failed_list(db: Database, actor: Actor) -> list:
    from app.services.notices.query import failed_notices

    return failed_notices(db, actor)


class FailedNoticesPage(QWidget):
    count_changed = Signal(int)  # how many failed notices wait: the navigation shows it
    open_requested = Signal(str)  # a dossier code

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None, *, load_now: bool = True):
        super().__init__(parent)
        self.setObjectName("failedNoticesPage")
        self.db, self.actor, self.clock = db, actor, clock
        self.count = 0
        # All "failed", never delivered: state and times say nothing here (rows.cells' 4, 5, 6).
        self.table = rows.table("failedNotices", [
            self.tr("Dossier"), self.tr("Notice"), self.tr("Channel"), self.tr("Recipient"), self.tr("Reason")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.hint = QLabel(self.tr(
            "A gateway or mail server refused these notices for good (a wrong number or address, a "
            "channel the citizen cannot receive). Correct the contact in the dossier if needed, then send "
            "again: the gateway sees the same key, so the citizen never gets it twice."))
        self.hint.setWordWrap(True)
        self.empty = QLabel(self.tr("No failed notice."))
        self.empty.setObjectName("noFailedNotices")
        self.message = QLabel()
        self.message.setObjectName("failedNoticesMessage")
        self.message.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Send again"))
        self.retry_button.setObjectName("retryFailedNotice")
        self.cancel_button = QPushButton(self.tr("Cancel the notice"))
        self.cancel_button.setObjectName("cancelFailedNotice")
        self.open_button = QPushButton(self.tr("Open the dossier"))
        self.open_button.setObjectName("openNoticeDossier")
        allowed = actor.can(Permission.MANAGE_NOTICES)
        for button, act in ((self.retry_button, "retry"), (self.cancel_button, "cancel")):
            button.setAutoDefault(False)
            button.setVisible(allowed)
            button.clicked.connect(lambda _c=False, a=act: self.act(a))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Failed notices")))
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow(self, {Changed.DOSSIER}, self.refresh)  # a retry or a cancel in a dossier window
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._enable()
        if load_now:
            self.refresh()

    def _tick(self) -> None:
        self.refresh()  # the count in the navigation stays current even while the page is hidden

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    # ---- reading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, failed_list, self.db, self.actor).success(self.show_list) \
            .failure(lambda exc: self.say(str(exc), error=True)).run()

    def show_list(self, views: list) -> None:
        rows.fill(self.table, views, with_code=True, keep=KEPT)
        self.table.setVisible(bool(views))
        self.empty.setVisible(not views)
        self._enable()
        if len(views) != self.count:
            self.count = len(views)
            self.count_changed.emit(self.count)

    def _enable(self) -> None:
        view = rows.selected(self.table)
        for button in (self.retry_button, self.cancel_button, self.open_button):
            button.setEnabled(view is not None)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)

    # ---- acting -----------------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def open_selected(self) -> None:
        view = rows.selected(self.table)
        if view is not None:
            self.open_requested.emit(view.code)

    def act(self, action: str) -> None:
        from app.services.notices import actions

        view = rows.selected(self.table)
        if view is None:
            return
        done_text = (self.tr("Notice for {code} goes out again.") if action == "retry"
                     else self.tr("Notice for {code} cancelled.")).format(code=view.code)

        def done(_result) -> None:
            self.say(done_text)
            self.refresh()

        (op(self, getattr(actions, action), self.db, self.actor, view.uuid).success(done)
         .failure(lambda exc: self.say(str(exc), error=True)).changes(Changed.DOSSIER).progress().run())
