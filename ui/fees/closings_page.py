"""Chốt sổ các quầy (issue 25 §3, docs/fees.md "Tại quầy"): the supervisor's view of every counter's
closings in a period (C's closings: counter, day, who, when, the totals by method, the cash counted,
the difference and what later corrections made up of it), the open differences highlighted and a
filter to see only them (C's open_differences). For an open difference, "Điều chỉnh…" enters a
correction (an entry of its own, dated today: a closing is never edited); any closing opens as its
PDF (the app's preview and print) and exports to Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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
from app.formatting import money
from db.engine import Database
from ui.changes import Changed, follow
from ui.fees.closing_dialog import closing_file, export, show_pdf
from ui.fees.common import (
    MoneyEdit,
    SaveDialog,
    ask_save_path,
    selected_view,
    signed_money,
    table,
    when,
)
from ui.ops import op
from ui.widgets import (
    DONE_STYLE,
    ERROR_STYLE,
    FieldError,
    action_button,
    message_line,
    page_title,
    refresh_button,
)

OPEN_BACKGROUND = QColor("#fde2e1")  # an open difference: the row stands out
REASON_MAX = 500


def read_closings(db: Database, actor: Actor, start: date, end: date, counter_id: int | None,
                  only_open: bool) -> tuple[list, set[int], list]:
    """The closings to list, the ids of the open differences, and the counters (for the filter)."""
    from app.services.fees.closing import closings, open_differences
    from app.services.settings.office import list_counters

    open_views = open_differences(db, actor)
    if only_open:
        views = [v for v in open_views if counter_id is None or v.counter_id == counter_id]
    else:
        views = closings(db, actor, start, end, counter_id)
    return views, {v.id for v in open_views}, list_counters(db)


def _correct(db: Database, actor: Actor, closing_id: int, amount: int, reason: str, at: datetime):
    from app.services.fees.closing import correct_closing

    return correct_closing(db, actor, closing_id, amount, reason, at)


class CorrectionDialog(QDialog):
    """A correction of one closing: the amount found (+) or missing (−) and why."""

    def __init__(self, view, submit: Callable[[int | None, str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(self.tr("Correct a closing"))
        self.submit = submit
        left = view.difference + view.corrected
        intro = QLabel(self.tr("Counter {n}, closed at {at} by {who}: difference {difference}, corrected so far "
                               "{corrected}, still open {left}.").format(
            n=view.counter_number, at=when(view.closed_at), who=view.closed_by, difference=signed_money(view.difference),
            corrected=signed_money(view.corrected), left=signed_money(left)))
        intro.setWordWrap(True)
        self.amount = MoneyEdit("correctionAmount", signed=True)
        self.amount.set_value(-left)  # what makes the difference up; the officer changes it if less was found
        self.amount_error = FieldError()
        self.reason = QLineEdit()
        self.reason.setObjectName("correctionReason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("e.g. 20.000 đ found in the drawer the next morning"))
        self.message = QLabel()
        self.message.setObjectName("correctionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        amount_box = QWidget()
        v = QVBoxLayout(amount_box)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.amount, 1)
        row.addWidget(QLabel("đ"))
        v.addLayout(row)
        v.addWidget(self.amount_error)
        form = QFormLayout()
        form.addRow(self.tr("Amount (+ found, − missing):"), amount_box)
        form.addRow(self.tr("Reason:"), self.reason)
        note = QLabel(self.tr("The closing stays as it was: the correction is an entry of its own, dated today, "
                              "shown with the counter's next closing."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Record the correction"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("recordCorrection")
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self.reason.setFocus()

    def _save(self) -> None:
        self.message.setText("")
        self.amount_error.show_message("")
        amount = self.amount.value()
        if amount is None:
            self.amount_error.show_message(self.tr("Enter the amount in đồng, with − if it is missing."))
            self.amount.setFocus()
            return
        self.submit(amount, self.reason.text().strip())

    def refused(self, text: str) -> None:
        self.message.setText(text)


class ClosingsPage(QWidget):
    COLUMNS = 11

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None, *, save_dialog: SaveDialog = ask_save_path):
        super().__init__(parent)
        self.setObjectName("closingsPage")
        self.db, self.actor, self.clock, self.save_dialog = db, actor, clock, save_dialog
        self.views: list = []
        self.open_ids: set[int] = set()
        self.correction: CorrectionDialog | None = None
        self.preview = None
        today = clock().date()
        self.start = self._date_edit("closingsFrom", today.replace(day=1))
        self.end = self._date_edit("closingsTo", today)
        self.counter = QComboBox()
        self.counter.setObjectName("closingsCounter")
        self.counter.addItem(self.tr("Every counter"), None)
        self.only_open = QCheckBox(self.tr("Only open differences"))
        self.only_open.setObjectName("onlyOpenDifferences")
        for w in (self.start, self.end):
            w.dateChanged.connect(lambda _d: self.refresh())
        self.counter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.only_open.toggled.connect(self._only_open)
        self.table = table("closingsTable", [
            self.tr("Counter"), self.tr("Day"), self.tr("Closed by"), self.tr("At"), self.tr("Cash"),
            self.tr("Transfers"), self.tr("Online"), self.tr("Cash counted"), self.tr("Difference"),
            self.tr("Corrected"), self.tr("Note")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemActivated.connect(lambda _item: self.open_pdf())
        self.empty = QLabel()
        self.empty.setObjectName("noClosings")
        self.message = message_line("closingsMessage")
        self.correct_button = action_button(self.tr("Correct…"), "correctClosing", self.correct_selected)
        self.pdf_button = action_button(self.tr("Open the PDF"), "closingPdf", self.open_pdf)
        self.xlsx_button = action_button(self.tr("Export to Excel…"), "closingXlsx", self.export_xlsx)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Counter closings")))
        top.addStretch(1)
        top.addWidget(refresh_button(self, self.tr("Refresh (Ctrl+R)"), "closingsRefresh", self.refresh))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.start)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.end)
        filters.addWidget(QLabel(self.tr("Counter")))
        filters.addWidget(self.counter)
        filters.addWidget(self.only_open)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.correct_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        follow(self, {Changed.DOSSIER, Changed.SETTINGS}, self.refresh)  # a closing, a correction, a counter
        self._enable()

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def nav_label(self) -> str:
        return self.tr("Counter closings")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    # ---- reading ------------------------------------------------------------------------------------
    def _only_open(self, on: bool) -> None:
        for w in (self.start, self.end):
            w.setEnabled(not on)  # an open difference is listed whatever its day
        self.refresh()

    def refresh(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        (op(self, read_closings, self.db, self.actor, start, end, self.counter.currentData(),
            self.only_open.isChecked())
         .success(self.show_list).failure(lambda exc: self.say(str(exc), error=True))
         .category("motcua.fees").run())

    def show_list(self, result: tuple[list, set[int], list]) -> None:
        views, self.open_ids, counters = result
        self._counters(counters)
        keep = self.selected().id if self.selected() is not None else None
        self.views = views
        self.table.setRowCount(len(views))
        for r, view in enumerate(views):
            correction = view.kind == "correction"
            cells = (str(view.counter_number), f"{view.day:%d/%m/%Y}", view.closed_by, when(view.closed_at),
                     "" if correction else money(view.cash_total), "" if correction else money(view.transfer_total),
                     "" if correction else money(view.online_total),
                     "" if view.cash_counted is None else money(view.cash_counted), signed_money(view.difference),
                     "" if correction else signed_money(view.corrected),
                     self._note(view))
            opened = view.id in self.open_ids
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, view)
                if 4 <= c <= 9:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if opened:
                    item.setBackground(QBrush(OPEN_BACKGROUND))
                self.table.setItem(r, c, item)
            if view.id == keep:
                self.table.selectRow(r)
        self.table.setVisible(bool(views))
        self.empty.setText(self.tr("No open difference.") if self.only_open.isChecked()
                           else self.tr("No closing in this period."))
        self.empty.setVisible(not views)
        n = len(self.open_ids)
        self.say(self.tr("{n} closing(s) with a difference not made up yet, highlighted.").format(n=n) if n else "",
                 error=bool(n))
        self._enable()

    def _note(self, view) -> str:
        if view.kind == "correction":
            target = next((v for v in self.views if v.id == view.corrects_id), None)
            of = (self.tr("Correction of the closing of {day}").format(day=f"{target.day:%d/%m/%Y}") if target
                  else self.tr("Correction"))
            return f"{of}: {view.note or ''}"
        return view.note or ""

    def _counters(self, counters: list) -> None:
        wanted = [(self.tr("Counter {n}").format(n=c.number), c.id) for c in counters]
        have = [(self.counter.itemText(i), self.counter.itemData(i)) for i in range(1, self.counter.count())]
        if wanted == have:
            return
        current = self.counter.currentData()
        self.counter.blockSignals(True)
        while self.counter.count() > 1:
            self.counter.removeItem(1)
        for text, counter_id in wanted:
            self.counter.addItem(text, counter_id)
        index = self.counter.findData(current)
        self.counter.setCurrentIndex(max(index, 0))
        self.counter.blockSignals(False)

    def selected(self):
        return selected_view(self.table)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _enable(self) -> None:
        view = self.selected()
        self.correct_button.setEnabled(view is not None and view.id in self.open_ids)
        self.pdf_button.setEnabled(view is not None)
        self.xlsx_button.setEnabled(view is not None)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)

    # ---- a correction -------------------------------------------------------------------------------
    def correct_selected(self) -> None:
        view = self.selected()
        if view is None or view.id not in self.open_ids:
            return
        dialog = CorrectionDialog(view, lambda amount, reason: self._record(view, amount, reason), self)
        self.correction = dialog
        dialog.finished.connect(lambda _r: self._correction_closed(dialog))
        dialog.open()

    def _correction_closed(self, dialog: CorrectionDialog) -> None:
        if self.correction is dialog:
            self.correction = None
        dialog.deleteLater()

    def _record(self, view, amount: int, reason: str) -> None:
        dialog = self.correction
        (op(self, _correct, self.db, self.actor, view.id, amount, reason, self.clock())
         .success(lambda v: self._recorded(dialog, v))
         .failure(lambda exc: dialog.refused(str(exc)) if dialog is not None else self.say(str(exc), error=True))
         .changes(Changed.DOSSIER).category("motcua.fees").progress().run())

    def _recorded(self, dialog: CorrectionDialog | None, view) -> None:
        if dialog is not None:
            dialog.accept()
        self.refresh()
        self.say(self.tr("Correction of {amount} recorded for counter {n}.").format(
            amount=signed_money(view.difference), n=view.counter_number))

    # ---- files --------------------------------------------------------------------------------------
    def open_pdf(self) -> None:
        view = self.selected()
        if view is None:
            return
        title = self.tr("Closing of counter {n}, {day}").format(n=view.counter_number, day=f"{view.day:%d/%m/%Y}")
        (op(self, closing_file, self.db, self.actor, view.id, "pdf")
         .success(lambda pdf: setattr(self, "preview", show_pdf(self, title, pdf)))
         .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").progress().run())

    def export_xlsx(self) -> None:
        view = self.selected()
        if view is None:
            return
        suggested = f"chot-so-quay-{view.counter_number}-{view.closed_at:%Y%m%d-%H%M}.xlsx"
        path = self.save_dialog(self, self.tr("Export the closing"), suggested, self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        (op(self, export, self.db, self.actor, view.id, path)
         .success(lambda p: self.say(self.tr("Saved {name}.").format(name=Path(p).name)))
         .failure(lambda exc: self.say(str(exc), error=True)).category("motcua.fees").progress().run())
