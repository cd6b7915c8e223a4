"""One serial device, one thread. The thread keeps the port open: when the device disappears it
reports the loss and tries again every RETRY seconds, so a device plugged back in is working
again within about half a second. Reads are handed to `on_data`; writes are queued and answered
with an outcome the caller can trust (WriteOutcome): a ticket counts as printed only when its
bytes were drained to the line, and an interrupted write is "unknown", never retried by itself.

The same code runs on every system and every kind of port: a port is a name (`COM3`,
`/dev/ttyUSB0`) or a pyserial URL (`socket://HOST:PORT`, `rfc2217://HOST:PORT`, `loop://`),
opened by `serial.serial_for_url`. Nothing here waits on file descriptors (a Windows COM port or
a URL port has none): the thread reads with a short timeout and serves the write queue between
two reads; a queued write also cuts the current read short where the port can (`cancel_read`).
Each backend reports a lost device by raising from read or write (a closed pty or USB adapter,
a closed TCP connection, a dead RFC 2217 session), which is all the thread relies on.

Headless on purpose (no Qt): the desktop app turns the callbacks into queued Qt signals."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum

import serial
from serial.urlhandler import protocol_loop, protocol_rfc2217, protocol_socket

from app.devices.config import PortSettings

# serial_for_url imports a URL's handler by name, which PyInstaller cannot follow: naming them here
# puts them in the Windows build (without, socket:// would never open there).
URL_HANDLERS = {"socket": protocol_socket, "rfc2217": protocol_rfc2217, "loop": protocol_loop}

log = logging.getLogger("motcua.devices")
RETRY = 0.5  # seconds between attempts to reopen a port that is gone
READ_TIMEOUT = 0.05  # a read cut short by a queued write (cancel_read) waits at most this for data
NET_READ_TIMEOUT = 0.01  # socket:// and rfc2217:// reads cannot be cut short: the most a write waits


class Written(StrEnum):
    OK = "ok"  # every byte went to the line
    FAILED = "failed"  # nothing was written: safe to try again
    UNKNOWN = "unknown"  # interrupted part way: the officer decides whether to print again


@dataclass(frozen=True)
class WriteOutcome:
    result: Written
    message: str = ""  # Vietnamese, when not OK


def open_port(settings: PortSettings, *, write_timeout: float | None = 5.0):
    """The port named by `settings`, open: any pyserial port name or URL. Raises on failure."""
    s = settings
    port = s.port.strip()
    timeout = NET_READ_TIMEOUT if port.lower().startswith(("socket://", "rfc2217://")) else READ_TIMEOUT
    if port.lower().startswith("rfc2217://"):
        # pyserial's RFC 2217 client refuses to open with a write timeout; its socket's own
        # timeout (5 s) bounds a write instead, which then ends as a lost line.
        write_timeout = None
    return serial.serial_for_url(port, s.baud, bytesize=s.bytesize, parity=s.parity,
                                 stopbits=s.stopbits, timeout=timeout, write_timeout=write_timeout)


class DeviceLink:
    def __init__(self, name: str, settings: PortSettings, *, on_data: Callable[[bytes], None] | None = None,
                 on_state: Callable[[bool, str], None] | None = None, write_timeout: float = 5.0,
                 frame_gap: bool = False):
        self.name, self.settings = name, settings
        self.on_data = on_data or (lambda _data: None)
        self.on_state = on_state or (lambda _ok, _msg: None)
        self.write_timeout = write_timeout
        # Modbus-RTU on a shared RS-485 bus: at least 3.5 characters of silence end a frame.
        self.gap = 3.5 * 10 / settings.baud if frame_gap else 0.0
        self.connected = False
        self._port: serial.SerialBase | None = None
        # Held while the port is opened or closed, and by another thread cutting a read short, so
        # that cancel_read never reaches a port being closed.
        self._port_lock = threading.Lock()
        self._writes: queue.Queue[tuple[bytes, Future]] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)

    # ---- called from any thread -----------------------------------------------------------------
    def start(self) -> DeviceLink:
        self._thread.start()
        return self

    def request_stop(self) -> None:
        """Ask the thread to close the port and end, without waiting (see `stop`)."""
        self._stop.set()
        self._cut_read()

    def stop(self, timeout: float = 2.0) -> None:
        self.request_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._fail_writes(f"{self.name}: đã dừng.")  # written after the thread ended: nobody serves them

    def write(self, data: bytes) -> Future:
        """Queue `data`; the future's result is a WriteOutcome (never an exception)."""
        future: Future = Future()
        if self._stop.is_set():
            future.set_result(WriteOutcome(Written.FAILED, f"{self.name}: đã dừng."))
            return future
        self._writes.put((data, future))
        if self._stop.is_set():  # stopped meanwhile: the thread may be gone without serving it
            self._fail_writes(f"{self.name}: đã dừng.")
        self._cut_read()
        return future

    def _cut_read(self) -> None:
        """End the device thread's current read now rather than at its timeout, where the port's
        backend can (native ports on Windows and POSIX, loop://; not socket:// nor rfc2217://)."""
        with self._port_lock:
            cancel = getattr(self._port, "cancel_read", None)
            if cancel is None:
                return
            try:
                cancel()
            except Exception:  # only a speed-up: the read still ends at its timeout
                log.debug("cancel_read on %s", self.name, exc_info=True)

    # ---- the device thread ----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            if self._port is None and not self._open():
                self._fail_writes(f"{self.name} chưa kết nối: chưa in, có thể in lại.")
                self._stop.wait(RETRY)
                continue
            try:
                self._serve()
            except Exception as exc:  # SerialException, OSError, or a backend's own error
                self._lost(exc)
        self._close()

    def _open(self) -> bool:
        try:
            port = open_port(self.settings, write_timeout=self.write_timeout)
        except Exception:  # not there, busy, refused, a malformed URL: retried quietly
            return False
        with self._port_lock:
            self._port = port
        self._set_state(True, "")
        return True

    def _serve(self) -> None:
        port = self._port
        while True:  # first every write queued since the last read
            try:
                data, future = self._writes.get_nowait()
            except queue.Empty:
                break
            future.set_result(self._write(port, data))
            if self._port is None:  # lost during that write: the next turn reopens it
                return
            # What came meanwhile (a board's reply, loop://'s echo) is read between two writes: a
            # device that answers each write must not fill its side while more writes wait.
            self._deliver(self._waiting(port))
        data = port.read(1)  # waits at most the read timeout; a lost device raises
        if data:
            self._deliver(data + self._waiting(port))

    @staticmethod
    def _waiting(port: serial.SerialBase) -> bytes:
        count = port.in_waiting
        return port.read(count) if count else b""

    def _deliver(self, data: bytes) -> None:
        if data:
            try:
                self.on_data(data)
            except Exception:  # a bug in a handler must not stop the device
                log.exception("handling data from %s", self.name)

    def _write(self, port: serial.SerialBase, data: bytes) -> WriteOutcome:
        try:
            written = port.write(data)
            port.flush()  # a native port: tcdrain / FlushFileBuffers, the bytes are on the line
        except serial.SerialTimeoutException:
            return WriteOutcome(Written.UNKNOWN, f"{self.name} không nhận hết dữ liệu: không rõ đã in hay chưa.")
        except Exception as exc:  # the line went away part way, whatever the backend says
            self._lost(exc)
            return WriteOutcome(Written.UNKNOWN, f"{self.name} mất kết nối khi đang gửi: không rõ đã in hay chưa.")
        if written != len(data):
            return WriteOutcome(Written.UNKNOWN, f"{self.name} chỉ nhận {written}/{len(data)} byte.")
        if self.gap:
            self._stop.wait(self.gap)
        return WriteOutcome(Written.OK)

    def _fail_writes(self, message: str) -> None:
        while True:
            try:
                _data, future = self._writes.get_nowait()
            except queue.Empty:
                return
            future.set_result(WriteOutcome(Written.FAILED, message))

    def _lost(self, exc: BaseException) -> None:
        log.info("%s lost: %s", self.name, exc)
        self._close()
        self._set_state(False, f"{self.name} mất kết nối")

    def _close(self) -> None:
        with self._port_lock:
            port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # closing a port that is already gone
                pass

    def _set_state(self, connected: bool, message: str) -> None:
        if connected != self.connected:
            self.connected = connected
            try:
                self.on_state(connected, message)
            except Exception:
                log.exception("reporting the state of %s", self.name)
