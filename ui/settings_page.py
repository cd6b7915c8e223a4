"""Cài đặt: the office settings an administrator may change (the core checks who and what)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.services.settings import SPECS, change_settings, load_settings
from db.engine import Database


class SettingsPage(QWidget):
    changed = Signal(dict)  # the settings after a save

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.db, self.actor = db, actor
        self.idle = QSpinBox()
        self.idle.setObjectName("idleLockMinutes")
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.paper = QComboBox()
        self.paper.setObjectName("receiptPaper")
        self.paper.addItems(["A4", "A5"])
        self.copies = QSpinBox()
        self.copies.setObjectName("receiptCopies")
        self.copies.setRange(1, 3)
        self.direct = QCheckBox(SPECS["receipt.print_direct"].label)
        self.direct.setObjectName("printDirect")
        self.lookup = QLineEdit()
        self.lookup.setObjectName("lookupUrl")
        self.guide_url = QLineEdit()
        self.guide_url.setObjectName("guideOnlineUrl")
        self.header = {}
        for key in ("receipt.header_parent", "receipt.header_unit", "receipt.place"):
            edit = QLineEdit()
            edit.setObjectName(key.replace(".", "_"))
            edit.setPlaceholderText(self.tr("Empty: as in the office record"))
            self.header[key] = edit

        # The provincial portal: where to sync, with which token, how many numbers to lease ahead.
        self.portal_url = QLineEdit()
        self.portal_url.setObjectName("portalUrl")
        self.portal_url.setPlaceholderText(self.tr("Empty: no portal, this office numbers its own dossiers"))
        self.portal_token = QLineEdit()
        self.portal_token.setObjectName("portalToken")
        self.portal_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.lease_size = QSpinBox()
        self.lease_size.setObjectName("leaseSize")
        self.lease_size.setRange(1, 1000)
        self.lease_days = QSpinBox()
        self.lease_days.setObjectName("leaseDays")
        self.lease_days.setRange(1, 10)
        portal_form = QFormLayout()
        for key, w in (("portal.url", self.portal_url), ("portal.token", self.portal_token),
                       ("portal.lease_size", self.lease_size), ("portal.lease_days", self.lease_days)):
            portal_form.addRow(SPECS[key].label + ":", w)
        portal_box = QGroupBox(self.tr("Public service portal"))
        portal_box.setLayout(portal_form)

        form = QFormLayout()
        form.addRow(SPECS["idle_lock_minutes"].label + ":", self.idle)
        form.addRow(SPECS["receipt.paper"].label + ":", self.paper)
        form.addRow(SPECS["receipt.copies"].label + ":", self.copies)
        form.addRow("", self.direct)
        form.addRow(SPECS["receipt.lookup_url"].label + ":", self.lookup)
        form.addRow(SPECS["guide.online_url"].label + ":", self.guide_url)
        for key, edit in self.header.items():
            form.addRow(SPECS[key].label + ":", edit)
        box = QGroupBox(self.tr("Counter and receipt"))
        box.setLayout(form)

        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(portal_box)
        layout.addLayout(row)
        layout.addStretch(1)

        allowed = actor.can(Permission.EDIT_SETTINGS)
        for w in (self.idle, self.paper, self.copies, self.direct, self.lookup, self.guide_url, *self.header.values(),
                  self.portal_url, self.portal_token, self.lease_size, self.lease_days, self.save_button):
            w.setEnabled(allowed)
        if not allowed:
            self.message.setText(self.tr("Only an administrator can change these settings."))
        self.load()

    def load(self) -> None:
        s = load_settings(self.db)
        self.idle.setValue(s["idle_lock_minutes"])
        self.paper.setCurrentText(s["receipt.paper"])
        self.copies.setValue(s["receipt.copies"])
        self.direct.setChecked(s["receipt.print_direct"])
        self.lookup.setText(s["receipt.lookup_url"])
        self.guide_url.setText(s["guide.online_url"])
        for key, edit in self.header.items():
            edit.setText(s[key])
        self.portal_url.setText(s["portal.url"])
        self.portal_token.setText(s["portal.token"])
        self.lease_size.setValue(s["portal.lease_size"])
        self.lease_days.setValue(s["portal.lease_days"])

    def values(self) -> dict:
        return {"idle_lock_minutes": self.idle.value(), "receipt.paper": self.paper.currentText(),
                "receipt.copies": self.copies.value(), "receipt.print_direct": self.direct.isChecked(),
                "receipt.lookup_url": self.lookup.text().strip(), "guide.online_url": self.guide_url.text().strip(),
                **{key: edit.text().strip() for key, edit in self.header.items()},
                "portal.url": self.portal_url.text().strip(), "portal.token": self.portal_token.text().strip(),
                "portal.lease_size": self.lease_size.value(), "portal.lease_days": self.lease_days.value()}

    def save(self) -> bool:
        try:
            change_settings(self.db, self.actor, self.values())
        except UserError as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(str(exc))
            return False
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Settings saved."))
        self.changed.emit(load_settings(self.db))
        return True
