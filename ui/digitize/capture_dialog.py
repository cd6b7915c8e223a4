"""Số hóa: the desk where the officer scans each document line of a registered dossier, keyboard first.

Left, the dossier's document lines (state, pages scanned against the paper's count); centre, the
current line's pages as thumbnails, appearing as the scanner delivers them. F8 scans the current
line, F9 saves it and moves to the next; Delete, Ctrl+R and Ctrl+Left/Right delete, turn and move
the selected page. Other decisions (shown only, exempt, not digitized with a reason, reused) are
one click each.

The work is app/devices/docscan/capture.py's: a scan runs on its own worker thread, which spools
each page and decodes its thumbnail before handing it over (a queued signal), so the GUI thread
only paints small pictures; saves run through ui/ops.py. Pages not yet saved are on disk: closing
the dialog, or a crash, keeps them for the next opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.devices.docscan.base import DocumentScanner, ScanSettings
from app.devices.docscan.capture import CaptureSession, Line, ScanJob, file_job
from app.domain.permissions import Actor
from app.errors import UserError
from app.oserrors import os_reason
from app.services.dossiers.digitization import EXEMPT, MAX_PAPER_PAGES, NOT_DIGITIZED, SHOWN
from db.engine import Database
from ui.changes import Changed
from ui.digitize.page_strip import PageStrip, thumbnail_image
from ui.messages import ask
from ui.ops import op
from ui.screen import fit
from ui.widgets import DONE_STYLE, ERROR_STYLE

FROM_FACTORY = object()  # the scanner this PC is set up with (app/devices/docscan/factory.py)
WARNING_STYLE = "color: #b26a00;"


def _scanner_of_this_pc(data_dir: Path) -> tuple[DocumentScanner | None, ScanSettings, str | None]:
    """The PC's scanner and settings; a set-up that cannot be used is said, never raised."""
    try:
        from app.devices.docscan import factory
    except ImportError:
        return None, ScanSettings(), None
    try:
        scanner = factory.open_document_scanner(data_dir)
    except UserError as e:
        return None, ScanSettings(), str(e)
    settings = ScanSettings()
    read = getattr(factory, "scan_settings", None)
    if callable(read):
        try:
            settings = read(data_dir)
        except UserError:
            pass
    return scanner, settings, None


class _Bridge(QObject):
    """Emitted on the scan's worker thread; received on the GUI thread (queued)."""

    arrived = Signal(str, str, object)  # line key, page file name, thumbnail QImage
    finished = Signal(object)  # the ScanJob
    thumbnails = Signal(str, object)  # line key, {file name: QImage}


class CaptureDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, code: str, data_dir: Path, parent: QWidget | None = None, *,
                 results: bool = False, scanner=FROM_FACTORY, settings: ScanSettings | None = None):
        super().__init__(parent)
        self.setObjectName("captureDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db, self.actor, self.data_dir, self.results = db, actor, Path(data_dir), results
        self.session = CaptureSession(db, actor, code, data_dir, results=results)
        self.code = self.session.code
        problem = None
        if scanner is FROM_FACTORY:
            scanner, found, problem = _scanner_of_this_pc(self.data_dir)
            settings = settings or found
        self.scanner: DocumentScanner | None = scanner
        self.settings = settings or ScanSettings()
        self.job: ScanJob | None = None
        self.saving = False
        self.images: dict[str, dict[str, QImage]] = {line.key: {} for line in self.session.lines}
        self.paper: dict[str, int] = {line.key: line.paper_pages or 0 for line in self.session.lines}
        self.bridge = _Bridge()  # no parent: a worker thread may still emit after the dialog closed
        self.bridge.arrived.connect(self._arrived)
        self.bridge.finished.connect(self._finished)
        self.bridge.thumbnails.connect(self._thumbnails)
        self._build()
        self._shortcuts()
        self.setWindowTitle((self.tr("Scan results of dossier {code}") if results
                             else self.tr("Digitize dossier {code}")).format(code=self.code))
        if self.scanner is None:
            self._say((problem + " " if problem else "") + self.tr(
                "No scanner is set up on this computer (Devices → Scanner). "
                "Pages can still be added from a file: Choose file…"), WARNING_STYLE)
        else:
            self._say(self.tr("Scanner: {name}. F8 scans the current document, F9 saves it and moves on.")
                      .format(name=self.scanner.name))
        self._fill_lines()
        first = next((i for i, line in enumerate(self.session.lines) if len(line.spool)),
                     next((i for i, line in enumerate(self.session.lines) if line.state is None), 0))
        self.lines_list.setCurrentRow(first)
        self._line_changed(first)  # row 0 was current already: no signal then
        fit(self, 1100, 720)  # within the counter's screen (ui/screen.py)
        if not results:
            self._hint_reuse()

    def _hint_reuse(self) -> None:
        """Papers this applicant gave before, digitized then: the officer may reuse them instead of
        scanning (off the GUI thread; the database alone, nothing opened)."""
        from app.services.dossiers.reuse import reusable_count

        def shown(count: int) -> None:
            if count and self.bridge is not None:
                self.reuse_hint.setText(self.tr(
                    "The applicant has {count} of these documents digitized in earlier dossiers: "
                    "Reuse… takes them without scanning.").format(count=count))
                self.reuse_hint.show()

        op(self, reusable_count, self.db, self.actor, self.code).success(shown).failure(lambda _exc: None).run()

    # ---- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.lines_list = QListWidget()
        self.lines_list.setObjectName("captureLines")
        self.lines_list.setWordWrap(True)
        self.lines_list.currentRowChanged.connect(self._line_changed)
        self.line_title = QLabel()
        self.line_title.setObjectName("captureLineTitle")
        self.line_title.setWordWrap(True)
        self.strip = PageStrip()
        self.strip.reordered.connect(self._reordered)
        self.paper_pages = QSpinBox()
        self.paper_pages.setObjectName("paperPages")
        self.paper_pages.setRange(0, MAX_PAPER_PAGES)
        self.paper_pages.setSpecialValueText(self.tr("not counted"))
        self.paper_pages.valueChanged.connect(self._paper_changed)
        self.warning = QLabel()
        self.warning.setObjectName("pageCountWarning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("captureStatus")
        self.status.setWordWrap(True)
        self.reuse_hint = QLabel()
        self.reuse_hint.setObjectName("reuseHint")
        self.reuse_hint.setWordWrap(True)
        self.reuse_hint.hide()

        self.scan_button = QPushButton(self.tr("Scan (F8)"))
        self.stop_button = QPushButton(self.tr("Stop scanning"))
        self.save_button = QPushButton(self.tr("Save as result (F9)") if self.results
                                       else self.tr("Save, next document (F9)"))
        self.file_button = QPushButton(self.tr("Choose file…"))
        self.rescan_button = QPushButton(self.tr("Rescan page"))
        self.rotate_button = QPushButton(self.tr("Rotate (Ctrl+R)"))
        self.delete_button = QPushButton(self.tr("Delete page (Delete)"))
        self.scan_button.clicked.connect(self.scan)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self.save_and_next)
        self.file_button.clicked.connect(self.choose_file)
        self.rescan_button.clicked.connect(self.rescan_page)
        self.rotate_button.clicked.connect(self.rotate_page)
        self.delete_button.clicked.connect(self.delete_page)
        actions = QHBoxLayout()
        for b in (self.scan_button, self.stop_button, self.file_button, self.rescan_button,
                  self.rotate_button, self.delete_button):
            b.setAutoDefault(False)
            actions.addWidget(b)
        actions.addStretch(1)

        count_row = QHBoxLayout()
        self.paper_label = QLabel(self.tr("Paper pages:"))
        self.paper_label.setBuddy(self.paper_pages)
        count_row.addWidget(self.paper_label)
        count_row.addWidget(self.paper_pages)
        count_row.addWidget(self.warning, 1)
        count_row.addWidget(self.save_button)
        self.save_button.setAutoDefault(False)
        if self.results:
            self.paper_label.hide()
            self.paper_pages.hide()

        # Other decisions for a line: recorded without a file.
        self.other = QWidget()
        other = QGridLayout(self.other)
        other.setContentsMargins(0, 0, 0, 0)
        self.state_choice = QComboBox()
        self.state_choice.setObjectName("otherState")
        for state, text in ((SHOWN, self.tr("Shown only (original presented)")),
                            (EXEMPT, self.tr("Exempt from digitization")),
                            (NOT_DIGITIZED, self.tr("Not digitized"))):
            self.state_choice.addItem(text, state)
        self.note = QLineEdit()
        self.note.setObjectName("stateNote")
        self.note.setPlaceholderText(self.tr("Reason (required for exempt and not digitized)"))
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.clicked.connect(self.record_other)
        self.reuse_button = QPushButton(self.tr("Reuse…"))
        self.reuse_button.clicked.connect(self.reuse)
        for b in (self.record_button, self.reuse_button):
            b.setAutoDefault(False)
        other.addWidget(QLabel(self.tr("Or record:")), 0, 0)
        other.addWidget(self.state_choice, 0, 1)
        other.addWidget(self.note, 0, 2)
        other.addWidget(self.record_button, 0, 3)
        other.addWidget(self.reuse_button, 0, 4)
        other.setColumnStretch(2, 1)
        self.other.setVisible(not self.results)

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.addWidget(self.line_title)
        column.addLayout(actions)
        column.addWidget(self.strip, 1)
        column.addLayout(count_row)
        column.addWidget(self.other)
        column.addWidget(self.status)
        column.addWidget(self.reuse_hint)
        split = QSplitter()
        split.addWidget(self.lines_list)
        split.addWidget(centre)
        split.setStretchFactor(1, 3)
        split.setSizes([340, 760])
        if self.results:
            self.lines_list.hide()
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def _shortcuts(self) -> None:
        # F2 (new intake), F5/F6 (queue) belong to the window; F7 opens this dialog from intake.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((Qt.Key.Key_F8, self.scan), (Qt.Key.Key_F9, self.save_and_next),
                           (Qt.Key.Key_Delete, self.delete_page),
                           (QKeySequence("Ctrl+R"), self.rotate_page),
                           (QKeySequence("Ctrl+Left"), lambda: self.move_page(-1)),
                           (QKeySequence("Ctrl+Right"), lambda: self.move_page(1))):
            QShortcut(QKeySequence(keys), self, slot, context=context)

    # ---- the lines ------------------------------------------------------------------------
    def current(self) -> Line:
        return self.session.lines[max(0, self.lines_list.currentRow())]

    def _line_text(self, line: Line) -> str:
        if self.results:
            return line.name
        parts = [line.label or self.tr("Not recorded")]
        if line.saved_pages:
            parts.append(self.tr("{n} pages saved").format(n=line.saved_pages))
        if len(line.spool):
            parts.append(self.tr("{n} pages not saved yet").format(n=len(line.spool)))
        paper = self.paper.get(line.key) or 0
        if paper:
            parts.append(self.tr("paper: {n} pages").format(n=paper))
        if not line.received:
            parts.append(self.tr("not received"))
        return f"{line.position + 1}. {line.name}\n    " + " · ".join(parts)

    def _fill_lines(self) -> None:
        row = self.lines_list.currentRow()
        self.lines_list.blockSignals(True)
        self.lines_list.clear()
        for line in self.session.lines:
            item = QListWidgetItem(self._line_text(line))
            if line.state is not None and not len(line.spool):
                item.setForeground(Qt.GlobalColor.darkGreen)
            self.lines_list.addItem(item)
        self.lines_list.setCurrentRow(max(0, row))
        self.lines_list.blockSignals(False)

    def _update_line_row(self, line: Line) -> None:
        row = self.session.lines.index(line)
        item = self.lines_list.item(row)
        if item is not None:
            item.setText(self._line_text(line))
            item.setForeground(Qt.GlobalColor.darkGreen if line.state is not None and not len(line.spool)
                               else self.lines_list.palette().text().color())

    def _line_changed(self, row: int) -> None:
        if row < 0:
            return
        line = self.session.lines[row]
        title = line.name if self.results else f"{line.position + 1}. {line.name}"
        self.line_title.setText(f"<b>{title}</b>")
        self.paper_pages.blockSignals(True)
        self.paper_pages.setValue(self.paper.get(line.key) or 0)
        self.paper_pages.blockSignals(False)
        self.note.setText(line.note or "")
        self._show_pages(line)
        self._decode_missing(line)
        self.strip.setFocus()

    def _show_pages(self, line: Line, select: str | None = None) -> None:
        if line is not self.current():
            return
        pages, files = line.spool.snapshot()
        self.strip.show_pages(files, [p.rotation for p in pages], self.images[line.key], select)
        self._update_warning()
        self._update_buttons()

    def _decode_missing(self, line: Line) -> None:
        """Pages restored from the spool: their thumbnails are decoded off the GUI thread."""
        pages, files = line.spool.snapshot()
        todo = [(f, p) for f, p in zip(files, pages, strict=True) if f not in self.images[line.key]]
        if not todo:
            return
        bridge, key = self.bridge, line.key

        def decode() -> None:
            bridge.thumbnails.emit(key, {f: thumbnail_image(p) for f, p in todo})

        op(self, decode).run()

    def _thumbnails(self, key: str, images: dict) -> None:
        self.images[key].update(images)
        line = self.session.line(key)
        if line is self.current():
            self._show_pages(line)

    # ---- scanning -------------------------------------------------------------------------
    @property
    def scanning(self) -> bool:
        return self.job is not None and not self.job.done

    def _start(self, job: ScanJob) -> None:
        bridge = self.bridge

        def page(line: Line, index: int) -> None:  # worker thread
            pages, files = line.spool.snapshot()
            if index < len(files):
                bridge.arrived.emit(line.key, files[index], thumbnail_image(pages[index]))

        job.on_page, job.on_done = page, bridge.finished.emit
        self.job = job
        self._update_buttons()
        job.start()

    def scan(self) -> None:
        """F8: scan the current line; pages go after those already there."""
        if self.scanning or self.saving:
            return
        if self.scanner is None:
            self._say(self.tr("No scanner is set up on this computer: use Choose file…"), ERROR_STYLE)
            return
        self._say(self.tr("Scanning {name}…").format(name=self.current().name))
        self._start(ScanJob(self.current(), self.scanner, self.settings))

    def rescan_page(self) -> None:
        """The selected page again: the next page the scanner delivers takes its place."""
        row = self.strip.currentRow()
        if self.scanning or self.saving or row < 0:
            return
        if self.scanner is None:
            self._say(self.tr("No scanner is set up on this computer: use Choose file…"), ERROR_STYLE)
            return
        self._say(self.tr("Put page {n} back in the scanner: it replaces the old one.").format(n=row + 1))
        self._start(ScanJob(self.current(), self.scanner, self.settings, replace_at=row))

    def add_files(self, paths: list[Path]) -> None:
        """Pages from files chosen by hand (PDF, JPEG, PNG, TIFF), after the line's pages."""
        if self.scanning or self.saving or not paths:
            return
        self._say(self.tr("Reading pages from {n} file(s)…").format(n=len(paths)))
        self._start(file_job(self.current(), [Path(p) for p in paths]))

    def choose_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the document's file"), "",
                                                self.tr("PDF and images (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        self.add_files([Path(p) for p in paths])

    def stop(self) -> None:
        if self.scanning:
            self.job.cancel()

    def _arrived(self, key: str, name: str, image: QImage) -> None:
        self.images[key][name] = image
        line = self.session.line(key)
        self._update_line_row(line)
        if line is self.current():
            self._show_pages(line, select=name)

    def _finished(self, job: ScanJob) -> None:
        if job is not self.job:
            return
        line = job.line
        if job.error is not None and job.error.kind != "cancelled":
            self._say(str(job.error), ERROR_STYLE)
        elif job.error is not None:
            self._say(self.tr("Scanning stopped; {n} pages kept.").format(n=len(line.spool)))
        else:
            self._say(self.tr("{n} pages of «{name}» ready: check them, then F9 saves.")
                      .format(n=len(line.spool), name=line.name), DONE_STYLE)
        self._update_line_row(line)
        self._show_pages(line)

    # ---- editing pages --------------------------------------------------------------------
    def _editable_row(self) -> int:
        row = self.strip.currentRow()
        return row if row >= 0 and not self.scanning and not self.saving else -1

    def rotate_page(self) -> None:
        row = self._editable_row()
        if row >= 0:
            self._edit(lambda spool: spool.rotate(row), self.strip.current_file())

    def delete_page(self) -> None:
        row = self._editable_row()
        if row < 0:
            return
        files = self.strip.files()
        after = files[row + 1] if row + 1 < len(files) else (files[row - 1] if row else None)
        self._edit(lambda spool: spool.delete(row), after)

    def move_page(self, step: int) -> None:
        row = self._editable_row()
        if row < 0 or not 0 <= row + step < self.strip.count():
            return
        self._edit(lambda spool: spool.move(row, row + step), self.strip.current_file())

    def _reordered(self, files: list[str]) -> None:
        if self.scanning or self.saving:
            self._show_pages(self.current())  # not now: put the strip back as the spool has it
            return
        self._edit(lambda spool: spool.reorder(files), self.strip.current_file())

    def _edit(self, change, select: str | None) -> None:
        line = self.current()
        try:
            change(line.spool)
        except OSError as e:
            self._say(self.tr("The change could not be written to disk ({error}).").format(error=os_reason(e)),
                      ERROR_STYLE)
        self._update_line_row(line)
        self._show_pages(line, select)

    # ---- the page count -------------------------------------------------------------------
    def _paper_changed(self, value: int) -> None:
        line = self.current()
        self.paper[line.key] = value
        self._update_line_row(line)
        self._update_warning()

    def _update_warning(self) -> None:
        line = self.current()
        text = line.warning(self.paper.get(line.key) or 0) if not self.results else None
        self.warning.setText(text or "")

    def _update_buttons(self) -> None:
        busy = self.scanning or self.saving
        has_pages = self.strip.count() > 0
        self.scan_button.setEnabled(not busy and self.scanner is not None)
        self.stop_button.setEnabled(self.scanning)
        self.file_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        for b in (self.rotate_button, self.delete_button):
            b.setEnabled(not busy and has_pages)
        self.rescan_button.setEnabled(not busy and has_pages and self.scanner is not None)
        self.record_button.setEnabled(not busy)
        self.reuse_button.setEnabled(not busy)

    # ---- saving ---------------------------------------------------------------------------
    def save_and_next(self) -> None:
        """F9: the line's pages become its PDF (or the result's); then the next line. A line with
        nothing scanned and already recorded is just passed over."""
        if self.scanning:
            self._say(self.tr("Wait for the scan to finish, or stop it first."), ERROR_STYLE)
            return
        if self.saving:
            return
        line = self.current()
        if not len(line.spool):
            if line.state is not None and not self.results:
                self._next_line()
                return
            self._say(self.tr("«{name}» has no pages yet: F8 scans it, or record another state below.")
                      .format(name=line.name), ERROR_STYLE)
            return
        paper = (self.paper.get(line.key) or None) if not self.results else None
        warning = line.warning(paper or 0)
        if warning and not ask(self, self.tr("Page count differs"),
                               warning + "\n" + self.tr("Save anyway?")):
            return
        self.saving = True
        self._update_buttons()
        self._say(self.tr("Saving «{name}»…").format(name=line.name))
        (op(self, self.session.save_line, line.position, paper)
         .success(lambda done: self._saved(line, done)).failure(self._save_failed)
         .changes(Changed.DOSSIER).progress().run())

    def _saved(self, line: Line, _done) -> None:
        self.saving = False
        self.images[line.key].clear()
        self._say(self.tr("Saved «{name}» ({n} pages).").format(name=line.name, n=line.saved_pages), DONE_STYLE)
        self._update_line_row(line)
        if line is self.current():
            self._show_pages(line)
        self._next_line()

    def _save_failed(self, exc: UserError) -> None:
        self.saving = False
        self._say(str(exc), ERROR_STYLE)
        self._show_pages(self.current())

    def _next_line(self) -> None:
        row = self.lines_list.currentRow()
        if row + 1 < self.lines_list.count():
            self.lines_list.setCurrentRow(row + 1)
        else:
            self._say(self.status.text() + " " + self.tr("That was the last document."), DONE_STYLE)

    def record_other(self) -> None:
        """Shown only / exempt / not digitized, for the current line, without a file."""
        if self.scanning or self.saving:
            return
        line = self.current()
        state = self.state_choice.currentData()
        if len(line.spool) and not ask(self, self.tr("Discard scanned pages"), self.tr(
                "«{name}» has {n} scanned pages not saved. Record «{state}» and discard them?")
                .format(name=line.name, n=len(line.spool), state=self.state_choice.currentText())):
            return
        paper = self.paper.get(line.key) or None
        self.saving = True
        self._update_buttons()
        (op(self, self.session.record_state, line.position, state, note=self.note.text(), paper_pages=paper)
         .success(lambda _done: self._recorded(line)).failure(self._save_failed)
         .changes(Changed.DOSSIER).run())

    def _recorded(self, line: Line) -> None:
        self.saving = False
        self.images[line.key].clear()
        self._say(self.tr("Recorded «{name}»: {state}.").format(name=line.name, state=line.label), DONE_STYLE)
        self._refresh()
        self._next_line()

    def reuse(self) -> None:
        """A file the citizen already has on record (ui/digitize/reuse_picker.py)."""
        if self.scanning or self.saving:
            return
        from ui.digitize.reuse_picker import offer_reuse

        line = self.current()
        if offer_reuse(self, self.db, self.actor, self.code, line.position, self.data_dir):
            self._refresh()

    def _refresh(self) -> None:
        """Read back what is recorded (off the GUI thread), then repaint the lines."""
        (op(self, self.session.refresh).success(lambda _none: self._refreshed())
         .failure(lambda exc: self._say(str(exc), ERROR_STYLE)).run())

    def _refreshed(self) -> None:
        for line in self.session.lines:
            self.paper[line.key] = self.paper.get(line.key) or line.paper_pages or 0
            self._update_line_row(line)
        self._show_pages(self.current())

    # ---- leaving --------------------------------------------------------------------------
    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def done(self, result: int) -> None:
        """Closing stops a scan; pages not saved stay spooled for the next opening."""
        if self.job is not None:
            self.job.cancel()
        if self.bridge is not None:
            for signal in (self.bridge.arrived, self.bridge.finished, self.bridge.thumbnails):
                signal.disconnect()  # a worker still running emits into nothing now
            self.bridge = None
        super().done(result)
