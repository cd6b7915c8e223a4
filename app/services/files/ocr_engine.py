"""The OCR engine: OCRmyPDF with Tesseract's Vietnamese data, run as a separate program.

Found on PATH (Debian's `ocrmypdf`; on Windows `ocrmypdf.exe` from `pip install ocrmypdf` plus
the Tesseract installer with Vietnamese data), or at the path in the setting `files.ocr_command`.
It runs without a shell, without a console window (Windows), at a lower priority and on one
core, so the counter's own work keeps the other; a timeout or a cancel ends the whole process
tree (ocrmypdf starts Ghostscript and Tesseract). OCR is optional: without the engine the scans
are kept as they are and `engine_status` says why in one Vietnamese line."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("motcua.files")

LANGUAGE = "vie"
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)
_BELOW_NORMAL = getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
PROBE_TIMEOUT = 30.0  # seconds for `--version` / `--list-langs`
OPTIONAL = ("OCR là tùy chọn: bản quét vẫn được lưu đủ, chỉ chưa tìm được chữ trong đó. "
            "Cài OCRmyPDF và Tesseract có dữ liệu tiếng Việt (Linux: gói «ocrmypdf» và «tesseract-ocr-vie»; "
            "Windows: docs/digitization.md) hoặc tắt cài đặt «files.ocr».")
# ocrmypdf's exit codes (ocrmypdf.ExitCode) that say what went wrong, in the officer's words.
EXIT_REASONS = {
    2: "tệp PDF không đọc được (hỏng hoặc không đúng chuẩn)",
    3: "thiếu một thành phần của công cụ nhận dạng chữ (Ghostscript hoặc Tesseract)",
    4: "tệp kết quả không hợp lệ",
    5: "không đọc hoặc ghi được tệp tạm",
    6: "tệp đã có lớp chữ",
    7: "Ghostscript hoặc Tesseract dừng giữa chừng",
    8: "tệp PDF có mật khẩu hoặc bị mã hóa",
    9: "cấu hình Tesseract không hợp lệ (có thể thiếu dữ liệu tiếng Việt)",
}
ENGINE_BROKEN = (3, 9)  # the engine's fault, not the file's: the file waits for a working engine


class EngineMissing(Exception):
    """The engine cannot run on this PC; `str()` is the Vietnamese line to show."""


class OcrFailed(Exception):
    """This file could not be read; `str()` is the Vietnamese reason kept in `ocr_error`."""


class Cancelled(Exception):
    pass


@dataclass(frozen=True)
class Engine:
    command: str  # the ocrmypdf executable
    version: str
    tesseract: str  # Tesseract's version line


def find_command(configured: str | None = None) -> str | None:
    """The ocrmypdf program: the configured path (a file), else PATH."""
    text = (configured or "").strip()
    if text:
        path = Path(text).expanduser()
        return str(path) if path.is_file() else None
    return shutil.which("ocrmypdf")


def _find_tesseract() -> str | None:
    found = shutil.which("tesseract")
    if found or os.name != "nt":
        return found
    # The Windows installer (UB Mannheim) does not always add itself to PATH; ocrmypdf looks here too.
    for base in (os.environ.get("PROGRAMFILES", r"C:\Program Files"), os.environ.get("PROGRAMFILES(X86)", "")):
        candidate = Path(base) / "Tesseract-OCR" / "tesseract.exe" if base else None
        if candidate is not None and candidate.is_file():
            return str(candidate)
    return None


def child_env() -> dict[str, str]:
    """The environment for the engine: the app's own Python paths removed (Debian's ocrmypdf runs
    on the system's Python and must not import the app's packages), Tesseract on one thread."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _probe(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=PROBE_TIMEOUT, stdin=subprocess.DEVNULL, env=child_env(),
                          creationflags=_NO_WINDOW)


def find_engine(configured: str | None = None) -> Engine:
    """The engine, checked to run and to have the Vietnamese data; EngineMissing says what is not there."""
    command = find_command(configured)
    if command is None:
        where = f"tại «{configured.strip()}»" if (configured or "").strip() else "trên máy này (PATH)"
        raise EngineMissing(f"Không tìm thấy công cụ nhận dạng chữ OCRmyPDF {where}. {OPTIONAL}")
    try:
        version = _probe([command, "--version"])
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineMissing(f"Không chạy được OCRmyPDF «{command}» ({exc.__class__.__name__}). {OPTIONAL}") from exc
    if version.returncode != 0:
        raise EngineMissing(f"OCRmyPDF «{command}» không chạy được (mã lỗi {version.returncode}). {OPTIONAL}")
    tesseract = _find_tesseract()
    if tesseract is None:
        raise EngineMissing(f"Không tìm thấy Tesseract (OCRmyPDF cần nó để nhận dạng chữ). {OPTIONAL}")
    try:
        langs = _probe([tesseract, "--list-langs"])
        tess_version = _probe([tesseract, "--version"])
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineMissing(f"Không chạy được Tesseract «{tesseract}» ({exc.__class__.__name__}). {OPTIONAL}") from exc
    listed = {ln.strip() for ln in (langs.stdout + "\n" + langs.stderr).splitlines()}
    if LANGUAGE not in listed:
        raise EngineMissing(f"Tesseract chưa có dữ liệu tiếng Việt («{LANGUAGE}»). {OPTIONAL}")
    first = (tess_version.stdout or tess_version.stderr).strip().splitlines()
    return Engine(command, version.stdout.strip().split("+")[0] or "?",
                  first[0].strip() if first else "tesseract")


def engine_status(configured: str | None = None) -> tuple[bool, str]:
    """(ready, one Vietnamese line): what the settings page, the status bar and the CLI show."""
    try:
        engine = find_engine(configured)
    except EngineMissing as exc:
        return False, str(exc)
    return True, f"Nhận dạng chữ tiếng Việt sẵn sàng: OCRmyPDF {engine.version}, {engine.tesseract}."


def timeout_for(size: int) -> float:
    """Seconds one file may take: a start-up allowance, and some 20 s per page scanned at 200 dpi
    (about 50 KB a page at the least), capped at six hours."""
    return min(120.0 + 20.0 * max(1, size // 50_000), 6 * 3600.0)


def run(engine: Engine, data: bytes, *, timeout: float, cancelled: Callable[[], bool] = lambda: False,
        poll: float = 0.2) -> bytes:
    """The same PDF with a text layer. Pages that already have text are left as they are
    (`--skip-text`), images are not re-encoded (`--output-type pdf`, lossless `--optimize 1`).
    Raises OcrFailed (the file), EngineMissing (the engine), Cancelled."""
    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as tmp:
        source, target, err_path = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf", Path(tmp) / "stderr.txt"
        source.write_bytes(data)
        argv = [engine.command, "-l", LANGUAGE, "--skip-text", "--output-type", "pdf", "--optimize", "1",
                "--jobs", "1", "--quiet", str(source), str(target)]
        with err_path.open("wb") as err:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                    env=child_env(), creationflags=_NO_WINDOW | _BELOW_NORMAL,
                                    start_new_session=os.name != "nt")
            _lower_priority(proc.pid)
            deadline = time.monotonic() + timeout
            try:
                while True:
                    if cancelled():
                        raise Cancelled
                    if time.monotonic() >= deadline:
                        raise OcrFailed(f"nhận dạng chữ quá thời hạn {_duration(timeout)}, đã dừng")
                    try:
                        code = proc.wait(poll)
                        break
                    except subprocess.TimeoutExpired:
                        continue
            finally:
                if proc.poll() is None:
                    _kill_tree(proc)
        said = _last_line(err_path)
        if code in ENGINE_BROKEN:
            raise EngineMissing(f"OCRmyPDF báo {EXIT_REASONS[code]}" + (f" ({said})" if said else "")
                                + f". {OPTIONAL}")
        if code != 0:
            reason = EXIT_REASONS.get(code, f"OCRmyPDF dừng với mã lỗi {code}")
            raise OcrFailed(reason + (f" ({said})" if said and code not in EXIT_REASONS else ""))
        try:
            out = target.read_bytes()
        except OSError as exc:
            raise OcrFailed("OCRmyPDF không ghi ra tệp kết quả") from exc
        return out


def _duration(seconds: float) -> str:
    return f"{round(seconds)} giây" if seconds < 120 else f"{round(seconds / 60)} phút"


def _last_line(path: Path) -> str:
    try:
        lines = [ln.strip() for ln in path.read_text("utf-8", "replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    if lines:
        log.info("ocrmypdf said: %s", lines[-1][:300])
    return lines[-1][:160] if lines else ""


def _lower_priority(pid: int) -> None:
    """POSIX: nice 10 for ocrmypdf, taken on by the Ghostscript and Tesseract it starts later
    (Windows: BELOW_NORMAL_PRIORITY_CLASS at creation does this)."""
    if os.name == "nt" or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 10)
    except OSError:
        pass  # already ended, or not allowed: it runs at normal priority


def _kill_tree(proc: subprocess.Popen) -> None:
    """End ocrmypdf and the programs it started."""
    try:
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True,
                           stdin=subprocess.DEVNULL, creationflags=_NO_WINDOW, timeout=30)
        else:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the group is ocrmypdf's
    except (OSError, subprocess.SubprocessError):
        pass
    if proc.poll() is None:
        proc.kill()
    proc.wait()
