"""The dossier table's model: rows come a page at a time from app.services.dossiers.listing as the
view scrolls (canFetchMore/fetchMore), so a million dossiers cost one page of memory to show."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from app.domain.permissions import Actor
from app.domain.vocab import Channel
from app.errors import UserError
from app.services.dossiers.listing import PAGE, DossierFilter, fetch_page, urgency
from app.services.dossiers.query import DossierRow
from db.engine import Database
from ui.ops import op

log = logging.getLogger("motcua.ui")

_ROOT = QModelIndex()  # the invalid index: the table's root
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2

_BACKGROUND = {"overdue": QColor("#fde2e1"), "due_soon": QColor("#fff1cc")}
_FOREGROUND = {"overdue": QColor("#8a1c13"), "due_soon": QColor("#6b4e00")}


def _stamp(dt: datetime | None) -> str:
    return f"{dt:%d/%m/%Y %H:%M}" if dt else ""


class DossierTableModel(QAbstractTableModel):
    CODE, NAME, ID_NUMBER, PHONE, PROCEDURE, CHANNEL, STATUS, RECEIVED, DUE = range(9)

    # A UserError from the service (e.g. a refused permission), for the page to show.
    failed = Signal(str)

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.actor, self.clock = db, actor, clock
        self.filter = DossierFilter()
        self.rows: list[DossierRow] = []
        self._more = False
        self._now = clock()
        self.error = ""
        self.loading = False  # a page is on its way
        self._generation = 0
        self._headers = (self.tr("Code"), self.tr("Applicant"), self.tr("CCCD/Tax code"), self.tr("Phone"),
                         self.tr("Procedure"), self.tr("Channel"), self.tr("Status"), self.tr("Received on"),
                         self.tr("Due on"))
        self._why = {"overdue": self.tr("Overdue"), "due_soon": self.tr("Due within one working day")}

    # ---- loading --------------------------------------------------------------------------
    # Pages are read through ops (ui/ops.py, off the GUI thread); the rows shown stay until the
    # answer comes, and only the newest ask is painted.
    def _owner(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def _read(self, before_id: int | None, then: Callable[[list[DossierRow]], None]) -> None:
        self._generation += 1
        generation = self._generation
        self.loading = True

        def arrived(page: list[DossierRow]) -> None:
            if generation != self._generation:
                return
            self.loading = False
            self._more = len(page) == PAGE
            then(page)

        def failed(exc: UserError) -> None:
            # A refusal or a lost database (ops worded it) shows where the count goes.
            if generation != self._generation:
                return
            self.loading = False
            self._more = False
            if before_id is None:
                self.beginResetModel()
                self.rows = []
                self.endResetModel()
            self.error = str(exc)
            self.failed.emit(self.error)

        op(self._owner(), fetch_page, self.db, self.actor, self.filter, before_id, PAGE) \
            .success(arrived).failure(failed).run()

    def set_filter(self, flt: DossierFilter, then: Callable[[], None] | None = None) -> None:
        """Show the first page for `flt` when it comes, then call `then`."""
        self.filter, self._now = flt, self.clock()

        def shown(page: list[DossierRow]) -> None:
            self.beginResetModel()
            self.error = ""
            self.rows = page
            self.endResetModel()
            if then is not None:
                then()

        self._read(None, shown)

    def reload(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more and not self.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or not self._more or not self.rows or self.loading:
            return

        def more(page: list[DossierRow]) -> None:
            if page:
                self.beginInsertRows(_ROOT, len(self.rows), len(self.rows) + len(page) - 1)
                self.rows.extend(page)
                self.endInsertRows()

        self._read(self.rows[-1].id, more)

    def has_more(self) -> bool:
        return self._more

    def code_at(self, row: int) -> str | None:
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    # ---- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
                return self._headers[section]
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        try:
            return self._data(self.rows[index.row()], index.column(), role)
        except Exception:  # a bad row must not take the view (and the app) down with it
            log.exception("dossier table: cannot show row %s column %s", index.row(), index.column())
            return None

    def _data(self, r: DossierRow, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == CODE_ROLE:
            return r.code
        if role == URGENCY_ROLE:
            return urgency(r, self._now)
        if role == Qt.ItemDataRole.BackgroundRole:
            u = urgency(r, self._now)
            return QBrush(_BACKGROUND[u]) if u else None
        if role == Qt.ItemDataRole.ForegroundRole:
            u = urgency(r, self._now)
            return QBrush(_FOREGROUND[u]) if u else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text (long names are elided in the cell), then why the row is coloured.
            u = urgency(r, self._now)
            full = f"{r.procedure_name} ({r.procedure_code})" if col == self.PROCEDURE else self._text(r, col)
            return "\n".join(x for x in (self._why[u] if u else "", full) if x) or None
        return None

    def column_texts(self, col: int) -> list[str]:
        """What every loaded row shows in `col` (ui/column_fit.py measures the widest)."""
        return [self._text(r, col) for r in self.rows]

    def _text(self, r: DossierRow, col: int) -> str:
        if col == self.CODE:
            return r.code
        if col == self.NAME:
            return r.applicant_name
        if col == self.ID_NUMBER:
            return r.applicant_id_number or ""
        if col == self.PHONE:
            return r.applicant_phone or ""
        if col == self.PROCEDURE:
            return r.procedure_name
        if col == self.CHANNEL:
            return Channel(r.channel).label
        if col == self.STATUS:
            return r.status_label
        if col == self.RECEIVED:
            return f"{r.received_at:%d/%m/%Y}"
        if col == self.DUE:
            return _stamp(r.due_at)
        return ""
