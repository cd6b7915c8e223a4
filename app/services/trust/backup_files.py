"""The digitized papers in SQLite backups: a backup is one file that holds the database and every
file it names, and a restore brings back exactly those files, each checked by its SHA-256.

On one PC the store keeps the bytes in the data folder (`files/ab/cd/<sha256>`, the row's `data`
NULL: app/services/files/store.py). A backup copies the database first (one snapshot), then puts
each named file's bytes into its row's `data` in the copy, read and re-hashed from the data
folder: the backup stays a single file that can go to a USB stick or a network folder as it
always did, and the files in it are exactly those its database names. A file that is missing or
altered in the data folder cannot be carried: the backup is still made (the dossiers matter
more) and names each such file.

A restore takes the bytes out again before the database is replaced: every file is checked
against its SHA-256 (a damaged backup is refused, nothing changed), written whole into the data
folder, and its row's `data` emptied as the store expects; the copy is then compacted. A file
neither in the backup nor already whole in the data folder is missing: the restore is refused,
naming it, unless the caller accepts restoring without it. Files of the database being replaced
stay in the data folder (the database kept aside still names them); `motcua files verify` sweeps
those no row names.

The automatic daily backups share their files instead (`share`): a year of scans copied into every
daily copy, kept N times, would not fit a counter PC. Each file is written once, whole and named by
its SHA-256, into a folder beside the backups (`<backup folder>/backup-files/ab/cd/<sha256>`; not
`files`, so a backup folder that is the data folder itself never mixes with the live store); a
daily backup adds only the files not already there (a file there is trusted by its size, a new one
is re-hashed from the data folder), its rows keep `data` NULL, and its `backup_manifest` table says
where its files are and how many it added. A restore takes them from that folder, each re-hashed;
a missing or damaged one is named and refused as above. `sweep_shared` removes, after the old
backups are pruned, the shared files that no backup left in the folder names.

PostgreSQL keeps the bytes in `stored_files.data`, so pg_dump carries them; only a row copied from
a PC without its bytes is not in a dump, and `missing_in_server` names those."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError
from app.oserrors import os_reason

log = logging.getLogger("motcua.db")

SHOWN = 5  # files named in one message; the rest are counted
SHARED = "backup-files"  # beside the automatic backups: backup-files/ab/cd/<sha256>
MANIFEST = "backup_manifest"  # in a backup whose files are shared: key -> value
# A shared file no backup names is removed only once this old: a backup under way (here or on
# another PC writing to the same network folder) may have just added it, or touched it to reuse it.
SWEEP_AGE = 86400  # seconds
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class FilesReport:
    files: int = 0  # stored files the database names
    missing: list[str] = field(default_factory=list)  # SHA-256s not carried / not restorable
    shared: Path | None = None  # the folder holding its files; None: inside the backup file
    added: int = 0  # files this backup wrote into the shared folder
    added_bytes: int = 0

    def named(self) -> str:
        """The missing files, named (their SHA-256's first 12 digits), for one message."""
        shown = ", ".join(f"{sha[:12]}…" for sha in self.missing[:SHOWN])
        more = len(self.missing) - SHOWN
        return shown + (f" và {more} tệp khác" if more > 0 else "")


def _has_files(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stored_files'").fetchone()
    if found is None:
        return False
    return "data" in {row[1] for row in conn.execute("PRAGMA table_info(stored_files)")}


def _path(data_dir: Path, sha256: str) -> Path:
    from app.services.files.store import path_of

    return path_of(data_dir, sha256)


def _whole(path: Path, sha256: str) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


# ---- into a backup --------------------------------------------------------------------------------

def embed(conn: sqlite3.Connection, data_dir: Path) -> FilesReport:
    """Put every named file's bytes, re-hashed, into the backup copy open on `conn`; one file in
    memory at a time. Missing or altered files are reported, not carried."""
    report = FilesReport()
    if not _has_files(conn):
        return report
    shas = [row[0] for row in conn.execute("SELECT sha256 FROM stored_files WHERE data IS NULL ORDER BY sha256")]
    report.files = conn.execute("SELECT count(*) FROM stored_files").fetchone()[0]
    conn.execute("BEGIN")
    for sha in shas:
        data = _whole(_path(data_dir, sha), sha)
        if data is None:
            report.missing.append(sha)
            continue
        conn.execute("UPDATE stored_files SET data = ? WHERE sha256 = ?", (data, sha))
    conn.execute("COMMIT")
    return report


def share(conn: sqlite3.Connection, data_dir: Path, folder: Path) -> FilesReport:
    """The automatic backups' way: every named file into the shared folder beside the backups
    (`folder`/backup-files), once; the copy open on `conn` keeps no bytes and records in its
    manifest where its files are and what it added. A file already there is trusted by its size
    (and touched, so a prune running meanwhile keeps it); a new one is read from the data folder,
    re-hashed and written whole. Missing or altered ones are reported, not shared."""
    from app.data_folder import make_folders
    from app.files import write_atomically

    report = FilesReport(shared=Path(folder) / SHARED)
    conn.execute("BEGIN")
    conn.execute(f"CREATE TABLE {MANIFEST} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    rows = []
    if _has_files(conn):
        rows = conn.execute("SELECT sha256, size, data IS NOT NULL FROM stored_files ORDER BY sha256").fetchall()
    report.files = len(rows)
    for sha, size, inside in rows:
        target = shared_path(folder, sha)
        if _present(target, size, touch=True):
            continue
        if inside:  # a row that came with its bytes (copied from a server): they move out too
            data = conn.execute("SELECT data FROM stored_files WHERE sha256 = ?", (sha,)).fetchone()[0]
            data = data if hashlib.sha256(data).hexdigest() == sha else _whole(_path(data_dir, sha), sha)
        else:
            data = _whole(_path(data_dir, sha), sha)
        if data is None:
            report.missing.append(sha)
            continue
        try:
            make_folders(target.parent)
            write_atomically(target, data)
        except OSError as exc:  # a full disk, a network folder gone: no backup is published
            raise UserError(f"Không ghi được tệp số hóa vào thư mục sao lưu «{target.parent}»: "
                            f"{os_reason(exc)}.") from exc
        report.added += 1
        report.added_bytes += len(data)
    if rows:
        conn.execute("UPDATE stored_files SET data = NULL WHERE data IS NOT NULL")
    conn.executemany(f"INSERT INTO {MANIFEST} (key, value) VALUES (?, ?)",
                     [("files_folder", SHARED), ("files_added", str(report.added)),
                      ("bytes_added", str(report.added_bytes))])
    conn.execute("COMMIT")
    return report


def shared_path(folder: Path, sha256: str) -> Path:
    """Where a shared file of the backups in `folder` lives."""
    return _in(Path(folder) / SHARED, sha256)


def _in(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def _present(path: Path, size: int, *, touch: bool = False) -> bool:
    """Whether `path` is there with the right size: the cheap look (a full re-hash of a year of
    scans on a network folder every day would take longer than the backup)."""
    try:
        if path.stat().st_size != size:
            return False
    except OSError:
        return False
    if touch:
        try:
            os.utime(path)
        except FileNotFoundError:  # removed just now by a prune: written again
            return False
        except OSError:
            pass  # read-only for this account: still whole, only not marked as in use
    return True


@dataclass(frozen=True)
class Manifest:
    folder: Path  # the shared folder, resolved beside the backup file
    added: int
    added_bytes: int


def manifest(conn: sqlite3.Connection, backup_path: Path) -> Manifest | None:
    """What a backup whose files are shared says about them; None for a self-contained one."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MANIFEST,)).fetchone()
    if found is None:
        return None
    values = dict(conn.execute(f"SELECT key, value FROM {MANIFEST}"))
    name = values.get("files_folder") or SHARED
    if Path(name).name != name or name in (".", ".."):  # only a folder beside the backup, never elsewhere
        raise UserError(f"Tệp «{backup_path}» ghi thư mục tệp số hóa không hợp lệ «{name[:80]}».")
    try:
        added, added_bytes = int(values.get("files_added", 0)), int(values.get("bytes_added", 0))
    except ValueError:
        added = added_bytes = 0
    return Manifest(Path(backup_path).parent / name, added, added_bytes)


def carried(conn: sqlite3.Connection, backup_path: Path | None = None) -> FilesReport:
    """What a backup file holds: its stored files, and those whose bytes it does not carry (for a
    backup whose files are shared: those not in the shared folder with their size)."""
    report = FilesReport()
    if not _has_files(conn):
        return report
    report.files = conn.execute("SELECT count(*) FROM stored_files").fetchone()[0]
    shared = manifest(conn, backup_path) if backup_path is not None else None
    rows = conn.execute("SELECT sha256, size FROM stored_files WHERE data IS NULL ORDER BY sha256").fetchall()
    if shared is None:
        report.missing = [sha for sha, _size in rows]
        return report
    report.shared, report.added, report.added_bytes = shared.folder, shared.added, shared.added_bytes
    report.missing = [sha for sha, size in rows if not _present(_in(shared.folder, sha), size)]
    return report


# ---- out of a backup ------------------------------------------------------------------------------

def unpack(work: Path, data_dir: Path, shown_as: Path, *, allow_missing: bool) -> FilesReport:
    """Write the files of the checked backup copy `work` into the data folder and empty their
    `data` in the copy, which is then compacted. Refuses before writing anything when a file is
    in neither place (unless `allow_missing`); a file whose bytes do not match its SHA-256 stops it
    with the database unchanged (the files already written are whole, named by their own hash)."""
    from app.data_folder import make_folders
    from app.files import write_atomically

    conn = sqlite3.connect(work, isolation_level=None)
    try:
        shared = manifest(conn, shown_as)
        if shared is not None:
            conn.execute(f"DROP TABLE {MANIFEST}")  # the backup's own note: not restored with the data
            report = _take_shared(conn, data_dir, shown_as, shared, allow_missing=allow_missing)
            conn.execute("VACUUM")
            return report
        if not _has_files(conn):
            return FilesReport()
        report = carried(conn)
        absent = report.missing = not_on_disk(report.missing, data_dir)
        if absent and not allow_missing:
            refuse_missing(report, shown_as)
        carrying = [row[0] for row in conn.execute(
            "SELECT sha256 FROM stored_files WHERE data IS NOT NULL ORDER BY sha256")]
        conn.execute("BEGIN")
        for sha in carrying:  # one file in memory at a time; each checked before it is written
            data = conn.execute("SELECT data FROM stored_files WHERE sha256 = ?", (sha,)).fetchone()[0]
            if hashlib.sha256(data).hexdigest() != sha:
                raise UserError(f"Bản sao lưu «{shown_as}» bị hỏng: tệp {sha[:12]}… trong đó không khớp mã băm. "
                                "Cơ sở dữ liệu chưa thay đổi.")
            path = _path(data_dir, sha)
            if _whole(path, sha) is None:
                try:
                    make_folders(path.parent)
                    write_atomically(path, data)
                except OSError as exc:
                    raise UserError(f"Không ghi được tệp số hóa vào «{path.parent}»: {os_reason(exc)}. "
                                    "Cơ sở dữ liệu chưa thay đổi.") from exc
            conn.execute("UPDATE stored_files SET data = NULL WHERE sha256 = ?", (sha,))
        conn.execute("COMMIT")
        conn.execute("VACUUM")  # the restored database is as small as the store expects
        return report
    finally:
        conn.close()


def _take_shared(conn: sqlite3.Connection, data_dir: Path, shown_as: Path, shared: Manifest, *,
                 allow_missing: bool) -> FilesReport:
    """The files of a backup whose files are shared, from the shared folder into the data folder,
    each re-hashed. A file missing there (and not whole in the data folder) is refused before
    anything is written; a damaged one once all were read (those already written are whole)."""
    from app.data_folder import make_folders
    from app.files import write_atomically

    report = FilesReport(shared=shared.folder, added=shared.added, added_bytes=shared.added_bytes)
    if not _has_files(conn):
        return report
    rows = conn.execute("SELECT sha256, size FROM stored_files WHERE data IS NULL ORDER BY sha256").fetchall()
    report.files = conn.execute("SELECT count(*) FROM stored_files").fetchone()[0]
    needed = [(sha, size) for sha, size in rows if _whole(_path(data_dir, sha), sha) is None]
    report.missing = [sha for sha, size in needed if not _present(_in(shared.folder, sha), size)]
    if report.missing and not allow_missing:
        refuse_missing(report, shown_as)
    damaged = []
    for sha, _size in needed:
        if sha in report.missing:
            continue
        data = _whole(_in(shared.folder, sha), sha)
        if data is None:
            damaged.append(sha)
            continue
        path = _path(data_dir, sha)
        try:
            make_folders(path.parent)
            write_atomically(path, data)
        except OSError as exc:
            raise UserError(f"Không ghi được tệp số hóa vào «{path.parent}»: {os_reason(exc)}. "
                            "Cơ sở dữ liệu chưa thay đổi.") from exc
    if damaged and not allow_missing:
        named = FilesReport(missing=damaged).named()
        raise UserError(f"Thư mục tệp sao lưu «{shared.folder}» có {len(damaged)} tệp số hóa bị hỏng "
                        f"(không khớp mã băm): {named}. Cơ sở dữ liệu chưa thay đổi. Dùng bản sao lưu khác, "
                        "hoặc chấp nhận khôi phục thiếu các tệp này (motcua restore --allow-missing-files).")
    report.missing = sorted(report.missing + damaged)
    return report


def not_on_disk(shas: list[str], data_dir: Path) -> list[str]:
    """Those of `shas` that are not whole in the data folder."""
    return [sha for sha in shas if _whole(_path(data_dir, sha), sha) is None]


def refuse_missing(missing: FilesReport, shown_as: Path) -> None:
    if missing.missing and missing.shared is not None:
        raise UserError(f"Bản sao lưu «{shown_as}» cần {len(missing.missing)} tệp số hóa không có trong thư mục "
                        f"tệp sao lưu «{missing.shared}» ({missing.named()}), thư mục dữ liệu cũng không có: "
                        "chưa khôi phục gì. Chép cả thư mục đó cùng bản sao lưu, dùng bản sao lưu khác, hoặc "
                        "chấp nhận khôi phục thiếu các tệp này (motcua restore --allow-missing-files).")
    if missing.missing:
        raise UserError(f"Bản sao lưu «{shown_as}» thiếu {len(missing.missing)} tệp số hóa mà hồ sơ trong đó cần "
                        f"({missing.named()}), thư mục dữ liệu cũng không có: chưa khôi phục gì. "
                        "Dùng bản sao lưu khác, hoặc chấp nhận khôi phục thiếu các tệp này "
                        "(motcua restore --allow-missing-files).")


# ---- pruning the shared folder -------------------------------------------------------------------

def sweep_shared(folder: Path, *, older_than: float = SWEEP_AGE, now: float | None = None) -> list[Path]:
    """Remove the shared files that no backup in `folder` names (every SQLite file there is read,
    read-only), once they are `older_than` seconds old. A backup that cannot be read makes it
    remove nothing: it might need any of them. Returns what was removed."""
    from app.files import sweep_leftovers

    root = Path(folder) / SHARED
    if not root.is_dir():
        return []
    named: set[str] = set()
    try:
        candidates = sorted(p for p in Path(folder).iterdir() if not p.name.startswith("."))
    except OSError as exc:
        log.warning("shared backup files not swept: %s: %s", folder, exc)
        return []
    for path in candidates:
        try:
            if not path.is_file() or not _is_sqlite(path):
                continue
            named |= _named_by(path)
        except (OSError, sqlite3.Error) as exc:
            log.warning("shared backup files not swept: %s unreadable: %s", path.name, exc)
            return []
    limit = (time.time() if now is None else now) - older_than
    gone = []
    for sub in sorted(p for p in root.glob("*/*") if p.is_dir()):
        sweep_leftovers(sub, older_than)  # what a backup killed mid-write left
        for path in sorted(sub.iterdir()):
            if not _SHA.match(path.name) or path.name in named:
                continue
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    gone.append(path)
            except OSError as exc:
                log.warning("could not delete shared backup file %s: %s", path, exc)
    return gone


def _is_sqlite(path: Path) -> bool:
    from app.services.trust.backup_sqlite import SQLITE_HEADER

    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _named_by(path: Path) -> set[str]:
    from app.services.trust.backup_sqlite import uri

    conn = sqlite3.connect(uri(path, "mode=ro&immutable=1"), uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT sha256 FROM stored_files")} if _has_files(conn) else set()
    finally:
        conn.close()


# ---- PostgreSQL -----------------------------------------------------------------------------------

def missing_in_server(db) -> FilesReport:
    """PostgreSQL: the stored files whose bytes are not in the database (a row copied from a PC
    without them), which a dump therefore cannot carry."""
    from sqlalchemy import func, select

    from db.models import StoredFile

    with db.reading() as s:
        return FilesReport(s.scalar(select(func.count()).select_from(StoredFile)),
                           list(s.scalars(select(StoredFile.sha256).where(StoredFile.data.is_(None))
                                          .order_by(StoredFile.sha256))))
