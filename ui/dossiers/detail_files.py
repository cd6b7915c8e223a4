"""The dossier window's "Tệp số hóa": each document line's digitization state, the paper's page
count and its files, then the result documents. Everything that reads or writes goes through
ui/ops.py: listing (dossier_files), opening (open_dossier_file re-hashes and audits), attaching a
chosen result file (attach_result). Scanning is the capture dialog's (ui/digitize/capture_dialog.py),
imported only when asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.devices.docscan.files import MAX_BYTES, SUFFIXES, pages_from_bytes
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.formatting import number
from app.oserrors import os_reason
from app.services.dossiers.digitization import (
    DossierFiles,
    FileEntry,
    FileInput,
    attach_result,
    dossier_files,
    open_dossier_file,
)
from db.engine import Database
from ui.ops import Changed, op

FILTER = "PDF, JPEG, PNG, TIFF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"


def size_text(size: int) -> str:
    """12.345 bytes → "12 KB", 1.572.864 → "1,5 MB" (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{number(max(1, round(size / 1024)))} KB"
    return f"{number(round(size / 1048576, 1))} MB"


def read_chosen(paths: list[Path]) -> list[FileInput]:
    """The files an officer chose, read and checked whole (a damaged or truncated image, a PDF
    with a password, one that is not what its name says): each becomes a FileInput with its type
    from its name (the store checks it against the content) and its page count. One Vietnamese
    UserError for the first bad one; nothing is kept then."""
    chosen = []
    for path in paths:
        media_type = SUFFIXES.get(path.suffix.lower())
        if media_type is None:
            raise UserError(f"Tệp «{path.name}»: chỉ nhận PDF, JPEG, PNG hoặc TIFF.")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise UserError(f"Tệp «{path.name}» nặng quá {MAX_BYTES >> 20} MB.")
            data = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"Không tìm thấy tệp «{path}».") from None
        except OSError as exc:  # a folder, a file another program holds, no right to read it
            raise UserError(f"Không đọc được tệp «{path}» ({os_reason(exc)}).") from None
        pages = len(pages_from_bytes(data, path.name))
        chosen.append(FileInput(data, name=path.name, pages=pages, media_type=media_type))
    return chosen


def choose_and_attach(db: Database, actor: Actor, code: str, paths: list[Path], data_dir: Path):
    """Off the GUI thread: read the chosen files, then attach them as the dossier's results."""
    return attach_result(db, actor, code, read_chosen(paths), data_dir)


class DossierFilesPanel(QWidget):
    changed = Signal()  # a line was digitized or a result attached: the list was read again

    def __init__(self, db: Database, actor: Actor, detail: dict, data_dir: Path, *,
                 say: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dossierFiles")
        self.db, self.actor, self.data_dir, self.say = db, actor, Path(data_dir), say
        self.code = detail["code"]
        self.finished = DossierStatus(detail["status"]).finished
        self.viewer = None
        self.capture = None
        self.listed: DossierFiles | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("detailFiles")
        self.tree.setHeaderLabels([self.tr("Document, file"), self.tr("Digitization"), self.tr("Paper pages"),
                                   self.tr("Pages"), self.tr("Size")])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 5):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))  # Enter, double-click
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.open_button = QPushButton(self.tr("Open the file"))
        self.open_button.setObjectName("openFile")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda: self.open_item(self.tree.currentItem()))
        self.open_button.setVisible(actor.can(Permission.VIEW_PERSONAL_DATA))  # a scan cannot be masked
        self.digitize_button = QPushButton(self.tr("Digitize documents…"))
        self.digitize_button.setObjectName("digitizeDocuments")
        self.digitize_button.setAutoDefault(False)
        self.digitize_button.clicked.connect(self.digitize)
        self.digitize_button.setVisible(actor.can(Permission.REGISTER_DOSSIER))
        self.attach_button = QPushButton(self.tr("Attach the result…"))
        self.attach_button.setObjectName("attachResult")
        self.attach_button.setAutoDefault(False)
        self.attach_button.setVisible(actor.can(Permission.CHANGE_DOSSIER))
        self.attach_button.setEnabled(self.finished)
        if not self.finished:
            self.attach_button.setToolTip(self.tr("Only once the dossier has its result."))
        menu = QMenu(self.attach_button)
        self.choose_action = menu.addAction(self.tr("Choose files…"), self.choose_result_files)
        self.scan_action = menu.addAction(self.tr("Scan the result…"), self.scan_result)
        self.attach_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.digitize_button)
        buttons.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self._enable()

    # ---- the list -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, dossier_files, self.db, self.actor, self.code).success(self.show_files) \
            .failure(lambda exc: self.say(str(exc))).run()

    def show_files(self, listed: DossierFiles) -> None:
        self.listed = listed
        self.tree.clear()
        for line in listed.lines:
            label = line.digitization_label if line.received else self.tr("Not received")
            if line.note:
                label += f": {line.note}"
            item = self._row(line.name, label, number(line.paper_pages) if line.paper_pages else "", line.files)
            for f in line.files:
                item.addChild(self._file_row(f, line.position))
        results = self._row(self.tr("Result documents"), "" if listed.results else self.tr("None yet"), "",
                            listed.results)
        for f in listed.results:
            results.addChild(self._file_row(f, None))
        self.tree.expandAll()
        rows = sum(1 + self.tree.topLevelItem(i).childCount() for i in range(self.tree.topLevelItemCount()))
        row = max(self.tree.sizeHintForRow(0), 22)
        # Tall enough for every row (up to a point): the dialog scrolls, not each small list.
        self.tree.setFixedHeight(self.tree.header().sizeHint().height() + min(rows, 16) * row
                                 + 2 * self.tree.frameWidth() + 4)
        self._enable()

    def _row(self, name: str, state: str, paper: str, files: list[FileEntry]) -> QTreeWidgetItem:
        pages = sum(f.pages or 0 for f in files)
        size = sum(f.size for f in files)
        item = QTreeWidgetItem([name, state, paper, number(pages) if pages else "", size_text(size) if files else ""])
        for c in (2, 3, 4):
            item.setTextAlignment(c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.addTopLevelItem(item)
        return item

    def _file_row(self, f: FileEntry, position: int | None) -> QTreeWidgetItem:
        kind = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}
        name = f.name or self.tr("File {n} ({kind})").format(n=f.position + 1, kind=kind.get(f.media_type, ""))
        item = QTreeWidgetItem([name, "", "", number(f.pages) if f.pages else "", size_text(f.size)])
        for c in (3, 4):
            item.setTextAlignment(c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, Qt.ItemDataRole.UserRole, (f, position))
        item.setToolTip(0, self.tr("Enter or double-click opens it"))
        return item

    def file_items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found += [top.child(j) for j in range(top.childCount())]
        return found

    def _enable(self) -> None:
        item = self.tree.currentItem()
        self.open_button.setEnabled(item is not None and item.data(0, Qt.ItemDataRole.UserRole) is not None)

    # ---- opening -------------------------------------------------------------------------------------
    def open_item(self, item: QTreeWidgetItem | None) -> None:
        held = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if held is None or not self.actor.can(Permission.VIEW_PERSONAL_DATA):
            return
        entry, position = held
        self.say("")
        (op(self, open_dossier_file, self.db, self.actor, self.code, entry.sha256, self.data_dir)
         .success(lambda data: self.show_file(data, entry, position)).failure(lambda exc: self.say(str(exc)))
         .progress().run())

    def show_file(self, data: bytes, entry: FileEntry, position: int | None) -> None:
        from ui.dossiers.file_viewer import SUFFIXES as KEPT_AS
        from ui.dossiers.file_viewer import FileViewer

        part = self.tr("result") if position is None else self.tr("document {n}").format(n=position + 1)
        suggested = entry.name or f"{self.code}-{part}-{entry.sha256[:8]}{KEPT_AS.get(entry.media_type, '')}"
        self.viewer = FileViewer(data, entry.media_type, title=f"{entry.name or part} · {self.code}",
                                 file_name=suggested.replace(" ", "-"), parent=self)
        self.viewer.open()

    # ---- changing ------------------------------------------------------------------------------------
    def _after_capture(self) -> None:
        self.capture = None
        self.refresh()
        self.changed.emit()

    def digitize(self) -> None:
        # Written alongside this window by another part of the desk: loaded only when used.
        from ui.digitize.capture_dialog import CaptureDialog

        self.say("")
        self.capture = CaptureDialog(self.db, self.actor, self.code, self.data_dir, parent=self)
        self.capture.finished.connect(lambda _result: self._after_capture())
        self.capture.open()

    def scan_result(self) -> None:
        from ui.digitize.capture_dialog import CaptureDialog

        self.say("")
        self.capture = CaptureDialog(self.db, self.actor, self.code, self.data_dir, parent=self, results=True)
        self.capture.finished.connect(lambda _result: self._after_capture())
        self.capture.open()

    def choose_result_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Result files of {code}").format(code=self.code),
                                                str(Path.home()), FILTER)
        if paths:
            self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        """Read, check and attach off the GUI thread; a refusal is one line, nothing attached."""
        self.say("")

        def attached(_recorded) -> None:
            self.refresh()
            self.changed.emit()

        (op(self, choose_and_attach, self.db, self.actor, self.code, paths, self.data_dir)
         .success(attached).failure(lambda exc: self.say(str(exc))).changes(Changed.DOSSIER).progress().run())

