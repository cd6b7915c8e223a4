"""A notice as the desk's lists show it (the dossier window's section and the officer's list of
failed notices): kind, channel and state in Vietnamese, the recipient masked (never whole on a
screen: the number and address are the citizen's, app/domain/privacy.py), times as dd/MM/yyyy."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from app.domain.notices import FAILED, NoticeKind, channel_label, mask_recipient, state_label
from ui.widgets import list_table


def when(moment: datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def kind_label(kind: str) -> str:
    try:
        return NoticeKind(kind).label
    except ValueError:
        return kind


def is_failed(view) -> bool:
    return view.state == FAILED


def cells(view, *, with_code: bool = False) -> list[str]:
    """[code,] kind, channel, recipient, state, sent, delivered, reason."""
    sent = when(view.sent_at)
    row = [kind_label(view.kind), channel_label(view.channel), mask_recipient(view.channel, view.recipient) or "",
           state_label(view.state), sent, when(view.delivered_at), view.last_error or ""]
    return [view.code, *row] if with_code else row


def table(name: str, headers: list[str]) -> QTableWidget:
    """The notices' lists: the last column (the reason) takes the room left and wraps."""
    return list_table(name, headers)


def fill(t: QTableWidget, views: list, *, with_code: bool = False, keep: tuple[int, ...] | None = None) -> None:
    """The rows, each holding its view (Qt.UserRole on the first cell); `keep`: which of `cells`
    to show (a hidden column would still count when the rows are fitted to their text). The
    selection stays on the same notice when it is still listed."""
    current = selected(t)
    t.setRowCount(len(views))
    for r, view in enumerate(views):
        row = cells(view, with_code=with_code)
        for c, text in enumerate(row if keep is None else [row[i] for i in keep]):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, view)
            t.setItem(r, c, item)
        if current is not None and view.uuid == current.uuid:
            t.selectRow(r)


def selected(t: QTableWidget):
    rows = t.selectionModel().selectedRows() if t.selectionModel() else []
    if not rows:
        return None
    item = t.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
