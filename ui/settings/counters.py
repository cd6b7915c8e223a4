"""Cài đặt › Quầy: the office's counters. A counter that has served anyone is taken out of use,
never deleted: its dossiers and tickets keep naming it (app.services.settings.office)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from app.errors import NotFound, UserError
from app.services.settings.office import (
    MAX_COUNTER,
    CounterRow,
    add_counter,
    list_counters,
    remove_counter,
    update_counter,
)
from ui.changes import Changed
from ui.ops import Op, op
from ui.settings.common import line_edit, lock, note, spin_box, with_error
from ui.widgets import DONE_STYLE, ERROR_STYLE


class CountersTab(QWidget):
    def __init__(self, db, actor, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.editable = db, actor, editable
        self.counters: list[CounterRow] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("countersTable")
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Name"), self.tr("State"),
                                              self.tr("Has dossiers or tickets")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)

        # The selected counter: rename, take out of use or back, remove.
        self.name = line_edit("counterName")
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setObjectName("renameCounter")
        self.rename_button.clicked.connect(self.rename)
        self.active_button = QPushButton(self.tr("Stop using"))
        self.active_button.setObjectName("toggleCounter")
        self.active_button.clicked.connect(self.toggle_active)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeCounter")
        self.remove_button.clicked.connect(self.remove)
        name_row, self.name_error = with_error(self.name)
        chosen = QGroupBox(self.tr("Selected counter"))
        h = QHBoxLayout(chosen)
        h.addWidget(self._label(self.tr("Name:")), 0, Qt.AlignmentFlag.AlignTop)
        h.addWidget(name_row, 1, Qt.AlignmentFlag.AlignTop)
        for b in (self.rename_button, self.active_button, self.remove_button):
            h.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)

        # A new counter.
        self.new_number = spin_box("newCounterNumber", 1, MAX_COUNTER)
        self.new_name = line_edit("newCounterName", self.tr("Empty: Counter <number>"))
        self.add_button = QPushButton(self.tr("Add the counter"))
        self.add_button.setObjectName("addCounter")
        self.add_button.clicked.connect(self.add)
        number_row, self.number_error = with_error(self.new_number, grow=False)
        new_name_row, self.new_name_error = with_error(self.new_name)
        adding = QGroupBox(self.tr("New counter"))
        h = QHBoxLayout(adding)
        h.addWidget(self._label(self.tr("Number:")), 0, Qt.AlignmentFlag.AlignTop)
        h.addWidget(number_row, 0, Qt.AlignmentFlag.AlignTop)
        h.addWidget(self._label(self.tr("Name:")), 0, Qt.AlignmentFlag.AlignTop)
        h.addWidget(new_name_row, 1, Qt.AlignmentFlag.AlignTop)
        h.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)

        self.message = QLabel()
        self.message.setObjectName("countersMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(chosen)
        layout.addWidget(adding)
        layout.addWidget(self.message)
        layout.addWidget(note(self.tr(
            "A counter that has received dossiers or served tickets cannot be removed: it is taken out of use "
            "and its records keep its name. Officers log in only at counters in use.")))
        for w in (self.name, self.new_number, self.new_name, self.add_button):
            lock(w, editable)
        self.reload()

    def _label(self, text: str) -> QLabel:
        """A label as high as the field beside it, so both stay on one line when a message shows."""
        label = QLabel(text)
        label.setFixedHeight(self.name.sizeHint().height())
        return label

    # ---- the list ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        self.counters = list_counters(self.db)
        self.table.setRowCount(len(self.counters))
        for row, c in enumerate(self.counters):
            cells = (str(c.number), c.name, self.tr("In use") if c.active else self.tr("Not in use"),
                     self.tr("Yes") if c.used else self.tr("No"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not c.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        taken = {c.number for c in self.counters}
        self.new_number.setValue(next((n for n in range(1, MAX_COUNTER + 1) if n not in taken), MAX_COUNTER))
        index = next((i for i, c in enumerate(self.counters) if c.id == select_id), 0 if self.counters else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._selected()

    def current(self) -> CounterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.counters[rows[0].row()] if rows else None

    def _selected(self) -> None:
        c = self.current()
        self.name.setText(c.name if c else "")
        self.name_error.show_message("")
        self.active_button.setText(self.tr("Use again") if c and not c.active else self.tr("Stop using"))
        for b in (self.rename_button, self.active_button):
            b.setEnabled(self.editable and c is not None)
        self.remove_button.setEnabled(self.editable and c is not None and (c.active or not c.used))

    # ---- actions ------------------------------------------------------------------------------
    def _done(self, text: str, select_id: int | None) -> None:
        self.reload(select_id)
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(text)

    def _failed(self, exc: UserError) -> None:
        if isinstance(exc, NotFound):  # removed meanwhile from another computer: show the list as it is
            self.reload()
        errors = {"counter_name": self.name_error, "counter_number": self.number_error,
                  "counter_new_name": self.new_name_error}
        if exc.field in errors:
            errors[exc.field].show_message(exc.message)
            self.message.setText("")
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)

    def _clear(self) -> None:
        for e in (self.name_error, self.number_error, self.new_name_error):
            e.show_message("")
        self.message.setText("")

    def rename(self) -> bool:
        c = self.current()
        self._clear()
        return self._run(op(self, update_counter, self.db, self.actor, c.id, name=self.name.text()).success(
            lambda row: self._done(self.tr("Counter {n} is now called «{name}».").format(n=row.number, name=row.name),
                                   row.id)))

    def toggle_active(self) -> bool:
        c = self.current()
        self._clear()
        return self._run(op(self, update_counter, self.db, self.actor, c.id, active=not c.active).success(
            lambda row: self._done(self.tr("Counter {n} is in use again.").format(n=row.number) if row.active
                                   else self.tr("Counter {n} is no longer in use.").format(n=row.number), row.id)))

    def remove(self) -> bool:
        c = self.current()
        self._clear()
        return self._run(op(self, remove_counter, self.db, self.actor, c.id).success(
            lambda deleted: self._done(
                self.tr("Counter {n} was removed.").format(n=c.number) if deleted
                else self.tr("Counter {n} has dossiers or tickets: it was taken out of use, not removed.")
                .format(n=c.number), None if deleted else c.id)))

    def add(self) -> bool:
        self._clear()
        def added(row) -> None:
            self.new_name.clear()
            self._done(self.tr("Counter {n} added.").format(n=row.number), row.id)

        def refused(exc: UserError) -> None:
            if exc.field == "counter_name":  # the name typed for the new counter, not the selected one
                exc.field = "counter_new_name"
            self._failed(exc)

        return self._run(op(self, add_counter, self.db, self.actor, self.new_number.value(), self.new_name.text())
                         .success(added), refused)

    def _run(self, work: Op, refused=None) -> bool:
        """As an op (ui/ops.py); True when done by the time it returns (a synchronous pool)."""
        work.failure(refused or self._failed).changes(Changed.SETTINGS).progress().run()
        return work.done and work.error is None
