"""The dossier window's fees: the fee lines, what was paid and what is still owed; each payment with
how it was paid, who took it, when and at which counter, and its receipt (the identifier once
issued, else its state; a provider's refusal in red); every receipt of the dossier, cancelled ones
struck through with their reason (a receipt is never edited, docs/fees.md).

The officer acts on the payment selected: take a payment, cancel its receipt and issue a corrected
one, enter the number of the paper receipt handed over, send a refused receipt again, void a
payment recorded by mistake, print the payment slip while the receipt is not issued. Each change
runs as an op (ui/ops.py); `changed` follows, and the dossier window shows the new state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.formatting import money
from db.engine import Database
from ui.changes import Changed
from ui.flow_layout import FlowLayout
from ui.ops import op
from ui.widgets import ERROR_STYLE

GREY = QColor("#777777")
RED = QColor("#b00020")


def _stamp(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M") if value else ""


def fixed_table(name: str, headers: list[str], rows: list[list[QTableWidgetItem | str]], stretch: tuple[int, ...],
                right: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only table as tall as its rows (the dossier window scrolls, not each table); the
    `stretch` columns share the width left and wrap, the others fit their text."""
    t = QTableWidget(len(rows), len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(True)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = value if isinstance(value, QTableWidgetItem) else QTableWidgetItem(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, item)
    header = t.horizontalHeader()
    for c in range(len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c in stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit_height(*_args) -> None:  # wrapped rows grow or shrink with the width the window gives
        t.resizeRowsToContents()
        height = header.sizeHint().height() + sum(t.rowHeight(r) for r in range(t.rowCount()))
        t.setFixedHeight(height + 2 * t.frameWidth())

    fit_height()
    # Once the columns have settled (a resize moves several sections, one signal each): one refit.
    refit = QTimer(t)
    refit.setSingleShot(True)
    refit.setInterval(0)
    refit.timeout.connect(fit_height)
    header.sectionResized.connect(lambda *_args: refit.start())
    return t


def _strike(items: list[QTableWidgetItem]) -> None:
    """A voided payment or a cancelled receipt: kept in view, struck through and greyed."""
    for item in items:
        font = item.font()
        font.setStrikeOut(True)
        item.setFont(font)
        item.setForeground(GREY)


class FeeFormDialog(QDialog):
    """The few facts one fee action needs (a reason, a corrected payer, a paper receipt's number).
    OK runs `submit(values)` as an op; the dialog closes when it succeeds and shows the service's
    reason when it is refused, keeping what was typed."""

    def __init__(self, title: str, rows: list[tuple[str, str, str]], submit: Callable[[dict], object],
                 parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setObjectName("feeFormDialog")
        self.setWindowTitle(title)
        self.submit = submit
        self._busy = False
        form = QFormLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            form.addRow(label)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, default in rows:
            edit = QLineEdit(default)
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label, edit)
        self.message = QLabel()
        self.message.setObjectName("feeFormMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}

    def accept(self) -> None:
        if self._busy:
            return  # OK again while the change is being written
        self._busy = True
        self.ok.setEnabled(False)
        self.message.hide()
        self.submit(self.values())

    def succeeded(self, _result=None) -> None:
        self._busy = False
        super().accept()

    def refused(self, exc: UserError) -> None:
        self._busy = False
        self.ok.setEnabled(True)
        self.message.setText(str(exc))
        self.message.show()

    def reject(self) -> None:
        if not self._busy:
            super().reject()


class FeePanel(QWidget):
    changed = Signal()  # a payment or a receipt changed: the dossier window reopens on the new state

    def __init__(self, db: Database, actor: Actor, detail: dict, *, clock: Callable[[], datetime] = now_local,
                 say: Callable[[str], None] = lambda _text: None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feePanel")
        self.db, self.actor, self.detail, self.clock, self.say = db, actor, detail, clock, say
        self.code = detail["code"]
        self.payments_data = list(detail.get("payments") or ())
        self.form: FeeFormDialog | None = None  # the action's dialog while it is open
        self.payment_dialog = None
        self.preview = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = self._summary()
        column.addWidget(self.summary)
        self.payments = self.receipts = None
        if self.payments_data:
            column.addWidget(QLabel(self.tr("Payments")))
            self.payments = self._payments_table()
            column.addWidget(self.payments)
        if detail.get("receipts"):
            column.addWidget(QLabel(self.tr("Receipts")))
            self.receipts = self._receipts_table()
            column.addWidget(self.receipts)
        column.addLayout(self._buttons())
        if self.payments is not None:
            self.payments.itemSelectionChanged.connect(self._selection_changed)
            self.payments.selectRow(len(self.payments_data) - 1)  # the latest payment, the usual one to act on
        self._selection_changed()

    # ---- what is shown ----------------------------------------------------------------------------
    def _summary(self) -> QWidget:
        d = self.detail
        if not d["fees"] and not self.payments_data:
            return QLabel(self.tr("No fee."))
        rows = [[f["name"], money(f["amount"])] for f in d["fees"]]
        for p in self.payments_data:
            if p.get("voided_at"):
                continue  # shown struck in the payments below; it counts for nothing
            how = p.get("method_label") or p["method"]
            how += f" {p['reference']}" if p.get("reference") else ""
            rows.append([self.tr("Paid: {how}, {when}").format(how=how, when=_stamp(p["paid_at"])),
                         money(p["amount"])])
        rows.append([self.tr("Still owed"), money(d["outstanding"])])
        return fixed_table("detailFees", [self.tr("Fee"), self.tr("Amount")], rows, (0,), right=(1,))

    def _payments_table(self) -> QTableWidget:
        applicant = self.detail.get("applicant_name") or ""
        rows, struck, red = [], [], []
        for p in self.payments_data:
            how = (p.get("method_label") or p["method"]) + (f" {p['reference']}" if p.get("reference") else "")
            who = p.get("recorded_by") or ""
            if p.get("counter") is not None:
                who += self.tr(" · counter {n}").format(n=p["counter"])
            receipt = p.get("receipt") or {}
            receipt_text = receipt.get("identifier") or receipt.get("state_label") or self.tr("No receipt")
            if receipt.get("last_error"):
                receipt_text += "\n" + receipt["last_error"]
            note = ""
            if p.get("voided_at"):
                note = self.tr("Voided {when}: {reason}").format(when=_stamp(p["voided_at"]),
                                                                 reason=p.get("void_reason") or "")
            elif p.get("closed"):
                note = self.tr("Counted in a closing")
            items = [QTableWidgetItem(v) for v in (_stamp(p["paid_at"]), money(p["amount"]), how,
                                                   p.get("payer_name") or applicant, who, receipt_text, note)]
            rows.append(items)
            if p.get("voided_at"):
                struck.append(items)
            elif receipt.get("last_error"):
                red.append(items[5])
        table = fixed_table("feePayments", [self.tr("Time"), self.tr("Amount"), self.tr("Paid by"), self.tr("Payer"),
                                            self.tr("Taken by"), self.tr("Receipt"), self.tr("Note")],
                            rows, (3, 4, 5, 6), right=(1,))
        for items in struck:
            _strike(items)
        for item in red:
            item.setForeground(RED)
        return table

    def _receipts_table(self) -> QTableWidget:
        rows, struck = [], []
        by_id = {r["id"]: r for r in self.detail["receipts"]}
        for r in self.detail["receipts"]:
            notes = []
            if r.get("replaces_id") in by_id:
                old = by_id[r["replaces_id"]]
                notes.append(self.tr("Replaces {receipt}").format(receipt=old["identifier"]) if old.get("identifier")
                             else self.tr("Replaces the cancelled receipt"))
            if r.get("cancel_reason"):
                notes.append(self.tr("Cancelled {when}: {reason}").format(when=_stamp(r.get("cancelled_at")),
                                                                          reason=r["cancel_reason"]))
            if r.get("last_error"):
                notes.append(r["last_error"])
            items = [QTableWidgetItem(v) for v in (r.get("identifier") or "—", r["state_label"], r["payer_name"],
                                                   money(r["amount"]), _stamp(r.get("issued_at")), "\n".join(notes))]
            rows.append(items)
            if r["state"] in ("cancelled", "cancel_pending"):
                struck.append(items)
        table = fixed_table("feeReceipts", [self.tr("Receipt"), self.tr("State"), self.tr("Payer"), self.tr("Amount"),
                                            self.tr("Issued"), self.tr("Note")], rows, (0, 2, 5), right=(3,))
        for items in struck:
            _strike(items)
        return table

    def _buttons(self) -> FlowLayout:
        row = FlowLayout()  # six buttons wrap rather than widen the dossier window (ui/flow_layout.py)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("pay", self.tr("Take a payment"), self.pay),
                                ("replace", self.tr("Cancel and replace the receipt…"), self.cancel_and_replace),
                                ("paper", self.tr("Enter the paper receipt's number…"), self.enter_paper),
                                ("retry", self.tr("Issue again"), self.retry),
                                ("void", self.tr("Void a payment made by mistake…"), self.void),
                                ("slip", self.tr("Print the payment slip"), self.print_slip)):
            b = QPushButton(text)
            b.setObjectName(f"fee_{key}")
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            row.addWidget(b)
            self.buttons[key] = b
        collects = self.actor.can(Permission.COLLECT_FEES)
        for key, b in self.buttons.items():
            b.setVisible(collects and (key != "pay" or self.detail["outstanding"] > 0)
                         and (key == "pay" or bool(self.payments_data)))
        self.pay_button = self.buttons["pay"]
        return row

    # ---- the payment selected and what it allows --------------------------------------------------------
    def selected(self) -> dict | None:
        if self.payments is None:
            return None
        rows = self.payments.selectionModel().selectedRows()
        return self.payments_data[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        p = self.selected()
        live = p is not None and not p.get("voided_at")
        state = ((p or {}).get("receipt") or {}).get("state")
        self.buttons["replace"].setEnabled(live and state is not None and state not in ("cancelled", "cancel_pending"))
        self.buttons["paper"].setEnabled(live and state in ("unissued", "failed"))
        self.buttons["retry"].setEnabled(live and state in ("failed", "pending"))
        self.buttons["void"].setEnabled(live)
        self.buttons["slip"].setEnabled(live and state != "issued")

    # ---- actions ---------------------------------------------------------------------------------------
    def _ask(self, title: str, rows: list[tuple[str, str, str]], work: Callable[[dict], tuple], note: str = "") -> None:
        """A small dialog for the facts; `work(values)` gives the service call (fn, args, kwargs)."""
        def submit(values: dict) -> None:
            try:
                fn, args, kwargs = work(values)
            except UserError as exc:
                self.form.refused(exc)
                return
            (op(self.form, fn, *args, **kwargs).success(self._done_in_form).failure(self.form.refused)
             .changes(Changed.DOSSIER).progress().run())

        self.form = FeeFormDialog(title, rows, submit, self, note)
        self.form.open()

    def _done_in_form(self, result) -> None:
        if self.form is not None:
            self.form.succeeded(result)
        self.changed.emit()

    def pay(self) -> None:
        from ui.intake.payment_dialog import PaymentDialog

        if self.detail["outstanding"] <= 0:
            return
        self.payment_dialog = PaymentDialog(self.db, self.actor, self.code, self.detail["outstanding"], self,
                                            payer=self.detail.get("applicant_name") or "")
        self.payment_dialog.finished.connect(self._paid)
        self.payment_dialog.open()

    def _paid(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted.value:
            self.changed.emit()

    def cancel_and_replace(self) -> None:
        from app.services.fees.receipts import cancel_receipt

        receipt = (self.selected() or {}).get("receipt")
        if not receipt:
            return

        def work(v: dict) -> tuple:
            return cancel_receipt, (self.db, self.actor, receipt["id"], v["cancel_reason"]), dict(
                replace=True, payer_name=v["payer_name"], payer_id_number=v["payer_id_number"],
                payer_address=v["payer_address"], at=self.clock())

        self._ask(self.tr("Cancel and replace the receipt"),
                  [("cancel_reason", self.tr("Reason for cancelling:"), ""),
                   ("payer_name", self.tr("Payer on the new receipt:"), receipt.get("payer_name") or ""),
                   ("payer_id_number", self.tr("Payer's ID number (if it changes):"), ""),
                   ("payer_address", self.tr("Payer's address (if it changes):"), "")], work,
                  note=self.tr("Receipt {receipt} is cancelled, never edited; a new receipt replaces it and both "
                               "are kept.").format(receipt=receipt.get("identifier") or receipt["state_label"]))

    def enter_paper(self) -> None:
        from app.services.fees.receipts import PaperNumber, enter_paper_number
        from ui.intake.payment_dialog import receipt_settings

        receipt = (self.selected() or {}).get("receipt")
        if not receipt:
            return
        series = receipt_settings(self.db)

        def work(v: dict) -> tuple:
            paper = PaperNumber(v["template_code"].strip(), v["symbol"].strip(), v["number"].strip())
            return enter_paper_number, (self.db, self.actor, receipt["id"], paper), dict(at=self.clock())

        self._ask(self.tr("Paper receipt's number"),
                  [("template_code", self.tr("Template:"), series.get("fees.receipts.template_code") or ""),
                   ("symbol", self.tr("Symbol:"), series.get("fees.receipts.symbol") or ""),
                   ("number", self.tr("Number:"), "")], work)

    def retry(self) -> None:
        from app.services.fees.receipts import retry_receipt

        receipt = (self.selected() or {}).get("receipt")
        if not receipt:
            return
        self.say("")
        (op(self, retry_receipt, self.db, self.actor, receipt["id"]).success(lambda _view: self.changed.emit())
         .failure(lambda exc: self.say(str(exc))).changes(Changed.DOSSIER).progress().run())

    def void(self) -> None:
        from app.services.dossiers.payments import void_payment

        p = self.selected()
        if p is None:
            return

        def work(v: dict) -> tuple:
            return void_payment, (self.db, self.actor, p["id"], v["void_reason"]), dict(at=self.clock())

        self._ask(self.tr("Void a payment made by mistake"), [("void_reason", self.tr("Reason:"), "")], work,
                  note=self.tr("The payment of {amount} on {when} then counts for nothing and its receipt is "
                               "cancelled; both stay in the record.").format(amount=money(p["amount"]),
                                                                             when=_stamp(p["paid_at"])))

    def print_slip(self) -> None:
        from ui.intake.payment_dialog import show_payment_slip

        p = self.selected()
        if p is not None:
            show_payment_slip(self, self.db, self.actor, self.code, p["id"], say=self.say,
                              shown=lambda preview: setattr(self, "preview", preview))
