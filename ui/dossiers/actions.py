"""The actions a dossier allows this user now (app/domain/lifecycle.py decides which), each asking
for the facts it needs, and the one-stop forms printed from the dossier screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from app.domain.lifecycle import TRANSITIONS, Action, allowed_actions
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.services.dossiers.lifecycle import Facts, act
from db.engine import Database
from ui.changes import Changed
from ui.ops import Op, op

FORM_LABELS = {"supplement": "Phiếu yêu cầu bổ sung", "refusal": "Phiếu từ chối", "apology": "Văn bản xin lỗi, gia hạn",
               "stop": "Thông báo dừng giải quyết", "control": "Phiếu kiểm soát",
               "fee_notice": "Thông báo nộp phí, lệ phí"}


class ActionDialog(QDialog):
    """The facts for one action: only the fields that action needs. A supplement request asks for
    Form 02's items (one per line), its reason and whom to call for guidance (`office_phone` by
    default); once the dossier was asked before (`supplements_before`), also the ground and the
    approving supervisor's login and password (Decree 118/2025 Art. 11)."""

    def __init__(self, action: Action, status: int, actor: Actor, due: datetime, parent: QWidget | None = None, *,
                 office_phone: str = "", supplements_before: int = 0):
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        self.setWindowTitle(action.label)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self.items: QPlainTextEdit | None = None

        def line(key: str, label: str, text: str = "") -> QLineEdit:
            edit = QLineEdit(text)
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label, edit)
            return edit

        if action in (Action.HAND_OVER, Action.TAKE_BACK):
            line("division", self.tr("Specialist division:"))
            me = actor.full_name or actor.login
            line("giver", self.tr("Handed over by:"), me if action is Action.HAND_OVER else "")
            line("taker", self.tr("Received by:"), me if action is Action.TAKE_BACK else "")
        if action is Action.EXTEND:
            self.new_due = QDateTimeEdit(QDateTime(due).addDays(1))
            self.new_due.setObjectName("newDue")
            self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
            self.new_due.setCalendarPopup(True)
            form.addRow(self.tr("New return time:"), self.new_due)
        if action is Action.RETURN_RESULT:
            line("collector_name", self.tr("Collected by:"))
            line("collector_id_number", self.tr("ID number:"))
        if action is Action.REQUEST_SUPPLEMENT:
            self._supplement_rows(form, line, actor, office_phone, supplements_before)
        elif TRANSITIONS[(DossierStatus(status), action)].needs_reason:
            line("reason", self.tr("Reason:"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

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
    the status bar). An extension hands over its apology letter right away (show_document). None
    when the officer cancelled the dialog."""
    due = datetime.fromisoformat(detail["due_at"])
    if dialog is None and action is Action.REQUEST_SUPPLEMENT:
        from app.services.settings.office import agency_profile

        before = sum(1 for e in detail.get("events", ()) if e["action"] == Action.REQUEST_SUPPLEMENT.value)
        dialog = ActionDialog(action, detail["status"], actor, due, parent, office_phone=agency_profile(db).phone,
                              supplements_before=before)
    dialog = dialog or ActionDialog(action, detail["status"], actor, due, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None

    def finished(outcome) -> None:
        if outcome.document:
            show_document(FORM_LABELS["apology"], outcome.document)
        done()

    work = op(parent, act, db, actor, detail["code"], action, dialog.facts(now)).success(finished)
    if failed is not None:
        work.failure(failed)
    return work.changes(Changed.DOSSIER).progress().run()


def show_document(parent: QWidget, code: str, title: str, pdf: bytes) -> None:
    """A document the officer must print for the applicant now, shown as it will print."""
    from ui.intake.receipt_preview import ReceiptPreview

    preview = ReceiptPreview(code, pdf, parent=parent)
    preview.setWindowTitle(QCoreApplication.translate("ActionBar", "{form} · {code}: print it for the applicant")
                           .format(form=title, code=code))
    preview.exec()
