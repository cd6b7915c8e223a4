"""The desk's serial devices as Qt signals. Each device runs in its own thread (app/devices/link.py);
its callbacks emit these signals from that thread, and Qt queues them to the GUI thread, so no
slot ever runs on a device thread and no device error reaches the officer as a crash."""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

from app.devices.config import KINDS, DeviceSettings
from app.devices.link import DeviceLink, WriteOutcome, Written
from app.devices.scanner import Scan, ScanAssembler


class DeviceHub(QObject):
    scanned = Signal(str)  # a whole scan from the serial scanner
    problem = Signal(str)  # garbage on the scanner line, in Vietnamese
    state_changed = Signal(str, bool)  # device kind, connected
    written = Signal(str, str, str)  # device kind, Written value, message

    def __init__(self, settings: DeviceSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.links: dict[str, DeviceLink] = {}

    def configured(self) -> list[str]:
        return [kind for kind in KINDS if getattr(self.settings, kind).port]

    def start(self) -> DeviceHub:
        for kind in self.configured():
            self.links[kind] = self._link(kind).start()
        return self

    def _link(self, kind: str) -> DeviceLink:
        settings = getattr(self.settings, kind)
        on_data = None
        if kind == "scanner":
            assembler = ScanAssembler(settings.suffix)  # used on the scanner's thread only

            def on_data(data: bytes) -> None:
                for item in assembler.feed(data):
                    if isinstance(item, Scan):
                        self.scanned.emit(item.text)
                    else:
                        self.problem.emit(item.message)

        return DeviceLink(KINDS[kind], settings, on_data=on_data, frame_gap=kind == "display",
                          on_state=lambda ok, _msg, k=kind: self.state_changed.emit(k, ok))

    def stop(self) -> None:
        for link in self.links.values():  # all at once: closing a socket:// port takes pyserial 0.3 s
            link.request_stop()
        for link in self.links.values():
            link.stop()
        self.links.clear()

    def connected(self, kind: str) -> bool:
        link = self.links.get(kind)
        return link is not None and link.connected

    def send(self, kind: str, data: bytes) -> Future:
        """Write to a device; the outcome also comes back as `written` on the GUI thread."""
        link = self.links.get(kind)
        if link is None:
            future: Future = Future()
            future.set_result(WriteOutcome(Written.FAILED, f"Chưa cấu hình {KINDS[kind].lower()}."))
        else:
            future = link.write(data)
        future.add_done_callback(lambda f: self.written.emit(kind, f.result().result.value, f.result().message))
        return future

    def show_number(self, number: str, counter_label: str = "") -> Future:
        from app.devices.display_protocols import PROTOCOLS

        s = self.settings.display
        return self.send("display", PROTOCOLS[s.protocol]().frame(s.address, number, counter_label))

    def print_ticket(self, ticket) -> Future:
        from app.devices.escpos import ticket_bytes, ticket_raster_bytes

        s = self.settings.printer
        return self.send("printer", ticket_raster_bytes(ticket) if s.raster else ticket_bytes(ticket, s.code_page))
