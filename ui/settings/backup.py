"""Cài đặt › Sao lưu: whether the database is backed up every day, how many copies are kept, and
in which folder (a second disk or a network folder survives the disk that dies)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QFileDialog, QPushButton, QVBoxLayout, QWidget

from app.services.settings.store import SPECS
from ui.settings.common import (
    SettingsForm,
    form_label,
    line_edit,
    new_form,
    note,
    spin_box,
    with_button,
)


class BackupTab(SettingsForm):
    def __init__(self, editable: bool, parent: QWidget | None = None):
        super().__init__(editable, parent)
        self.daily = QCheckBox(SPECS["backup.daily"].label)
        self.daily.setObjectName("backupDaily")
        self.keep = spin_box("backupKeep", 1, 365)
        self.folder = line_edit("backupFolder", self.tr("Empty: the backups folder inside the data folder"))
        self.browse = QPushButton(self.tr("Choose a folder…"))
        self.browse.setObjectName("chooseBackupFolder")
        self.browse.setEnabled(editable)
        self.browse.clicked.connect(self.choose)
        # Replaced in tests: the folder dialog is modal.
        self.ask_folder: Callable[[str], str] = lambda start: QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the backups"), start)
        folder_row = with_button(self.bind("backup.folder", self.folder), self.browse)
        form = new_form()
        form.addRow("", self.bind("backup.daily", self.daily))
        form.addRow(form_label(SPECS["backup.keep"].label + ":"), self.bind("backup.keep", self.keep, grow=False))
        form.addRow(form_label(SPECS["backup.folder"].label + ":"), folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.tr(
            "A folder on another disk or on the network is safer: a disk that fails takes the data and any "
            "backup on it together. Older automatic backups beyond the number kept are deleted.")))
        layout.addStretch(1)

    def choose(self) -> None:
        chosen = self.ask_folder(self.folder.text())
        if chosen:
            self.folder.setText(chosen)
