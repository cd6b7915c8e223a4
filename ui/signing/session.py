"""The desk's signer for the officer logged in (docs/signing.md, "Tại quầy"): at most one open
DocumentSigner, opened the first time something needs signing (the PIN asked then, for a USB
token), kept while the officer works and closed at log-out, at the idle lock and at quit. Only
the open signer is kept, never the PIN.

Work that needs the signer is queued here and run one job at a time on the pool (ui/ops.py): a
token's session is not shared between two threads, and the counter never waits: a receipt is
signed in the background while the officer goes on. A job that cannot get a signer (no token, a
locked PIN, an expired certificate, the PIN not given) fails with one Vietnamese line and its
documents stay "Chưa ký"."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import UserError
from app.signing.base import NO_TOKEN, PIN_LOCKED, WRONG_PIN, SigningError
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.signing import work

log = logging.getLogger("motcua.signing")
FREE_POLL_MS = 200  # how often a PIN question waits for another dialog (the receipt's) to close
LOST = (NO_TOKEN, PIN_LOCKED, WRONG_PIN)  # the open signer is no use any more: opened again next time


@dataclass
class Job:
    work: Callable[[Any], Any]  # runs on the pool with the signer
    success: Callable[[Any], None]
    failure: Callable[[str], None]
    changes: tuple[Changed, ...] = ()


class DeskSigning(QObject):
    failed = Signal(str)  # one line for the status bar (background signing)
    signed = Signal()  # documents were signed: the lists read again

    def __init__(self, db: Database, actor, data_dir: Path, window: QWidget | None = None):
        super().__init__(window)
        self.db, self.actor, self.data_dir, self.window = db, actor, Path(data_dir), window
        self.signer = None  # the open DocumentSigner, or None
        self.holder = ""  # whose certificate the last opening showed (for the PIN dialog)
        self.pin_dialog = None
        self._jobs: deque[Job] = deque()
        self._running = False  # a job (or the opening) is on the pool
        self._opening = False
        self._for_pin: work.Prepared | None = None  # what the PIN dialog on screen opens
        self._closing: list = []  # signers closed while a job still used them: let go after it
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    # ---- jobs -------------------------------------------------------------------------------------
    def submit(self, fn: Callable[[Any], Any], success: Callable[[Any], None],
               failure: Callable[[str], None], *changes: Changed) -> None:
        """`fn(signer)` on the pool, once a signer is open; its result to `success`, or the one
        line why not to `failure`."""
        self._jobs.append(Job(fn, success, failure, changes))
        self._next()

    def _next(self) -> None:
        if self._running or self._opening or not self._jobs:
            return
        if self.signer is None:
            self._open()
            return
        job = self._jobs.popleft()
        self._running = True
        signer = self.signer

        def done(result) -> None:
            self._finished(signer)
            job.success(result)
            self._next()

        def refused(exc: UserError) -> None:
            self._finished(signer)
            if isinstance(exc, SigningError) and exc.code in LOST and self.signer is signer:
                self.close()
            job.failure(str(exc))
            self._next()

        (op(self.window, job.work, signer).success(done).failure(refused).changes(*job.changes)
         .category("motcua.signing").run())

    def _finished(self, signer) -> None:
        self._running = False
        if signer in self._closing:
            self._closing.remove(signer)
            _close(signer)

    def _fail_all(self, text: str) -> None:
        jobs, self._jobs = list(self._jobs), deque()
        for job in jobs:
            job.failure(text)

    # ---- opening ----------------------------------------------------------------------------------
    def _open(self) -> None:
        self._opening = True
        (op(self.window, work.prepare, self.db, self.data_dir).success(self._prepared)
         .failure(lambda exc: self._not_opened(str(exc))).category("motcua.signing").run())

    def _prepared(self, prepared: work.Prepared) -> None:
        if not prepared.needs_pin:
            self._try(prepared, [])
            return
        self._when_free(lambda: self._ask_pin(prepared, ""))

    def _when_free(self, then: Callable[[], None]) -> None:
        """`then` once no other dialog is modal: the PIN is not asked over the receipt's question."""
        if QApplication.activeModalWidget() is None:
            then()
        else:
            QTimer.singleShot(FREE_POLL_MS, self, lambda: self._when_free(then) if self._opening else None)

    def _ask_pin(self, prepared: work.Prepared, message: str) -> None:
        from ui.signing.pin_dialog import PinDialog

        if not self._opening:  # closed (locked, logged out) meanwhile
            return
        self._for_pin = prepared
        if self.pin_dialog is None:
            self.pin_dialog = PinDialog(prepared.token_label, self.holder, self.window)
            self.pin_dialog.accepted.connect(self._pin_given)
            self.pin_dialog.rejected.connect(lambda: self._not_opened(self.tr("Not signed: the PIN was not entered.")))
        self.pin_dialog.show_message(message)
        self.pin_dialog.open()

    def _pin_given(self) -> None:
        if self.pin_dialog is not None and self._for_pin is not None:
            self._try(self._for_pin, [self.pin_dialog.take_pin()])

    def _try(self, prepared: work.Prepared, pin_box: list) -> None:
        def opened(signer) -> None:
            self._opening = False
            self._for_pin = None  # the settings read for it (a service's key among them) are not kept
            if self.pin_dialog is not None:
                self.pin_dialog.deleteLater()
                self.pin_dialog = None
            self.signer = signer
            self.holder = signer.info.name
            log.info("signer opened: %s", signer.info.name)  # never the PIN
            self._next()

        def refused(exc: UserError) -> None:
            if isinstance(exc, SigningError) and exc.code == WRONG_PIN and prepared.needs_pin:
                self._ask_pin(prepared, str(exc))  # asked again, with the token's word on it
                return
            self._not_opened(str(exc))

        (op(self.window, work.open_signer, prepared, pin_box, self.actor.login).success(opened).failure(refused)
         .category("motcua.signing").progress().run())

    def _not_opened(self, text: str) -> None:
        self._opening = False
        self._for_pin = None
        if self.pin_dialog is not None:
            self.pin_dialog.deleteLater()
            self.pin_dialog = None
        self._fail_all(text)

    # ---- closing ----------------------------------------------------------------------------------
    def close(self) -> None:
        """Log-out, the idle lock, quit: the token's session ends (a job under way ends first) and
        the next signing asks the PIN again."""
        if self._opening:
            self._opening = False
            self._for_pin = None
            if self.pin_dialog is not None:
                self.pin_dialog.hide()  # not close(): that would reject it, saying another reason
                self.pin_dialog.deleteLater()
                self.pin_dialog = None
            self._fail_all(self.tr("Not signed: the screen was locked or the officer logged out."))
        signer, self.signer = self.signer, None
        if signer is None:
            return
        if self._running:
            self._closing.append(signer)
        else:
            _close(signer)

    # ---- what the desk asks -----------------------------------------------------------------------
    def sign_received(self, code: str) -> None:
        """After a dossier is answered at the counter: its pending documents (the e-receipt …) are
        signed in the background when signing is on; nothing is asked when nothing waits."""
        def counted(n: int) -> None:
            if n:
                self.submit(lambda signer: work.sign_dossier(self.db, self.actor, signer, self.data_dir, code),
                            lambda report: self._reported(code, report), lambda text: self._said(code, text),
                            Changed.DOSSIER)

        (op(self.window, work.pending_of, self.db, self.actor, code).success(counted)
         .failure(lambda exc: self._said(code, str(exc))).category("motcua.signing").run())

    def _reported(self, code: str, report) -> None:
        if report.signed:
            self.signed.emit()
        if report.failed:
            self._said(code, report.failed[0][1])

    def _said(self, code: str, text: str) -> None:
        self.failed.emit(self.tr("Dossier {code}: a document is not signed ({reason}); it waits in "
                                 "\"Unsigned\".").format(code=code, reason=text.rstrip(".")))


def _close(signer) -> None:
    try:
        signer.close()
    except Exception:  # noqa: BLE001 - a token pulled out: nothing left to let go of
        log.warning("closing the signer failed", exc_info=True)
