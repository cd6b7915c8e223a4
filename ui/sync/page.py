"""Đồng bộ cổng: how the exchange with the provincial portal stands (and a button to sync now), the
changes the portal refused for good (with its reason per field: the officer corrects the details
and sends again), and the dossiers registered offline whose provisional code the portal replaced
(reprint the receipt, or tell the citizen the official code)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.formatting import moment, number
from app.services.dossiers.numbering import Replacement, mark_reprinted, reprint_list
from app.services.dossiers.quarantine import (
    CORRECTABLE,
    Quarantined,
    correct_contact,
    quarantined,
    retry,
)
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.changes import Changed
from ui.dossiers.online_inbox import fill_row, make_table, select_key, selected_key
from ui.ops import op
from ui.sync.status import connection, when
from ui.sync.worker import DeskSyncStatus
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title


def reasons(q: Quarantined) -> str:
    """The portal's words: one line per field it named, else its message."""
    if q.fields:
        return "\n".join(f"{label}: {message}" for label, message in q.fields)
    return q.message


class CorrectDialog(QDialog):
    """The applicant's contact details (the ones that may change after intake) and a reason; OK
    saves through the service and, if ticked, sends the refused change again."""

    def __init__(self, db: Database, actor: Actor, item: Quarantined, detail: dict, parent: QWidget | None = None):
        """`detail` is the dossier as read through ops (SyncPage.correction_dialog): nothing is read
        here, on the GUI thread."""
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.db, self.actor, self.item = db, actor, item
        self.setWindowTitle(self.tr("Correct the details of {code}").format(code=item.code))
        self.before = {key: detail.get(key) or "" for key in CORRECTABLE}
        form = QFormLayout(self)
        why = QLabel(self.tr("The portal refused «{change}»:").format(change=item.change) + "\n" + reasons(item))
        why.setObjectName("correctWhy")
        why.setWordWrap(True)
        why.setStyleSheet(ERROR_STYLE)
        form.addRow(why)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in CORRECTABLE.items():
            edit = QLineEdit(self.before[key])
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label + ":", edit)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form.addRow(self.tr("Reason for the correction:"), self.reason)
        self.resend = QCheckBox(self.tr("Send the refused change again after saving"))
        self.resend.setObjectName("resend")
        self.resend.setChecked(True)
        form.addRow("", self.resend)
        self.error = QLabel()
        self.error.setObjectName("correctError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(620, self.sizeHint().height())
        field = next((key for key, label in CORRECTABLE.items() if any(label == f for f, _ in item.fields)), None)
        (self.edits[field] if field else self.edits["applicant_phone"]).setFocus()

    def changes(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items() if e.text().strip() != self.before[k].strip()}

    def accept(self) -> None:
        """Save through the service; a refusal stays on the dialog, in the service's words."""
        db, actor, item, changes, reason = self.db, self.actor, self.item, self.changes(), self.reason.text()
        resend = self.resend.isChecked()

        def work() -> None:
            correct_contact(db, actor, item.code, changes, reason)
            if resend:
                try:
                    retry(db, actor, item.outbox_id)
                except UserError:  # sent again meanwhile from another counter: nothing is lost
                    pass

        (op(self, work).success(lambda _none: super(CorrectDialog, self).accept()).failure(self._refused)
         .changes(Changed.DOSSIER, Changed.PORTAL).progress().run())

    def _refused(self, exc: UserError) -> None:
        self.error.setText(str(exc))
        field = {"phone": "applicant_phone", "email": "applicant_email"}.get(exc.field, exc.field)
        (self.edits.get(field or "") or self.reason).setFocus()


class SyncPage(QWidget):
    sync_requested = Signal()
    changed = Signal(str)  # a dossier code whose change should go to the portal now

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 print_receipt: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.db, self.actor, self.clock, self.print_receipt = db, actor, clock, print_receipt
        self.can_act = actor.can(Permission.REGISTER_DOSSIER)
        self.status: DeskSyncStatus | None = None
        self.items: list[Quarantined] = []
        self.reprints: list[Replacement] = []
        self._seen: tuple[int, int] | None = None  # (refused, reprints) when the lists were read

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Synchronisation with the public-service portal")))
        layout.addWidget(self._status_box())
        layout.addWidget(self._quarantine_box(), 3)
        layout.addWidget(self._reprint_box(), 2)
        self.notice = QLabel()
        self.notice.setObjectName("syncNotice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.show_status(None)

    # ---- building -------------------------------------------------------------------------------
    def _status_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Connection"))
        box.setObjectName("syncStatusBox")
        self.state = QLabel()
        self.state.setObjectName("syncState")
        self.address = QLabel()
        self.address.setObjectName("syncAddress")
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.last = QLabel()
        self.last.setObjectName("syncLast")
        self.summary = QLabel(self.tr("No sync since the window opened."))
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("State:"), self.state)
        form.addRow(self.tr("Portal address:"), self.address)
        form.addRow(self.tr("Changes waiting:"), self.pending)
        form.addRow(self.tr("Last successful sync:"), self.last)
        form.addRow(self.tr("Last cycle:"), self.summary)
        form.addRow(self.tr("Last error:"), self.error)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        row = QHBoxLayout(box)
        row.addLayout(form, 1)
        row.addWidget(self.sync_button)
        return box

    def _quarantine_box(self) -> QGroupBox:
        self.quarantine_box = QGroupBox()
        self.quarantine_box.setObjectName("quarantineBox")
        self.quarantine = make_table("quarantineTable", [
            self.tr("Code"), self.tr("Applicant"), self.tr("Change"), self.tr("The portal's reasons"),
            self.tr("Refused at"), self.tr("Waiting behind")], stretch=3)
        self.quarantine.setWordWrap(True)
        self.quarantine.itemSelectionChanged.connect(self._enable)
        self.correct_button = QPushButton(self.tr("Correct details…"))
        self.correct_button.setObjectName("quarantineCorrect")
        self.correct_button.clicked.connect(lambda: self.correct_selected())
        self.retry_button = QPushButton(self.tr("Send again"))
        self.retry_button.setObjectName("quarantineRetry")
        self.retry_button.clicked.connect(self.retry_selected)
        hint = QLabel(self.tr("The portal refused these changes for good. Correct what it names and send "
                              "again; the dossier's later changes wait behind the refused one."))
        hint.setWordWrap(True)
        return self._box(self.quarantine_box, self.quarantine, hint, (self.correct_button, self.retry_button))

    def _reprint_box(self) -> QGroupBox:
        self.reprint_box = QGroupBox()
        self.reprint_box.setObjectName("reprintBox")
        self.reprint = make_table("reprintTable", [
            self.tr("Provisional code"), self.tr("Official code"), self.tr("Applicant"), self.tr("Phone"),
            self.tr("Replaced at")], stretch=2)
        self.reprint.itemSelectionChanged.connect(self._enable)
        self.reprint_button = QPushButton(self.tr("Reprint the receipt"))
        self.reprint_button.setObjectName("reprintReceipt")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.notified_button = QPushButton(self.tr("Citizen notified"))
        self.notified_button.setObjectName("reprintNotified")
        self.notified_button.clicked.connect(self.notified_selected)
        hint = QLabel(self.tr("Registered offline under a provisional code, these dossiers now have an "
                              "official one: reprint the receipt, or tell the citizen the new code."))
        hint.setWordWrap(True)
        return self._box(self.reprint_box, self.reprint, hint, (self.reprint_button, self.notified_button))

    def _box(self, box: QGroupBox, table, hint: QLabel, buttons) -> QGroupBox:
        side = QVBoxLayout()
        for b in buttons:
            b.setAutoDefault(False)
            b.setVisible(self.can_act)
            side.addWidget(b)
        side.addStretch(1)
        grid = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(table, 1)
        row.addLayout(side)
        grid.addLayout(row)
        grid.addWidget(hint)
        return box

    # ---- the status, from the worker ------------------------------------------------------------
    def sync_now(self) -> None:
        self.summary.setText(self.tr("Syncing…"))
        self.sync_requested.emit()

    def show_status(self, status: DeskSyncStatus | None) -> None:
        self.status = status
        colour, words = connection(status)
        self.state.setText(f'<span style="color:{colour}">●</span> {words}')
        configured = status is not None and status.configured
        self.sync_button.setEnabled(configured)
        self.address.setText(status.portal_url if configured else "—")
        sync = status.sync if configured else None
        self.pending.setText(number(sync.pending) if sync else "—")
        last = sync.last_success_at if sync else None
        self.last.setText(when(last, self.clock().date()) if last else self.tr("never") if sync else "—")
        self.error.setText((sync.last_error or self.tr("none")) if sync else "—")
        self.error.setStyleSheet(ERROR_STYLE if sync and sync.last_error else "")
        if sync is not None and self.isVisible() and self._seen != (sync.quarantined, status.reprints):
            self.refresh()

    def on_report(self, report) -> None:
        self.summary.setText(report.summary())
        if self.isVisible() and (report.sent or report.quarantined or report.replaced):
            self.refresh()

    # ---- the lists ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read both lists through ops and paint them when they come; meanwhile the rows shown stay
        (a refresh asked again before the first is back paints only the newest answer)."""
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        db, actor = self.db, self.actor

        def read() -> tuple[list[Quarantined], list[Replacement]]:
            return quarantined(db, actor), reprint_list(db, actor)

        def paint(lists: tuple[list[Quarantined], list[Replacement]]) -> None:
            if generation == self._generation:
                self._paint(*lists)

        op(self, read).success(paint).failure(lambda exc: self.show_notice(str(exc))).category("motcua.sync").run()

    def _paint(self, items: list[Quarantined], reprints: list[Replacement]) -> None:
        keep_q, keep_r = selected_key(self.quarantine), selected_key(self.reprint)
        self.items, self.reprints = items, reprints
        self._seen = (len(self.items), len(self.reprints))
        for table in (self.quarantine, self.reprint):
            table.blockSignals(True)
        self.quarantine.setRowCount(len(self.items))
        for r, q in enumerate(self.items):
            fill_row(self.quarantine, r, [q.code, q.applicant_name, q.change, reasons(q), moment(q.quarantined_at),
                                          number(q.waiting_behind)], q.outbox_id)
        self.quarantine.resizeRowsToContents()
        self.reprint.setRowCount(len(self.reprints))
        for r, x in enumerate(self.reprints):
            fill_row(self.reprint, r, [x.provisional_code, x.official_code, x.applicant_name, x.applicant_phone or "",
                                       moment(x.replaced_at)], x.id)
        select_key(self.quarantine, keep_q)
        select_key(self.reprint, keep_r)
        for table in (self.quarantine, self.reprint):
            table.blockSignals(False)
        self.quarantine_box.setTitle(self.tr("Changes the portal refused ({n})").format(n=number(len(self.items))))
        self.reprint_box.setTitle(self.tr("Receipts to reprint, citizens to notify ({n})")
                                  .format(n=number(len(self.reprints))))
        self._enable()

    def _enable(self) -> None:
        has_q, has_r = selected_key(self.quarantine) is not None, selected_key(self.reprint) is not None
        self.correct_button.setEnabled(has_q)
        self.retry_button.setEnabled(has_q)
        self.reprint_button.setEnabled(has_r)
        self.notified_button.setEnabled(has_r)

    def show_notice(self, text: str, ok: bool = False) -> None:
        self.notice.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.notice.setText(text)

    def selected_item(self) -> Quarantined | None:
        key = selected_key(self.quarantine)
        return next((q for q in self.items if q.outbox_id == key), None)

    def selected_reprint(self) -> Replacement | None:
        key = selected_key(self.reprint)
        return next((x for x in self.reprints if x.id == key), None)

    # ---- acting ---------------------------------------------------------------------------------
    def correction_dialog(self, then: Callable[[CorrectDialog], object] | None = None) -> CorrectDialog | None:
        """Read the dossier through ops, then build the dialog (and hand it to `then`); returned
        when built by the time this returns (a synchronous pool)."""
        item = self.selected_item()
        if item is None:
            return None
        built: list[CorrectDialog] = []

        def build(detail: dict) -> None:
            built.append(CorrectDialog(self.db, self.actor, item, detail, self))
            if then is not None:
                then(built[0])

        (op(self, dossier_detail, self.db, self.actor, item.code).success(build)
         .failure(lambda exc: self.show_notice(str(exc))).category("motcua.sync").run())
        return built[0] if built else None

    def correct_selected(self, dialog: CorrectDialog | None = None) -> bool:
        """With a dialog given (a test's), use it; else read, then ask with a dialog of our own,
        freed once answered. True when corrected by the time this returns."""
        if dialog is not None:
            return self._correct(dialog)
        corrected: list[bool] = []

        def ask(ours: CorrectDialog) -> None:
            corrected.append(self._correct(ours))
            ours.deleteLater()  # one per correction all day: freed, not kept under the page

        self.correction_dialog(ask)
        return bool(corrected and corrected[0])

    def _correct(self, dialog: CorrectDialog) -> bool:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        code = dialog.item.code
        self.show_notice(self.tr("The details of {code} are corrected.").format(code=code)
                         + (" " + self.tr("The change goes to the portal again now.") if dialog.resend.isChecked()
                            else " " + self.tr("Press «Send again» to send the refused change.")), ok=True)
        self.changed.emit(code)
        self.refresh()
        return True

    def retry_selected(self) -> bool:
        item = self.selected_item()
        if item is None:
            return False
        def sent(_result) -> None:
            self.show_notice(self.tr("The change of {code} goes to the portal again now.").format(code=item.code),
                             ok=True)
            self.changed.emit(item.code)
            self.refresh()

        def refused(exc: UserError) -> None:
            self.show_notice(str(exc))
            self.refresh()

        work = (op(self, retry, self.db, self.actor, item.outbox_id).success(sent).failure(refused)
                .changes(Changed.PORTAL).progress().run())
        return work.done and work.error is None  # done by the time it returns (a synchronous pool)

    def reprint_selected(self) -> bool:
        x = self.selected_reprint()
        if x is None:
            return False
        if self.print_receipt is not None:
            self.print_receipt(x.official_code)
        return self._done(x, "reprinted", self.tr("The receipt of {code} is being printed."))

    def notified_selected(self) -> bool:
        x = self.selected_reprint()
        return x is not None and self._done(x, "notified", self.tr("The citizen of {code} was told the official code."))

    def _done(self, x: Replacement, how: str, text: str) -> bool:
        def marked(_result) -> None:
            self.show_notice(text.format(code=x.official_code), ok=True)
            self.refresh()

        work = (op(self, mark_reprinted, self.db, self.actor, x.id, how).success(marked)
                .failure(lambda exc: self.show_notice(str(exc))).changes(Changed.PORTAL).progress().run())
        return work.done and work.error is None
