"""Thiết bị: which port each device of this counter is on and how it talks, and which document
scanner this PC digitizes with, saved for this PC (`<data>/devices.json`) and applied at once; a
Test button per serial device uses the devices as they run now, so what the test shows is what the
counter gets; the document scanner's asks the device the form names (in the background)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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

from app.devices.config import (
    BAUDS,
    KINDS,
    PARITIES,
    SUFFIXES,
    DeviceSettings,
    DocScanSettings,
    save_devices,
)
from app.errors import UserError
from ui.ops import op
from ui.widgets import page_title

RESOLUTIONS = (100, 150, 200, 300, 400, 600)

if TYPE_CHECKING:
    from ui.devices.desk import DeskDevices


def _combo(name: str, items: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for label, value in items:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    return box


class DeviceSettingsPage(QWidget):
    def __init__(self, devices: DeskDevices, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deviceSettings")
        self.devices, self.data_dir = devices, data_dir
        self.fields: dict[str, dict[str, QWidget]] = {}
        self.results: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Devices at this counter")))
        settings = devices.hub.settings
        row = QHBoxLayout()
        for kind in KINDS:
            row.addWidget(self._group(kind, getattr(settings, kind)), 1)
        layout.addLayout(row)
        layout.addWidget(self._docscan_group(settings.docscan))
        self.wedge = QCheckBox(self.tr("USB scanners that type like a keyboard: recognise their scans anywhere"))
        self.wedge.setObjectName("wedge")
        self.wedge.setChecked(settings.wedge)
        layout.addWidget(self.wedge)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Look for ports again"))
        self.refresh_button.clicked.connect(self.refresh_ports)
        self.save_button = QPushButton(self.tr("Save and apply"))
        self.save_button.setObjectName("saveDevices")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("deviceMessage")
        self.message.setWordWrap(True)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh_ports()
        devices.hub.scanned.connect(self._scanned)
        devices.hub.written.connect(self._written)

    def _group(self, kind: str, s) -> QGroupBox:
        box = QGroupBox(KINDS[kind])
        form = QFormLayout(box)
        f: dict[str, QWidget] = {}
        f["port"] = QComboBox()
        f["port"].setObjectName(f"{kind}_port")
        f["port"].setEditable(True)  # a path the system does not list (an emulator, a symlink) is fine
        f["port"].setProperty("saved", s.port)
        f["port"].lineEdit().setPlaceholderText(self.tr("COM3, /dev/ttyUSB0 or socket://host:port"))
        f["port"].setToolTip(self.tr("A port this PC lists, or a serial device server on the network: "
                                     "socket://host:port or rfc2217://host:port"))
        f["baud"] = _combo(f"{kind}_baud", [(str(b), b) for b in BAUDS], s.baud)
        f["bytesize"] = _combo(f"{kind}_bytesize", [("8", 8), ("7", 7)], s.bytesize)
        f["parity"] = _combo(f"{kind}_parity", [(label, key) for key, label in PARITIES.items()], s.parity)
        f["stopbits"] = _combo(f"{kind}_stopbits", [("1", 1), ("2", 2)], s.stopbits)
        form.addRow(self.tr("Port:"), f["port"])
        form.addRow(self.tr("Baud:"), f["baud"])
        form.addRow(self.tr("Data bits:"), f["bytesize"])
        form.addRow(self.tr("Parity:"), f["parity"])
        form.addRow(self.tr("Stop bits:"), f["stopbits"])
        if kind == "scanner":
            f["suffix"] = _combo("scanner_suffix", [(label, key) for key, label in SUFFIXES.items()], s.suffix)
            form.addRow(self.tr("Scan ends with:"), f["suffix"])
        elif kind == "display":
            f["protocol"] = _combo("display_protocol", [(self.tr("ASCII line"), "ascii"),
                                                        ("Modbus-RTU", "modbus")], s.protocol)
            f["address"] = QSpinBox()
            f["address"].setObjectName("display_address")
            f["address"].setRange(1, 247)
            f["address"].setValue(s.address)
            form.addRow(self.tr("Protocol:"), f["protocol"])
            form.addRow(self.tr("Board address:"), f["address"])
        else:
            f["code_page"] = QSpinBox()
            f["code_page"].setObjectName("printer_code_page")
            f["code_page"].setRange(0, 255)
            f["code_page"].setValue(s.code_page)
            f["raster"] = QCheckBox(self.tr("Print as an image"))
            f["raster"].setObjectName("printer_raster")
            f["raster"].setChecked(s.raster)
            form.addRow(self.tr("Code page (ESC t):"), f["code_page"])
            form.addRow("", f["raster"])
        test = QPushButton(self.tr("Test"))
        test.setObjectName(f"test_{kind}")
        test.clicked.connect(lambda _=False, k=kind: self.test(k))
        self.results[kind] = QLabel()
        self.results[kind].setObjectName(f"result_{kind}")
        self.results[kind].setWordWrap(True)
        form.addRow(test, self.results[kind])
        self.fields[kind] = f
        return box

    def _docscan_group(self, s: DocScanSettings) -> QGroupBox:
        """The document scanner (số hóa at intake): which one, where, and how it scans."""
        box = QGroupBox(self.tr("Document scanner"))
        box.setObjectName("docscanGroup")
        form = QFormLayout(box)
        f: dict[str, QWidget] = {}
        f["kind"] = _combo("docscan_kind", [(self.tr("Not used"), "none"),
                                            (self.tr("Network scanner (eSCL, AirScan)"), "escl"),
                                            (self.tr("SANE scanner (Linux)"), "sane"),
                                            (self.tr("USB scanner through WIA (Windows)"), "wia"),
                                            (self.tr("Scan folder of a copier"), "folder")], s.kind)
        f["address"] = QLineEdit(s.address)
        f["address"].setObjectName("docscan_address")
        resolutions = sorted({*RESOLUTIONS, s.resolution}) if isinstance(s.resolution, int) else RESOLUTIONS
        f["resolution"] = _combo("docscan_resolution", [(f"{r} dpi", r) for r in resolutions], s.resolution)
        f["color_mode"] = _combo("docscan_color_mode", [(self.tr("Grayscale"), "gray"), (self.tr("Colour"), "color"),
                                                        (self.tr("Black and white"), "bw")], s.color_mode)
        f["page_size"] = _combo("docscan_page_size", [("A4", "A4"), ("A5", "A5"), ("Letter", "Letter")], s.page_size)
        f["source"] = _combo("docscan_source", [(self.tr("Document feeder"), "feeder"),
                                                (self.tr("Flatbed glass"), "flatbed")], s.source)
        f["duplex"] = QCheckBox(self.tr("Both sides (duplex, from the feeder)"))
        f["duplex"].setObjectName("docscan_duplex")
        f["duplex"].setChecked(s.duplex is True)
        form.addRow(self.tr("Scanner:"), f["kind"])
        address = QHBoxLayout()
        address.addWidget(f["address"], 1)
        self.docscan_find = QPushButton(self.tr("Find SANE scanners"))
        self.docscan_find.setObjectName("find_sane")
        self.docscan_find.clicked.connect(self.find_sane)
        address.addWidget(self.docscan_find)
        form.addRow(self.tr("Address:"), address)
        form.addRow(self.tr("Resolution:"), f["resolution"])
        form.addRow(self.tr("Colour mode:"), f["color_mode"])
        form.addRow(self.tr("Page size:"), f["page_size"])
        form.addRow(self.tr("Paper from:"), f["source"])
        form.addRow("", f["duplex"])
        self.docscan_test = QPushButton(self.tr("Test the connection"))
        self.docscan_test.setObjectName("test_docscan")
        self.docscan_test.clicked.connect(self.test_docscan)
        self.results["docscan"] = QLabel()
        self.results["docscan"].setObjectName("result_docscan")
        self.results["docscan"].setWordWrap(True)
        form.addRow(self.docscan_test, self.results["docscan"])
        self.docscan_fields = f
        f["kind"].currentIndexChanged.connect(self._docscan_kind_changed)
        self._docscan_kind_changed()
        return box

    def _docscan_kind_changed(self, _index: int = 0) -> None:
        f = self.docscan_fields
        kind = f["kind"].currentData()
        hints = {"escl": self.tr("http://192.168.1.20/eSCL"), "sane": self.tr("test:0 or the name scanimage -L gives"),
                 "folder": self.tr("D:\\Scans or \\\\server\\scans"), "none": "",
                 "wia": self.tr("empty: the first scanner Windows has")}
        f["address"].setPlaceholderText(hints[kind])
        for name, widget in f.items():
            if name != "kind":
                widget.setEnabled(kind != "none")
        self.docscan_test.setEnabled(kind != "none")
        self.docscan_find.setVisible(kind == "sane")

    def docscan_settings(self) -> DocScanSettings:
        f = self.docscan_fields
        return DocScanSettings(kind=f["kind"].currentData(), address=f["address"].text().strip(),
                               resolution=f["resolution"].currentData(), color_mode=f["color_mode"].currentData(),
                               duplex=f["duplex"].isChecked(), page_size=f["page_size"].currentData(),
                               source=f["source"].currentData())

    def test_docscan(self) -> None:
        """Ask the scanner the form names (saved or not) what it can do, off the GUI thread: a
        network scanner that is off takes seconds to say nothing."""
        from app.devices.docscan.factory import probe

        label = self.results["docscan"]
        try:
            settings = self.docscan_settings().check()
        except UserError as exc:
            label.setText(str(exc))
            return
        label.setText(self.tr("Asking the scanner…"))
        self.docscan_test.setEnabled(False)

        def said(text: str) -> None:
            label.setText(text)
            self.docscan_test.setEnabled(True)

        self._docscan_probe = (op(self, probe, settings).success(said).failure(lambda exc: said(str(exc)))
                               .category("motcua.devices").run())

    def find_sane(self) -> None:
        """The scanners SANE sees on this PC (scanimage -L can take seconds: in the background);
        the first one fills an empty address, all are named."""
        from app.devices.docscan.sane import sane_devices

        label, box = self.results["docscan"], self.docscan_fields["address"]
        label.setText(self.tr("Looking for scanners…"))
        self.docscan_find.setEnabled(False)

        def found(devices: list[tuple[str, str]]) -> None:
            self.docscan_find.setEnabled(True)
            if not devices:
                label.setText(self.tr("SANE finds no scanner on this computer: check the cable and the power."))
                return
            if not box.text().strip():
                box.setText(devices[0][0])
            label.setText(self.tr("Found: {devices}").format(
                devices="; ".join(f"{name} ({about.strip()})" if about.strip() else name for name, about in devices)))

        def failed(exc: UserError) -> None:
            self.docscan_find.setEnabled(True)
            label.setText(str(exc))

        self._sane_search = op(self, sane_devices).success(found).failure(failed).category("motcua.devices").run()

    def refresh_ports(self) -> None:
        from app.cli.commands_devices import list_ports

        ports = list_ports()
        for f in self.fields.values():
            box: QComboBox = f["port"]
            current = box.currentData() if box.count() else box.property("saved")
            current = current if current is not None else box.currentText()
            box.clear()
            box.addItem(self.tr("(not used)"), "")
            for device, description, vid_pid in ports:
                label = " — ".join(x for x in (device, description, vid_pid) if x)
                box.addItem(label, device)
            index = box.findData(current)
            if index < 0 and current:
                box.addItem(current, current)
                index = box.count() - 1
            box.setCurrentIndex(max(index, 0))

    def settings(self) -> DeviceSettings:
        base = self.devices.hub.settings
        parts = {}
        for kind, f in self.fields.items():
            box: QComboBox = f["port"]
            port = box.currentData() if box.currentText() == box.itemText(box.currentIndex()) else box.currentText()
            values = {"port": (port or "").strip(), "baud": f["baud"].currentData(),
                      "bytesize": f["bytesize"].currentData(), "parity": f["parity"].currentData(),
                      "stopbits": f["stopbits"].currentData()}
            if kind == "scanner":
                values["suffix"] = f["suffix"].currentData()
            elif kind == "display":
                values |= {"protocol": f["protocol"].currentData(), "address": f["address"].value()}
            else:
                values |= {"code_page": f["code_page"].value(), "raster": f["raster"].isChecked()}
            parts[kind] = replace(getattr(base, kind), **values)
        # The rating screen's keypad is set in the same file but not on this page: kept as it is.
        return DeviceSettings(**parts, wedge=self.wedge.isChecked(), docscan=self.docscan_settings(),
                              keypad=base.keypad)

    def save(self) -> bool:
        try:
            settings = self.settings().check()
            save_devices(self.data_dir, settings)
        except (UserError, OSError) as exc:
            self.message.setText(str(exc))
            return False
        self.devices.apply(settings)
        self.message.setText(self.tr("Saved for this computer and applied."))
        return True

    # ---- tests ------------------------------------------------------------------------------------
    def test(self, kind: str) -> None:
        hub, label = self.devices.hub, self.results[kind]
        if kind not in hub.configured():
            label.setText(self.tr("Not configured: choose its port and save first."))
            return
        if kind == "scanner":
            label.setText(self.tr("Connected: scan any code now.") if hub.connected(kind)
                          else self.tr("Not connected: check the cable and the port."))
            return
        label.setText(self.tr("Sending…"))
        if kind == "display":
            future = hub.show_number("8888", self.tr("Test"))
        else:
            from app.clock import now_local
            from app.devices.escpos import Ticket

            future = hub.print_ticket(Ticket(number="A000", service=self.tr("Test ticket: Vietnamese ấộửỹđ"),
                                             issued_at=now_local(), office=self.tr("One-stop office"), waiting=0))
        self._pending = future  # the outcome comes back as hub.written

    def _written(self, kind: str, result: str, message: str) -> None:
        """The last write to each device, the test's or the queue's."""
        self.results[kind].setText(self.tr("Sent.") if result == "ok" else message)

    def _scanned(self, text: str) -> None:
        shown = text if len(text) <= 60 else text[:60] + "…"
        self.results["scanner"].setText(self.tr("Received: {text}").format(text=shown))
