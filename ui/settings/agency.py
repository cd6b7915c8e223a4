"""Cài đặt › Cơ quan: the office's names, unit code, address and office hours (app.services.settings.office)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import OfficeHours
from app.domain.codes import shapes
from app.errors import UserError
from app.services.settings.office import AgencyProfile, agency_profile, update_agency
from ui.changes import Changed
from ui.messages import ask
from ui.ops import op
from ui.settings.common import form_label, line_edit, lock, new_form, note, with_error
from ui.widgets import DONE_STYLE, ERROR_STYLE, FieldError


def unit_examples() -> list[str]:
    """One example of each accepted unit form, its deepest (the placeholder of the unit code)."""
    return [u.examples[-1] for u in shapes().unit_forms]


def _time_edit(name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    edit.setMinimumWidth(90)
    return edit


class AgencyTab(QWidget):

    def __init__(self, db, actor, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.editable = db, actor, editable
        self.profile: AgencyProfile | None = None
        self.edits = {"name": line_edit("agencyName"), "parent_name": line_edit("agencyParent"),
                      "unit_code": line_edit("unitCode", " / ".join(unit_examples())),
                      "address": line_edit("agencyAddress"),
                      "phone": line_edit("agencyPhone"),
                      "place_name": line_edit("placeName", self.tr("e.g. Vĩnh Long"))}
        self.edits["unit_code"].setMaxLength(max(u.max_length for u in shapes().unit_forms))
        self.morning = (_time_edit("morningStart"), _time_edit("morningEnd"))
        self.afternoon = (_time_edit("afternoonStart"), _time_edit("afternoonEnd"))
        self.has_afternoon = QCheckBox(self.tr("Afternoon:"))
        self.has_afternoon.setObjectName("hasAfternoon")
        self.has_afternoon.toggled.connect(self._afternoon_on)
        self.errors: dict[str, FieldError] = {}
        self.rows: dict[str, QWidget] = {}
        labels = {"name": self.tr("Agency name:"), "parent_name": self.tr("Governing body:"),
                  "unit_code": self.tr("Unit code (QCVN 102:2016 or Decision 20/2020):"), "address": self.tr("Address:"),
                  "phone": self.tr("Phone:"), "place_name": self.tr("Place name on dated papers:")}
        form = new_form()
        for key, edit in self.edits.items():
            lock(edit, editable)
            form.addRow(form_label(labels[key]), self._row(key, edit))
        form.addRow(form_label(self.tr("Office hours:")), self._row("office_hours", self._hours()))
        self.hours_note = note("", "hoursNote")
        self.hours_note.hide()
        form.addRow("", self.hours_note)

        self.message = QLabel()
        self.message.setObjectName("agencyMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save the agency details"))
        self.save_button.setObjectName("saveAgency")
        self.save_button.setEnabled(editable)
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr(
            "The unit code begins every dossier code received from now on; dossiers already received keep "
            "theirs. The office hours decide the due time of dossiers counted in working hours and when the "
            "ticket kiosk opens.")))
        layout.addLayout(bar)
        layout.addStretch(1)
        # Replaced in tests: a question in a modal box.
        self.confirm: Callable[[str, str], bool] = self._ask
        self.load()

    def _row(self, key: str, widget: QWidget) -> QWidget:
        row, self.errors[key] = with_error(widget)
        self.rows[key] = row
        return row

    def _hours(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        for label, (start, end) in ((QLabel(self.tr("Morning:")), self.morning), (self.has_afternoon, self.afternoon)):
            h = QHBoxLayout()
            label.setMinimumWidth(120)
            h.addWidget(label)
            h.addWidget(start)
            h.addWidget(QLabel("–"))
            h.addWidget(end)
            h.addStretch(1)
            v.addLayout(h)
        for e in (*self.morning, *self.afternoon):
            lock(e, self.editable)
        self.has_afternoon.setEnabled(self.editable)
        return box

    def _afternoon_on(self, on: bool) -> None:
        for e in self.afternoon:
            e.setEnabled(on)  # read-only (not disabled) for who may not change it: see lock()

    # ---- values ------------------------------------------------------------------------------
    def load(self) -> None:
        p = self.profile = agency_profile(self.db)
        for key, edit in self.edits.items():
            edit.setText(getattr(p, key))
        try:
            sessions = OfficeHours.parse(p.office_hours).sessions
        except UserError:  # a bad stored value: shown as the default, saved only if changed
            sessions = OfficeHours().sessions
        (m0, m1), rest = sessions[0], sessions[1:]
        self.morning[0].setTime(QTime(m0.hour, m0.minute))
        self.morning[1].setTime(QTime(m1.hour, m1.minute))
        a0, a1 = rest[0] if rest else (time(13, 30), time(17, 0))
        self.afternoon[0].setTime(QTime(a0.hour, a0.minute))
        self.afternoon[1].setTime(QTime(a1.hour, a1.minute))
        self.has_afternoon.setChecked(bool(rest))
        self._afternoon_on(bool(rest))
        self._loaded_hours = self.hours_text()
        self.hours_note.setVisible(len(sessions) > 2)
        self.hours_note.setText(self.tr("The stored office hours have {n} sessions ({hours}); saving changed "
                                        "hours here keeps the morning and afternoon shown.")
                                .format(n=len(sessions), hours=p.office_hours))

    def hours_text(self) -> str:
        sessions = [self.morning] + ([self.afternoon] if self.has_afternoon.isChecked() else [])
        return ",".join(f"{a.time().toString('HH:mm')}-{b.time().toString('HH:mm')}" for a, b in sessions)

    def values(self) -> dict[str, str]:
        out = {key: edit.text().strip() for key, edit in self.edits.items()}
        hours = self.hours_text()
        # Untouched hours go back as stored: a third session or an odd stored text is not rewritten.
        out["office_hours"] = self.profile.office_hours if hours == self._loaded_hours else hours
        return out

    # ---- saving ------------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        return ask(self, title, text)  # a decision: the one kind of box the desk shows

    def save(self) -> bool:
        for error in self.errors.values():
            error.show_message("")
        values = self.values()
        new_code = values["unit_code"].upper()
        if new_code != self.profile.unit_code and not self.confirm(
                self.tr("Change the unit code"),
                self.tr("Dossiers received from now on will have codes beginning with {new} instead of {old}. "
                        "Dossiers already received keep their codes. Change the unit code?")
                .format(new=new_code, old=self.profile.unit_code)):
            return False
        work = (op(self, update_agency, self.db, self.actor, **values).success(self._saved)
                .failure(lambda exc: self.show_error(exc.field, exc.message)).changes(Changed.SETTINGS)
                .progress().run())
        return work.done and work.error is None  # saved by the time it returns (a synchronous pool)

    def _saved(self, profile: AgencyProfile) -> None:
        self.profile = profile
        self.load()
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(self.tr("Agency details saved."))

    def show_error(self, field: str | None, message: str) -> None:
        if field in self.errors:
            self.errors[field].show_message(message)
            target = self.edits.get(field) or self.morning[0]
            target.setFocus()
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("Nothing was saved: correct the field marked in red."))
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(message)
