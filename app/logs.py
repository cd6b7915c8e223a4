"""The app's log: one rotating file in <data>/logs/ per program, and warnings on stderr.

`configure(data_dir, role=...)` is called once by every entry point (the desk, the kiosk, the hall
display, the command line); a second call with the same folder and role does nothing.

- Where: the desk and the command line write `motcua.log`, the kiosk `motcua-kiosk.log`, the hall
  display `motcua-display.log`. On Windows a file another process holds open cannot be renamed, so
  one rotating file shared by the desk, the kiosk and the display of one PC would fail to rotate
  all day: each long-running program has its own. The command line shares the desk's file (its
  commands are short; a scheduled `motcua backup --auto` may run beside the desk), and a rotation
  refused because the other process holds the file is simply tried again later (`_SharedRotating`).
- What: one line per record, `time level category message` (categories `motcua.sync`,
  `motcua.db`, `motcua.devices`, …), with the traceback for a bug. Dossier codes, yes; ID numbers,
  phone numbers and e-mail addresses are masked on the way out (`app.domain.privacy.mask_text`),
  whatever a caller passed. Names cannot be recognised in text, so the rule for code is: never
  pass an applicant's name to a log call.
- How much: 5 files of 5 MB (`motcua.log`, `motcua.log.1` … `.4`), the oldest dropped.
- Private: the folder 0700 and the files 0600 on POSIX (nothing on Windows: the profile's access
  list protects the data folder, docs/windows.md).

`install_excepthooks(on_crash)` logs an uncaught exception of any thread with its traceback under
`motcua.crash` and calls `on_crash` with one Vietnamese line naming the log file, once per burst
of crashes, so the program shows one notice and keeps running where it can."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from app.domain.privacy import mask_text

ROLES = {"desk": "motcua.log", "cli": "motcua.log", "kiosk": "motcua-kiosk.log",
         "display": "motcua-display.log", "rating": "motcua-rating.log"}
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 4  # with the current file: five
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# `log.error(..., extra=FILE_ONLY)`: in the file, not on stderr (the command line prints its own
# one-line error and must not say it twice).
FILE_ONLY = {"motcua_file_only": True}
CRASH_QUIET_SECONDS = 60.0  # crashes closer together than this are one burst: one notice

crash_log = logging.getLogger("motcua.crash")
POSIX = os.name == "posix"


# SQLAlchemy puts a failed statement's values (names among them) into its exceptions' text, and
# pydantic the value it refused (a portal answer's applicant name).
_SQL_PARAMETERS = re.compile(r"^\[parameters: .*\]$", re.MULTILINE)
_PYDANTIC_INPUT = re.compile(r"input_value=.*?, input_type=")


class RedactingFormatter(logging.Formatter):
    """The line, its traceback included, with ID numbers, phone numbers and e-mail masked and the
    values quoted by a failed SQL statement or a refused pydantic model left out."""

    def format(self, record: logging.LogRecord) -> str:
        line = _SQL_PARAMETERS.sub("[parameters: (hidden)]", super().format(record))
        line = _PYDANTIC_INPUT.sub("input_value=(hidden), input_type=", line)
        return mask_text(line) or ""


class _OneLine(RedactingFormatter):
    """For stderr: the record's line without its traceback (the file has it); a command line
    prints no traceback, ever."""

    def format(self, record: logging.LogRecord) -> str:
        bare = logging.makeLogRecord(record.__dict__)
        bare.exc_info = bare.exc_text = bare.stack_info = None
        return super().format(bare)


class _Stderr(logging.StreamHandler):
    """Whatever sys.stderr is when a record comes (a test's capture, motcuaw.exe's file)."""

    def __init__(self):
        super().__init__(None)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass

    def emit(self, record: logging.LogRecord) -> None:
        if sys.stderr is not None:  # motcuaw.exe before its streams are set
            super().emit(record)


class _NotFileOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "motcua_file_only", False)


def _close_to_others(path: Path, hidden: int) -> None:
    """Take `hidden` off a log file or folder an older version (or another umask) left open."""
    if not POSIX:
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & hidden:
            os.chmod(path, mode & ~hidden)
    except OSError:  # another account's, or a file system without modes: as it is
        pass


class _SharedRotating(logging.handlers.RotatingFileHandler):
    """A rotating file that tolerates another process holding it (the desk and a command line on
    Windows): a refused rotation keeps appending to the current file and is tried again once the
    file has grown by another tenth. New files are private whatever the umask (0600; 0660 in a
    folder an administrator shares with a group, app/data_folder.py)."""

    def __init__(self, path: Path, max_bytes: int, backups: int):
        self._retry_at = 0
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=False)

    def _open(self):
        from app.data_folder import hidden_bits

        hidden = hidden_bits(Path(self.baseFilename).parent)  # 0o077, or 0o007 in a group's folder
        stream = open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,  # noqa: SIM115
                      opener=lambda path, flags: os.open(path, flags, 0o666 & ~hidden))
        _close_to_others(Path(self.baseFilename), hidden)
        return stream

    def shouldRollover(self, record: logging.LogRecord) -> int:
        if not super().shouldRollover(record):
            return False
        return self.stream is None or self.stream.tell() >= self._retry_at

    def doRollover(self) -> None:
        try:
            super().doRollover()
            self._retry_at = 0
        except OSError:  # another process has the file open (Windows): later
            if self.stream is None:
                self.stream = self._open()
            self._retry_at = self.stream.tell() + max(self.maxBytes // 10, 1)


_state: dict = {"key": None, "handlers": [], "levels": {}}
_lock = threading.RLock()


def configure(data_dir: Path | str, *, role: str = "desk", stderr_level: int | None = logging.WARNING,
              max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> Path | None:
    """Send the app's records to <data_dir>/logs/<file of the role> and warnings to stderr
    (`stderr_level` None: not at all). Idempotent for the same folder and role; another folder or
    role replaces the earlier handlers. Returns the log file, None when it could not be opened
    (a read-only folder: stderr still gets the warnings, and the program runs on)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    path = Path(os.path.abspath(Path(data_dir) / "logs" / ROLES[role]))
    key = (path, role, stderr_level, max_bytes, backups)
    with _lock:
        if _state["key"] == key:
            return _state["path"]
        unconfigure()
        formatter = RedactingFormatter(FORMAT, DATE_FORMAT)  # the file's
        handlers: list[logging.Handler] = []
        opened: Path | None = None
        try:
            from app.data_folder import hidden_bits, make_folders

            make_folders(path.parent)
            _close_to_others(path.parent, hidden_bits(path.parent))
            file_handler = _SharedRotating(path, max_bytes, backups)
            file_handler.setLevel(logging.INFO)
            handlers.append(file_handler)
            opened = path
        except OSError:  # said by what needs the folder (a command's one line, the crash notice)
            pass
        if stderr_level is not None:
            err = _Stderr()
            err.setLevel(stderr_level)
            err.addFilter(_NotFileOnly())
            handlers.append(err)
        root, ours = logging.getLogger(), logging.getLogger("motcua")
        _state["levels"] = {"motcua": ours.level}
        # Our categories at INFO (the sync summaries, backups made); other libraries keep the
        # root's WARNING.
        if ours.level == logging.NOTSET or ours.level > logging.INFO:
            ours.setLevel(logging.INFO)
        for h in handlers:
            h.setFormatter(_OneLine(FORMAT, DATE_FORMAT) if isinstance(h, _Stderr) else formatter)
            root.addHandler(h)
        _state.update(key=key, handlers=handlers, path=opened)
    from app import __version__

    logging.getLogger("motcua.app").info("%s started (version %s, process %d)", role, __version__, os.getpid())
    return opened


def unconfigure() -> None:
    """Take our handlers off again (tests that configure in their own process)."""
    with _lock:
        root = logging.getLogger()
        for h in _state["handlers"]:
            root.removeHandler(h)
            h.close()
        for name, level in _state["levels"].items():
            logging.getLogger(name).setLevel(level)
        _state.update(key=None, handlers=[], levels={}, path=None)


def is_configured() -> bool:
    return _state["key"] is not None


def log_path() -> Path | None:
    """The file this process logs to, None before `configure` (or when it could not be opened)."""
    return _state.get("path") if _state["key"] else None


def crash_notice(path: Path | None = None) -> str:
    """The one Vietnamese line a program shows after a bug."""
    path = path if path is not None else log_path()
    where = f"chi tiết ghi tại {path}" if path else "không ghi được tệp nhật ký"
    return f"Đã xảy ra lỗi không mong đợi; chương trình vẫn chạy tiếp, {where}."


class CrashReporter:
    """Logs a crash and tells `on_crash` once per burst (crashes less than `quiet_seconds` after
    the previous notice say nothing new). `on_crash` may be called on any thread."""

    def __init__(self, on_crash: Callable[[str], None] | None, *, quiet_seconds: float = CRASH_QUIET_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.on_crash, self.quiet_seconds, self.clock = on_crash, quiet_seconds, clock
        self._last_notice: float | None = None
        self._lock = threading.Lock()
        self.crashes = 0

    def report(self, exc_type, exc, tb, where: str) -> None:
        crash_log.error("uncaught exception in %s", where, exc_info=(exc_type, exc, tb))
        with self._lock:
            self.crashes += 1
            now = self.clock()
            if self._last_notice is not None and now - self._last_notice < self.quiet_seconds:
                return
            self._last_notice = now
        if self.on_crash is not None:
            try:
                self.on_crash(crash_notice())
            except Exception:  # noqa: BLE001 - the notice must not crash in turn
                crash_log.error("the crash notice failed", exc_info=True)


_hooks: dict = {}


def install_excepthooks(on_crash: Callable[[str], None] | None = None, *,
                        quiet_seconds: float = CRASH_QUIET_SECONDS,
                        clock: Callable[[], float] = time.monotonic) -> CrashReporter:
    """sys.excepthook and threading.excepthook log under `motcua.crash` with the traceback and
    call `on_crash` once per burst. Calling it again replaces the callback."""
    reporter = CrashReporter(on_crash, quiet_seconds=quiet_seconds, clock=clock)

    def main_hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.report(exc_type, exc, tb, "the main thread")

    def thread_hook(args: threading.ExceptHookArgs):
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        reporter.report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    if not _hooks:
        _hooks.update(sys=sys.excepthook, threading=threading.excepthook)
    sys.excepthook, threading.excepthook = main_hook, thread_hook
    _hooks["reporter"] = reporter
    return reporter


def uninstall_excepthooks() -> None:
    if _hooks:
        sys.excepthook, threading.excepthook = _hooks.pop("sys"), _hooks.pop("threading")
        _hooks.clear()
