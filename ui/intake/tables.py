"""The two tables of the intake form: the documents checklist and the fees."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QSpinBox, QTableWidget, QTableWidgetItem, QWidget

from app.domain.fees import online_note
from app.formatting import money
from app.services.intake.registration import DocumentLine, FeeLine


class DocumentsTable(QTableWidget):
    """The procedure's checklist: received tick, name, originals, copies. Every line arrives
    unticked, so that receiving is a real check of the paper: Space ticks or unticks the current
    line, `tick_all` ("Đã nhận đủ", F4 on the form) ticks them all."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, self.COLUMNS, parent)
        self.setObjectName("documents")
        self.setHorizontalHeaderLabels([self.tr("Received"), self.tr("Document"), self.tr("Originals"),
                                        self.tr("Copies")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table: the form's order goes on

    def load(self, documents) -> None:
        self.blockSignals(True)  # half-built rows must not reach itemChanged listeners
        self.setRowCount(0)
        for doc in documents:
            row = self.rowCount()
            self.insertRow(row)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, bool(doc.mandatory))
            self.setItem(row, 0, tick)
            name = QTableWidgetItem(doc.name + ("" if doc.mandatory else self.tr(" (if any)")))
            name.setData(Qt.ItemDataRole.UserRole, doc.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setToolTip(doc.name)
            self.setItem(row, 1, name)
            for col, value in ((2, doc.originals), (3, doc.copies)):
                spin = QSpinBox()
                spin.setRange(0, 99)
                spin.setValue(value)
                spin.setFrame(False)
                self.setCellWidget(row, col, spin)
        self.resizeRowsToContents()
        if self.rowCount():
            self.setCurrentCell(0, 0)
        self.blockSignals(False)
        self.itemChanged.emit(None)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and self.currentRow() >= 0:
            item = self.item(self.currentRow(), 0)
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)

    def tick_all(self) -> None:
        """Everything on the checklist was handed over."""
        self.blockSignals(True)  # one change for the listeners, not one per line
        for row in range(self.rowCount()):
            self.item(row, 0).setCheckState(Qt.CheckState.Checked)
        self.blockSignals(False)
        self.itemChanged.emit(None)

    def lines(self) -> list[DocumentLine]:
        out = []
        for row in range(self.rowCount()):
            tick = self.item(row, 0)
            out.append(DocumentLine(
                name=self.item(row, 1).data(Qt.ItemDataRole.UserRole),
                originals=self.cellWidget(row, 2).value(), copies=self.cellWidget(row, 3).value(),
                mandatory=bool(tick.data(Qt.ItemDataRole.UserRole)),
                received=tick.checkState() == Qt.CheckState.Checked))
        return out


class FeesTable(QTableWidget):
    """The procedure's rate table: unit price × quantity per line. A single line starts at 1;
    a table of tiers or per-page rates starts at 0 and the officer enters what applies."""

    total_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.setObjectName("feesTable")
        self.setHorizontalHeaderLabels([self.tr("Fee"), self.tr("Rate"), self.tr("Qty"), self.tr("Amount")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(2, 80)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self._fees: list = []
        self._chosen = False
        self.total = QLabel()
        self.total.setObjectName("feesTotal")

    def load(self, fees) -> None:
        """The procedure's fee lines; None before a procedure is chosen (nothing to say yet)."""
        self._chosen = fees is not None
        self._fees = list(fees or ())
        self.setRowCount(0)
        single = len(self._fees) == 1
        for fee in self._fees:
            row = self.rowCount()
            self.insertRow(row)
            # The online price is shown too: the counter can tell the citizen it is cheaper online.
            notes = "; ".join(x for x in (fee.note, online_note(fee.amount, fee.online_amount)) if x)
            name = QTableWidgetItem(fee.name + (f" ({notes})" if notes else ""))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            name.setToolTip(name.text())
            self.setItem(row, 0, name)
            rate = QTableWidgetItem(money(fee.amount))
            rate.setFlags(Qt.ItemFlag.ItemIsEnabled)
            rate.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, 1, rate)
            qty = QSpinBox()
            qty.setRange(0, 999)
            qty.setValue(1 if single else 0)
            qty.setFrame(False)
            qty.valueChanged.connect(self._recount)
            self.setCellWidget(row, 2, qty)
            amount = QTableWidgetItem()
            amount.setFlags(Qt.ItemFlag.ItemIsEnabled)
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, 3, amount)
        self.resizeRowsToContents()
        if self.rowCount():
            self.setCurrentCell(0, 0)
        self._recount()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Keyboard entry of the current line's quantity: a digit sets it, + and - step it.
        row, text = self.currentRow(), event.text()
        if row >= 0 and text and (text.isdigit() or text in "+-"):
            spin = self.cellWidget(row, 2)
            spin.setValue(int(text) if text.isdigit() else spin.value() + (1 if text == "+" else -1))
            return
        super().keyPressEvent(event)

    def quantities(self) -> list[int]:
        return [self.cellWidget(r, 2).value() for r in range(self.rowCount())]

    def set_quantity(self, row: int, value: int) -> None:
        self.cellWidget(row, 2).setValue(value)

    def lines(self) -> list[FeeLine]:
        out = []
        for fee, qty in zip(self._fees, self.quantities(), strict=True):
            if qty > 0:
                name = fee.name if qty == 1 else f"{fee.name} × {qty}"
                out.append(FeeLine(name, fee.amount * qty, fee.kind))
        return out

    def _recount(self, *_args) -> None:
        total = 0
        for row, (fee, qty) in enumerate(zip(self._fees, self.quantities(), strict=True)):
            self.item(row, 3).setText(money(fee.amount * qty) if qty else "")
            total += fee.amount * qty
        if not self._chosen:
            self.total.setText("")
        elif not self._fees:
            self.total.setText(self.tr("No fee for this procedure."))
        else:
            self.total.setText(self.tr("Total: {total}").format(total=money(total)))
        self.total_changed.emit(total)
