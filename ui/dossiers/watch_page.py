"""Đến hạn, quá hạn: the dossiers already late, due today, and due by the end of the next working
day. Officers see the ones they received (or the whole office, one tick away); supervisors the
whole office; a tick narrows them to the ones still owing a fee. A late one is extended from here,
and its apology letter printed at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.lifecycle import Action, allowed_actions
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.formatting import moment
from app.services.dossiers.query import DossierRow, dossier_detail
from app.services.dossiers.watch import WATCHED, Group, Watch, overdue_watch
from db.engine import Database
from ui import messages
from ui.changes import Changed, follow
from ui.ops import op
from ui.widgets import page_title, refresh_button

REFRESH_MS = 60_000


class WatchPage(QWidget):
    open_requested = Signal(str)  # a dossier code
    changed = Signal(str)  # a dossier was extended here

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("watchPage")
        self.db, self.actor, self.clock = db, actor, clock
        self.watch: Watch | None = None

        title = page_title(self.tr("Due and overdue dossiers"))
        self.mine = QCheckBox(self.tr("Only dossiers I received"))
        self.mine.setObjectName("watchMine")
        self.mine.setChecked(actor.role is Role.OFFICER and actor.user_id is not None)
        self.mine.setVisible(actor.user_id is not None)
        self.mine.toggled.connect(self.refresh)
        self.fees_owed = QCheckBox(self.tr("Fees owed"))
        self.fees_owed.setObjectName("watchFeesOwed")
        self.fees_owed.toggled.connect(self.refresh)
        self.updated = QLabel()
        self.updated.setObjectName("watchUpdated")
        refresh = refresh_button(self, self.tr("Refresh (Ctrl+R)"), "watchRefresh", self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(self.fees_owed)
        top.addWidget(self.mine)
        top.addWidget(refresh)

        self.groups: dict[str, tuple[QGroupBox, QTableWidget]] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for key in ("overdue", "due_today", "due_next_working_day"):
            box = QGroupBox()
            box.setObjectName(f"watch_{key}")
            table = self._table(key)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, 2 if key == "overdue" else 1)
            self.groups[key] = (box, table)

        self.open_button = QPushButton(self.tr("Open the dossier (Enter)"))
        self.open_button.setObjectName("watchOpen")
        self.open_button.clicked.connect(self.open_selected)
        self.extend_button = QPushButton(Action.EXTEND.label + "…")
        self.extend_button.setObjectName("watchExtend")
        self.extend_button.clicked.connect(self.extend_selected)
        self.extend_button.setVisible(any(Action.EXTEND in allowed_actions(s, actor.role) for s in WATCHED))
        self.hint = QLabel(self.tr("A dossier that will be late is extended with the apology letter, "
                                   "printed for the applicant at once."))
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.extend_button)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        follow(self, {Changed.DOSSIER, Changed.CALENDAR}, self.refresh)

    def _table(self, key: str) -> QTableWidget:
        t = QTableWidget(0, 6)
        t.setObjectName(f"watchTable_{key}")
        t.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Applicant"), self.tr("Procedure"),
                                     self.tr("Status"), self.tr("Due"),
                                     self.tr("Late by") if key == "overdue" else self.tr("Time left")])
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = t.horizontalHeader()
        for c in range(6):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 2
                                        else QHeaderView.ResizeMode.ResizeToContents)
        t.cellDoubleClicked.connect(lambda row, _col, table=t: self._open_row(table, row))
        t.itemSelectionChanged.connect(lambda table=t: self._selected_in(table))
        t.installEventFilter(self)
        return t

    # ---- data -----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the watch through ops and paint it when it comes; meanwhile the lists shown stay (a
        refresh asked again before the first is back paints only the newest answer)."""
        now = self.clock()
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation

        def paint(watch) -> None:
            if generation == self._generation:
                self._paint(watch, now)

        (op(self, overdue_watch, self.db, self.actor, now, mine_only=self.mine.isChecked(),
            fees_owed=self.fees_owed.isChecked()).success(paint)
         .failure(lambda exc: self.updated.setText(str(exc))).run())

    def _paint(self, watch, now: datetime) -> None:
        self.watch = watch
        titles = {"overdue": self.tr("Overdue ({n})"), "due_today": self.tr("Due today ({n})"),
                  "due_next_working_day": self.tr("Due by the end of the next working day ({n})")}
        for key, (box, table) in self.groups.items():
            group: Group = getattr(self.watch, key)
            title = titles[key].format(n=group.count)
            if group.count > len(group.rows):
                title += " " + self.tr("· the first {n} shown").format(n=len(group.rows))
            box.setTitle(title)
            self._fill(table, group.rows, now, late=key == "overdue")
        self.updated.setText(self.tr("Updated at {time}").format(time=f"{now:%H:%M}"))
        self._selected_in(None)

    def _fill(self, table: QTableWidget, rows: list[DossierRow], now: datetime, late: bool) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            minutes = int((now - row.due_at).total_seconds() // 60)
            values = (row.code, row.applicant_name, row.procedure_name, row.status_label, moment(row.due_at),
                      self._span(minutes))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # the procedure's name is often longer than its column
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row.code)
                if c == 5 and late:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)

    def _span(self, minutes: int) -> str:
        """A duration as the counter says it: "2 ngày 3 giờ", "45 phút"."""
        days, rest = divmod(abs(minutes), 24 * 60)
        hours, mins = divmod(rest, 60)
        if days:
            return (self.tr("{d} d {h} h") if hours else self.tr("{d} d")).format(d=days, h=hours)
        if hours:
            return (self.tr("{h} h {m} min") if mins else self.tr("{h} h")).format(h=hours, m=mins)
        return self.tr("{m} min").format(m=mins)

    # ---- acting on the selection ----------------------------------------------------------------
    def _selected_in(self, table: QTableWidget | None) -> None:
        """One selection across the three tables: choosing in one clears the others."""
        if table is not None and table.selectedItems():
            for _box, other in self.groups.values():
                if other is not table:
                    other.blockSignals(True)
                    other.clearSelection()
                    other.blockSignals(False)
        has = self.selected_code() is not None
        self.open_button.setEnabled(has)
        self.extend_button.setEnabled(has)

    def selected_code(self) -> str | None:
        for _box, table in self.groups.values():
            rows = table.selectionModel().selectedRows()
            if rows:
                return table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return None

    def _open_row(self, table: QTableWidget, row: int) -> None:
        self.open_requested.emit(table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def open_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.open_requested.emit(code)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_selected()
            return True
        return super().eventFilter(obj, event)

    def extend_selected(self, dialog=None) -> bool:
        """True once the officer asked for the extension; `changed` follows when it is done."""
        from ui.dossiers.actions import run_action

        code = self.selected_code()
        if code is None:
            return False
        asked: list[bool] = []

        def ask(detail: dict) -> None:  # the dialog's defaults need the dossier, read through ops
            asked.append(run_action(self, self.db, self.actor, detail, Action.EXTEND, self.clock(), dialog,
                                    show_document=lambda title, pdf: self.show_document(code, title, pdf),
                                    done=lambda: self.changed.emit(code)) is not None)

        op(self, dossier_detail, self.db, self.actor, code).success(ask) \
            .failure(lambda exc: messages.info(str(exc), "motcua.ui", self)).run()
        return bool(asked and asked[0])

    def show_document(self, code: str, title: str, pdf: bytes) -> None:
        from ui.dossiers.actions import show_document

        show_document(self, code, title, pdf)
