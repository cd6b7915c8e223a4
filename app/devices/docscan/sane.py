"""SANE scanners on Linux through its own command-line front end, `scanimage`, rather than a
binding: no compiled module to ship, and the same program an administrator uses to check a scanner.

`scanimage --batch` writes each page to `NAME.part` and renames it when the page is whole, so
polling a private folder for finished names hands pages over as they arrive, with no pipe to watch
(no `select`: the same loop would run on Windows, where SANE itself does not). Its errors are
libsane's status strings, read in the C locale and mapped to ScanError kinds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.devices.docscan.base import PAGE_SIZES, ScanError, ScannedPage, ScanSettings

PROGRAM = "scanimage"
FORMATS = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}
# Names backends give their modes and sources, most specific first (they differ by driver).
MODE_NAMES = {"gray": ("gray", "grey", "grayscale", "8bit gray"),
              "color": ("color", "colour", "24bit color"),
              "bw": ("lineart", "binary", "black & white", "halftone")}
_OPTION = re.compile(r"^\s+(--?[\w-]+)\s+(.*?)\s+\[(.*)\]\s*$")
_RANGE = re.compile(r"^(-?[\d.]+)\.\.(-?[\d.]+)")
_NO_DEVICE = ("open of device", "no scanners were identified", "no such device")
# libsane's status strings (sane_strstatus, C locale) → kind and what the officer should do.
_STATUS = (
    ("document feeder jammed", "jam", "Kẹt giấy trong khay nạp: gỡ tờ bị kẹt rồi quét tiếp."),
    ("document feeder out of documents", "empty", "Khay nạp không có giấy: đặt giấy tờ vào khay rồi quét lại."),
    ("device busy", "busy", "Máy quét đang bận với việc khác: chờ xong rồi quét lại."),
    ("scanner cover is open", "failed", "Nắp máy quét đang mở: đóng nắp rồi quét lại."),
    ("error during device i/o", "offline", "Mất kết nối với máy quét (lỗi vào/ra): kiểm tra cáp, nguồn rồi quét lại."),
    ("access to resource has been denied", "failed",
     "Không có quyền dùng máy quét: thêm tài khoản máy tính vào nhóm «scanner» (xem docs/devices.md)."),
    ("out of memory", "failed", "Máy quét báo hết bộ nhớ: giảm độ phân giải hoặc quét ít trang hơn."),
)


@dataclass
class Capabilities:
    """What `scanimage -A` says the device offers: list options (mode, source) and ranges (mm)."""

    lists: dict[str, list[str]] = field(default_factory=dict)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)


def parse_options(text: str) -> Capabilities:
    caps = Capabilities()
    for line in text.splitlines():
        m = _OPTION.match(line)
        if not m:
            continue
        name, values = m.group(1), m.group(2)
        if (r := _RANGE.match(values)) is not None:
            caps.ranges[name] = (float(r.group(1)), float(r.group(2)))
        elif "|" in values:
            caps.lists[name] = values.split("|")
    return caps


def _pick(offered: list[str], wanted: Sequence[str]) -> str | None:
    lowered = [o.lower() for o in offered]
    for w in wanted:  # an exact name first, then one that contains it ("ADF Front" for "adf")
        if w in lowered:
            return offered[lowered.index(w)]
    for w in wanted:
        for o, low in zip(offered, lowered, strict=True):
            if w in low:
                return o
    return None


def _missing_program() -> ScanError:
    if sys.platform != "linux":
        return ScanError("SANE chỉ có trên Linux: trên máy này hãy quét qua mạng (eSCL), "
                         "qua thư mục quét hoặc chọn tệp.", kind="failed")
    return ScanError("Chưa cài SANE (lệnh scanimage, gói sane-utils): "
                     "cài bằng «sudo apt-get install sane-utils» rồi quét lại.", kind="failed")


class SaneScanner:
    """One SANE device, e.g. "test:0" or "epjitsu:libusb:001:004". `options` are extra
    backend-specific arguments passed as they are (["--test-picture", "Grid"]); `page_limit`
    caps a feeder run (scanimage --batch-count)."""

    def __init__(self, device: str, *, name: str | None = None, options: Sequence[str] = (),
                 file_format: str | None = None, page_limit: int | None = None,
                 program: str = PROGRAM, poll_interval: float = 0.05,
                 page_timeout: float = 120.0, probe_timeout: float = 60.0):
        if file_format is not None and file_format not in FORMATS:
            raise ValueError(f"unknown format {file_format!r}")
        self.device = device
        self.name = name or f"{device} (SANE)"
        self.options = list(options)
        self.file_format = file_format
        self.page_limit = page_limit
        self.program = program
        self.poll_interval = poll_interval
        self.page_timeout = page_timeout
        self.probe_timeout = probe_timeout
        self._caps: Capabilities | None = None
        self.last_returncode: int | None = None  # of the last scanimage run (tests, diagnostics)

    # -- what the device offers --------------------------------------------------------------
    def _run_quick(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        exe = shutil.which(self.program)
        if exe is None:
            raise _missing_program()
        try:
            return subprocess.run([exe, *args], stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, errors="replace", env=_c_locale(),
                                  timeout=self.probe_timeout, creationflags=_NO_WINDOW)
        except subprocess.TimeoutExpired:
            raise ScanError(f"Máy quét «{self.device}» không trả lời: kiểm tra nguồn và cáp "
                            "rồi quét lại.", kind="timeout") from None

    def capabilities(self) -> Capabilities:
        if self._caps is None:  # cached only once the device has answered
            done = self._run_quick(["-d", self.device, "-A"])
            if done.returncode != 0:
                raise self._error(done.stderr, delivered=0)
            self._caps = parse_options(done.stdout)
        return self._caps

    def arguments(self, settings: ScanSettings, pattern: Path) -> list[str]:
        """scanimage's arguments for these settings, chosen from what the device offers; a setting
        it cannot honour is refused before the scan starts, naming it."""
        caps = self.capabilities()
        args = ["-d", self.device, f"--format={self.format_for(settings)}",
                f"--resolution={settings.resolution}"]
        if "--mode" in caps.lists:
            mode = _pick(caps.lists["--mode"], MODE_NAMES[settings.color_mode])
            if mode is None:
                raise ScanError(f"Máy quét «{self.device}» không có chế độ màu «{settings.color_mode}» "
                                f"(có: {', '.join(caps.lists['--mode'])}).", kind="failed")
            args.append(f"--mode={mode}")
        count = self.page_limit
        if "--source" in caps.lists:
            source = self._source(caps.lists["--source"], settings)
            args.append(f"--source={source}")
        if settings.source == "flatbed":
            count = 1  # a flatbed in batch mode would scan the same glass forever
        width, height = PAGE_SIZES[settings.page_size]
        for opt, mm in (("-x", width), ("-y", height), ("--page-width", width), ("--page-height", height)):
            if opt in caps.ranges:  # never ask for more than the device's bed or feeder holds
                args += [opt, f"{min(mm, caps.ranges[opt][1]):g}"]
        args += self.options
        args.append(f"--batch={pattern}")
        if count is not None:
            args.append(f"--batch-count={count}")
        return args

    def format_for(self, settings: ScanSettings) -> str:
        """The file format asked of scanimage: as set, or by default JPEG for grayscale and colour
        (a 200 dpi A4 text page is ~100 KB, against ~2 MB as PNG for a real, noisy sheet; img2pdf
        embeds the JPEG as it is) and PNG for black and white (1 bit a pixel, small and sharp)."""
        if self.file_format is not None:
            return self.file_format
        return "png" if settings.color_mode == "bw" else "jpeg"

    def _source(self, offered: list[str], settings: ScanSettings) -> str:
        if settings.source == "flatbed":
            wanted: tuple[str, ...] = ("flatbed", "normal")
        elif settings.duplex:
            wanted = ("adf duplex", "duplex")
        else:
            wanted = ("adf front", "adf", "automatic document feeder", "feeder")
        source = _pick(offered, wanted)
        if source is None:
            what = {"flatbed": "không có mặt kính", "feeder": "không có khay nạp giấy"}[settings.source]
            if settings.duplex and settings.source == "feeder":
                what = "không quét được hai mặt"
            raise ScanError(f"Máy quét «{self.device}» {what} (nguồn giấy có: {', '.join(offered)}).",
                            kind="failed")
        return source

    # -- the scan ----------------------------------------------------------------------------
    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        exe = shutil.which(self.program)
        if exe is None:
            raise _missing_program()
        folder = Path(tempfile.mkdtemp(prefix="motcua-sane-"))
        ext = self.format_for(settings)
        media_type = FORMATS[ext]
        delivered = 0
        proc: subprocess.Popen[bytes] | None = None
        try:
            args = self.arguments(settings, folder / f"page%04d.{ext}")
            with (folder / "stderr.txt").open("wb") as err:
                proc = subprocess.Popen([exe, *args], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=err, env=_c_locale(),
                                        creationflags=_NO_WINDOW)
            last_page = time.monotonic()
            while True:
                finished = proc.poll() is not None  # before collecting: every page is then in place
                while (page := folder / f"page{delivered + 1:04d}.{ext}").exists():
                    data = page.read_bytes()
                    page.unlink()
                    delivered += 1
                    last_page = time.monotonic()
                    on_page(ScannedPage(index=delivered, data=data, media_type=media_type))
                if finished:
                    break
                if cancelled():
                    self._stop(proc)
                    raise ScanError(_kept("Đã dừng quét.", delivered), kind="cancelled")
                if time.monotonic() - last_page > self.page_timeout:
                    self._stop(proc)
                    raise ScanError(_kept(f"Máy quét «{self.device}» không trả trang nào sau "
                                          f"{self.page_timeout:g} giây.", delivered), kind="timeout")
                time.sleep(self.poll_interval)
            self.last_returncode = proc.returncode
            stderr = (folder / "stderr.txt").read_text(errors="replace")
            if proc.returncode != 0 or delivered == 0:
                raise self._error(stderr, delivered)
            return delivered
        finally:
            if proc is not None and proc.poll() is None:  # on_page failed: no scanner left running
                self._stop(proc)
            shutil.rmtree(folder, ignore_errors=True)

    def _stop(self, proc: subprocess.Popen[bytes]) -> None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self.last_returncode = proc.returncode

    def _error(self, stderr: str, delivered: int) -> ScanError:
        low = stderr.lower()
        if any(s in low for s in _NO_DEVICE):
            return ScanError(_kept(f"Không mở được máy quét «{self.device}»: máy tắt, rút cáp hoặc "
                                   "sai tên thiết bị trong cài đặt.", delivered), kind="offline")
        for text, kind, message in _STATUS:
            if text in low:
                return ScanError(_kept(message, delivered), kind=kind)
        if "option" in low and ("failed" in low or "invalid" in low or "unrecognized" in low):
            return ScanError(_kept(f"Máy quét «{self.device}» không nhận tùy chọn: {_last_line(stderr)}",
                                   delivered), kind="failed")
        if delivered == 0 and not stderr.strip():
            return ScanError(f"Máy quét «{self.device}» không trả trang nào.", kind="failed")
        return ScanError(_kept(f"Máy quét «{self.device}» báo lỗi: {_last_line(stderr)}", delivered),
                         kind="failed")


def sane_devices(program: str = PROGRAM, timeout: float = 60.0) -> list[tuple[str, str]]:
    """(device name, description) of every scanner SANE finds, for the settings dialog."""
    exe = shutil.which(program)
    if exe is None:
        raise _missing_program()
    try:
        done = subprocess.run([exe, "-f", "%d\t%v %m (%t)%n"], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, errors="replace", env=_c_locale(),
                              timeout=timeout, creationflags=_NO_WINDOW)
    except subprocess.TimeoutExpired:
        raise ScanError("SANE không trả lời khi tìm máy quét.", kind="timeout") from None
    found = []
    for line in done.stdout.splitlines():
        device, _, description = line.partition("\t")
        if device:
            found.append((device, description))
    return found


_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def _c_locale() -> dict[str, str]:
    """libsane translates its status strings: parse them in English."""
    env = dict(os.environ)
    env.update(LC_ALL="C", LANG="C", LANGUAGE="C")
    return env


def _last_line(stderr: str) -> str:
    lines = [s.strip() for s in stderr.splitlines() if s.strip() and not s.startswith(("Scanning", "Scanned", "Batch terminated"))]
    return f"«{lines[-1] if lines else '?'}»"


def _kept(message: str, delivered: int) -> str:
    return f"{message} Đã giữ {delivered} trang đã quét." if delivered else message
