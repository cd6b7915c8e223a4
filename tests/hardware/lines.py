"""The kinds of line the device thread is tested over, each real:

- `pty`: a pseudo-terminal made by socat (`PTY,link=PATH`), relayed to an emulated device on
  127.0.0.1; the app opens PATH as it opens /dev/ttyUSB0 (a native port, with a file descriptor).
  Unplugging kills socat, which closes the terminal under the app, as pulling a USB adapter does.
- `tcp`: the emulated device as a serial-over-IP device server; the app opens `socket://…`.
  Unplugging stops it listening and drops the connection.
- `rfc2217`: an RFC 2217 device server (pyserial's own server side, `PortManager`) in front of the
  emulated device; the app opens `rfc2217://…`. Unplugging stops the server.
- `loop`: pyserial's `loop://`, which has no file descriptor, like a Windows COM port; what the app
  writes comes back to it, so the "device" sends by having the app write. It never unplugs.

`line.device` (all but loop) is the emulated device: `received`, `sessions` (bytes per connection),
`stall_after(n)`."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import serial
from serial import rfc2217 as serial_rfc2217

from app.devices.emulators import TcpDevice, TcpScanner

KINDS = ("pty", "tcp", "rfc2217", "loop")
PLUGGABLE = ("pty", "tcp", "rfc2217")


def wait_until(condition, timeout: float = 10.0, what: str = "") -> None:
    """Poll `condition` until it holds, or fail after a generous deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.01)


class TcpLine:
    kind = "tcp"

    def __init__(self, _folder: Path, device: TcpDevice | None = None):
        self.device = device or TcpScanner()
        self.device.plug()

    @property
    def port(self) -> str:
        return self.device.url

    def unplug(self) -> None:
        self.device.unplug()

    def plug(self) -> None:
        self.device.plug()  # on the same TCP port

    def ready(self, link) -> None:
        wait_until(lambda: link.connected and self.device.connected, what="link and device connected")

    def send(self, data: bytes) -> None:
        self.device.write(data)

    def close(self) -> None:
        self.device.unplug()


class PtyLine(TcpLine):
    kind = "pty"

    def __init__(self, folder: Path, device: TcpDevice | None = None):
        assert shutil.which("socat"), "socat is required (make install-test installs it)"
        super().__init__(folder, device)
        self.path = Path(folder) / "ttyEMU"
        self.socat: subprocess.Popen | None = None
        self.plug()

    @property
    def port(self) -> str:
        return str(self.path)

    def plug(self) -> None:
        sessions = len(self.device.sessions)
        self.socat = subprocess.Popen(["socat", f"PTY,link={self.path},rawer",
                                       f"TCP:127.0.0.1:{self.device.port}"], stderr=subprocess.PIPE)
        wait_until(lambda: self.path.exists() and len(self.device.sessions) > sessions and self.device.connected,
                   what="socat's terminal and its connection to the device")

    def unplug(self) -> None:
        """socat ends: the terminal closes under the app, and its connection to the device."""
        if self.socat is not None:
            self.socat.terminate()
            self.socat.wait(10)
            self.socat.stderr.close()
            self.socat = None

    def close(self) -> None:
        self.unplug()
        self.device.unplug()


class _Sender:
    """The connection as PortManager writes to it: from both relaying threads, so one at a time."""

    def __init__(self, sock: socket.socket):
        self.sock, self.lock = sock, threading.Lock()

    def write(self, data: bytes) -> None:
        with self.lock:
            self.sock.sendall(data)


class Rfc2217Line(TcpLine):
    """An RFC 2217 device server on 127.0.0.1 in front of the emulated device: for each client it
    opens its own connection to the device (one session each), negotiates with pyserial's
    `PortManager` and relays the bytes both ways. Unplugging stops it and drops both connections."""

    kind = "rfc2217"

    def __init__(self, folder: Path, device: TcpDevice | None = None):
        super().__init__(folder, device)
        self.server_port = 0
        self._stop: threading.Event | None = None
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self.plug()

    @property
    def port(self) -> str:
        return f"rfc2217://127.0.0.1:{self.server_port}"

    def plug(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.server_port))  # SO_REUSEADDR on POSIX
        listener.settimeout(0.1)
        self.server_port = listener.getsockname()[1]
        self._stop = threading.Event()
        self._sockets = [listener]
        self._spawn(self._accept, listener, self._stop)

    def unplug(self) -> None:
        self._stop.set()
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked sending on it
            except OSError:
                pass
            sock.close()
        for thread in self._threads:
            thread.join(5)
        self._threads.clear()

    def close(self) -> None:
        self.unplug()
        self.device.unplug()

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="rfc2217-server")
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                client, _addr = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            device = socket.create_connection(("127.0.0.1", self.device.port))
            self._sockets += [client, device]
            # The manager answers the client's settings (baud rate …) on a serial object of its
            # own; the bytes themselves go to and from the device's connection.
            manager = serial_rfc2217.PortManager(serial.serial_for_url("loop://"), _Sender(client))
            self._spawn(self._to_device, client, device, manager, stop)
            self._spawn(self._to_client, client, device, manager, stop)

    @staticmethod
    def _to_device(client, device, manager, stop) -> None:
        try:
            while not stop.is_set():
                data = client.recv(4096)
                if not data:
                    break
                device.sendall(b"".join(manager.filter(data)))
        except OSError:
            pass

    @staticmethod
    def _to_client(client, device, manager, stop) -> None:
        try:
            while not stop.is_set():
                data = device.recv(4096)
                if not data:
                    break
                payload = b"".join(manager.escape(data))
                manager.connection.write(payload)
        except OSError:
            pass


class LoopLine:
    kind = "loop"
    port = "loop://"
    device = None

    def __init__(self, _folder: Path, device=None):
        self.link = None

    def ready(self, link) -> None:
        self.link = link
        wait_until(lambda: link.connected, what="loop:// open")

    def send(self, data: bytes) -> None:
        """The app writes; loop:// hands the bytes back to its reader."""
        outcome = self.link.write(data).result(10)
        assert outcome.result.value == "ok", outcome

    def close(self) -> None:
        pass


def make_line(kind: str, folder: Path, device: TcpDevice | None = None):
    return {"pty": PtyLine, "tcp": TcpLine, "rfc2217": Rfc2217Line, "loop": LoopLine}[kind](folder, device)
