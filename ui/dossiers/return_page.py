"""Trả kết quả: one box to type or scan the receipt's code (a keyboard-wedge scanner types the code
and Enter). A dossier whose result is ready gets the collector's name and ID, or the postal
shipment, and is returned; any other dossier says plainly why its result cannot be returned yet.

A dossier that still owes fees shows the amount and the VietQR code for exactly that amount, and
"Thu phí (F8)" takes the payment here (the page then looks the dossier up again). The core refuses
to return a result while a fee is owed (setting fees.block_unpaid_return); a supervisor may allow
it with a written reason, given here with their login and password (or by acting themselves)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import UserError
from app.formatting import moment, money
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.query import dossier_detail
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.widgets import ERROR_STYLE

PAY_KEY = Qt.Key.Key_F8  # F5 and F6 are the counter panel's (call next, recall), in the whole window


class ReturnPage(QWidget):
    returned = Signal(str)  # the dossier code

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnPage")
        self.db, self.actor, self.clock = db, actor, clock
        self.dossier: dict | None = None
        self._returning = False

        self.code = QLineEdit()
        self.code.setObjectName("returnCode")
        self.code.setPlaceholderText(self.tr("Type or scan the dossier code on the receipt, then Enter"))
        self.code.returnPressed.connect(self.look_up)
        self.summary = QLabel()
        self.summary.setObjectName("returnSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.to_applicant = QRadioButton(self.tr("The applicant"))
        self.to_proxy = QRadioButton(self.tr("An authorised person"))
        self.by_post = QRadioButton(self.tr("By post (BCCI)"))
        self.how = QButtonGroup(self)
        for i, b in enumerate((self.to_applicant, self.to_proxy, self.by_post)):
            self.how.addButton(b, i)
        self.how.idToggled.connect(self._how_changed)
        self.collector = QLineEdit()
        self.collector.setObjectName("collectorName")
        self.collector_id = QLineEdit()
        self.collector_id.setObjectName("collectorId")
        self.shipment = QLineEdit()
        self.shipment.setObjectName("shipmentCode")
        self.shipment.setPlaceholderText(self.tr("e.g. EB123456789VN"))
        self.post_address = QLineEdit()
        self.post_address.setObjectName("postAddress")
        self.return_button = QPushButton(self.tr("Return the result (Enter)"))
        self.return_button.setObjectName("returnButton")
        self.return_button.clicked.connect(self.give_back)
        for edit in (self.collector, self.collector_id, self.shipment, self.post_address):
            edit.returnPressed.connect(self.give_back)

        self.fees_box = self._fees_box()
        self.unpaid_box = self._unpaid_box()

        who = QHBoxLayout()
        for b in (self.to_applicant, self.to_proxy, self.by_post):
            who.addWidget(b)
        who.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Handed to:"), who)
        form.addRow(self.tr("Full name:"), self.collector)
        form.addRow(self.tr("ID number:"), self.collector_id)
        form.addRow(self.tr("Shipment code:"), self.shipment)
        form.addRow(self.tr("Postal address:"), self.post_address)
        form.addRow("", self.return_button)
        self.form_box = QGroupBox(self.tr("Who receives the result"))
        self.form_box.setLayout(form)

        self.message = QLabel()
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.form_box)
        left.addWidget(self.unpaid_box)
        left.addStretch(1)
        row = QHBoxLayout()  # the fee beside the form: the page stays short enough for 768 px
        row.addLayout(left, 1)
        row.addWidget(self.fees_box, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Dossier code:")))
        layout.addWidget(self.code)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.payment = None  # the payment dialog while it is open
        QShortcut(QKeySequence(PAY_KEY), self, self.pay, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._reset()

    def _fees_box(self) -> QGroupBox:
        """What the dossier still owes, its VietQR code and the button taking the payment."""
        from ui.guide.desk import QrView

        box = QGroupBox(self.tr("Fees"))
        box.setObjectName("returnFees")
        self.owed = QLabel()
        self.owed.setObjectName("returnOwed")
        font = self.owed.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        self.owed.setFont(font)
        self.qr = QrView()
        self.qr.setObjectName("returnQr")
        self.qr_note = QLabel()
        self.qr_note.setObjectName("returnQrNote")
        self.qr_note.setWordWrap(True)
        self.qr_note.setMaximumWidth(240)
        self.pay_button = QPushButton(self.tr("Take the payment (F8)"))
        self.pay_button.setObjectName("returnPay")
        self.pay_button.setAutoDefault(False)
        self.pay_button.clicked.connect(self.pay)
        self.pay_button.setVisible(self.actor.can(Permission.COLLECT_FEES))
        column = QVBoxLayout(box)
        column.addWidget(self.owed)
        column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.qr_note)
        column.addWidget(self.pay_button)
        return box

    def _unpaid_box(self) -> QGroupBox:
        """A supervisor's permission to return a result while a fee is still owed: the reason, and
        the supervisor beside the officer (unless the actor may allow it)."""
        box = QGroupBox(self.tr("Supervisor allows returning before the fee is paid…"))
        box.setObjectName("unpaidReturn")
        box.setCheckable(True)
        box.setChecked(False)
        form = QFormLayout(box)
        self.unpaid_reason = QLineEdit()
        self.unpaid_reason.setObjectName("unpaidReason")
        form.addRow(self.tr("Reason:"), self.unpaid_reason)
        self.approver_login = self.approver_password = None
        if not self.actor.can(Permission.APPROVE_UNPAID_RETURN):  # a supervisor acting allows by acting
            self.approver_login = QLineEdit()
            self.approver_login.setObjectName("unpaidApproverLogin")
            self.approver_password = QLineEdit()
            self.approver_password.setObjectName("unpaidApproverPassword")
            self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Supervisor (login):"), self.approver_login)
            form.addRow(self.tr("Supervisor's password:"), self.approver_password)
        for edit in self._unpaid_edits():
            edit.returnPressed.connect(self.give_back)
        return box

    def _unpaid_edits(self) -> list[QLineEdit]:
        return [e for e in (self.unpaid_reason, self.approver_login, self.approver_password) if e is not None]

    # ---- steps ------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.dossier = None
        self.summary.clear()
        self.form_box.setEnabled(False)
        for edit in (self.collector, self.collector_id, self.shipment, self.post_address, *self._unpaid_edits()):
            edit.clear()
        self.fees_box.hide()
        self.unpaid_box.setChecked(False)
        self.unpaid_box.hide()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def look_up(self) -> None:
        code = self.code.text().strip().upper()
        self._reset()
        if not code:
            return
        op(self, dossier_detail, self.db, self.actor, code).success(self._found).failure(self._not_found).run()

    def _not_found(self, exc: UserError) -> None:
        self._say(str(exc), error=True)
        self.code.selectAll()

    def _found(self, d: dict) -> None:
        self.dossier = d
        self.summary.setText(self.tr("{name} · {procedure}\nStatus: {status} · due {due}").format(
            name=d["applicant_name"], procedure=d["procedure"]["name"], status=d["status_label"],
            due=moment(datetime.fromisoformat(d["due_at"]))))
        self._show_fees(d)
        status = DossierStatus(d["status"])
        if status is not DossierStatus.RESOLVED:
            self._say(self._why_not(status, d), error=True)
            self.code.selectAll()
            return
        self._say("")
        self.form_box.setEnabled(True)
        self.unpaid_box.setVisible(d.get("outstanding", 0) > 0 and bool(d.get("fees_block_return")))
        # A masked value (a role without view_personal_data) is never offered as a fact to record.
        self.post_address.setText("" if d.get("masked") else d.get("result_address") or "")
        (self.by_post if d["result_method"] == "post" else self.to_applicant).setChecked(True)
        self._how_changed(self.how.checkedId(), True)

    def _show_fees(self, d: dict) -> None:
        owed = d.get("outstanding", 0)
        self.fees_box.setVisible(owed > 0)
        if owed <= 0:
            return
        self.owed.setText(self.tr("Still owed: {amount}").format(amount=money(owed)))
        self.qr.set_value(d.get("transfer_qr"))
        self.qr_note.setText(self.tr("Scan with a banking app to transfer exactly this amount.") if d.get("transfer_qr")
                             else self.tr("No VietQR code: the office's bank account is not set up (Settings)."))

    def pay(self) -> None:
        """F8: the payment dialog for what is owed; once it is recorded the dossier is looked up again."""
        if self.dossier is None or self.dossier.get("outstanding", 0) <= 0 or self.payment is not None \
                or not self.actor.can(Permission.COLLECT_FEES):
            return
        from ui.intake.payment_dialog import PaymentDialog

        self.payment = PaymentDialog(self.db, self.actor, self.dossier["code"], self.dossier["outstanding"], self,
                                     payer=self.dossier["applicant_name"])
        self.payment.finished.connect(self._paid)
        self.payment.open()

    def _paid(self, result: int) -> None:
        dialog, self.payment = self.payment, None
        if dialog is not None:
            dialog.deleteLater()
        self.activateWindow()  # the keyboard back on the page: Enter returns the result
        if result == QDialog.DialogCode.Accepted.value:
            self.look_up()

    def _why_not(self, status: DossierStatus, d: dict) -> str:
        if status is DossierStatus.RETURNED:
            return self.tr("The result was already returned on {when}.").format(
                when=moment(datetime.fromisoformat(d["returned_at"])) if d.get("returned_at") else "")
        if status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING):
            return self.tr("The dossier is still being processed; its result is due {due}. There is no "
                           "result to return yet.").format(due=moment(datetime.fromisoformat(d["due_at"])))
        if status is DossierStatus.SUPPLEMENT_REQUESTED:
            return self.tr("The dossier is waiting for a supplement from the applicant: no result yet.")
        if status is DossierStatus.FINANCIAL_OBLIGATION:
            return self.tr("The applicant must first fulfil the financial obligation: no result yet.")
        return self.tr("The dossier is “{status}”: it has no result to return.").format(status=status.label)

    def _how_changed(self, button_id: int, checked: bool) -> None:
        if not checked or self.dossier is None:
            return
        post = button_id == 2
        for w in (self.collector, self.collector_id):
            w.setEnabled(not post)
        for w in (self.shipment, self.post_address):
            w.setEnabled(post)
        if button_id == 0:  # the applicant: the dossier already knows who they are
            self.collector.setText(self.dossier["applicant_name"])
            self.collector_id.setText("" if self.dossier.get("masked")
                                      else self.dossier.get("applicant_id_number") or "")
        elif button_id == 1:
            self.collector.clear()
            self.collector_id.clear()
        (self.shipment if post else self.collector_id if button_id == 0 else self.collector).setFocus()

    def give_back(self) -> None:
        if self.dossier is None or self._returning:
            return  # nothing looked up, or Enter again while the first is being written
        post = self.by_post.isChecked()
        facts = Facts(at=self.clock())
        if post:
            facts.postal_code, facts.postal_address = self.shipment.text(), self.post_address.text()
            if not facts.postal_code.strip():
                self._say(self.tr("Enter the postal shipment code."), error=True)
                self.shipment.setFocus()
                return
        else:
            facts.collector_name, facts.collector_id_number = self.collector.text(), self.collector_id.text()
            facts.collector_is_applicant = self.to_applicant.isChecked()
        if not self.unpaid_box.isHidden() and self.unpaid_box.isChecked():
            facts.unpaid_reason = self.unpaid_reason.text()
            if self.approver_login is not None:
                facts.approver_login, facts.approver_password = self.approver_login.text(), self.approver_password.text()
        self._returning = True
        (op(self, act, self.db, self.actor, self.dossier["code"], Action.RETURN_RESULT, facts)
         .success(self._returned).failure(self._not_returned).changes(Changed.DOSSIER).progress().run())

    def _not_returned(self, exc: UserError) -> None:
        self._returning = False
        self._say(str(exc), error=True)

    def _returned(self, out) -> None:
        self._returning = False
        self._reset()
        self.code.clear()
        self.code.setFocus()
        self._say(self.tr("Result of dossier {code} returned.").format(code=out.code))
        self.returned.emit(out.code)
