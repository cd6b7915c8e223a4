"""The reports page's tables and key-figure tiles: read-only rows of figures, numbers right-aligned
("1.234", "97,5 %", "–" where there is nothing to divide), sorted by value on a click."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app.domain.folding import fold
from app.formatting import number, percent
from ui.column_fit import ColumnFit

SORT_ROLE = Qt.ItemDataRole.UserRole


def two_lines(text: str) -> str:
    """A column heading on two lines, split at the space nearest its middle: a dozen columns of
    figures fit side by side with the procedure's name."""
    if "\n" in text or len(text) <= 6 or " " not in text:
        return text
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def minutes(value: float | None) -> str:
    return "–" if value is None else number(round(value, 1))


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: str = "int"  # "text", "int", "share" (0..1) or "minutes"

    def show(self, row) -> str:
        v = self.value(row)
        if self.kind == "text":
            return "" if v is None else str(v)
        if self.kind == "share":
            return percent(v)
        if self.kind == "minutes":
            return minutes(v)
        return "–" if v is None else number(v)


class FigureModel(QAbstractTableModel):
    """Read-only rows of figures: numbers right-aligned, sorted by their value, not their text."""

    def __init__(self, columns: list[Column], bold: Callable[[Any], bool] | None = None, parent=None):
        super().__init__(parent)
        self.columns, self.bold, self.rows = columns, bold, []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            col = self.columns[section]
            return col.header if col.kind == "text" else two_lines(col.header)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.show(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == "text":
            return col.show(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            v = col.value(row)
            return (-1 if v is None else v) if col.kind != "text" else fold(str(v or ""))
        if role == Qt.ItemDataRole.FontRole and self.bold is not None and self.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None


class FigureTable(QTableView):
    """Figures fitted to their contents; the name column (`wide`) takes what is left, but never
    less than MIN_NAME (or its longest name, when shorter): a long table scrolls sideways rather
    than cut every name to "Cấp…" or a figure (ui/column_fit.py)."""

    MIN_NAME = 260

    def __init__(self, name: str, model: FigureModel, wide: int | None, sortable: bool = True):
        super().__init__()
        self.setObjectName(name)
        self.wide = wide
        if sortable:
            proxy = QSortFilterProxyModel(self)
            proxy.setSortRole(SORT_ROLE)
            proxy.setSourceModel(model)
            self.setModel(proxy)
            # No column sorted at first (-1, ascending: the source order), i.e. the service's.
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)
            # A click on a heading sorts, but no arrow: its reserved room would make every column
            # of figures twice as wide as its "Quá hạn" heading.
            self.horizontalHeader().setSortIndicatorShown(False)
        else:
            self.setModel(model)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.columns = None
        if wide is None:  # figures only: the last column takes what is left
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
        else:  # no samples: a figure never gives way
            self.columns = ColumnFit(self, wide, self.MIN_NAME, scroll=True)

    def fit(self) -> None:
        if self.columns is not None:
            self.columns.fit()


class Tile(QFrame):
    """One key figure: what it is, the figure, and what it is made of."""

    def __init__(self, name: str, title: str):
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#{name} {{ background: white; border: 1px solid #cfd8dc; border-radius: 4px; }}")
        self.title = QLabel(title)
        self.value = QLabel("–")
        self.value.setObjectName(name + "Value")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName(name + "Detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        for w in (self.title, self.value, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)

    def show_figure(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
