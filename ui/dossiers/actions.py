"""The actions a dossier allows this user now (app/domain/lifecycle.py decides which), each asking
for the facts it needs, and the one-stop forms printed from the dossier screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.clock import now_local
from app.domain.folding import fold
from app.domain.lifecycle import TRANSITIONS, Action, allowed_actions
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus, ResultMethod
from app.errors import UserError
from app.formatting import moment, money
from app.services.dossiers.lifecycle import Facts, act, on_time_class
from db.engine import Database
from ui.changes import Changed
from ui.ops import Op, op
from ui.widgets import ERROR_STYLE

FORM_LABELS = {"supplement": "Phiếu yêu cầu bổ sung", "refusal": "Phiếu từ chối", "apology": "Văn bản xin lỗi, gia hạn",
               "stop": "Thông báo dừng giải quyết", "control": "Phiếu kiểm soát",
               "fee_notice": "Thông báo nộp phí, lệ phí"}


# Hand-overs stay open when the core refuses them: what was typed is kept and the reason shown.
# A refusal shows in these dialogs, with what was typed (a return refused for a fee still owed, too).
KEEPS_OPEN = frozenset({Action.HAND_OVER, Action.TAKE_BACK, Action.RETURN_RESULT})


class _FoldedNames(QSortFilterProxyModel):
    """Names holding every typed word, diacritics and case aside ("van hoa" finds "Văn hóa")."""

    def __init__(self, names: list[str]):
        super().__init__()
        self._folded = [fold(n) for n in names]
        self._words: list[str] = []
        self.setSourceModel(QStringListModel(names))

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10 replaces invalidateFilter()
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt's name
        return all(w in self._folded[row] for w in self._words)


def last_hand_over(detail: dict | None) -> dict:
    """The details of the dossier's latest hand-over (division, giver, taker), or {}."""
    events = (detail or {}).get("events") or ()
    return next(((e.get("details") or {}) for e in reversed(events) if e["action"] == Action.HAND_OVER.value), {})


class ActionDialog(QDialog):
    """The facts for one action: only the fields that action needs. A supplement request asks for
    Form 02's items (one per line), its reason and whom to call for guidance (`office_phone` by
    default); once the dossier was asked before (`supplements_before`), also the ground and the
    approving supervisor's login and password (Decree 118/2025 Art. 11). A hand-over picks its
    division from the office's list (`divisions`, setting handover.divisions) as the officer types;
    "Có kết quả" says what confirming it does and what fee is still owed (`detail`, `now`, `portal`:
    the portal is in use).

    With `submit` set (run_action does for KEEPS_OPEN), OK hands the dialog to it and the dialog
    stays open until `succeeded`; `refused` shows the core's reason in it, with what was typed."""

    def __init__(self, action: Action, status: int, actor: Actor, due: datetime, parent: QWidget | None = None, *,
                 office_phone: str = "", supplements_before: int = 0, divisions: list[str] | tuple = (),
                 detail: dict | None = None, now: datetime | None = None, portal: bool = False):
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        self.setWindowTitle(action.label)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self.items: QPlainTextEdit | None = None
        self.division: QComboBox | None = None
        self.submit: Callable[[ActionDialog], None] | None = None
        self.work: Op | None = None  # the change submitted from the open dialog
        self._busy = False

        def line(key: str, label: str, text: str = "") -> QLineEdit:
            edit = QLineEdit(text)
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label, edit)
            return edit

        if action in (Action.HAND_OVER, Action.TAKE_BACK):
            before = last_hand_over(detail) if action is Action.TAKE_BACK else {}  # taken back from there
            self.division = self._division_box(list(divisions), before.get("division") or "")
            form.addRow(self.tr("Specialist division:"), self.division)
            me = actor.full_name or actor.login
            line("giver", self.tr("Handed over by:"), me if action is Action.HAND_OVER else before.get("taker") or "")
            line("taker", self.tr("Received by:"), me if action is Action.TAKE_BACK else "")
        if action is Action.RESULT_READY and detail is not None:
            notice = QLabel(self._result_ready_text(detail, due, now or now_local(), portal))
            notice.setObjectName("resultReadyNotice")
            notice.setWordWrap(True)
            notice.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(notice)
        if action is Action.EXTEND:
            self.new_due = QDateTimeEdit(QDateTime(due).addDays(1))
            self.new_due.setObjectName("newDue")
            self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
            self.new_due.setCalendarPopup(True)
            form.addRow(self.tr("New return time:"), self.new_due)
        if action is Action.RETURN_RESULT:
            line("collector_name", self.tr("Collected by:"))
            line("collector_id_number", self.tr("ID number:"))
            if detail is not None and detail.get("outstanding", 0) > 0 and detail.get("fees_block_return", True):
                self._unpaid_rows(form, line, actor, detail["outstanding"])
        if action is Action.REQUEST_SUPPLEMENT:
            self._supplement_rows(form, line, actor, office_phone, supplements_before)
        elif TRANSITIONS[(DossierStatus(status), action)].needs_reason:
            line("reason", self.tr("Reason:"))
        self.message = QLabel()
        self.message.setObjectName("actionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        # Tall enough for wrapped text (the "Có kết quả" notice) at this width, from the start.
        height = form.totalHeightForWidth(560) if form.hasHeightForWidth() else -1
        self.resize(560, max(self.sizeHint().height(), height))

    def _division_box(self, divisions: list[str], text: str) -> QComboBox:
        """An editable list: typing filters it (any word, diacritics optional), Enter or a click
        takes the highlighted name, and a name the list lacks may still be typed."""
        box = QComboBox()
        box.setObjectName("divisionChoice")
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItems(divisions)
        box.setCurrentIndex(-1)
        box.setEditText(text)
        edit = box.lineEdit()
        edit.setObjectName("division")
        edit.setPlaceholderText(self.tr("Type part of the name, e.g. van hoa"))
        self.edits["division"] = edit
        self.division_names = _FoldedNames(divisions)
        completer = QCompleter(self.division_names, box)
        # The proxy filters; the completer shows what it gets instead of filtering by prefix again.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        box.setCompleter(completer)

        def edited(typed: str) -> None:
            self.division_names.set_query(typed)
            if typed.strip() and self.division_names.rowCount():
                completer.complete()
            else:
                completer.popup().hide()

        edit.textEdited.connect(edited)
        return box

    def division_matches(self) -> list[str]:
        """The names the list offers for what is typed now."""
        m = self.division_names
        return [m.index(r, 0).data() for r in range(m.rowCount())]

    def _result_ready_text(self, d: dict, due: datetime, now: datetime, portal: bool) -> str:
        timing = {"early": self.tr("early, before its due time {due}"), "on_time": self.tr("on time (due {due})"),
                  "late": self.tr("late: it was due {due}")}[on_time_class(now, due)].format(due=moment(due))
        parts = [self.tr("Dossier {code} ({name}) moves to “{status}” now, {when}: {timing}.").format(
            code=d["code"], name=d["applicant_name"], status=DossierStatus.RESOLVED.label, when=moment(now),
            timing=timing)]
        if d.get("result_method") == ResultMethod.POST.value:
            parts.append(self.tr("The result then waits to be sent by post to {address}: record the shipment code "
                                 "on the “Return result” page.").format(address=d.get("result_address") or "…"))
        else:
            parts.append(self.tr("The result then waits at the counter: the citizen brings the receipt, and the "
                                 "“Return result” page hands it over."))
        if d.get("outstanding", 0) > 0:  # said now, so the officer tells the citizen what to bring
            parts.append(self.tr("The dossier still owes {amount}: remind the applicant when they come for the "
                                 "result.").format(amount=money(d["outstanding"])))
        if portal:
            parts.append(self.tr("The public service portal learns it at the next sync: the citizen can look the "
                                 "new status up there."))
        parts.append(self.tr("This cannot be undone: confirm only when the result is really here."))
        return "\n".join(parts)

    # ---- OK while the dialog stays open (KEEPS_OPEN) --------------------------------------------
    def accept(self) -> None:
        if self.submit is None:
            super().accept()
            return
        if self._busy:
            return  # OK again while the first is being written
        self._busy = True
        self.ok.setEnabled(False)
        self.message.hide()
        self.submit(self)

    def succeeded(self) -> None:
        self._busy = False
        super().accept()

    def refused(self, exc: UserError) -> None:
        """The core's reason, under the fields; everything typed stays for the officer to correct."""
        self._busy = False
        self.ok.setEnabled(True)
        self.message.setText(str(exc))
        self.message.show()
        empty = next((e for e in self.edits.values() if not e.text().strip()), None)
        (empty or self.ok).setFocus()

    def reject(self) -> None:
        if not self._busy:  # not while the change is being written: it would land unseen
            super().reject()

    def _supplement_rows(self, form: QFormLayout, line, actor: Actor, office_phone: str, before: int) -> None:
        self.items = QPlainTextEdit()
        self.items.setObjectName("items")
        self.items.setTabChangesFocus(True)  # Enter starts the next item; Tab moves on
        self.items.setFixedHeight(96)
        form.addRow(self.tr("Items to add or complete (one per line):"), self.items)
        line("reason", self.tr("Specific reason:"))
        line("contact_name", self.tr("Contact for guidance:"), actor.full_name or actor.login)
        line("contact_phone", self.tr("Contact phone:"), office_phone).setPlaceholderText(
            self.tr("the office's phone"))
        if not before:
            return
        rule = QLabel(self.tr("This dossier was already asked for a supplement {n} time(s). Decree 118/2025 "
                              "Art. 11 allows one request: another needs its ground and a supervisor's approval.")
                      .format(n=before))
        rule.setObjectName("supplementRule")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #a15c00;")
        form.addRow(rule)
        line("ground", self.tr("Ground for asking again:"))
        if not actor.can(Permission.APPROVE_REPEAT_SUPPLEMENT):  # a supervisor acting approves by acting
            line("approver_login", self.tr("Approving supervisor (login):"))
            line("approver_password", self.tr("Supervisor's password:")).setEchoMode(QLineEdit.EchoMode.Password)

    def _unpaid_rows(self, form: QFormLayout, line, actor: Actor, owed: int) -> None:
        """A result returned while a fee is owed: the reason, and the supervisor beside the officer
        (as on the "Trả kết quả" page; docs/fees.md)."""
        rule = QLabel(self.tr("The dossier still owes {amount}: collect it first (“Thu phí”), or return the result "
                              "with a written reason and a supervisor's leave.").format(amount=money(owed)))
        rule.setObjectName("unpaidRule")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #a15c00;")
        form.addRow(rule)
        line("unpaid_reason", self.tr("Reason for returning unpaid:"))
        if not actor.can(Permission.APPROVE_UNPAID_RETURN):  # a supervisor acting allows by acting
            line("approver_login", self.tr("Approving supervisor (login):"))
            line("approver_password", self.tr("Supervisor's password:")).setEchoMode(QLineEdit.EchoMode.Password)

    def facts(self, now: datetime) -> Facts:
        f = Facts(at=now, **{k: e.text() for k, e in self.edits.items()})
        if self.items is not None:
            f.items = self.items.toPlainText().splitlines()
        if self.action is Action.EXTEND:
            f.new_due = self.new_due.dateTime().toPython().replace(second=0, microsecond=0)
        return f


class ActionBar(QWidget):
    """One button per action allowed now; a list of forms to print."""

    changed = Signal(str)
    failed = Signal(str)  # why an action was refused, for the dossier screen to show
    form_requested = Signal(str, str)  # form, code

    def __init__(self, db: Database, actor: Actor, detail: dict,
                 clock: Callable[[], datetime] = now_local, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.detail, self.clock = db, actor, detail, clock
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Action, QPushButton] = {}
        for action in allowed_actions(detail["status"], actor.role):
            b = QPushButton(action.label)
            b.setObjectName(f"action_{action.value}")
            b.setAutoDefault(False)
            b.clicked.connect(lambda _=False, a=action: self.run(a))
            row.addWidget(b)
            self.buttons[action] = b
        row.addStretch(1)
        self.forms = QComboBox()
        self.forms.setObjectName("printForm")
        self.forms.addItem(self.tr("Print a form…"), None)
        for key, label in FORM_LABELS.items():
            self.forms.addItem(label, key)
        self.forms.activated.connect(self._form_chosen)
        row.addWidget(QLabel(""))
        row.addWidget(self.forms)

    def _form_chosen(self, index: int) -> None:
        key = self.forms.itemData(index)
        self.forms.setCurrentIndex(0)
        if key:
            self.form_requested.emit(key, self.detail["code"])

    def run(self, action: Action, dialog: ActionDialog | None = None) -> bool:
        """True once the officer confirmed the action's facts: the change itself runs as an op,
        `changed` follows its success and `failed` carries the reason it was refused."""
        code = self.detail["code"]
        return run_action(self, self.db, self.actor, self.detail, action, self.clock(), dialog,
                          show_document=self.show_document, done=lambda: self.changed.emit(code),
                          failed=lambda exc: self.failed.emit(str(exc))) is not None

    def show_document(self, title: str, pdf: bytes) -> None:
        show_document(self, self.detail["code"], title, pdf)


def run_action(parent: QWidget, db: Database, actor: Actor, detail: dict, action: Action, now: datetime,
               dialog: ActionDialog | None = None, *, show_document: Callable[[str, bytes], None],
               done: Callable[[], None], failed: Callable[[UserError], None] | None = None) -> Op | None:
    """Ask for the action's facts and do it (ui/ops.py); say why if it is refused (`failed`, else
    the status bar; a hand-over says it in its dialog, which stays open). An extension hands over
    its apology letter right away (show_document). None when the officer cancelled the dialog."""
    due = datetime.fromisoformat(detail["due_at"])
    if dialog is None and action is Action.REQUEST_SUPPLEMENT:
        from app.services.settings.office import agency_profile

        before = sum(1 for e in detail.get("events", ()) if e["action"] == Action.REQUEST_SUPPLEMENT.value)
        dialog = ActionDialog(action, detail["status"], actor, due, parent, office_phone=agency_profile(db).phone,
                              supplements_before=before)
    if dialog is None and action is Action.RETURN_RESULT:
        dialog = ActionDialog(action, detail["status"], actor, due, parent, detail=detail)
    if dialog is None and action in (Action.HAND_OVER, Action.TAKE_BACK, Action.RESULT_READY):
        divisions, portal = _dialog_settings(db)
        dialog = ActionDialog(action, detail["status"], actor, due, parent, divisions=divisions, detail=detail,
                              now=now, portal=portal)
    dialog = dialog or ActionDialog(action, detail["status"], actor, due, parent)

    def finished(outcome) -> None:
        if outcome.document:
            show_document(FORM_LABELS["apology"], outcome.document)
        done()

    def submit(d: ActionDialog) -> None:
        d.work = (op(parent, act, db, actor, detail["code"], action, d.facts(now))
                  .success(lambda _outcome: d.succeeded()).failure(d.refused)
                  .changes(Changed.DOSSIER).progress().run())

    if action in KEEPS_OPEN:
        dialog.submit = submit
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.work is not None and dialog.work.done and dialog.work.error is None:
        finished(dialog.work.result)  # done in the dialog; the rest once it has closed
        return dialog.work

    work = op(parent, act, db, actor, detail["code"], action, dialog.facts(now)).success(finished)
    if failed is not None:
        work.failure(failed)
    return work.changes(Changed.DOSSIER).progress().run()


def _dialog_settings(db: Database) -> tuple[list[str], bool]:
    """The divisions offered and whether the office syncs with a portal: two settings, quick to read
    before the dialog opens. A database that cannot answer now leaves the defaults (the action
    itself then says so, through its op)."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.services.settings.store import SPECS, setting_in

    try:
        with db.reading() as s:
            return setting_in(s, "handover.divisions"), bool(setting_in(s, "portal.url"))
    except SQLAlchemyError:
        return list(SPECS["handover.divisions"].default), False


def show_document(parent: QWidget, code: str, title: str, pdf: bytes) -> None:
    """A document the officer must print for the applicant now, shown as it will print."""
    from ui.intake.receipt_preview import ReceiptPreview

    preview = ReceiptPreview(code, pdf, parent=parent)
    preview.setWindowTitle(QCoreApplication.translate("ActionBar", "{form} · {code}: print it for the applicant")
                           .format(form=title, code=code))
    preview.exec()
