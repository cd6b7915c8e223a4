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

PostgreSQL keeps the bytes in `stored_files.data`, so pg_dump carries them; only a row copied from
a PC without its bytes is not in a dump, and `missing_in_server` names those."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError
from app.oserrors import os_reason

SHOWN = 5  # files named in one message; the rest are counted


@dataclass
class FilesReport:
    files: int = 0  # stored files the database names
    missing: list[str] = field(default_factory=list)  # SHA-256s not carried / not restorable

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


def carried(conn: sqlite3.Connection) -> FilesReport:
    """What a backup file holds: its stored files, and those whose bytes it does not carry."""
    report = FilesReport()
    if _has_files(conn):
        report.files = conn.execute("SELECT count(*) FROM stored_files").fetchone()[0]
        report.missing = [row[0] for row in conn.execute(
            "SELECT sha256 FROM stored_files WHERE data IS NULL ORDER BY sha256")]
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


def not_on_disk(shas: list[str], data_dir: Path) -> list[str]:
    """Those of `shas` that are not whole in the data folder."""
    return [sha for sha in shas if _whole(_path(data_dir, sha), sha) is None]


def refuse_missing(missing: FilesReport, shown_as: Path) -> None:
    if missing.missing:
        raise UserError(f"Bản sao lưu «{shown_as}» thiếu {len(missing.missing)} tệp số hóa mà hồ sơ trong đó cần "
                        f"({missing.named()}), thư mục dữ liệu cũng không có: chưa khôi phục gì. "
                        "Dùng bản sao lưu khác, hoặc chấp nhận khôi phục thiếu các tệp này "
                        "(motcua restore --allow-missing-files).")


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
