"""One of a dossier's files on screen: a PDF in Qt's own viewer (QtPdf, which ships with PySide6),
an image (JPEG, PNG, a TIFF of several pages) as its pages; printed through the system's print
dialog, or saved as a copy where the officer chooses.

The bytes come from the dossier window, read and re-hashed off the GUI thread
(app/services/dossiers/digitization.open_dossier_file, which audits each opening); nothing here
touches the database, and the citizen's scan is never written to a temporary file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.files import write_atomically
from app.oserrors import os_reason

PRINT_DPI = 300  # a 200 dpi scan loses nothing; a printer's 1200 dpi would only cost memory
SHOWN_WIDTH = 900  # an image page on screen, in pixels
PDF = "application/pdf"
SUFFIXES = {PDF: ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}


def image_pages(data: bytes) -> list[QImage]:
    """Every frame of an image file (a TIFF may hold several pages); [] when Qt cannot read it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone's JPEG turned by its EXIF orientation
    pages: list[QImage] = []
    while True:
        image = reader.read()
        if image.isNull():
            break
        pages.append(image)
        if not reader.jumpToNextImage():
            break
    return pages


class FileViewer(QDialog):
    """`data` of type `media_type`; `file_name` is what "Lưu bản sao" suggests."""

    def __init__(self, data: bytes, media_type: str, *, title: str, file_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fileViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its pages go with it
        self.setWindowTitle(title)
        self.data, self.media_type = data, media_type
        self.file_name = file_name if Path(file_name).suffix else file_name + SUFFIXES.get(media_type, "")
        self.document: QPdfDocument | None = None
        self.images: list[QImage] = []
        if media_type == PDF:
            self._bytes = QByteArray(data)  # the buffer reads from it as long as the document lives
            self._buffer = QBuffer(self._bytes, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document = QPdfDocument(self)
            self.document.load(self._buffer)
            view = QPdfView(self)
            view.setObjectName("pdfView")
            view.setDocument(self.document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            shown: QWidget = view
        else:
            self.images = image_pages(data)
            pages = QWidget()
            column = QVBoxLayout(pages)
            for image in self.images:
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                    min(SHOWN_WIDTH, image.width()), Qt.TransformationMode.SmoothTransformation))
                label.setStyleSheet("background: white; border: 1px solid #999;")
                column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            shown = QScrollArea()
            shown.setObjectName("imageView")
            shown.setWidget(pages)
            shown.setWidgetResizable(True)
        self.status = QLabel()
        self.status.setObjectName("viewerStatus")
        self.status.setWordWrap(True)
        if self.page_count() == 0:
            self.status.setText(self.tr("This file cannot be shown: it is damaged or not what its type says."))
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print… (Ctrl+P)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printFile")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = buttons.addButton(self.tr("Save a copy…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveFileCopy")
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setEnabled(self.page_count() > 0)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(shown, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        room = self.screen().availableGeometry()
        self.resize(min(980, room.width() - 40), min(900, room.height() - 60))

    def page_count(self) -> int:
        if self.document is not None:
            return self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0
        return len(self.images)

    # ---- printing -----------------------------------------------------------------------------------
    def _page_image(self, i: int, dpi: int) -> QImage:
        if self.document is None:
            return self.images[i]
        points = self.document.pagePointSize(i)
        return self.document.render(i, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))

    def print_to(self, printer: QPrinter) -> int:
        """Each page onto one printer page, scaled to the printable area; how many were printed.
        OSError when the printer does not start."""
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("printer did not start")
        try:
            for i in range(self.page_count()):
                if i:
                    printer.newPage()
                image = self._page_image(i, dpi)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
        finally:
            painter.end()
        return self.page_count()

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except OSError:
            self.status.setText(self.tr("The printer could not be started. Check it and try again."))
            return
        self.status.setText(self.tr("Sent to {printer}.").format(printer=printer.printerName() or "PDF"))

    # ---- a copy -------------------------------------------------------------------------------------
    def save_copy(self) -> None:
        suffix = SUFFIXES.get(self.media_type, "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), str(Path.home() / self.file_name),
                                              self.tr("Same type (*{suffix})").format(suffix=suffix) if suffix else "")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Written whole or not at all (a full disk leaves no half file)."""
        suffix = SUFFIXES.get(self.media_type, "")
        if suffix and path.suffix.lower() not in (suffix, ".jpeg" if suffix == ".jpg" else suffix,
                                                   ".tiff" if suffix == ".tif" else suffix):
            path = path.with_name(path.name + suffix)  # the copy opens with the right program
        try:
            write_atomically(path, self.data)
        except OSError as exc:
            self.status.setText(self.tr("Could not save the copy to {path}: {why}.").format(
                path=str(path), why=os_reason(exc)))
            return False
        self.status.setText(self.tr("Copy saved: {path}").format(path=str(path)))
        return True
