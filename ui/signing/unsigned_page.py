"""The "Chưa ký" page (issue 24 §2): the documents the office signs that are not signed yet (D's
app.services.signing.query.unsigned: the dossier, the document, since when, why not yet), with
"Ký" (the selected rows) and "Ký tất cả", each through the desk's signer (ui/signing/session.py),
one document after another with a progress bar: a failure is said for its row and the others go
on. Shown in the navigation to who may sign, and only while the office has signing on."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from ui.changes import Changed, follow
from ui.notices import rows
from ui.ops import op
from ui.signing import work
from ui.signing.session import DeskSigning
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title, refresh_button


def when(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y %H:%M}" if moment else ""


class UnsignedPage(QWidget):
    count_changed = Signal(int)
    open_requested = Signal(str)  # a dossier code

    def __init__(self, db, actor, data_dir, signing: DeskSigning, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unsignedPage")
        self.db, self.actor, self.data_dir, self.signing = db, actor, data_dir, signing
        self.views: list = []
        self.count = 0
        self.table = rows.table("unsignedTable", [self.tr("Dossier"), self.tr("Document"), self.tr("Since"),
                                                  self.tr("Why not signed yet")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.empty = QLabel(self.tr("Every document is signed."))
        self.empty.setObjectName("noUnsigned")
        self.progress = QProgressBar()
        self.progress.setObjectName("signingProgress")
        self.progress.setFormat(self.tr("Signing %v of %m"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("unsignedMessage")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self.tr("Sign"))
        self.sign_button.setObjectName("signSelected")
        self.sign_all_button = QPushButton(self.tr("Sign all"))
        self.sign_all_button.setObjectName("signAll")
        self.open_button = QPushButton(self.tr("Open the dossier"))
        self.open_button.setObjectName("openUnsignedDossier")
        allowed = actor.can(Permission.SIGN_DOCUMENTS)
        for button in (self.sign_button, self.sign_all_button, self.open_button):
            button.setAutoDefault(False)
        self.sign_button.setVisible(allowed)
        self.sign_all_button.setVisible(allowed)
        self.sign_button.clicked.connect(self.sign_selected)
        self.sign_all_button.clicked.connect(self.sign_all)
        self.open_button.clicked.connect(self.open_selected)
        hint = QLabel(self.tr("Documents given to online applicants are signed at the counter as soon as they "
                              "are made. Those listed here could not be signed then (no token, a wrong PIN, a "
                              "certificate out of date): plug in the token and sign them here."))
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(page_title(self.nav_label()))
        top.addStretch(1)
        top.addWidget(refresh_button(self, self.tr("Refresh (Ctrl+R)"), "unsignedRefresh", self.refresh))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.sign_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow(self, {Changed.DOSSIER}, self.refresh)  # a dossier answered, or signed, elsewhere
        self.signing.signed.connect(self.refresh)
        self._queue: list = []
        self._done = 0
        self._failed: list[str] = []
        self._enable()

    def nav_label(self, n: int = 0) -> str:
        return self.tr("Unsigned ({n})").format(n=n) if n else self.tr("Unsigned")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    # ---- reading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, work.unsigned, self.db, self.actor).success(self.show_list) \
            .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.signing").run()

    def show_list(self, views: list) -> None:
        self.views = views
        keep = {v.id for v in self._selected()}
        self.table.setRowCount(len(views))
        for r, view in enumerate(views):
            for c, text in enumerate((view.dossier_code, view.kind_label, when(view.created_at),
                                      view.last_error or self.tr("Not signed yet"))):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, view)
                self.table.setItem(r, c, item)
            if view.id in keep:
                self.table.selectRow(r)
        self.table.setVisible(bool(views))
        self.empty.setVisible(not views)
        self._enable()
        if len(views) != self.count:
            self.count = len(views)
            self.count_changed.emit(self.count)

    def _selected(self) -> list:
        model = self.table.selectionModel()
        picked = sorted(i.row() for i in model.selectedRows()) if model else []
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in picked if self.table.item(r, 0)]

    def _enable(self) -> None:
        busy = bool(self._queue) or self.progress.isVisible()
        picked = bool(self._selected())
        self.sign_button.setEnabled(picked and not busy)
        self.open_button.setEnabled(picked)
        self.sign_all_button.setEnabled(bool(self.views) and not busy)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def open_selected(self) -> None:
        picked = self._selected()
        if picked:
            self.open_requested.emit(picked[0].dossier_code)

    # ---- signing ----------------------------------------------------------------------------------
    def sign_selected(self) -> None:
        self._sign(self._selected())

    def sign_all(self) -> None:
        self._sign(list(self.views))

    def _sign(self, views: list) -> None:
        if not views or self._queue:
            return
        self._queue = [v.id for v in views]
        self._done, self._failed = 0, []
        self.progress.setRange(0, len(self._queue))
        self.progress.setValue(0)
        self.progress.show()
        self.say("")
        self._enable()
        self._one()

    def _one(self) -> None:
        if not self._queue:
            self._finish()
            return
        document_id = self._queue[0]
        self.signing.submit(lambda signer: work.sign_one(self.db, self.actor, signer, self.data_dir, document_id),
                            lambda _view: self._after(None), self._after)

    def _after(self, error: str | None) -> None:
        if not self._queue:
            return
        self._queue.pop(0)
        self.progress.setValue(self.progress.value() + 1)
        if error is None:
            self._done += 1
        else:
            self._failed.append(error)
            if self.signing.signer is None:  # no signer to be had (PIN not given, no token): stop here
                self._queue.clear()
        self._one()

    def _finish(self) -> None:
        self.progress.hide()
        if self._failed:
            self.say(self.tr("{done} signed; not signed: {reason}").format(done=self._done, reason=self._failed[0]),
                     error=True)
        else:
            self.say(self.tr("{done} signed.").format(done=self._done))
        self._enable()
        self.signing.signed.emit()  # this list (connected above) and the navigation's count read again
