"""Cài đặt: the office's settings window, one tab per subject. The agency, the calendar and the
counters change at once through their own services; the office settings (portal, receipt, backup,
general) are saved together by one button, so a bad value anywhere saves nothing. Who may not
change a tab sees it read-only: the core decides, this page only follows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.services.settings.store import change_settings, load_settings
from db.engine import Database
from ui.changes import Changed
from ui.ops import op
from ui.settings.agency import AgencyTab
from ui.settings.backup import BackupTab
from ui.settings.calendar import CalendarTab
from ui.settings.common import SettingsForm, scrolled
from ui.settings.counters import CountersTab
from ui.settings.general import DevicesTab, GeneralTab
from ui.settings.notices import NoticesTab
from ui.settings.portal import PortalTab
from ui.settings.receipt import ReceiptTab
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title


class SettingsPage(QWidget):
    changed = Signal(dict)  # the settings after a save
    devices_requested = Signal()  # "open the Devices page": the main window switches to it

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 data_dir: Path | None = None, clock: Callable[[], datetime] = now_local):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.db, self.actor = db, actor
        allowed = actor.can(Permission.EDIT_SETTINGS)
        self.agency = AgencyTab(db, actor, allowed)
        self.calendar = CalendarTab(db, actor, actor.can(Permission.EDIT_CALENDAR), clock().date())
        self.counters = CountersTab(db, actor, allowed)
        self.devices = DevicesTab()
        self.devices.open_devices.connect(self.devices_requested)
        self.portal = PortalTab(allowed)
        self.receipt = ReceiptTab(allowed, data_dir)
        self.backup = BackupTab(allowed, data_dir=data_dir)
        self.general = GeneralTab(allowed)
        self.notices = NoticesTab(allowed, db=db, actor=actor)  # ui/settings/notices.py
        from ui.settings.signing import SigningTab

        self.signing = SigningTab(allowed, data_dir=data_dir)  # ui/settings/signing.py
        from ui.settings.fees import FeeSettingsTab

        self.fees = FeeSettingsTab(allowed)  # ui/settings/fees.py
        self.forms: list[SettingsForm] = [self.portal, self.receipt, self.backup, self.general, self.notices,
                                          self.signing, self.fees]

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.scrolls: dict[QWidget, QScrollArea] = {}
        for tab, title in ((self.agency, self.tr("Agency")), (self.calendar, self.tr("Working calendar")),
                           (self.counters, self.tr("Counters")), (self.devices, self.tr("Devices")),
                           (self.portal, self.tr("Public service portal")), (self.receipt, self.tr("Receipt")),
                           (self.backup, self.tr("Backup")), (self.general, self.tr("General")),
                           (self.notices, self.tr("Notices")), (self.signing, self.signing.title()),
                           (self.fees, self.fees.title())):
            self.scrolls[tab] = scrolled(tab)
            self.tabs.addTab(self.scrolls[tab], title)

        # One save for the office settings tabs, shown under them only.
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.setEnabled(allowed)
        self.save_button.clicked.connect(self.save)
        self.save_bar = QWidget()
        bar = QHBoxLayout(self.save_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.save_button)

        self.notice = QLabel()
        self.notice.setObjectName("settingsNotice")
        self.notice.setWordWrap(True)
        if not allowed:
            self.notice.setText(self.tr("Only an administrator can change these settings; supervisors can change "
                                        "the working calendar.") if actor.can(Permission.EDIT_CALENDAR)
                                else self.tr("Only an administrator can change these settings."))
        self.notice.setVisible(not allowed)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Settings")))
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.save_bar)
        self.tabs.currentChanged.connect(self._tab_changed)
        if not allowed and actor.can(Permission.EDIT_CALENDAR):
            self.tabs.setCurrentWidget(self.scrolls[self.calendar])  # the one tab they may change
        self._tab_changed()
        self.load()

    def _tab_changed(self, *_args) -> None:
        current = self.tabs.currentWidget()
        self.save_bar.setVisible(any(current is self.scrolls[f] for f in self.forms))

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(self.scrolls[tab])

    def load(self) -> dict:
        values = load_settings(self.db)
        for form in self.forms:
            form.load(values)
        return values

    def values(self) -> dict:
        return {key: value for form in self.forms for key, value in form.values().items()}

    def save(self) -> bool:
        """Saved as an op (ui/ops.py); True when saved by the time it returns (a synchronous pool)."""
        for form in self.forms:
            form.clear_errors()
        work = (op(self, change_settings, self.db, self.actor, self.values()).success(self._saved)
                .failure(self._refused).changes(Changed.SETTINGS).progress().run())
        return work.done and work.error is None

    def _refused(self, exc: UserError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        for form in self.forms:
            row = form.show_error(exc.field, exc.message)
            if row is not None:
                self.show_tab(form)
                self.scrolls[form].ensureWidgetVisible(row)
                self.message.setText(self.tr("Nothing was saved: correct the field marked in red."))
                return
        self.message.setText(exc.message)

    def _saved(self, _result) -> None:
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(self.tr("Settings saved."))
        self.changed.emit(self.load())  # one read fills the tabs and tells the window
