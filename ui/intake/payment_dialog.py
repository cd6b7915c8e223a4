"""Recording a fee payment at the counter: who paid (the applicant unless changed), how, the
transaction code for a transfer or an online payment, and the amount (what is owed by default).
With no e-receipt provider set up, the paper receipt handed over may be entered at once.

The dialog stays open after the payment is recorded to show its receipt's state; while the
receipt is not issued it offers the payment slip (phiếu ghi nhận nộp tiền, not a receipt). Its
result is Accepted from the moment the payment is written, however it is then closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import money
from app.services.dossiers.payments import METHODS, parse_amount, record_payment
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.widgets import DONE_STYLE, ERROR_STYLE


def receipt_settings(db: Database) -> dict:
    """Whether e-receipts are issued, and the office's paper series to offer: read before the
    dialog opens (a few settings). A database that cannot answer leaves the defaults: the payment
    itself then says what is wrong, through its op."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.services.settings.store import SPECS, setting_in

    keys = ("fees.receipts.enabled", "fees.receipts.template_code", "fees.receipts.symbol")
    try:
        with db.reading() as s:
            return {k: setting_in(s, k) for k in keys}
    except SQLAlchemyError:
        return {k: SPECS[k].default for k in keys}


def pay_and_read(db: Database, actor: Actor, code: str, amount: str, method: str, reference: str | None,
                 payer_name: str | None, paper) -> tuple:
    """The amount as typed ("15.000" too: the service's parse_amount judges it), the payment, then
    its receipt as the dossier now shows it: off the GUI thread, one op."""
    from app.services.dossiers.query import dossier_detail

    value = parse_amount(amount)
    recorded = record_payment(db, actor, code, value, method, reference, payer_name=payer_name, paper=paper)
    detail = dossier_detail(db, actor, code)
    payment = next((p for p in detail.get("payments", ()) if p.get("id") == recorded.payment_id), None)
    return recorded, (payment or {}).get("receipt"), value


def receipt_line(receipt: dict | None) -> str:
    """A receipt in a few words: its identifier once issued, else its state (Vietnamese, B's labels)."""
    if not receipt:
        return ""
    return receipt.get("identifier") or receipt.get("state_label") or ""


class PaymentDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, code: str, outstanding: int, parent: QWidget | None = None,
                 *, payer: str = "", settings: dict | None = None):
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.db, self.actor, self.code = db, actor, code
        self.applicant = payer
        self.recorded = None  # the service's Recorded once the payment is written
        self._amount = 0
        self.receipt: dict | None = None
        self.preview = None
        settings = settings if settings is not None else receipt_settings(db)
        self.setWindowTitle(self.tr("Record a payment · {code}").format(code=code))
        form = QFormLayout(self)
        owed = QLabel(money(outstanding))
        owed.setObjectName("outstanding")
        form.addRow(self.tr("Still owed:"), owed)
        self.payer = QLineEdit(payer)
        self.payer.setObjectName("payerName")
        form.addRow(self.tr("Payer:"), self.payer)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        form.addRow(self.tr("Paid by:"), self.method)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("Bank or portal transaction code"))
        form.addRow(self.tr("Transaction code:"), self.reference)
        self.amount = QLineEdit(str(outstanding))
        self.amount.setObjectName("amount")  # judged by the service (a fraction, more than owed): said here
        form.addRow(self.tr("Amount paid (đồng):"), self.amount)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()

        self.paper: dict[str, QLineEdit] | None = None
        if not settings.get("fees.receipts.enabled"):
            self.paper = {}
            box = QGroupBox(self.tr("Paper receipt handed over (optional)"))
            box.setObjectName("paperReceipt")
            row = QHBoxLayout(box)
            for key, label, default in (("template_code", self.tr("Template:"), settings.get("fees.receipts.template_code")),
                                        ("symbol", self.tr("Symbol:"), settings.get("fees.receipts.symbol")),
                                        ("number", self.tr("Number:"), "")):
                edit = QLineEdit(default or "")
                edit.setObjectName(f"paper_{key}")
                row.addWidget(QLabel(label))
                row.addWidget(edit, 1)
                self.paper[key] = edit
            form.addRow(box)

        self.message = QLabel()  # why the payment was refused: the dialog stays open
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form.addRow(self.message)
        self.outcome = QLabel()  # what was recorded and the receipt's state
        self.outcome.setObjectName("paymentOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.hide()
        form.addRow(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.slip_button = QPushButton(self.tr("Print the payment slip"))
        self.slip_button.setObjectName("printPaymentSlip")
        self.slip_button.setAutoDefault(False)
        self.slip_button.clicked.connect(self.print_slip)
        self.slip_button.hide()
        self.buttons.addButton(self.slip_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._saving = False

    def _method_changed(self) -> None:
        self.reference.setEnabled(self.method.currentData() != "cash")

    def _paper_number(self):
        # The series is filled in from the settings: a paper receipt is one whose number was typed.
        if self.paper is None or not self.paper["number"].text().strip():
            return None
        from app.services.fees.receipts import PaperNumber

        return PaperNumber(*(self.paper[k].text().strip() for k in ("template_code", "symbol", "number")))

    def accept(self) -> None:
        if self.recorded is not None:
            super().accept()  # "Đóng" after the payment was shown
            return
        if self._saving:
            return  # OK pressed again while the payment is being written: one payment
        payer = self.payer.text().strip()
        paper = self._paper_number()  # checked by the service, with the payment
        self._saving = True
        self.message.clear()
        (op(self, pay_and_read, self.db, self.actor, self.code, self.amount.text(),
            self.method.currentData(), self.reference.text() if self.reference.isEnabled() else None,
            None if payer in ("", self.applicant) else payer, paper)
         .success(self._paid).failure(self._refused).changes(Changed.DOSSIER).progress().run())

    def _refused(self, exc: UserError) -> None:
        self._saving = False
        self.message.setText(str(exc))

    def _paid(self, out: tuple) -> None:
        self._saving = False
        self.recorded, self.receipt, self._amount = out
        self.setResult(QDialog.DialogCode.Accepted)  # written: whatever closes the dialog now
        for w in (self.payer, self.method, self.reference, self.amount, *(self.paper or {}).values()):
            w.setEnabled(False)
        lines = [self.tr("Recorded {amount}; still owed: {owed}.").format(
            amount=money(self._amount), owed=money(self.recorded.outstanding))]
        state = receipt_line(self.receipt)
        if state:
            lines.append(self.tr("Receipt: {state}").format(state=state))
        issued = (self.receipt or {}).get("state") == "issued"
        if self.receipt is not None and not issued:
            lines.append(self.tr("The receipt is not issued yet: hand over the payment slip meanwhile "
                                 "(it is not a receipt)."))
        if (self.receipt or {}).get("last_error"):
            lines.append(self.receipt["last_error"])
        self.outcome.setText("\n".join(lines))
        self.outcome.setStyleSheet(DONE_STYLE if issued or self.receipt is None else "")
        self.outcome.show()
        self.slip_button.setVisible(not issued)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.ok.setText(self.tr("Close"))
        self.ok.setFocus()
        layout = self.layout()  # tall enough for the wrapped lines just shown
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())
                                      if layout.hasHeightForWidth() else self.sizeHint().height()))

    def reject(self) -> None:
        if self.recorded is not None:
            super().accept()  # Esc after the payment: it was recorded all the same
        elif not self._saving:
            super().reject()

    def print_slip(self) -> None:
        if self.recorded is not None:
            show_payment_slip(self, self.db, self.actor, self.code, self.recorded.payment_id,
                              say=self.message.setText, shown=lambda preview: setattr(self, "preview", preview))


def show_payment_slip(parent: QWidget, db: Database, actor: Actor, code: str, payment_id: int, *,
                      say: Callable[[str], None], shown: Callable[[QDialog], None] | None = None) -> None:
    """The payment slip (C's printing/payment_slip.py) as it will print, in the receipt's preview
    (Ctrl+P prints it); `say` gets why it could not be made."""
    from app.services.fees.closing import payment_slip_pdf
    from ui.intake.receipt_preview import ReceiptPreview

    def show(pdf: bytes) -> None:
        preview = ReceiptPreview(code, pdf, parent=parent)
        preview.setWindowTitle(QCoreApplication.translate("PaymentDialog", "Payment slip · {code}").format(code=code))
        preview.open()
        if shown is not None:
            shown(preview)

    say("")
    (op(parent, payment_slip_pdf, db, actor, payment_id).success(show).failure(lambda exc: say(str(exc)))
     .category("motcua.print").progress().run())
