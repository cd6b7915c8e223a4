"""Hồ sơ: every dossier, newest first. One search box takes a code, a CCCD or tax code, a phone
number or a name (diacritics optional); the filters narrow by status, procedure, channel,
reception date, lateness and fees still owed. Enter in the box opens the highlighted (first) row, Down goes to
the first row; in the table, Enter or a double click opens the dossier."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor
from app.domain.vocab import Channel, DossierStatus
from app.formatting import number
from app.services.dossiers.listing import DossierFilter, procedure_choices
from db.engine import Database
from ui.changes import Changed, follow
from ui.column_fit import ColumnFit
from ui.dossiers.model import CODE_ROLE, DossierTableModel

DEBOUNCE_MS = 60
# The columns fit their text (ui/column_fit.py): the procedure, the only long text, is shown last and
# stretches over what is left (at least MIN_PROCEDURE px). When the screen is too narrow the widest
# give way first, down to the width of a typical value here (the code column's fits a provisional
# code, a day's 10,000th and a Circular 04/2025 code of a short unit); the model's tooltip has the
# whole text.
_SAMPLES = {0: "000.00.01.H62-261120-TAM0001", 1: "Nguyễn Thị Phương", 2: "079190012345",
            3: "0912345678", 5: "Trực tuyến", 6: "Được tiếp nhận", 7: "20/11/2026",
            8: "20/11/2026 09:15"}
MIN_PROCEDURE = 150


class DossierListPage(QWidget):
    open_requested = Signal(str)

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dossierListPage")
        self.db, self.actor, self.clock = db, actor, clock
        self._building = True

        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Dossier code, CCCD number, phone or full name (diacritics optional)"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_enter)
        self.search.installEventFilter(self)

        self._build_filters()

        self.model = DossierTableModel(db, actor, clock, self)
        self.model.failed.connect(self._failed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)
        self.columns = ColumnFit(self.table, DossierTableModel.PROCEDURE, MIN_PROCEDURE, _SAMPLES, long_last=True)
        self._fit_timer = self.columns.timer
        # activated = Enter on the current row, or a double click.
        self.table.activated.connect(lambda index: self._open(index.row()))

        self.count = QLabel()
        self.count.setObjectName("dossierCount")

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(self._filters_row1)
        layout.addLayout(self._filters_row2)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._building = False
        self.apply()
        follow(self, {Changed.DOSSIER}, self.reload)  # a dossier registered, moved on or returned elsewhere

    def fit_columns(self) -> None:
        """The columns fitted now (ui/column_fit.py); they also refit by themselves when rows come
        or the view's width changes."""
        self.columns.fit()

    # ---- filters ----------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for s in DossierStatus:
            self.status.addItem(s.label, int(s))

        self.procedure = QComboBox()
        self.procedure.setObjectName("procedureFilter")
        self.procedure.setEditable(True)
        self.procedure.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.procedure.addItem(self.tr("All procedures"), None)
        for pid, code, name in procedure_choices(self.db):
            self.procedure.addItem(f"{name} ({code})", pid)
        completer = self.procedure.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.setMinimumContentsLength(30)
        self.procedure.view().setMinimumWidth(560)
        self.procedure.lineEdit().editingFinished.connect(self._procedure_typed)

        self.channel = QComboBox()
        self.channel.setObjectName("channelFilter")
        self.channel.addItem(self.tr("All channels"), None)
        for c in Channel:
            self.channel.addItem(c.label, int(c))

        today = self.clock().date()
        self.by_date = QCheckBox(self.tr("Received from"))
        self.by_date.setObjectName("dateFilter")
        self.date_from = self._date_edit(today - timedelta(days=30), "dateFrom")
        self.date_to = self._date_edit(today, "dateTo")
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.by_date.toggled.connect(self.date_from.setEnabled)
        self.by_date.toggled.connect(self.date_to.setEnabled)

        self.overdue = QCheckBox(self.tr("Overdue dossiers only"))
        self.overdue.setObjectName("overdueFilter")
        self.fees_owed = QCheckBox(self.tr("Fees owed"))
        self.fees_owed.setObjectName("feesOwedFilter")
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)

        for combo in (self.status, self.procedure, self.channel):
            combo.currentIndexChanged.connect(self._filters_changed)
        for check in (self.by_date, self.overdue, self.fees_owed):
            check.toggled.connect(self._filters_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._filters_changed)

        self._filters_row1 = QHBoxLayout()
        self._filters_row1.addWidget(QLabel(self.tr("Status:")))
        self._filters_row1.addWidget(self.status)
        self._filters_row1.addWidget(QLabel(self.tr("Procedure:")))
        self._filters_row1.addWidget(self.procedure, 1)
        self._filters_row1.addWidget(QLabel(self.tr("Channel:")))
        self._filters_row1.addWidget(self.channel)
        self._filters_row2 = QHBoxLayout()
        self._filters_row2.addWidget(self.by_date)
        self._filters_row2.addWidget(self.date_from)
        self._filters_row2.addWidget(QLabel(self.tr("to")))
        self._filters_row2.addWidget(self.date_to)
        self._filters_row2.addSpacing(16)
        self._filters_row2.addWidget(self.overdue)
        self._filters_row2.addWidget(self.fees_owed)
        self._filters_row2.addStretch(1)
        self._filters_row2.addWidget(self.clear_button)

    def _date_edit(self, d: date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(d.year, d.month, d.day))
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _procedure_typed(self) -> None:
        # Typed text that names no procedure means "all", rather than a stale choice.
        i = self.procedure.findText(self.procedure.currentText(), Qt.MatchFlag.MatchFixedString)
        self.procedure.setCurrentIndex(max(i, 0))
        if i < 0:
            self.procedure.setEditText(self.procedure.itemText(0))

    def _filters_changed(self, *_args) -> None:
        if not self._building:
            self.apply()

    def clear_filters(self) -> None:
        self._building = True
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.procedure.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.by_date.setChecked(False)
        self.overdue.setChecked(False)
        self.fees_owed.setChecked(False)
        self._building = False
        self._debounce.stop()
        self.apply()

    def current_filter(self) -> DossierFilter:
        status = self.status.currentData()
        received_from = received_to = None
        if self.by_date.isChecked():
            received_from = self.date_from.date().toPython()
            received_to = self.date_to.date().toPython()
        return DossierFilter(
            text=self.search.text().strip(),
            statuses=frozenset({status}) if status is not None else frozenset(),
            procedure_id=self.procedure.currentData(), channel=self.channel.currentData(),
            received_from=received_from, received_to=received_to,
            overdue_only=self.overdue.isChecked(), fees_owed=self.fees_owed.isChecked(), now=self.clock())

    # ---- loading ------------------------------------------------------------------------------
    def apply(self, then: Callable[[], None] | None = None) -> None:
        """Search with the filters shown; the rows come through ops (off the GUI thread) and the
        first is selected when they are painted, then `then` runs."""
        self._debounce.stop()

        def shown() -> None:
            self.count.setStyleSheet("")
            if self.model.rowCount():
                self.table.selectRow(0)
                self.table.scrollToTop()
            if then is not None:
                then()

        self.model.set_filter(self.current_filter(), shown)

    def reload(self) -> None:
        self.apply()

    def _failed(self, message: str) -> None:
        self.count.setStyleSheet("color: #b00020;")
        self.count.setText(message)

    def _update_count(self, *_args) -> None:
        if self.model.error:
            return
        n = self.model.rowCount()
        if n == 0:
            self.count.setText(self.tr("No dossier found."))
        elif self.model.has_more():
            self.count.setText(self.tr("Showing {n}+ dossiers (scroll for more)").format(n=number(n)))
        else:
            self.count.setText(self.tr("Showing {n} dossiers").format(n=number(n)))

    # ---- keyboard and opening -------------------------------------------------------------------
    def current_code(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, CODE_ROLE)

    def _open(self, row: int) -> None:
        code = self.model.code_at(row)
        if code:
            self.open_requested.emit(code)

    def _search_enter(self) -> None:
        # Enter in the box opens the highlighted row: the first of the search shown, or of the
        # search typed and not yet run (it runs now, then opens).
        if self._debounce.isActive() or self.model.loading:
            self.apply(self._open_current)
        else:
            self._open_current()

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        self._open(index.row() if index.isValid() else 0)

    def _to_table(self) -> None:
        # Down in the box lands on the first row, whatever was current before: the next Down
        # goes to the second, as in any list.
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.scrollToTop()
            self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down):
            if self._debounce.isActive() or self.model.loading:
                self.apply(self._to_table)  # typed and not searched yet: down once the rows come
            else:
                self._to_table()
            return True
        return super().eventFilter(watched, event)
