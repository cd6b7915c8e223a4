"""The SQLite side of backups: copying a live database with the online backup API, checking a
copy (integrity, the app's tables, a schema revision this version knows), and writing a checked
copy back into the live file. Plus the small file steps both backends share: a temporary file
beside the target, flushed, then renamed into place."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.errors import UserError
from app.oserrors import os_reason

SQLITE_HEADER = b"SQLite format 3\x00"
# Present since the first schema revision: a file without them is some other program's database.
REQUIRED_TABLES = ("alembic_version", "agencies", "procedures", "users", "dossiers", "dossier_events",
                   "audit_log", "outbox", "settings")
LOCK_WAIT = 2.0  # seconds a restore waits for a counter's write to finish before refusing
BUSY = ("Cơ sở dữ liệu đang được một quầy ghi: đóng ứng dụng Một Cửa ở các quầy (và máy lấy số) "
        "rồi khôi phục lại. Dữ liệu chưa thay đổi.")


@dataclass(frozen=True)
class Pace:
    """How a backup taken while the counters work yields to them (the daily backup that log-in
    starts): the copy goes `pages` pages a step with a `pause` between steps, and the check of the
    copy pauses `check_pause` every `check_ops` SQLite virtual-machine steps (its integrity check
    is one long step of SQLite's own, left to the thread's low priority). Each pause lets go of
    the CPU and the disk, so a scan at the counter is not kept waiting behind a copy of the whole
    file. The desk runs it in a process of its own (backup_apart.py), so no step holds the desk's
    interpreter lock: short steps and longer pauses keep each burst of disk reads and writes short.
    On a million-dossier file: about 2.6 GB, 320 steps, about a minute."""

    pages: int = 2048  # 8 MB of 4 KB pages
    pause: float = 0.05
    check_ops: int = 100_000
    check_pause: float = 0.001


def copy_database(source: Path, target: Path, display: str, *, check: bool,
                  prepare: Callable[[sqlite3.Connection], None] | None = None,
                  pace: Pace | None = None) -> tuple[str | None, int]:
    """The online backup API from `source` into a new file beside `target`, made self-contained
    (no -wal), given what `prepare` adds to the copy (the data folder's files: backup_files.embed;
    for the daily backups backup_files.share, which writes them beside it and notes where),
    checked when `check`, flushed to disk, then renamed over `target`. Returns the copy's schema
    revision and dossier count (None, 0 unchecked). Without `pace` the whole file is copied in one
    step; with it, in steps that yield to the counters (see Pace)."""
    if not source.is_file():
        raise UserError(f"Chưa có cơ sở dữ liệu «{source}»: không có gì để sao lưu.")
    tmp = temp_beside(target)
    try:
        try:
            src = sqlite3.connect(uri(source, "mode=rw"), uri=True, timeout=30, isolation_level=None)
            try:
                dst = sqlite3.connect(tmp)
                try:
                    if pace is None:
                        src.backup(dst)  # pages=-1: the whole file in one step, one read snapshot
                    else:
                        _stepped_backup(src, dst, pace)
                    dst.execute("PRAGMA journal_mode = DELETE")
                    if prepare is not None:
                        prepare(dst)
                    if check and pace is not None:
                        dst.set_progress_handler(lambda: _rest(pace.check_pause), pace.check_ops)
                    found = inspect(dst) if check else (None, 0)
                    dst.set_progress_handler(None, 0)
                finally:
                    dst.close()
            finally:
                src.close()
        except Unfit as exc:
            raise UserError(f"Bản sao của {display} không đạt kiểm tra ({exc}); chưa ghi tệp sao lưu.") from exc
        except sqlite3.DatabaseError as exc:
            raise UserError(f"Không sao lưu được {display}: {sqlite_text(exc)}.") from exc
        publish(tmp, target)
        return found
    except OSError as exc:
        raise UserError(f"Không ghi được bản sao lưu «{target}»: {os_reason(exc)}.") from exc
    finally:
        remove_temp(tmp)


def _stepped_backup(src: sqlite3.Connection, dst: sqlite3.Connection, pace: Pace) -> None:
    """The backup in steps under one read snapshot: a read transaction held open on `src` for the
    whole copy, which the backup API then uses for every step. (Without it each step takes its own
    snapshot, and a counter's write between two steps restarts the copy from the first page:
    on a busy day a stepped copy of a large file might never finish.) WAL lets the counters write
    meanwhile."""
    src.execute("BEGIN")
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        src.backup(dst, pages=pace.pages, progress=lambda _status, _left, _total: _rest(pace.pause))
    finally:
        src.execute("COMMIT")


_NEVER = threading.Event()  # never set: waiting on it is a plain pause


def _rest(seconds: float) -> int:
    """A pause between two steps (0: go on; SQLite's progress handler aborts on anything else)."""
    _NEVER.wait(seconds)
    return 0


@contextmanager
def background_priority():
    """Run the calling thread at low priority (CPU, and on Windows disk and memory too) while a
    backup yields to the counter; back to normal afterwards where the system allows. Windows:
    THREAD_MODE_BACKGROUND_BEGIN/END; Linux: the thread's nice value (raising it back needs a
    privilege a desk does not have, so the daily backup runs on a thread of its own that ends
    with it); elsewhere nothing. Never fails: a priority is a courtesy, not a condition."""
    restore: Callable[[], None] | None = None
    try:
        if os.name == "nt":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            thread = kernel32.GetCurrentThread()
            if kernel32.SetThreadPriority(thread, 0x00010000):  # THREAD_MODE_BACKGROUND_BEGIN
                restore = lambda: kernel32.SetThreadPriority(thread, 0x00020000)  # noqa: E731 - ..._END
        elif sys.platform.startswith("linux"):
            tid = threading.get_native_id()
            before = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, 19)  # Linux: a thread id names that thread alone
            restore = lambda: os.setpriority(os.PRIO_PROCESS, tid, before)  # noqa: E731
    except (OSError, AttributeError):
        restore = None
    try:
        yield
    finally:
        if restore is not None:
            try:
                restore()
            except OSError:
                pass  # not allowed to raise it again (Linux without CAP_SYS_NICE): the thread ends soon


# ---- checking a copy ------------------------------------------------------------------------------

class Unfit(Exception):
    """What is wrong with a copy, in Vietnamese; `damaged` tells a broken file from a foreign one."""

    def __init__(self, message: str, *, damaged: bool = False, newer: bool = False):
        super().__init__(message)
        self.damaged, self.newer = damaged, newer


def inspect_file(path: Path, shown_as: Path) -> tuple[str, int]:
    """Check a file opened read-only and immutable: no lock taken, no -wal or -shm created beside
    the user's file. Refusals name `shown_as`."""
    try:
        conn = sqlite3.connect(uri(path, "mode=ro&immutable=1"), uri=True)
        try:
            return inspect(conn)
        finally:
            conn.close()
    except Unfit as exc:
        if exc.newer:
            raise UserError(f"Tệp «{shown_as}» {exc}.") from exc
        what = "bị hỏng (có thể chưa chép hết)" if exc.damaged else "không phải bản sao lưu của Một Cửa"
        raise UserError(f"Tệp «{shown_as}» {what}: {exc}.") from exc
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Tệp «{shown_as}» bị hỏng (có thể chưa chép hết): {sqlite_text(exc)}.") from exc


def inspect(conn: sqlite3.Connection) -> tuple[str, int]:
    """Integrity, the app's tables and a schema revision this version knows; the dossier count."""
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise Unfit(sqlite_text(exc), damaged=True) from exc
    if result != ["ok"]:
        raise Unfit("kiểm tra toàn vẹn báo lỗi «" + "; ".join(result)[:200] + "»", damaged=True)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise Unfit("không có bảng " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
    versions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    if len(versions) != 1:
        raise Unfit("không ghi phiên bản lược đồ")
    if versions[0] not in known_revisions():
        raise Unfit(newer_text(versions[0]), newer=True)
    return versions[0], conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATIONS

    return frozenset(s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions())


def newer_text(revision: str) -> str:
    return (f"được tạo bởi phiên bản Một Cửa mới hơn (lược đồ «{revision}»): cập nhật phần mềm "
            "rồi khôi phục lại")


# ---- writing a checked copy back ------------------------------------------------------------------

def usable(live: Path) -> bool:
    """False when there is no database, or the file is not a database (then it is replaced
    whole). Refuses while another connection holds the write lock."""
    if not live.exists():
        return False
    try:
        conn = sqlite3.connect(uri(live, "mode=rw"), uri=True, timeout=LOCK_WAIT, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        return True
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise UserError(BUSY) from exc
        raise UserError(f"Không mở được cơ sở dữ liệu «{live}»: {sqlite_text(exc)}.") from exc
    except sqlite3.DatabaseError:
        return False


class _Busy(Exception):
    pass


def load_into(work: Path, live: Path, display: str) -> None:
    """Write the checked copy `work` into the live database through the backup API: one write
    transaction on `live`, so a crash or a refusal halfway leaves the old data."""
    def refuse_if_busy(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise _Busy  # aborts the backup: its write transaction on `live` rolls back

    try:
        src = sqlite3.connect(uri(work, "mode=ro&immutable=1"), uri=True)
        try:
            dst = sqlite3.connect(uri(live, "mode=rw"), uri=True, timeout=LOCK_WAIT)
            try:
                src.backup(dst, progress=refuse_if_busy)
            finally:
                dst.close()
        finally:
            src.close()
    except _Busy as exc:
        raise UserError(BUSY) from exc
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Không ghi được vào {display}: {sqlite_text(exc)}. Dữ liệu chưa thay đổi.") from exc


def replace_damaged(live: Path, work: Path, keep: Path) -> Path | None:
    """No usable database: move what is there aside (with its -wal and -shm, which belong to
    it) and put the checked copy in its place. Returns where the old file went, if any."""
    kept = None
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            part = live.with_name(live.name + suffix)
            if part.exists():
                os.replace(part, keep.with_name(keep.name + suffix))
                kept = keep
        if kept is not None:
            shutil.copymode(kept, work)  # the database keeps the access rights it had
        publish(work, live)
    except OSError as exc:
        raise UserError(f"Không thay được tệp «{live}»: {os_reason(exc)}.") from exc
    return kept


# ---- files ----------------------------------------------------------------------------------------

def uri(path: Path, params: str) -> str:
    return f"{path.resolve().as_uri()}?{params}"


# A backup's temporary file names its maker: ".<target>.p<pid>-<host>.<random>.tmp". One whose
# process (on this PC) is gone was left by a backup killed half-way, and the next backup into the
# same folder removes it; one from another PC (a shared folder) only once it is a day old.
TEMP = re.compile(r"^\..+\.p(?P<pid>[0-9]+)-(?P<host>[0-9a-f]{4})\.[^.]+\.tmp$")
TEMP_EXTRA = len("..p4194304-abcd.12345678.tmp-journal")  # what the temporary names add to the target's
ORPHAN_AGE = 86400  # seconds


def host_tag() -> str:
    """Four hex digits naming this PC in temporary names and claims (not its name itself)."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]


_host_tag = host_tag


def temp_beside(target: Path) -> Path:
    prefix = f".{target.name}.p{os.getpid()}-{_host_tag()}."
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    except OSError as exc:
        raise UserError(f"Không ghi được tệp vào thư mục «{target.parent}»: {os_reason(exc)}.") from exc
    os.close(fd)
    return Path(tmp)


def remove_temp(tmp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def sweep_orphans(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of backups (and restores) killed half-way in `folder`: those
    whose process on this PC has ended, and any a day old. Returns what was removed."""
    now = time.time() if now is None else now
    gone = []
    try:
        found = [(p, TEMP.match(p.name)) for p in folder.iterdir() if p.name.endswith(".tmp")]
    except OSError:
        return gone
    for path, m in found:
        if m is None:
            continue
        try:
            mine = m["host"] == _host_tag()
            if (mine and not process_alive(int(m["pid"]))) or now - path.stat().st_mtime > ORPHAN_AGE:
                remove_temp(path)
                gone.append(path)
        except (OSError, ValueError):
            continue  # gone already, or not ours to remove
    return gone


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs on this PC. In doubt: alive (its file is then kept)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists (POSIX)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    # os.kill on Windows terminates the process whatever the signal: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def publish(tmp: Path, target: Path) -> None:
    """Flush the finished file, rename it over `target`, flush the folder (POSIX: the rename
    itself survives a power cut only then)."""
    with tmp.open("rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    if os.name != "nt":
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sqlite_text(exc: sqlite3.Error) -> str:
    text = str(exc)
    known = {
        "file is not a database": "không phải tệp cơ sở dữ liệu SQLite",
        "database disk image is malformed": "tệp cơ sở dữ liệu bị hỏng",
        "database is locked": "cơ sở dữ liệu đang bị khóa",
        "unable to open database file": "không mở được tệp",
        "disk i/o error": "lỗi đọc ghi đĩa",
        "database or disk is full": "đĩa đã đầy",
    }
    return known.get(text.lower(), text)
