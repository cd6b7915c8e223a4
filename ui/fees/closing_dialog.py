"""Chốt sổ quầy (issue 25 §3, docs/fees.md "Tại quầy"): what a closing of this counter would count
now (C's closing_draft: the period, the payments, the cash / transfer / online totals, the
corrections since the last closing, the receipts not issued yet), the cash counted in the drawer
(typed as digits, shown grouped) with the difference worked out as it is typed, and a note.
"Chốt sổ" asks once (a closing is final), then closes the counter and offers the closing's PDF
(the app's preview and print) and its Excel file. A counter with nothing to close says so and
offers nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import money
from db.engine import Database
from ui import messages
from ui.changes import Changed
from ui.fees.common import MoneyEdit, SaveDialog, ask_save_path, signed_money, table, when
from ui.ops import op
from ui.screen import fit
from ui.widgets import DONE_STYLE, ERROR_STYLE, FieldError, action_button, message_line, page_title

NOTE_MAX = 500


def _draft(db: Database, actor: Actor, at: datetime):
    from app.services.fees.closing import closing_draft

    return closing_draft(db, actor, actor.counter_id, at)


def _close(db: Database, actor: Actor, counted: int, note: str, at: datetime):
    from app.services.fees.closing import close_counter

    return close_counter(db, actor, actor.counter_id, counted, note or None, at)


def closing_file(db: Database, actor: Actor, closing_id: int, kind: str) -> bytes:
    from app.services.fees import closing

    return (closing.closing_pdf if kind == "pdf" else closing.closing_xlsx)(db, actor, closing_id)


def save_file(path: str, data: bytes) -> str:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp «{Path(path).name}»: {exc.strerror or exc}.") from exc
    return path


def show_pdf(parent: QWidget, title: str, pdf: bytes):
    """The closing's PDF in the app's preview, printed from there (ui/intake/receipt_preview.py)."""
    from ui.intake.receipt_preview import ReceiptPreview

    preview = ReceiptPreview("", pdf, parent=parent)
    preview.setWindowTitle(title)
    preview.open()
    return preview


class ClosingDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = now_local, save_dialog: SaveDialog = ask_save_path):
        super().__init__(parent)
        self.setObjectName("closingDialog")
        self.db, self.actor, self.clock, self.save_dialog = db, actor, clock, save_dialog
        self.draft = None
        self.closed = None  # the ClosingView once closed
        self.preview = None
        self.setWindowTitle(self.tr("Close the counter"))

        self.heading = page_title(self.tr("Close the counter"))
        self.summary = QLabel()
        self.summary.setObjectName("closingSummary")
        self.summary.setWordWrap(True)
        self.nothing = QLabel()
        self.nothing.setObjectName("closingNothing")
        self.nothing.setWordWrap(True)
        self.nothing.hide()

        self.totals = QWidget()
        form = QFormLayout(self.totals)
        form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for key, label in (("payments", self.tr("Payments:")), ("cash", self.tr("Cash recorded:")),
                           ("transfer", self.tr("Bank transfers:")), ("online", self.tr("Paid online on the portal:")),
                           ("corrections", self.tr("Corrections since the last closing:")),
                           ("pending", self.tr("Receipts not issued yet:"))):
            value = QLabel()
            value.setObjectName(f"closing_{key}")
            self.values[key] = value
            form.addRow(label, value)
        self.counted = MoneyEdit("cashCounted")
        self.counted.setPlaceholderText(self.tr("e.g. 1.250.000"))
        self.counted.amount_changed.connect(self._show_difference)
        counted_row = QWidget()
        h = QHBoxLayout(counted_row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.counted, 1)
        h.addWidget(QLabel("đ"))
        self.counted_error = FieldError()
        column = QWidget()
        v = QVBoxLayout(column)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        v.addWidget(counted_row)
        v.addWidget(self.counted_error)
        form.addRow(self.tr("Cash counted in the drawer:"), column)
        self.difference = QLabel()
        self.difference.setObjectName("closingDifference")
        form.addRow(self.tr("Difference:"), self.difference)
        self.note = QLineEdit()
        self.note.setObjectName("closingNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("Optional: what explains a difference"))
        form.addRow(self.tr("Note:"), self.note)

        self.lines = table("closingLines", [self.tr("Time"), self.tr("Dossier"), self.tr("Payer"), self.tr("Method"),
                                            self.tr("Amount"), self.tr("Receipt")], stretch=(2, 5))
        self.message = message_line("closingMessage")
        self.close_button = action_button(self.tr("Close the books"), "closeCounter", self.close_counter)
        self.print_button = action_button(self.tr("Print the closing sheet"), "printClosing", self.print_sheet)
        self.xlsx_button = action_button(self.tr("Export to Excel…"), "exportClosing", self.export_xlsx)
        done = action_button(self.tr("Close"), "closingDone", self.reject)
        self.print_button.hide()
        self.xlsx_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.xlsx_button, self.close_button, done):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.nothing)
        layout.addWidget(self.totals)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit(self, 900, 680)
        self._enable()
        self.refresh()

    # ---- the draft ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        op(self, _draft, self.db, self.actor, self.clock()).success(self.show_draft) \
            .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").run()

    def show_draft(self, draft) -> None:
        self.draft = draft
        self.heading.setText(self.tr("Close counter {n}").format(n=draft.counter_number))
        empty = not draft.payments
        self.nothing.setText(self.tr("Counter {n} has taken no payment since its last closing: nothing to close.")
                             .format(n=draft.counter_number) if empty else "")
        self.nothing.setVisible(empty)
        self.totals.setVisible(not empty)
        self.lines.setVisible(not empty)
        self.summary.setVisible(not empty)
        if not empty:
            self.summary.setText(self.tr("Payments taken at this counter from {start} to {end}, not yet closed.")
                                 .format(start=when(draft.period_from), end=when(draft.period_to)))
        self.values["payments"].setText(str(draft.payments))
        self.values["cash"].setText(money(draft.cash_total))
        self.values["transfer"].setText(money(draft.transfer_total))
        self.values["online"].setText(money(draft.online_total))
        self.values["corrections"].setText(signed_money(draft.corrections))
        self.values["pending"].setText(str(draft.receipts_pending))
        self.values["pending"].setStyleSheet(ERROR_STYLE if draft.receipts_pending else "")
        self.lines.setRowCount(len(draft.lines))
        for r, line in enumerate(draft.lines):
            for c, text in enumerate((f"{line.time:%H:%M %d/%m}", line.dossier_code, line.payer, line.method_label,
                                      money(line.amount), line.receipt)):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, c, item)
        self._show_difference(self.counted.value())
        self._enable()
        if empty:
            self.nothing.setMinimumWidth(480)
            self.adjustSize()  # one line and "Đóng": no empty window around it

    def _show_difference(self, counted: int | None) -> None:
        self.counted_error.show_message("")
        if self.draft is None or counted is None:
            self.difference.setText("")
            return
        difference = counted - self.draft.cash_total
        self.difference.setText(self.difference_text(difference))
        self.difference.setStyleSheet(ERROR_STYLE if difference else DONE_STYLE)

    def difference_text(self, difference: int) -> str:
        if difference > 0:
            return self.tr("{amount} (more cash than recorded)").format(amount=signed_money(difference))
        if difference < 0:
            return self.tr("{amount} (less cash than recorded)").format(amount=signed_money(difference))
        return self.tr("0 đ (the drawer matches)")

    def _enable(self) -> None:
        open_ = self.closed is None
        can = open_ and self.draft is not None and bool(self.draft.payments)
        self.close_button.setVisible(open_ and not (self.draft is not None and not self.draft.payments))
        self.close_button.setEnabled(can)
        self.counted.setReadOnly(not can)
        self.note.setReadOnly(not can)
        self.print_button.setVisible(not open_)
        self.xlsx_button.setVisible(not open_)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)

    # ---- closing ------------------------------------------------------------------------------------
    def close_counter(self) -> None:
        if self.draft is None or not self.draft.payments or self.closed is not None:
            return
        counted = self.counted.value()
        if counted is None:
            self.counted_error.show_message(self.tr("Enter the cash counted in the drawer, in đồng."))
            self.counted.setFocus()
            return
        difference = counted - self.draft.cash_total
        text = self.tr("A closing is final and cannot be edited; a mistake found later is entered as a correction "
                       "of its own.\n\nClose counter {n}: {count} payments, cash recorded {cash}, cash counted "
                       "{counted}, difference {difference}?").format(
            n=self.draft.counter_number, count=self.draft.payments, cash=money(self.draft.cash_total),
            counted=money(counted), difference=signed_money(difference))
        if not messages.ask(self, self.tr("Close the counter"), text):
            return
        self.say("")
        (op(self, _close, self.db, self.actor, counted, self.note.text().strip(), self.clock())
         .success(self._closed).failure(lambda exc: self.say(str(exc), error=True))
         .changes(Changed.DOSSIER).category("motcua.fees").progress().run())

    def _closed(self, view) -> None:
        self.closed = view
        self.say(self.tr("Counter {n} closed at {at} by {who}: {count} payments, difference {difference}.").format(
            n=view.counter_number, at=when(view.closed_at), who=view.closed_by or self.actor.full_name,
            count=view.payments, difference=signed_money(view.difference)))
        self._enable()
        self.print_button.setFocus()

    # ---- the closing's files ------------------------------------------------------------------------
    def print_sheet(self) -> None:
        if self.closed is None:
            return
        title = self.tr("Closing of counter {n}, {day}").format(n=self.closed.counter_number,
                                                                 day=f"{self.closed.day:%d/%m/%Y}")
        (op(self, closing_file, self.db, self.actor, self.closed.id, "pdf")
         .success(lambda pdf: setattr(self, "preview", show_pdf(self, title, pdf)))
         .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").progress().run())

    def export_xlsx(self) -> None:
        if self.closed is None:
            return
        suggested = f"chot-so-quay-{self.closed.counter_number}-{self.closed.closed_at:%Y%m%d-%H%M}.xlsx"
        path = self.save_dialog(self, self.tr("Export the closing"), suggested, self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        (op(self, export, self.db, self.actor, self.closed.id, path)
         .success(lambda p: self.say(self.tr("Saved {name}.").format(name=Path(p).name)))
         .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").progress().run())


def export(db: Database, actor: Actor, closing_id: int, path: str) -> str:
    return save_file(path, closing_file(db, actor, closing_id, "xlsx"))
