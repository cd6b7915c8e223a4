"""Wiring the counter's devices into the desk window: the serial devices of this PC
(`<data>/devices.json`), the keyboard-wedge filter, the scan handler, and the status bar's
"Thiết bị" line, which always says which device is connected and which is not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.devices.config import KINDS, DeviceSettings, load_devices
from app.errors import UserError
from ui.devices import DeviceHub
from ui.scan_handler import ScanHandler
from ui.wedge import WedgeFilter

if TYPE_CHECKING:
    from ui.main_window import MainWindow

class DeskDevices(QObject):
    def __init__(self, window: MainWindow, data_dir: Path):
        super().__init__(window)
        self.window = window
        self.problem = ""
        try:
            settings = load_devices(data_dir)
        except UserError as exc:  # a broken file: the desk works, without its devices
            settings, self.problem = DeviceSettings(), str(exc)
        self.handler = ScanHandler(window)
        self.hub = DeviceHub(settings, window)
        self.hub.scanned.connect(self.handler.handle)
        self.hub.problem.connect(self.handler.say)
        self.hub.state_changed.connect(lambda _kind, _ok: self.show_state())
        self.wedge = WedgeFilter(window).install() if settings.wedge else None
        if self.wedge is not None:
            self.wedge.scanned.connect(self.handler.handle)
        self.hub.start()
        self.show_state()
        if self.problem:
            window.statusBar().showMessage(self.problem, 15_000)

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
        self.window.devices_label.setText(text)
        self.window.devices_label.setToolTip(", ".join(KINDS[k] for k in configured))

    def apply(self, settings: DeviceSettings) -> None:
        """New settings from the devices page: reopen the ports, keep every connection made."""
        self.hub.stop()
        self.hub.settings = settings
        if settings.wedge and self.wedge is None:
            self.wedge = WedgeFilter(self.window).install()
            self.wedge.scanned.connect(self.handler.handle)
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
