"""Devices without hardware, for training, work at home and the tests: each is a pseudo-terminal
pair; the app opens `path` (a stable symbolic link to the terminal side, since /dev/pts numbers are
reused) and the emulator plays the device on the other side. Unplugging closes the pair, as pulling
the cable does; plugging in again makes a new pair behind the same path."""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from pathlib import Path


class PtyDevice:
    def __init__(self, link: Path):
        self.link = Path(link)
        self.master: int | None = None
        self._slave: int | None = None  # kept open: reading the master with no terminal open fails
        self.received = bytearray()
        self._changed = threading.Condition()
        self._reader: threading.Thread | None = None

    @property
    def path(self) -> str:
        return str(self.link)

    def plug(self) -> PtyDevice:
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR→LF: bytes pass as they are, like a serial line
        tmp = self.link.with_name(self.link.name + ".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(self._slave))
        tmp.replace(self.link)  # the path never points nowhere while it is being replaced
        self._reader = threading.Thread(target=self._read, args=(self.master,), daemon=True,
                                        name=f"emulator-{self.link.name}")
        self._reader.start()
        return self

    def unplug(self) -> None:
        self.link.unlink(missing_ok=True)
        for fd in (self.master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.master = self._slave = None
        if self._reader is not None:
            self._reader.join(2)

    close = unplug

    def write(self, data: bytes) -> None:
        assert self.master is not None, "the emulated device is unplugged"
        os.write(self.master, data)

    def _read(self, fd: int) -> None:
        while True:
            try:
                ready, _, _ = select.select([fd], [], [], 0.2)
                if not ready:
                    if self.master != fd:
                        return
                    continue
                data = os.read(fd, 4096)
            except (OSError, ValueError):
                return
            if not data:
                return
            with self._changed:
                self.received += data
                self.on_received()
                self._changed.notify_all()

    def on_received(self) -> None:
        """Called (under the lock) after new bytes arrive."""

    def wait_for(self, condition, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True


class ScannerEmulator(PtyDevice):
    """Scans a code: the text and the model's suffix (CR by default) written to the line."""

    def scan(self, text: str, suffix: str = "\r") -> None:
        self.write(text.encode("utf-8") + suffix.encode("ascii"))


class DisplayEmulator(PtyDevice):
    """A counter's LED board (or all the boards on one bus): decodes what the app sends."""

    def __init__(self, link: Path, protocol: str = "ascii"):
        from app.devices.display_protocols import PROTOCOLS

        super().__init__(link)
        self.protocol = PROTOCOLS[protocol]()
        self.frames: list = []  # DisplayFrame

    def on_received(self) -> None:
        self.frames = self.protocol.decode(bytes(self.received))

    def shown(self, address: int) -> str | None:
        """What the board at `address` shows now: the text of the last frame sent to it."""
        texts = [f.text for f in self.frames if f.address == address]
        return texts[-1] if texts else None


class PrinterEmulator(PtyDevice):
    """A thermal ticket printer: turns the ESC/POS it receives back into readable text."""

    def text(self) -> str:
        from app.devices.escpos import decode_escpos

        with self._changed:
            return decode_escpos(bytes(self.received))
