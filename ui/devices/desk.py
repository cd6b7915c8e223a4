"""Wiring the counter's devices into the desk: the serial devices of this PC
(`<data>/devices.json`), the keyboard-wedge filter, the scan handler, and the status bar's
"Thiết bị" line, which always says which device is connected and which is not. Everything meant for
the window goes out as an intent (ui/intents.py): this module knows no window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from app.devices.config import KINDS, DeviceSettings, load_devices
from app.domain.permissions import Actor
from app.errors import UserError
from db.engine import Database
from ui.devices.hub import DeviceHub
from ui.devices.scan_handler import ScanHandler
from ui.devices.wedge import WedgeFilter
from ui.intents import DeskIntents


class DeskDevices(QObject):
    def __init__(self, db: Database, actor: Actor, data_dir: Path, intents: DeskIntents,
                 parent: QObject | None = None):
        """Connect `intents` first: the devices line and a broken file's message go out from here."""
        super().__init__(parent)
        self.intents = intents
        self.problem = ""
        try:
            settings = load_devices(data_dir)
        except UserError as exc:  # a broken file: the desk works, without its devices
            settings, self.problem = DeviceSettings(), str(exc)
        self.handler = ScanHandler(db, actor, intents, self)
        self.hub = DeviceHub(settings, self)
        self.hub.scanned.connect(self.handler.handle)
        self.hub.problem.connect(self.handler.say)
        self.hub.state_changed.connect(self._state_changed)
        self.wedge = self._wedge() if settings.wedge else None
        self.hub.start()
        self.show_state()
        if self.problem:
            intents.notice.emit(self.problem)

    def _wedge(self) -> WedgeFilter:
        wedge = WedgeFilter(self).install()
        wedge.scanned.connect(self.handler.handle)
        return wedge

    def _state_changed(self, _kind: str, _connected: bool) -> None:
        self.show_state()

    def show_state(self) -> None:
        configured = self.hub.configured()
        if not configured:
            text = self.tr("Devices: none configured")
        else:
            names = {"scanner": self.tr("scanner"), "display": self.tr("LED board"),
                     "printer": self.tr("ticket printer")}
            parts = [names[k] + " " + (self.tr("connected") if self.hub.connected(k) else self.tr("disconnected"))
                     for k in configured]
            text = self.tr("Devices: {states}").format(states=", ".join(parts))
        self.intents.devices_state.emit(text, ", ".join(KINDS[k] for k in configured))

    def apply(self, settings: DeviceSettings) -> None:
        """New settings from the devices page: reopen the ports, keep every connection made."""
        self.hub.stop()
        self.hub.settings = settings
        if settings.wedge and self.wedge is None:
            self.wedge = self._wedge()
        elif not settings.wedge and self.wedge is not None:
            self.wedge.remove()
            self.wedge = None
        self.hub.start()
        self.show_state()

    def stop(self) -> None:
        if self.wedge is not None:
            self.wedge.remove()
            self.wedge = None
        self.hub.stop()
