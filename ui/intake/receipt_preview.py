"""Preview and print a receipt PDF. Pages are rasterised with PDFium (pypdfium2), so the preview
and the printout are the archived PDF itself, not a second drawing of it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from printing.layout import MASKED_TITLE
from ui.screen import fit

PREVIEW_DPI = 110


def page_image(page, dpi: float) -> QImage:
    """One PDFium page as a QImage that owns its pixels."""
    pil = page.render(scale=dpi / 72, draw_annots=False).to_pil().convert("RGB")
    data = pil.tobytes("raw", "RGB")
    return QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [page_image(doc[i], dpi) for i in range(len(doc))]
    finally:
        doc.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Each PDF page onto one printer page, scaled to the printable area."""
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("printer did not start")
    try:
        for i, image in enumerate(render_pages(pdf, dpi)):
            if i:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()


def default_printer_name() -> str:
    return QPrinterInfo.defaultPrinterName()


class ReceiptPreview(QDialog):
    """The receipt as it will print; Ctrl+P or "In" opens the print dialog.

    Closed, it is deleted with its page images and its PDFium document: a preview parented to
    the desk's window would otherwise live as long as the window, some 12 MiB each time."""

    def __init__(self, code: str, pdf: bytes, *, reprint: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self.code = code
        # Pages are drawn one per event-loop turn after the dialog shows: a receipt is ready to
        # look at at once and no single step holds the counter's window up.
        import pypdfium2 as pdfium

        self._doc = pdfium.PdfDocument(pdf)
        # A copy with the applicant's personal data masked says so in its own PDF title (the
        # services mark it); the window says it too.
        self.masked = (self._doc.get_metadata_value("Title") or "").endswith(MASKED_TITLE)
        self.setWindowTitle(self.tr("Receipt for dossier {code}").format(code=code)
                            + (self.tr(" (reprint)") if reprint else "") + self.masked_suffix())
        pages = QWidget()
        column = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for i in range(len(self._doc)):
            width, height = self._doc[i].get_size()
            label = QLabel()
            label.setFixedSize(round(width * PREVIEW_DPI / 72), round(height * PREVIEW_DPI / 72))
            label.setStyleSheet("background: white; border: 1px solid #999;")
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self._next_page = 0
        # A child timer, not QTimer.singleShot: it goes with the dialog, and a page still due
        # then is never drawn (a pending singleShot would keep the closed dialog's wrapper).
        self._pager = QTimer(self)
        self._pager.setSingleShot(True)
        self._pager.timeout.connect(self._render_next)
        self._pager.start(0)
        self.finished.connect(self._release)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print… (Ctrl+P)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setShortcut("Ctrl+P")
        # Số hóa right after the receipt: F7 closes the preview and opens the capture desk, when
        # the desk's window behind it can (ui/digitize.open_capture).
        self.digitize_button = buttons.addButton(self.tr("Digitize (F7)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.digitize_button.setShortcut("F7")
        self.digitize_button.clicked.connect(self.digitize)
        self.digitize_button.setVisible(_can_digitize(parent))
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.choose_printer)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit(self, 980, 860)  # the buttons stay on a 768-pixel screen: the pages scroll (ui/screen.py)
        self.print_button.setFocus()

    def masked_suffix(self) -> str:
        return self.tr(" (masked copy)") if self.masked else ""

    def _render_next(self) -> None:
        if self._next_page >= len(self.page_labels):
            self._doc.close()
            return
        image = page_image(self._doc[self._next_page], PREVIEW_DPI)
        self.page_labels[self._next_page].setPixmap(QPixmap.fromImage(image))
        self._next_page += 1
        self._pager.start(0)

    def _release(self, _result: int = 0) -> None:
        """Closed before every page was drawn: the native document goes now, not at some later
        garbage collection."""
        self._pager.stop()
        self._doc.close()
        self._next_page = len(self.page_labels)

    def rendered(self) -> bool:
        return self._next_page >= len(self.page_labels)

    def digitize(self):
        """The capture dialog for this dossier, on the window behind (the preview closes: the
        receipt stays archived, Ctrl+P on the window prints it again)."""
        window = self.parentWidget()
        if not _can_digitize(window):
            return None
        from ui.digitize import open_capture

        self.accept()
        return open_capture(window, self.code)

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf, printer)
        except OSError:
            self.status.setText(self.tr("The printer could not be started. Check it and try again."))
            return
        self.status.setText(self.tr("Sent to {printer}.").format(printer=printer.printerName() or "PDF"))


def _can_digitize(parent: QWidget | None) -> bool:
    from app.domain.permissions import Permission

    window = parent.window() if parent is not None else None
    actor = getattr(window, "actor", None)
    return (getattr(window, "db", None) is not None and getattr(window, "data_dir", None) is not None
            and actor is not None and actor.can(Permission.REGISTER_DOSSIER))
