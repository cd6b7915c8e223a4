"""Cài đặt › Sao lưu: whether the database is backed up every day, how many copies are kept, and
in which folder (a second disk or a network folder survives the disk that dies); and what the
latest automatic backup there added to the folder of digitized files the daily backups share,
read off the GUI thread (the folder may be on the network)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QPushButton, QVBoxLayout, QWidget

from app.errors import UserError
from app.formatting import moment, number
from app.services.settings.store import SPECS
from app.services.trust.backup import (
    BackupInfo,
    backup_folder,
    latest_automatic,
    mb_text,
    size_text,
)
from ui.ops import op
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
    def __init__(self, editable: bool, parent: QWidget | None = None, *, data_dir: Path | None = None):
        super().__init__(editable, parent)
        self.data_dir = Path(data_dir) if data_dir is not None else None
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
        layout.addWidget(note(self.tr(
            "Automatic backups keep each digitized file once, in the backup-files folder beside them: a day "
            "adds only that day's new scans. Copy that folder together with the backups.")))
        self.latest = note("", "backupLatest")
        self.latest.setVisible(False)
        layout.addWidget(self.latest)
        layout.addStretch(1)

    def load(self, values: dict) -> None:
        super().load(values)
        setting = values.get("backup.folder") or ""
        if self.data_dir is None and not Path(setting.strip() or ".").expanduser().is_absolute():
            self.latest.setVisible(False)  # the folder is inside a data folder this page was not told
            return
        folder = backup_folder(setting, self.data_dir or Path("."))
        op(self, latest_automatic, folder).success(self._show_latest).failure(self._show_problem).run()

    def _show_latest(self, info: BackupInfo | None) -> None:
        if info is None:
            text = self.tr("No automatic backup in this folder yet.")
        else:
            text = self.tr("Latest automatic backup: {name}, made {when}, {size}.").format(
                name=info.path.name, when=moment(info.made_at), size=size_text(info.size))
            if info.files_folder is not None and info.files:
                text += " " + self.tr("Its {files} digitized files are kept in «{folder}»; this backup added "
                                      "{added} new files ({mb}).").format(
                    files=number(info.files), folder=str(info.files_folder), added=number(info.files_added),
                    mb=mb_text(info.bytes_added))
        self.latest.setText(text)
        self.latest.setVisible(True)

    def _show_problem(self, exc: UserError) -> None:
        self.latest.setText(exc.message)
        self.latest.setVisible(True)

    def choose(self) -> None:
        chosen = self.ask_folder(self.folder.text())
        if chosen:
            self.folder.setText(chosen)
