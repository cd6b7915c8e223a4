"""The dossier window's signed documents (issue 24 §3): each document the office signs for this
dossier, its state ("Đã ký" only when it is signed, else "Chưa ký" with why), who signed and when,
with "Mở" (the signed PDF in the preview) and "Kiểm tra chữ ký" (B's verdict against the office's
trusted roots, ui/signing/verdict.py). Read off the GUI thread once the window is up; hidden when
the dossier has none (a walk-in dossier's paper receipt is signed by hand)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
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
from ui.signing.unsigned_page import when

SIGNED = "signed"


class DossierSignaturesPanel(QGroupBox):
    def __init__(self, db, actor, code: str, data_dir, say: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dossierSignatures")
        self.setTitle(self.tr("Digitally signed documents"))
        self.db, self.actor, self.code, self.data_dir, self.say = db, actor, code, data_dir, say
        self.views: list = []
        self.verdict = self.preview = None
        self.table = rows.table("signedDocuments", [self.tr("Document"), self.tr("State"), self.tr("Signed by"),
                                                    self.tr("Signed at")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openSigned")
        self.check_button = QPushButton(self.tr("Check the signature"))
        self.check_button.setObjectName("checkSignature")
        for button in (self.open_button, self.check_button):
            button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        self.check_button.clicked.connect(self.check_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.hide()  # until the dossier is known to have such documents
        follow(self, {Changed.DOSSIER}, self.refresh)  # signed in the background meanwhile
        self._enable()

    def refresh(self) -> None:
        op(self, work.documents_of, self.db, self.actor, self.code).success(self.show_list) \
            .failure(lambda exc: self.say(str(exc))).category("motcua.signing").run()

    def show_list(self, views: list) -> None:
        self.views = [v for v in views if v.state != "cancelled"]
        self.table.setRowCount(len(self.views))
        for r, view in enumerate(self.views):
            signed = view.state == SIGNED  # nothing else is ever shown as signed
            state = self.tr("Signed") if signed else self.tr("Unsigned")
            if not signed and view.last_error:
                state += f": {view.last_error}"
            cells = (view.kind_label, state, view.signer_name if signed else "",
                     when(view.signed_at) if signed else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text or "")
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, view)
                self.table.setItem(r, c, item)
        self.setVisible(bool(self.views))
        # As tall as its rows (a dossier has a few documents), not a block of empty lines.
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
                                  + sum(self.table.rowHeight(r) for r in range(self.table.rowCount())) + 2)
        if len(self.views) == 1:
            self.table.selectRow(0)
        self._enable()

    def selected(self):
        return rows.selected(self.table)

    def _enable(self) -> None:
        view = self.selected()
        signed = view is not None and view.state == SIGNED
        self.open_button.setEnabled(signed)
        self.check_button.setEnabled(signed and self.actor.can(Permission.VIEW_DOSSIER))

    def open_selected(self) -> None:
        from ui.intake.receipt_preview import ReceiptPreview

        view = self.selected()
        if view is None or view.state != SIGNED:
            return

        def show(pdf: bytes) -> None:
            self.preview = ReceiptPreview(self.code, pdf, parent=self.window())
            self.preview.setWindowTitle(f"{view.kind_label} · {self.code}")
            self.preview.open()

        op(self, work.signed_pdf, self.db, self.actor, view.id, self.data_dir).success(show) \
            .failure(lambda exc: self.say(str(exc))).category("motcua.signing").progress().run()

    def check_selected(self) -> None:
        from ui.signing.verdict import VerdictDialog

        view = self.selected()
        if view is None or view.state != SIGNED:
            return

        def show(verdict) -> None:
            self.verdict = VerdictDialog(verdict, f"{view.kind_label} · {self.code}", self.window())
            self.verdict.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.verdict.open()

        op(self, work.verify_document, self.db, self.actor, view.id, self.data_dir).success(show) \
            .failure(lambda exc: self.say(str(exc))).category("motcua.signing").progress().run()
