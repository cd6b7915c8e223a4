"""Choosing a document the citizen already gave instead of scanning the paper again (issue 21 §4):
the same applicant's earlier digitized documents of the same kind, the office's own first, then the
citizen's store on the portal. The capture dialog opens it from its "Tái sử dụng…" button.

The list and the reuse both run through ui/ops.py: finding candidates re-hashes files and may ask
the portal, which must not freeze the counter; the reuse is one transaction in the service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import day, number
from app.services.dossiers.digitization import LOCAL
from app.services.dossiers.reuse import (
    ReuseCandidate,
    candidate_bytes,
    reusable_documents,
    reuse_document,
)
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.widgets import ERROR_STYLE

NAME, DOSSIER, DATE, PAGES, SOURCE = range(5)
PORTAL_TIMEOUT = 5.0  # the citizen's store is a nicety: an office offline waits no longer for it


def with_portal(db: Database, portal, fn, *args, **kwargs):
    """On the pool: `fn(*args, portal=…)` with the client given, else with the office's portal
    (setting portal.url) opened for this call only; none configured: the office's own files only."""
    if portal is not None:
        return fn(*args, portal=portal, **kwargs)
    from app.portal.client import PortalClient
    from ui.sync.worker import read_portal

    url, token = read_portal(db)
    if not url:
        return fn(*args, portal=None, **kwargs)
    with PortalClient(url, token, timeout=PORTAL_TIMEOUT) as client:
        return fn(*args, portal=client, **kwargs)


class ReusePicker(QDialog):
    """Lists the candidates for one document line; OK (or a double click) reuses the chosen one."""

    def __init__(self, db: Database, actor: Actor, code: str, position: int, data_dir: Path, portal=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reusePicker")
        self.db, self.actor, self.code, self.position = db, actor, code, position
        self.data_dir, self.portal = Path(data_dir), portal
        self.candidates: list[ReuseCandidate] = []
        self._busy = False
        self.setWindowTitle(self.tr("Reuse a document already digitized · {code}").format(code=code))
        box = QVBoxLayout(self)
        self.status = QLabel(self.tr("Looking for documents this applicant already gave…"))
        self.status.setObjectName("reuseStatus")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("reuseCandidates")
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("From dossier"), self.tr("Received"),
                                              self.tr("Pages"), self.tr("Source")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        box.addWidget(self.table)
        self.note = QLabel()  # the portal could not be asked: the office's own still come
        self.note.setObjectName("reuseNote")
        self.note.setWordWrap(True)
        self.note.hide()
        box.addWidget(self.note)
        self.message = QLabel()  # why the reuse was refused: the dialog stays open
        self.message.setObjectName("reuseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        box.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Reuse"))
        self.ok.setObjectName("reuseButton")
        self.ok.setEnabled(False)
        self.preview = self.buttons.addButton(self.tr("Preview…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview.setObjectName("reusePreview")
        self.preview.setEnabled(False)
        self.preview.setAutoDefault(False)  # Enter reuses; the preview is asked for
        self.preview.clicked.connect(self.show_preview)
        self.viewer: QDialog | None = None
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.resize(760, 360)
        self._load()

    # ---- the list ---------------------------------------------------------------------------
    def _load(self) -> None:
        (op(self, with_portal, self.db, self.portal, reusable_documents, self.db, self.actor, self.code,
            self.position, data_dir=self.data_dir).success(self._loaded).failure(self._list_refused).progress().run())

    def source_label(self, candidate: ReuseCandidate) -> str:
        return self.tr("At this office") if candidate.source == LOCAL else self.tr("Citizen's store (portal)")

    def _loaded(self, candidates: list[ReuseCandidate]) -> None:
        self.candidates = list(candidates)
        note = getattr(candidates, "note", None)
        self.note.setText(note or "")
        self.note.setVisible(bool(note) and bool(self.candidates))
        if not self.candidates:
            self.status.setText(note or self.tr("No document of this kind from this applicant has been digitized "
                                                "before: scan the paper."))
            return
        self.status.setText(self.tr("{n} document(s) of this kind this applicant gave before, newest first:")
                            .format(n=len(self.candidates)))
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            cells = (c.name, c.dossier_code or "", day(c.received_at), number(c.pages) if c.pages else "",
                     self.source_label(c))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == NAME:
                    item.setToolTip(text)  # the stretched name column is the one cut in a narrow dialog
                if column == PAGES:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        self.table.setFocus()

    def _list_refused(self, exc: UserError) -> None:
        self.status.setText(str(exc))

    def _selection_changed(self) -> None:
        self.ok.setEnabled(self.chosen() is not None)
        self.preview.setEnabled(self.chosen() is not None)

    def chosen(self) -> ReuseCandidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None

    # ---- the preview: the file as it would be reused (audited like any opening) ------------------
    def show_preview(self) -> None:
        candidate = self.chosen()
        if candidate is None:
            return
        self.message.clear()
        (op(self, with_portal, self.db, self.portal, candidate_bytes, self.db, self.actor, candidate, self.data_dir)
         .success(lambda data: self._preview(candidate, data)).failure(self._preview_refused).progress().run())

    def _preview(self, candidate: ReuseCandidate, data: bytes) -> None:
        from ui.dossiers.file_viewer import FileViewer

        title = self.tr("{name} · from dossier {code}").format(name=candidate.name, code=candidate.dossier_code or "")
        self.viewer = FileViewer(data, candidate.media_type, title=title,
                                 file_name=candidate.dossier_code or candidate.sha256[:12], parent=self)
        self.viewer.show()

    def _preview_refused(self, exc: UserError) -> None:
        self.message.setText(str(exc))

    # ---- the reuse --------------------------------------------------------------------------
    def accept(self) -> None:
        candidate = self.chosen()
        if candidate is None or self._busy:
            return  # nothing chosen, or OK pressed again while the line is being recorded
        self._busy = True
        self.message.clear()
        args = (self.db, self.actor, self.code, self.position, candidate, self.data_dir)
        work = (op(self, reuse_document, *args) if candidate.source == LOCAL  # no portal needed
                else op(self, with_portal, self.db, self.portal, reuse_document, *args))
        (work.success(lambda _done: super(ReusePicker, self).accept()).failure(self._refused)
         .changes(Changed.DOSSIER).progress().run())

    def _refused(self, exc: UserError) -> None:
        self._busy = False
        self.message.setText(str(exc))


def offer_reuse(parent: QWidget | None, db: Database, actor: Actor, code: str, position: int, data_dir: Path,
                portal=None) -> bool:
    """Show the picker for the document line `position` of dossier `code`; True when a document
    was reused (the line is then recorded "reused"), False when the officer closed it. `portal`:
    a PortalClient, else the office's portal (setting portal.url) when one is configured."""
    picker = ReusePicker(db, actor, code, position, data_dir, portal, parent)
    try:
        return picker.exec() == QDialog.DialogCode.Accepted
    finally:
        picker.deleteLater()
