"""Pieces the fee pages share: a money field that groups its digits as the officer types
("1.000.000"), signed amounts as a treasury ledger writes them, times dd/MM/yyyy, a table, and the
save dialog the pages ask for a file name (tests give their own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFileDialog, QLineEdit, QTableWidget, QWidget

from app.formatting import money, number
from ui.widgets import list_table

# (parent, caption, suggested path, filter) -> the chosen path, or "" if cancelled
SaveDialog = Callable[[QWidget, str, str, str], str]
MAX_AMOUNT = 10**12  # a closing never counts a thousand billion đồng: more is a typing slip


def ask_save_path(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filters)[0]


def when(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y %H:%M}" if moment else ""


def signed_money(amount: int) -> str:
    """+50.000 đ, −20.000 đ (a true minus sign), 0 đ."""
    if amount > 0:
        return "+" + money(amount)
    if amount < 0:
        return "\u2212" + money(-amount)
    return money(0)


class MoneyEdit(QLineEdit):
    """Whole đồng, typed as digits and shown grouped as typed: 1000000 reads 1.000.000. `signed`
    lets a leading + or − through (a correction may add or take away)."""

    amount_changed = Signal(object)  # int, or None while empty or unreadable

    def __init__(self, name: str, *, signed: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.signed = signed
        pattern = "[+\\-\u2212]?[0-9.]{0,19}" if signed else "[0-9.]{0,19}"  # \u2212: Python's, not PCRE's
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.textChanged.connect(self._regroup)

    def _regroup(self, text: str) -> None:
        sign = text[0] if text[:1] in ("+", "-", "\u2212") else ""
        digits = "".join(c for c in text if c.isdigit()).lstrip("0") or ("0" if any(c.isdigit() for c in text) else "")
        grouped = sign + (number(int(digits)) if digits else "")
        if grouped != text:
            # The cursor keeps its place counted from the end: the dots come and go before it.
            from_end = len(text) - self.cursorPosition()
            self.blockSignals(True)
            self.setText(grouped)
            self.setCursorPosition(max(0, len(grouped) - from_end))
            self.blockSignals(False)
        self.amount_changed.emit(self.value())

    def value(self) -> int | None:
        text = self.text()
        digits = "".join(c for c in text if c.isdigit())
        if not digits or int(digits) > MAX_AMOUNT:
            return None
        return -int(digits) if text[:1] in ("-", "\u2212") else int(digits)

    def set_value(self, amount: int | None) -> None:
        self.setText("" if amount is None else (("-" if amount < 0 else "") + number(abs(amount))))


table = list_table  # the fee pages' read-only lists (ui/widgets.py)


def selected_view(table: QTableWidget):
    """The view kept on the selected row's first cell (Qt.UserRole), or None."""
    model = table.selectionModel()
    rows = model.selectedRows() if model else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
