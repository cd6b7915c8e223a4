"""Cài đặt › Chung (the screen lock, the specialist divisions dossiers are handed over to) and
› Thiết bị (devices are set per PC on their own page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.services.settings.store import SPECS
from ui.settings.common import (
    SettingsForm,
    form_label,
    get_value,
    new_form,
    note,
    set_value,
    spin_box,
)

DIVISIONS = "handover.divisions"


class GeneralTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.idle = spin_box("idleLockMinutes", 1, 240, self.tr(" min"))
        # One division a line: the list the hand-over dialog offers (ui/dossiers/actions.py).
        self.divisions = QPlainTextEdit()
        self.divisions.setObjectName("handoverDivisions")
        self.divisions.setTabChangesFocus(True)
        self.divisions.setFixedHeight(130)
        form = new_form()
        form.addRow(form_label(SPECS["idle_lock_minutes"].label + ":"), self.bind("idle_lock_minutes", self.idle,
                                                                              grow=False))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("A counter left alone this long locks itself: the officer logs in again "
                                      "with their password, and the dossier being entered stays as it was.")))
        divisions = new_form()
        divisions.addRow(form_label(SPECS[DIVISIONS].label + ":"), self.bind(DIVISIONS, self.divisions))
        if not editable:  # read, not greyed out, by who may not change it (as lock() does for a line)
            self.divisions.setEnabled(True)
            self.divisions.setReadOnly(True)
        layout.addLayout(divisions)
        layout.addWidget(note(self.tr("One division per line. The hand-over dialog offers them as the officer "
                                      "types (diacritics optional); a name not in the list may still be typed.")))
        layout.addStretch(1)

    # The divisions are a list, one a line; the other fields go through the shared helpers.
    def load(self, values: dict[str, Any]) -> None:
        for key, (widget, _row, _error) in self.bound.items():
            if key == DIVISIONS:
                self.divisions.setPlainText("\n".join(values[key]))
            else:
                set_value(widget, values[key])

    def values(self) -> dict[str, Any]:
        lines = (line.strip() for line in self.divisions.toPlainText().splitlines())
        return {key: get_value(widget) for key, (widget, _row, _error) in self.bound.items() if key != DIVISIONS} | {
            DIVISIONS: [line for line in lines if line]}


class DevicesTab(QWidget):
    """Scanners, printers and the counter's number board belong to one PC, not to the office: they
    are set on the Devices page of each counter, saved on that PC only."""

    open_devices = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = QPushButton(self.tr("Open the Devices page of this computer"))
        self.button.setObjectName("openDevices")
        self.button.clicked.connect(self.open_devices)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Card readers, scanners, the receipt printer and the counter's number board are set for each "
            "computer on its own Devices page: every counter may have other devices on other ports. "
            "Those settings are kept on that computer, not in the office database.")))
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
