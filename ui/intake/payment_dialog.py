"""Recording a fee payment at the counter: amount (the outstanding sum by default), how it was
paid, and the transaction code for a transfer or an online payment."""

from __future__ import annotations

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import money
from app.services.dossiers.payments import METHODS, record_payment
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.widgets import ERROR_STYLE


class PaymentDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, code: str, outstanding: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.db, self.actor, self.code = db, actor, code
        self.setWindowTitle(self.tr("Record a payment · {code}").format(code=code))
        form = QFormLayout(self)
        owed = QLabel(money(outstanding))
        owed.setObjectName("outstanding")
        form.addRow(self.tr("Still owed:"), owed)
        self.amount = QLineEdit(str(outstanding))
        self.amount.setObjectName("amount")
        self.amount.setValidator(QIntValidator(1, max(outstanding, 1), self))
        form.addRow(self.tr("Amount paid (đồng):"), self.amount)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        form.addRow(self.tr("Paid by:"), self.method)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("Bank or portal transaction code"))
        form.addRow(self.tr("Transaction code:"), self.reference)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self.message = QLabel()  # why the payment was refused: the dialog stays open
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())
        self._saving = False

    def _method_changed(self) -> None:
        self.reference.setEnabled(self.method.currentData() != "cash")

    def accept(self) -> None:
        text = self.amount.text().strip().replace(".", "")
        if self._saving:
            return  # OK pressed again while the payment is being written: one payment
        self._saving = True
        self.message.clear()
        (op(self, record_payment, self.db, self.actor, self.code, int(text) if text.isdigit() else 0,
            self.method.currentData(), self.reference.text() if self.reference.isEnabled() else None)
         .success(lambda _payment: super(PaymentDialog, self).accept()).failure(self._refused)
         .changes(Changed.DOSSIER).progress().run())

    def _refused(self, exc: UserError) -> None:
        self._saving = False
        self.message.setText(str(exc))
