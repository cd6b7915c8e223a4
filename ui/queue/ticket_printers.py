"""Where the kiosk's tickets go: the serial ESC/POS printer of the devices page, or, when the PC
has none, the system's default printer through Qt's printing. Both answer with a WriteOutcome, so
the kiosk treats them alike: OK and UNKNOWN count the ticket as issued (an unknown print is never
sent again by itself), FAILED voids it."""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.devices.escpos import Ticket, ticket_lines
from app.devices.link import WriteOutcome, Written
from ui.devices.hub import DeviceHub

TICKET_MM = QSizeF(72, 80)  # the printable width of an 80 mm roll
CENTRED = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class SerialTicketPrinter:
    def __init__(self, hub: DeviceHub):
        self.hub = hub

    @property
    def name(self) -> str:
        return self.hub.settings.printer.port

    def print(self, ticket: Ticket) -> Future:
        return self.hub.print_ticket(ticket)


class QtTicketPrinter:
    """The system printer (a thermal printer with its driver, or any office printer). `output` set:
    a PDF file instead, which is how the tests and a kiosk without paper can check the layout."""

    def __init__(self, output: str | None = None):
        self.output = output

    @property
    def name(self) -> str:
        return self.output or QPrinterInfo.defaultPrinterName()

    def available(self) -> bool:
        return bool(self.output) or not QPrinterInfo.defaultPrinter().isNull()

    def print(self, ticket: Ticket) -> Future:
        future: Future = Future()
        future.set_result(self._print(ticket))
        return future

    def _print(self, ticket: Ticket) -> WriteOutcome:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.output:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self.output)
        elif not self.available():
            return WriteOutcome(Written.FAILED, "Máy tính này chưa có máy in.")
        printer.setPageLayout(QPageLayout(QPageSize(TICKET_MM, QPageSize.Unit.Millimeter), QPageLayout.Orientation.Portrait,
                                          QMarginsF(2, 2, 2, 2), QPageLayout.Unit.Millimeter))
        painter = QPainter()
        if not painter.begin(printer):
            return WriteOutcome(Written.FAILED, f"Không mở được máy in «{self.name}».")
        try:
            area = painter.viewport()
            y = 0
            for style, text in ticket_lines(ticket):
                font = QFont("DejaVu Sans")
                font.setPointSize({"big": 30, "bold": 10}.get(style, 9))
                font.setBold(style in ("big", "bold"))
                painter.setFont(font)
                rect = painter.boundingRect(0, y, area.width(), area.height(), CENTRED, text)
                painter.drawText(0, y, area.width(), rect.height(), CENTRED, text)
                y += rect.height() + painter.fontMetrics().height() // 3
        finally:
            painter.end()
        return WriteOutcome(Written.OK)
