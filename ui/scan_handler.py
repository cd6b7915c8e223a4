"""What a scan does at the desk, whichever scanner it came from (serial or keyboard wedge):
a dossier code opens that dossier (the return screen when its result is ready), a citizen ID QR
fills the applicant part of the intake form (starting a new intake if need be), a queue ticket goes
with the dossier being registered, anything else gets a clear message in the status bar. Nothing
here blocks: a scan arriving while a dialog is open is only reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.devices.scan_routing import ScanKind, classify
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.services.dossier_query import dossier_detail

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MESSAGE_MS = 10_000


class ScanHandler(QObject):
    handled = Signal(str, str)  # kind, text: for tests and the bench

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, MESSAGE_MS)

    def handle(self, text: str) -> None:
        scanned = classify(text)
        busy = QApplication.activeModalWidget()
        if busy is not None:
            self.say(self.tr("A window is open: close it, then scan again."))
            self.handled.emit("busy", scanned.text)
            return
        {ScanKind.DOSSIER: self._dossier, ScanKind.CITIZEN_ID: self._citizen_id,
         ScanKind.TICKET: self._ticket, ScanKind.UNKNOWN: self._unknown}[scanned.kind](scanned.text)

    def _dossier(self, code: str) -> None:
        w = self.window
        try:
            d = dossier_detail(w.db, w.actor, code)
        except UserError as exc:
            self.say(str(exc))
            self.handled.emit("error", code)
            return
        if d["status"] == DossierStatus.RESOLVED and w.return_page is not None:
            w.nav.setCurrentRow(w.RETURN)
            w.return_page.code.setText(code)
            w.return_page.look_up()
            self.handled.emit("return", code)
            return
        self.handled.emit("dossier", code)
        w.open_dossier(code)

    def _citizen_id(self, text: str) -> None:
        from app.domain.cccd_qr import parse_cccd_qr

        w = self.window
        try:
            card = parse_cccd_qr(text)
        except UserError as exc:
            self.say(self.tr("Citizen ID card QR: {problem}").format(problem=str(exc)))
            self.handled.emit("error", text)
            return
        if w.intake is None:
            self.say(self.tr("Your role cannot register dossiers."))
            self.handled.emit("error", text)
            return
        if w.pages.currentWidget() is not w.intake:
            # An intake in progress is the open form: its applicant is the one scanned. Otherwise a new one.
            if w.intake.is_dirty():
                w.nav.setCurrentRow(w.INTAKE)
            else:
                w.new_intake()
        w.intake.fill_from_card(card)
        self.handled.emit("citizen_id", card.number)

    def _ticket(self, number: str) -> None:
        w = self.window
        if w.intake is None or w.pages.currentWidget() is not w.intake:
            self.say(self.tr("Queue ticket {number}: open the intake form to attach it to a dossier.")
                     .format(number=number))
            self.handled.emit("error", number)
            return
        w.intake.link_ticket(number)
        self.handled.emit("ticket", number)

    def _unknown(self, text: str) -> None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        self.say(self.tr("The scanned code is not a dossier code, a citizen ID card or a queue ticket: «{text}».")
                 .format(text=shown))
        self.handled.emit("unknown", text)
