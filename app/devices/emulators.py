"""Devices without hardware, for training, work at home and the tests. What a device does with the
bytes (scan, show a number, print a ticket) is its role; how the bytes travel is its transport:

- `PtyDevice`: a pseudo-terminal pair (POSIX only); the app opens `path` (a stable symbolic link
  to the terminal side, since /dev/pts numbers are reused) and the emulator plays the device on
  the other side. Unplugging closes the pair, as pulling the cable does; plugging in again makes
  a new pair behind the same path.
- `TcpDevice`: a serial-over-IP device server (any system); the app opens `url`
  (`socket://HOST:PORT`). Unplugging stops listening and drops the connection, as a device server
  losing power or network does; plugging in again listens on the same port.

`ScannerEmulator`, `DisplayEmulator`, `PrinterEmulator`, `KeypadEmulator` are the roles on a pty;
`TcpScanner`, `TcpDisplay`, `TcpPrinter`, `TcpKeypad` the same roles on TCP."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path


class EmulatedDevice:
    """The bytes received from the app, and waiting on them. `sessions` holds what each connection
    received (a pty pair or a TCP connection), so a test can tell a write repeated after a
    reconnection from one made before it."""

    def __init__(self) -> None:
        self.received = bytearray()
        self.sessions: list[bytearray] = []
        self._changed = threading.Condition()

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def _new_session(self) -> None:
        with self._changed:
            self.sessions.append(bytearray())
            self._changed.notify_all()

    def _got(self, data: bytes) -> None:
        with self._changed:
            self.received += data
            if not self.sessions:
                self.sessions.append(bytearray())
            self.sessions[-1] += data
            self.on_received()
            self._changed.notify_all()

    def _notify(self) -> None:
        with self._changed:
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


class PtyDevice(EmulatedDevice):
    def __init__(self, link: Path):
        super().__init__()
        self.link = Path(link)
        self.master: int | None = None
        self._slave: int | None = None  # kept open: reading the master with no terminal open fails
        self._reader: threading.Thread | None = None

    @property
    def path(self) -> str:
        return str(self.link)

    def plug(self) -> PtyDevice:
        import tty  # POSIX only, like pseudo-terminals: imported here so that TcpDevice works anywhere

        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR→LF: bytes pass as they are, like a serial line
        tmp = self.link.with_name(self.link.name + ".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(self._slave))
        tmp.replace(self.link)  # the path never points nowhere while it is being replaced
        self._new_session()
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
        import select

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
            self._got(data)


class TcpDevice(EmulatedDevice):
    """A device server that takes one connection at a time (a newer one replaces it), like the
    serial-over-IP boxes in front of hall LED boards. `stall_after(n)`: stop reading once the
    current connection has received n bytes, so that the app's write stays blocked part way."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        super().__init__()
        self.host, self.port = host, port
        self._server: socket.socket | None = None
        self._conn: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._stall: int | None = None
        self._plugged = threading.Event()

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    path = url  # what the app opens, as for a pty device

    @property
    def connected(self) -> bool:
        return self._conn is not None

    def plug(self) -> TcpDevice:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if os.name != "nt":  # rebind at once after unplugging; on Windows it would share the port
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self.port))
        server.listen(1)
        server.settimeout(0.1)  # accept() wakes up to see an unplug, on any system
        self.port = server.getsockname()[1]
        self._server = server
        self._plugged.set()
        self._start(self._accept, server)
        return self

    def unplug(self) -> None:
        self._plugged.clear()
        server, self._server = self._server, None
        if server is not None:
            server.close()
        self._drop()
        for thread in self._threads:
            thread.join(2)
        self._threads.clear()
        self._notify()

    close = unplug

    def stall_after(self, count: int | None) -> None:
        self._stall = count
        self._notify()

    def write(self, data: bytes) -> None:
        conn = self._conn
        assert conn is not None, "nobody is connected to the emulated device"
        conn.sendall(data)

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"emulator-tcp-{self.port}")
        self._threads.append(thread)
        thread.start()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()  # with bytes left unread, the app's side gets a reset, as on a real cut
            except OSError:
                pass

    def _accept(self, server: socket.socket) -> None:
        while self._plugged.is_set() and self._server is server:
            try:
                conn, _addr = server.accept()
            except TimeoutError:
                continue
            except OSError:  # closed by unplug
                return
            conn.settimeout(0.1)
            self._drop()
            self._new_session()
            self._conn = conn
            self._start(self._read, conn)
            self._notify()

    def _read(self, conn: socket.socket) -> None:
        while self._conn is conn:
            if self._stall is not None and self.sessions and len(self.sessions[-1]) >= self._stall:
                time.sleep(0.02)  # stalled: leave the bytes in the socket
                continue
            try:
                data = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            self._got(data)
        if self._conn is conn:  # the app closed its side
            self._drop()
            self._notify()


class ScannerRole:
    """Scans a code: the text and the model's suffix (CR by default) written to the line."""

    def scan(self, text: str, suffix: str = "\r") -> None:
        self.write(text.encode("utf-8") + suffix.encode("ascii"))


class DisplayRole:
    """A counter's LED board (or all the boards on one bus): decodes what the app sends."""

    def _init_display(self, protocol: str) -> None:
        from app.devices.display_protocols import PROTOCOLS

        self.protocol = PROTOCOLS[protocol]()
        self.frames: list = []  # DisplayFrame

    def on_received(self) -> None:
        self.frames = self.protocol.decode(bytes(self.received))

    def shown(self, address: int) -> str | None:
        """What the board at `address` shows now: the text of the last frame sent to it."""
        texts = [f.text for f in self.frames if f.address == address]
        return texts[-1] if texts else None


class PrinterRole:
    """A thermal ticket printer: turns the ESC/POS it receives back into readable text."""

    def text(self) -> str:
        from app.devices.escpos import decode_escpos

        with self._changed:
            return decode_escpos(bytes(self.received))


class KeypadRole:
    """A rating keypad (app/devices/rating_keypad.py): one ASCII byte per key pressed."""

    KEY_BYTES = {"Enter": b"\r", "Backspace": b"\x08", "Escape": b"\x1b", "Space": b" ", "Tab": b"\t"}

    def press(self, key: str) -> None:
        """`key`: "1".."5", "0", "Enter", "Backspace" … (a printable ASCII character or a named key)."""
        self.write(self.KEY_BYTES.get(key) or key.encode("ascii"))


class ScannerEmulator(ScannerRole, PtyDevice):
    pass


class KeypadEmulator(KeypadRole, PtyDevice):
    pass


class DisplayEmulator(DisplayRole, PtyDevice):
    def __init__(self, link: Path, protocol: str = "ascii"):
        PtyDevice.__init__(self, link)
        self._init_display(protocol)


class PrinterEmulator(PrinterRole, PtyDevice):
    pass


class TcpScanner(ScannerRole, TcpDevice):
    pass


class TcpDisplay(DisplayRole, TcpDevice):
    def __init__(self, host: str = "127.0.0.1", port: int = 0, protocol: str = "ascii"):
        TcpDevice.__init__(self, host, port)
        self._init_display(protocol)


class TcpPrinter(PrinterRole, TcpDevice):
    pass


class TcpKeypad(KeypadRole, TcpDevice):
    pass
