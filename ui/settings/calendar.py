"""Cài đặt › Lịch làm việc: the year's public holidays and the office's own days off and make-up
working days, on a calendar and in a list; supervisors may change it too (EDIT_CALENDAR)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import DayInfo
from app.errors import UserError
from app.services.settings.calendar import (
    DAY_OFF,
    WORKING_DAY,
    add_override,
    remove_override,
    year_listing,
)
from ui.changes import Changed
from ui.ops import Op, op
from ui.settings.common import line_edit, lock, with_error
from ui.widgets import DONE_STYLE, ERROR_STYLE

# Background colours of the special days, also used by the legend.
HOLIDAY, SWAP, OFFICE_OFF, OFFICE_WORK = "#f4c7c3", "#c6dafc", "#ffd699", "#b7e1cd"


def colour_of(info: DayInfo) -> str:
    if info.source == "office":
        return OFFICE_WORK if info.working else OFFICE_OFF
    return SWAP if info.working else HOLIDAY


class CalendarTab(QWidget):
    def __init__(self, db, actor, editable: bool, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.editable = db, actor, editable
        self.special: dict[date, DayInfo] = {}
        self.year = QSpinBox()
        self.year.setObjectName("calendarYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("officeCalendar")
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumSize(340, 250)
        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.selectionChanged.connect(self._day_chosen)
        self.year.valueChanged.connect(self._year_changed)

        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Year:")))
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(year_row)
        left.addWidget(self.calendar)
        left.addWidget(self._legend())
        left.addStretch(1)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("specialDays")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Reason")])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._row_chosen)

        self.day_label = QLabel()
        self.day_label.setObjectName("chosenDay")
        self.day_label.setWordWrap(True)
        font = self.day_label.font()
        font.setBold(True)
        self.day_label.setFont(font)
        self.reason = line_edit("overrideReason", self.tr("Reason (required), e.g. Tết holiday moved by the "
                                                          "provincial people's committee"))
        reason_row, self.reason_error = with_error(self.reason)
        self.add_off = QPushButton(self.tr("Add a day off"))
        self.add_off.setObjectName("addDayOff")
        self.add_off.clicked.connect(lambda: self.add(DAY_OFF))
        self.add_work = QPushButton(self.tr("Add a make-up working day"))
        self.add_work.setObjectName("addWorkingDay")
        self.add_work.clicked.connect(lambda: self.add(WORKING_DAY))
        self.remove_button = QPushButton(self.tr("Remove the change"))
        self.remove_button.setObjectName("removeOverride")
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for b in (self.add_off, self.add_work, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("calendarMessage")
        self.message.setWordWrap(True)
        chosen = QGroupBox(self.tr("The chosen day"))
        v = QVBoxLayout(chosen)
        v.addWidget(self.day_label)
        v.addWidget(reason_row)
        v.addLayout(buttons)
        v.addWidget(self.message)

        right = QVBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("specialCount")
        right.addWidget(self.count)
        right.addWidget(self.table, 1)
        right.addWidget(chosen)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        lock(self.reason, editable)
        self.show_year(today.year, keep_day=today)

    def _legend(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 0)
        for i, (colour, text) in enumerate((
                (HOLIDAY, self.tr("Public holiday")), (SWAP, self.tr("Weekend day worked by government swap")),
                (OFFICE_OFF, self.tr("Day off of this office")), (OFFICE_WORK, self.tr("Make-up working day of "
                                                                                      "this office")))):
            swatch = QLabel()
            swatch.setFixedSize(16, 16)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #888;")
            label = QLabel(text)
            label.setWordWrap(True)
            grid.addWidget(swatch, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 1)
        grid.setColumnStretch(1, 1)
        return box

    # ---- showing a year ------------------------------------------------------------------------
    def show_year(self, year: int, keep_day: date | None = None) -> None:
        listing = year_listing(self.db, year)
        self.special = {i.day: i for i in listing}
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # forget the last year's colours
        for info in listing:
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(colour_of(info))))
            # A Saturday worked is not drawn in the weekend's red; a weekday off is.
            fmt.setForeground(QBrush(QColor("#000000" if info.working else "#b00020")))
            fmt.setToolTip(self._kind(info) + (f": {info.reason}" if info.reason else ""))
            self.calendar.setDateTextFormat(QDate(info.day.year, info.day.month, info.day.day), fmt)
        self.table.setRowCount(len(listing))
        locale = QLocale()
        for row, info in enumerate(listing):
            q = QDate(info.day.year, info.day.month, info.day.day)
            cells = (f"{locale.dayName(q.dayOfWeek(), QLocale.FormatType.ShortFormat)} {info.day:%d/%m/%Y}",
                     self._kind(info), info.reason or "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setBackground(QBrush(QColor(colour_of(info))))
                item.setData(Qt.ItemDataRole.UserRole, info.day.toordinal())
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        offs = sum(1 for i in listing if not i.working)
        self.count.setText(self.tr("{year}: {offs} days off and {works} make-up working days besides the weekends.")
                           .format(year=year, offs=offs, works=len(listing) - offs))
        if self.year.value() != year:
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        day = keep_day or (date(year, self.calendar.selectedDate().month(), 1)
                           if self.calendar.selectedDate().year() != year else None)
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._day_chosen()

    def _kind(self, info: DayInfo) -> str:
        if info.source == "office":
            return self.tr("Make-up working day (office)") if info.working else self.tr("Day off (office)")
        if info.source == "swap":
            return self.tr("Make-up working day (government)")
        return self.tr("Public holiday")

    def _year_changed(self, year: int) -> None:
        self.show_year(year)

    def _page_changed(self, year: int, month: int) -> None:
        if year != self.year.value():  # the calendar's own arrows went into another year
            self.show_year(year, keep_day=date(year, month, 1))

    def chosen_day(self) -> date:
        q = self.calendar.selectedDate()
        return date(q.year(), q.month(), q.day())

    def _day_chosen(self) -> None:
        d = self.chosen_day()
        info = self.special.get(d)
        q = self.calendar.selectedDate()
        name = QLocale().dayName(q.dayOfWeek(), QLocale.FormatType.LongFormat)
        if info is not None:
            what = self._kind(info) + (f": {info.reason}" if info.reason else "")
        elif d.weekday() >= 5:
            what = self.tr("weekend")
        else:
            what = self.tr("ordinary working day")
        self.day_label.setText(f"{name}, {d:%d/%m/%Y} · {what}")
        office = info is not None and info.source == "office"
        self.add_off.setEnabled(self.editable)
        self.add_work.setEnabled(self.editable)
        self.remove_button.setEnabled(self.editable and office)
        if self.calendar.yearShown() != self.year.value():
            return
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == d.toordinal():
                self.table.blockSignals(True)
                self.table.selectRow(row)
                self.table.blockSignals(False)
                return
        self.table.clearSelection()

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            d = date.fromordinal(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
            self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    # ---- changing it ---------------------------------------------------------------------------
    def add(self, kind: str) -> bool:
        d = self.chosen_day()
        self.reason_error.show_message("")
        def added(_result) -> None:
            self.reason.clear()
            self.show_year(d.year, keep_day=d)
            self._said(self.tr("{day} is now a day off of this office.") if kind == DAY_OFF
                       else self.tr("{day} is now a make-up working day of this office."), d)

        return self._run(op(self, add_override, self.db, self.actor, d, kind, self.reason.text()).success(added))

    def remove(self) -> bool:
        d = self.chosen_day()
        self.reason_error.show_message("")
        def removed(_result) -> None:
            self.show_year(d.year, keep_day=d)
            self._said(self.tr("The office's change for {day} was removed."), d)

        return self._run(op(self, remove_override, self.db, self.actor, d).success(removed))

    def _run(self, work: Op) -> bool:
        """True when done by the time it returns (a synchronous pool); appointments move with the
        calendar, so the pages that show them refresh."""
        work.failure(self._failed).changes(Changed.CALENDAR).progress().run()
        return work.done and work.error is None

    def _said(self, text: str, d: date) -> None:
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(text.format(day=f"{d:%d/%m/%Y}"))

    def _failed(self, exc: UserError) -> bool:
        if exc.field == "reason":
            self.reason_error.show_message(exc.message)
            self.reason.setFocus()
            self.message.setText("")
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
        return False
