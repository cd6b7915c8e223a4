"""One serial device, one thread. The thread keeps the port open: when the device disappears it
reports the loss and tries again every RETRY seconds, so a device plugged back in is working
again within about half a second. Reads are handed to `on_data`; writes are queued and answered
with an outcome the caller can trust (WriteOutcome): a ticket counts as printed only when its
bytes were drained to the line, and an interrupted write is "unknown", never retried by itself.

Headless on purpose (no Qt): the desktop app turns the callbacks into queued Qt signals."""

from __future__ import annotations

import logging
import os
import queue
import select
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum

import serial

from app.devices.config import PortSettings

log = logging.getLogger("motcua.devices")
RETRY = 0.5  # seconds between attempts to reopen a port that is gone


class Written(StrEnum):
    OK = "ok"  # every byte went to the line
    FAILED = "failed"  # nothing was written: safe to try again
    UNKNOWN = "unknown"  # interrupted part way: the officer decides whether to print again


@dataclass(frozen=True)
class WriteOutcome:
    result: Written
    message: str = ""  # Vietnamese, when not OK


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
        self._port: serial.Serial | None = None
        self._writes: queue.Queue[tuple[bytes, Future]] = queue.Queue()
        self._stop = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)

    # ---- called from any thread -----------------------------------------------------------------
    def start(self) -> DeviceLink:
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._wake()
        if self._thread.is_alive():
            self._thread.join(timeout)
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass

    def write(self, data: bytes) -> Future:
        """Queue `data`; the future's result is a WriteOutcome (never an exception)."""
        future: Future = Future()
        if self._stop.is_set():
            future.set_result(WriteOutcome(Written.FAILED, f"{self.name}: đã dừng."))
            return future
        self._writes.put((data, future))
        self._wake()
        return future

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    # ---- the device thread ----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            if self._port is None and not self._open():
                self._fail_writes(f"{self.name} chưa kết nối: chưa in, có thể in lại.")
                self._stop.wait(RETRY)
                continue
            try:
                self._serve()
            except (OSError, serial.SerialException) as exc:
                self._lost(exc)
        self._close()

    def _open(self) -> bool:
        s = self.settings
        try:
            self._port = serial.Serial(s.port, s.baud, bytesize=s.bytesize, parity=s.parity, stopbits=s.stopbits,
                                       timeout=0, write_timeout=self.write_timeout)
        except (OSError, ValueError, serial.SerialException):
            self._port = None
            return False
        self._set_state(True, "")
        return True

    def _serve(self) -> None:
        port = self._port
        readable, _, _ = select.select([port.fileno(), self._wake_r], [], [], RETRY)
        if self._wake_r in readable:
            os.read(self._wake_r, 4096)
        while not self._writes.empty():
            data, future = self._writes.get_nowait()
            future.set_result(self._write(port, data))
        if port.fileno() in readable:
            data = port.read(4096)  # readable but empty: pyserial raises, the device is gone
            if data:
                try:
                    self.on_data(data)
                except Exception:  # a bug in a handler must not stop the device
                    log.exception("handling data from %s", self.name)

    def _write(self, port: serial.Serial, data: bytes) -> WriteOutcome:
        try:
            written = port.write(data)
            port.flush()  # tcdrain: the bytes are on the line, not in a buffer
        except serial.SerialTimeoutException:
            return WriteOutcome(Written.UNKNOWN, f"{self.name} không nhận hết dữ liệu: không rõ đã in hay chưa.")
        except (OSError, serial.SerialException) as exc:
            self._lost(exc)
            return WriteOutcome(Written.UNKNOWN, f"{self.name} mất kết nối khi đang gửi: không rõ đã in hay chưa.")
        if written != len(data):
            return WriteOutcome(Written.UNKNOWN, f"{self.name} chỉ nhận {written}/{len(data)} byte.")
        if self.gap:
            self._stop.wait(self.gap)
        return WriteOutcome(Written.OK)

    def _fail_writes(self, message: str) -> None:
        while not self._writes.empty():
            _data, future = self._writes.get_nowait()
            future.set_result(WriteOutcome(Written.FAILED, message))

    def _lost(self, exc: BaseException) -> None:
        log.info("%s lost: %s", self.name, exc)
        self._close()
        self._set_state(False, f"{self.name} mất kết nối")

    def _close(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            except (OSError, serial.SerialException):
                pass
            self._port = None

    def _set_state(self, connected: bool, message: str) -> None:
        if connected != self.connected:
            self.connected = connected
            try:
                self.on_state(connected, message)
            except Exception:
                log.exception("reporting the state of %s", self.name)
