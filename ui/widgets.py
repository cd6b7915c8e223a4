"""Small shared pieces: page titles, message colours, the red message under a field, and date
conversions for the forms."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #2e7d32;"


def with_notes(widget: QWidget, *notes: QWidget) -> QWidget:
    """`widget` with the lines that speak about it (an error, a warning) right under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    for n in notes:
        layout.addWidget(n)
    return box


def page_title(text: str) -> QLabel:
    """A page's heading: the body font, 4 points larger, bold."""
    title = QLabel(text)
    title.setObjectName("pageTitle")
    font = title.font()
    font.setPointSize(font.pointSize() + 4)
    font.setBold(True)
    title.setFont(font)
    return title


def refresh_button(page: QWidget, text: str, name: str, refresh) -> QPushButton:
    """A page's "Refresh (Ctrl+R)" button and its shortcut, live while the focus is in the page
    (F5 is the counter panel's "call next", everywhere in the window)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(refresh)
    QShortcut(QKeySequence("Ctrl+R"), page, refresh, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return button


def action_button(text: str, name: str, slot) -> QPushButton:
    """A page's or dialog's action: named for tests and the screen-fit walk, never the default
    button (Enter in a field must not press it)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def message_line(name: str) -> QLabel:
    """Where a page or dialog says why something was refused: wraps, never widens the window."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class FieldError(QLabel):
    """Hidden while empty, so a valid form has no gaps."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def parse_day(text: str) -> date | None:
    """dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy or ddmmyyyy) as typed at the counter; empty -> None."""
    t = text.strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", t) or re.fullmatch(r"(\d{2})(\d{2})(\d{4})", t)
    try:
        if m:
            d = date(int(m[3]), int(m[2]), int(m[1]))
            if d > date.today():
                raise ValueError
            return d
    except ValueError:
        pass
    raise UserError(QCoreApplication.translate("widgets", "Date «{text}» is not valid: write dd/mm/yyyy.")
                    .format(text=t), field="birth_date")


def qdatetime(dt: datetime) -> QDateTime:
    return QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute, dt.second))


def to_datetime(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def list_table(name: str, headers: list[str], *, stretch: tuple[int, ...] = ()) -> QTableWidget:
    """Read-only rows, one selected at a time; every column fitted to its text but those in
    `stretch` (the last by default), which share the room left and wrap: a long name never squeezes
    another column to nothing. Each row as tall as its wrapped text, again whenever the columns
    change width (a fit done once, while the page was hidden and narrow, would leave rows many
    lines tall)."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(True)
    t.verticalHeader().hide()
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = t.horizontalHeader()
    wide = stretch or (len(headers) - 1,)
    for c in range(len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c in wide
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return t
