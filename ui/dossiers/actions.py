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
    QPushButton,
    QWidget,
)

from app.clock import now_local
from app.domain.lifecycle import TRANSITIONS, Action, allowed_actions
from app.domain.permissions import Actor
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
    """The facts for one action: only the fields that action needs."""

    def __init__(self, action: Action, status: int, actor: Actor, due: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        self.setWindowTitle(action.label)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}

        def line(key: str, label: str, text: str = "") -> None:
            edit = QLineEdit(text)
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label, edit)

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
        if TRANSITIONS[(DossierStatus(status), action)].needs_reason:
            hint = self.tr("Documents to add, separated by ;") if action is Action.REQUEST_SUPPLEMENT \
                else self.tr("Reason:")
            line("reason", hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def facts(self, now: datetime) -> Facts:
        f = Facts(at=now, **{k: e.text() for k, e in self.edits.items()})
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
