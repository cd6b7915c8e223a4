"""What a scan means at the desk, whichever scanner it came from (serial or keyboard wedge): a
dossier code asks to open that dossier (or to return its result when it is ready and the officer may
return it), a citizen ID QR asks to fill the applicant, a queue ticket asks to go with the dossier
being registered, anything else gets a clear message. The meaning comes from the text, the services
and the officer's role; what to do with it on screen is the window's business (ui/intents.py).
Nothing here blocks: a scan arriving while a dialog is open is only reported."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.devices.scan_routing import ScanKind, classify
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.intents import DeskIntents
from ui.ops import op

log = logging.getLogger("motcua.devices")
SHOWN_IN_LOG = ("dossier", "return", "ticket")  # codes yes; an ID card's number or a stray text no


class ScanHandler(QObject):
    handled = Signal(str, str)  # what the scan was (kind), its text: logged, and for tests

    def __init__(self, db: Database, actor: Actor, intents: DeskIntents, parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.actor, self.intents = db, actor, intents
        self.handled.connect(self._log)

    def _log(self, kind: str, text: str) -> None:
        log.info("scan: %s%s", kind, f" {text}" if kind in SHOWN_IN_LOG else "")

    def say(self, message: str) -> None:
        self.intents.notice.emit(message)

    def handle(self, text: str) -> None:
        scanned = classify(text)
        if self._busy(scanned.text):
            return
        {ScanKind.DOSSIER: self._dossier, ScanKind.CITIZEN_ID: self._citizen_id,
         ScanKind.TICKET: self._ticket, ScanKind.UNKNOWN: self._unknown}[scanned.kind](scanned.text)

    def _busy(self, text: str) -> bool:
        if QApplication.activeModalWidget() is None:
            return False
        self.say(self.tr("A window is open: close it, then scan again."))
        self.handled.emit("busy", text)
        return True

    def _dossier(self, code: str) -> None:
        # Its status is read off the GUI thread (ui/ops.py); the answer comes back here.
        (op(None, dossier_detail, self.db, self.actor, code)
         .success(lambda d: self._dossier_found(code, d))
         .failure(lambda exc: self._dossier_refused(code, exc)).category("motcua.devices").run())

    def _dossier_refused(self, code: str, exc: UserError) -> None:
        if shiboken6.isValid(self):  # the desk may have closed meanwhile
            self.say(str(exc))
            self.handled.emit("error", code)

    def _dossier_found(self, code: str, d: dict) -> None:
        if not shiboken6.isValid(self) or self._busy(code):  # a window may have opened meanwhile
            return
        # `handled` goes first: opening a dossier shows a modal window, and its signal returns
        # only when that window closes.
        if d["status"] == DossierStatus.RESOLVED and self.actor.can(Permission.CHANGE_DOSSIER):
            self.handled.emit("return", code)
            self.intents.return_result.emit(code)
        else:
            self.handled.emit("dossier", code)
            self.intents.show_dossier.emit(code, d)  # already read: not read (and its view audited) twice

    def _citizen_id(self, text: str) -> None:
        from app.domain.cccd_qr import parse_cccd_qr

        try:
            card = parse_cccd_qr(text)
        except UserError as exc:
            self.say(self.tr("Citizen ID card QR: {problem}").format(problem=str(exc)))
            self.handled.emit("error", text)
            return
        if not self.actor.can(Permission.REGISTER_DOSSIER):
            self.say(self.tr("Your role cannot register dossiers."))
            self.handled.emit("error", text)
            return
        self.handled.emit("citizen_id", card.number)
        self.intents.fill_applicant.emit(card)

    def _ticket(self, number: str) -> None:
        if not self.actor.can(Permission.REGISTER_DOSSIER):
            self.say(self.tr("Your role cannot register dossiers."))
            self.handled.emit("error", number)
            return
        self.handled.emit("ticket", number)
        self.intents.link_ticket.emit(number)

    def _unknown(self, text: str) -> None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        self.say(self.tr("The scanned code is not a dossier code, a citizen ID card or a queue ticket: «{text}».")
                 .format(text=shown))
        self.handled.emit("unknown", text)
