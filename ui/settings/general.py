"""Cài đặt › Chung (the screen lock) and › Thiết bị (devices are set per PC on their own page)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.services.settings.store import SPECS
from ui.settings.common import SettingsForm, form_label, new_form, note, spin_box


class GeneralTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.idle = spin_box("idleLockMinutes", 1, 240, self.tr(" min"))
        form = new_form()
        form.addRow(form_label(SPECS["idle_lock_minutes"].label + ":"), self.bind("idle_lock_minutes", self.idle,
                                                                              grow=False))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("A counter left alone this long locks itself: the officer logs in again "
                                      "with their password, and the dossier being entered stays as it was.")))
        layout.addStretch(1)


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
