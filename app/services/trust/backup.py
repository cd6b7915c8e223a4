"""Backups of the office database, and restoring one.

A backup is a consistent copy taken while the counters keep working: SQLite's online backup API
copies the whole file under one read snapshot (WAL lets writers go on meanwhile), in one step, or
for the daily backup in steps with pauses that yield to the counter (backup_sqlite.Pace);
PostgreSQL is copied by pg_dump (app/services/trust/backup_pg.py; the SQLite steps are in
app/services/trust/backup_sqlite.py). Every copy is checked like a file
about to be restored before it is renamed into place, so a backup that exists is one that restores.

Restoring checks the file first and changes nothing when the check fails. On SQLite the current
database is kept beside it (`<name>.truoc-khoi-phuc-<time>`) and the backup is written into the
live file through the same backup API: one write transaction, so a crash or a refusal leaves the
old data, and counters that still hold the file open see the new data on their next read. (Renaming
a file over a WAL database would leave its -wal file to be replayed onto the wrong pages.)

The digitized papers go with the database (app/services/trust/backup_files.py): inside the SQLite
backup file, each checked by its SHA-256 on the way in and out; in `stored_files.data` on
PostgreSQL, which pg_dump carries. A backup names any file it could not carry, and a restore that
would leave the database naming a file that is nowhere is refused unless the caller accepts it.
The automatic daily backups keep each file once in a folder beside them instead (`shared_files`),
so a year of daily copies does not hold a year of scans N times; `prune` then removes the shared
files no remaining backup names."""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.clock import VN_TZ, now_local
from app.domain.permissions import Actor, Permission
from app.domain.vocab import Role
from app.errors import UserError
from app.formatting import moment, number
from app.oserrors import name_length, name_limit, os_reason
from app.services.journal import audit
from app.services.settings.store import load_settings
from app.services.trust import backup_files, backup_pg
from app.services.trust import backup_sqlite as lite
from db.engine import Database
from db.errors import describe

log = logging.getLogger("motcua.db")

AUTO_NAME = re.compile(r"^motcua-(\d{8})-(\d{6})\.(sqlite3|pgdump)$")
STALE_TEMP = re.compile(r"^\.motcua-\d{8}-\d{6}\.(sqlite3|pgdump)\..+\.tmp$")
BEFORE_RESTORE = "truoc-khoi-phuc"
PGDUMP_HEADER = b"PGDMP"
BACKUP_ACTOR = Actor(login="system:backup", role=Role.ADMIN, full_name="Sao lưu tự động")
PERMISSION = Permission.BACKUP  # a backup holds everyone's data; a restore replaces it


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "sqlite" or "postgresql"
    size: int  # bytes
    dossiers: int
    revision: str  # the schema revision (alembic) the copy was taken at
    made_at: datetime  # the file's modification time
    previous: Path | None = None  # after a SQLite restore: the database as it was before
    files: int = 0  # digitized files (scans, results) its database names
    files_missing: tuple[str, ...] = ()  # SHA-256s of those whose bytes it does not carry
    files_folder: Path | None = None  # where its files are kept when not inside it (shared)
    files_added: int = 0  # files this backup added to that folder
    bytes_added: int = 0

    @property
    def kind_label(self) -> str:
        return "SQLite" if self.kind == "sqlite" else "PostgreSQL (pg_dump)"

    def summary(self) -> str:
        files = f", {number(self.files)} tệp số hóa" if self.files else ""
        if self.files_folder is not None and self.files:
            files += f" để trong thư mục «{self.files_folder}» ({self.added_text()})"
        return (f"bản sao lưu {self.kind_label} ghi lúc {moment(self.made_at)}, {number(self.dossiers)} hồ sơ, "
                f"{size_text(self.size)}, lược đồ {self.revision}{files}")

    def added_text(self) -> str:
        """What this backup added to the shared folder of files, in Vietnamese."""
        if not self.files_added:
            return "lần này không thêm tệp mới"
        return f"lần này thêm {number(self.files_added)} tệp, {mb_text(self.bytes_added)}"

    def missing_text(self) -> str | None:
        """One Vietnamese line naming the files it lacks, or None."""
        if not self.files_missing:
            return None
        named = backup_files.FilesReport(self.files, list(self.files_missing)).named()
        if self.files_folder is not None:
            return (f"Thư mục tệp sao lưu «{self.files_folder}» thiếu {number(len(self.files_missing))} tệp số hóa "
                    f"của bản sao lưu này (không có hoặc sai kích thước): {named}.")
        return (f"Bản sao lưu không chứa {number(len(self.files_missing))} tệp số hóa (bị thiếu hoặc bị thay đổi "
                f"trong kho tệp lúc sao lưu): {named}.")

    def with_files(self, files: backup_files.FilesReport) -> BackupInfo:
        return replace(self, files=files.files, files_missing=tuple(files.missing), files_folder=files.shared,
                       files_added=files.added, bytes_added=files.added_bytes)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{number(max(1, round(size / 1024)))} KB"
    return f"{number(round(size / (1024 * 1024), 1))} MB"


def mb_text(size: int) -> str:
    """Megabytes with one decimal ("0,1 MB"; a few bytes read "< 0,1 MB", never "0 MB")."""
    if 0 < size < 0.05 * 1024 * 1024:
        return "< 0,1 MB"
    return f"{number(round(size / (1024 * 1024), 1))} MB"


def auto_name(db: Database, now: datetime) -> str:
    return f"motcua-{now:%Y%m%d-%H%M%S}.{'sqlite3' if db.is_sqlite else 'pgdump'}"


# ---- making a backup ------------------------------------------------------------------------------

def backup(db: Database, target: Path, *, actor: Actor, now: datetime | None = None,
           data_dir: Path | None = None, shared_files: bool = False,
           pace: lite.Pace | None = None) -> BackupInfo:
    """Copy the database and its digitized files to `target` (a folder: an automatic-style name
    inside it). The file appears whole and checked, or not at all. `data_dir` holds the files of a
    SQLite office (default: the database's folder, where the app keeps it). With `shared_files`
    (SQLite) the files go once into the folder beside the backup (backup_files.share), not into
    it: what the automatic daily backups do. `pace` (SQLite): copied and checked in steps that
    yield to the counters (backup_sqlite.Pace), as the daily backup is."""
    actor.require(PERMISSION)
    target = _target(db, Path(target).expanduser(), now)
    if db.is_sqlite and _same_file(target, live_path(db)):
        raise UserError(f"Không thể sao lưu đè lên chính cơ sở dữ liệu «{target}»: chọn tệp khác.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError(f"Không tạo được thư mục sao lưu «{target.parent}»: đã có một tệp tên đó.") from None
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục sao lưu «{target.parent}»: {os_reason(exc)}.") from exc
    lite.sweep_orphans(target.parent)  # what a backup killed half-way left in this folder
    files = backup_files.FilesReport()
    if db.is_sqlite:
        folder = Path(data_dir) if data_dir is not None else live_path(db).parent

        def carry(conn) -> None:
            nonlocal files
            files = (backup_files.share(conn, folder, target.parent) if shared_files
                     else backup_files.embed(conn, folder))

        revision, dossiers = lite.copy_database(live_path(db), target, db.display_name, check=True, prepare=carry,
                                                pace=pace)
    else:
        facts = _dump_pg(db, target)
        revision, dossiers = facts.revision, facts.dossiers
        files = backup_files.FilesReport(facts.files, facts.files_without_bytes)
    info = _info(target, "sqlite" if db.is_sqlite else "postgresql", revision, dossiers).with_files(files)
    if files.missing:
        log.warning("backup %s lacks %d stored files: %s", target.name, len(files.missing), files.named())
    with db.writing() as s:
        audit(s, actor, "backup.create", "backup", target.name,
              {"path": str(target), "size": info.size, "dossiers": dossiers, "revision": revision,
               "files": files.files, "files_missing": files.missing[:50],
               "files_folder": str(files.shared) if files.shared else None,
               "files_added": files.added, "bytes_added": files.added_bytes})
    return info


def _target(db: Database, target: Path, now: datetime | None) -> Path:
    """The file to write: inside `target` when it is a folder; its name short enough for the disk
    with the temporary name's extra characters."""
    try:
        if target.is_dir():
            target = target / auto_name(db, now or now_local())
    except OSError:
        pass  # a name too long to look up: said below
    if not target.name or target.name in (".", ".."):
        raise UserError(f"«{target}» không phải tên tệp sao lưu.")
    folder = next((p for p in target.parents if _is_dir(p)), None)
    most = name_limit(folder or Path(".")) - lite.TEMP_EXTRA
    if name_length(target.name) > most:
        raise UserError(f"Tên tệp sao lưu «{target.name}» quá dài: tối đa {most} ký tự không dấu.")
    return target


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def live_path(db: Database) -> Path:
    return Path(db.url.database).expanduser()


def _dump_pg(db: Database, target: Path) -> backup_pg.DumpFacts:
    tmp = lite.temp_beside(target)
    try:
        backup_pg.dump(db.url, tmp, db.display_name)
        facts = backup_pg.read_dump(tmp, target)
        lite.publish(tmp, target)
        return facts
    except OSError as exc:
        raise UserError(f"Không ghi được bản sao lưu «{target}»: {os_reason(exc)}.") from exc
    finally:
        lite.remove_temp(tmp)


# ---- checking a backup ----------------------------------------------------------------------------

def check_backup(path: Path) -> BackupInfo:
    """What the file holds, or a UserError naming the problem. Reads the file only."""
    path = Path(path).expanduser()
    header = _header(path)
    if header.startswith(lite.SQLITE_HEADER):
        revision, dossiers = lite.inspect_file(path, path)
        return _info(path, "sqlite", revision, dossiers).with_files(_carried(path))
    if header.startswith(PGDUMP_HEADER):
        facts = backup_pg.read_dump(path, path)
        _require_known(facts.revision, path)
        return replace(_info(path, "postgresql", facts.revision, facts.dossiers), files=facts.files,
                       files_missing=tuple(facts.files_without_bytes))
    raise UserError(f"Tệp «{path}» không phải bản sao lưu của Một Cửa: không phải tệp SQLite "
                    "hay bản sao PostgreSQL (pg_dump).")


def _header(path: Path) -> bytes:
    if not path.exists():
        raise UserError(f"Không tìm thấy tệp «{path}».")
    if path.is_dir():
        raise UserError(f"«{path}» là một thư mục, không phải tệp sao lưu.")
    try:
        with path.open("rb") as f:
            return f.read(100)
    except OSError as exc:
        raise UserError(f"Không đọc được tệp «{path}»: {os_reason(exc)}.") from exc


def _carried(path: Path) -> backup_files.FilesReport:
    import sqlite3

    conn = sqlite3.connect(lite.uri(path, "mode=ro&immutable=1"), uri=True)
    try:
        return backup_files.carried(conn, path)
    finally:
        conn.close()


def _require_known(revision: str, path: Path) -> None:
    if revision not in lite.known_revisions():
        raise UserError(f"Tệp «{path}» {lite.newer_text(revision)}.")


def _info(path: Path, kind: str, revision: str, dossiers: int) -> BackupInfo:
    st = path.stat()
    made_at = datetime.fromtimestamp(st.st_mtime, VN_TZ).replace(tzinfo=None, microsecond=0)
    return BackupInfo(path, kind, st.st_size, dossiers, revision, made_at)


# ---- restoring ------------------------------------------------------------------------------------

def restore(db_or_url: Database | str, source: Path, *, actor: Actor, now: datetime | None = None,
            data_dir: Path | None = None, allow_missing_files: bool = False) -> BackupInfo:
    """Replace the database's contents with the backup `source`, checked first; then migrate it
    to this version's schema and record the restore. The backup's digitized files come back into
    `data_dir` (default: the SQLite database's folder), each checked by its SHA-256; a backup
    lacking a file its database names, which the data folder has not either, is refused unless
    `allow_missing_files`. Returns what was restored (`files_missing`: what is still missing)."""
    actor.require(PERMISSION)
    source = Path(source).expanduser()
    db = Database(db_or_url) if isinstance(db_or_url, str) else db_or_url
    try:
        header = _header(source)
        folder = Path(data_dir) if data_dir is not None else (live_path(db).parent if db.is_sqlite else None)
        if db.is_sqlite:
            info = _restore_sqlite(db, source, header, now or now_local(), folder, allow_missing_files)
        else:
            if not header.startswith(PGDUMP_HEADER):
                check_backup(source)  # the precise reason when the file is nobody's backup
                raise UserError(f"Tệp «{source}» là bản sao lưu SQLite: không khôi phục được vào {db.display_name}.")
            info = check_backup(source)
            # A row without its bytes in the dump is served from the data folder, if it is there.
            absent = backup_files.not_on_disk(list(info.files_missing), folder) if folder else list(info.files_missing)
            if absent and not allow_missing_files:
                backup_files.refuse_missing(backup_files.FilesReport(info.files, absent), source)
            info = replace(info, files_missing=tuple(absent))
            backup_pg.restore(db.url, source, db.display_name)
        from db.migrate import upgrade

        upgrade(db)  # an older backup is brought up to this version's schema
        with db.writing() as s:
            audit(s, actor, "backup.restore", "backup", source.name,
                  {"path": str(source), "dossiers": info.dossiers, "revision": info.revision,
                   "previous": str(info.previous) if info.previous else None,
                   "files": info.files, "files_missing": list(info.files_missing[:50])})
        return info
    finally:
        if db is not db_or_url:
            db.dispose()


def _restore_sqlite(db: Database, source: Path, header: bytes, now: datetime, data_dir: Path,
                    allow_missing: bool) -> BackupInfo:
    if header.startswith(PGDUMP_HEADER):
        check_backup(source)
        raise UserError(f"Tệp «{source}» là bản sao PostgreSQL (pg_dump): không khôi phục được vào "
                        f"{db.display_name}.")
    if not header.startswith(lite.SQLITE_HEADER):
        check_backup(source)  # raises with the reason
    live = live_path(db)
    lite.sweep_orphans(live.parent)  # what a restore killed half-way left beside the database
    # A private copy beside the database: what is checked is exactly what gets restored, and a
    # slow USB stick or network folder is read only once.
    work = lite.temp_beside(live)
    try:
        try:
            shutil.copyfile(source, work)
        except OSError as exc:
            raise UserError(f"Không đọc được tệp «{source}»: {os_reason(exc)}.") from exc
        revision, dossiers = lite.inspect_file(work, source)
        # The files first: a backup lacking one, or carrying a damaged one, changes nothing.
        files = backup_files.unpack(work, data_dir, source, allow_missing=allow_missing)
        info = _info(source, "sqlite", revision, dossiers).with_files(files)
        keep = live.with_name(f"{live.name}.{BEFORE_RESTORE}-{now:%Y%m%d-%H%M%S}")
        if lite.usable(live):  # refuses while a counter is writing
            lite.copy_database(live, keep, db.display_name, check=False)
            try:
                lite.load_into(work, live, db.display_name)
            except UserError:
                keep.unlink(missing_ok=True)  # nothing changed: no copy of it to keep
                raise
        else:
            keep = lite.replace_damaged(live, work, keep)
        return replace(info, previous=keep)
    finally:
        lite.remove_temp(work)


# ---- daily automatic backups ----------------------------------------------------------------------

def backup_folder(setting: str, data_dir: Path) -> Path:
    """The `backup.folder` setting; empty: <data>/backups; relative: inside the data folder."""
    folder = Path(setting.strip()).expanduser() if setting and setting.strip() else Path("backups")
    return folder if folder.is_absolute() else Path(data_dir) / folder


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in `folder`, oldest first (their names sort by time)."""
    try:
        names = sorted(p.name for p in folder.iterdir() if AUTO_NAME.match(p.name) and p.is_file())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UserError(f"Không đọc được thư mục sao lưu «{folder}»: {os_reason(exc)}.") from exc
    return [folder / n for n in names]


def run_daily_backup(db: Database, data_dir: Path, now: datetime | None = None) -> Path | None:
    """One automatic backup a day: made unless one with today's date is in the folder, its files
    kept once in the folder's shared `backup-files` (SQLite); then the oldest automatic backups
    beyond `backup.keep` are deleted, and the shared files none of the backups left names (nothing
    else in the folder is touched). Returns the new backup, or None when there was nothing to do."""
    now = now or now_local()
    try:
        settings = load_settings(db)
        if not settings["backup.daily"]:
            return None
        folder = backup_folder(settings["backup.folder"], data_dir)
        today = f"{now:%Y%m%d}"
        made = None
        if not any(AUTO_NAME.match(p.name).group(1) == today for p in automatic_backups(folder)):
            # In steps: the counters go on working while it copies (backup_sqlite.Pace).
            made = backup(db, folder / auto_name(db, now), actor=BACKUP_ACTOR, data_dir=data_dir,
                          shared_files=True, pace=lite.Pace()).path
        prune(folder, settings["backup.keep"])
        return made
    except UserError as exc:
        raise UserError(f"Sao lưu tự động không thành công: {exc.message}") from exc
    except DBAPIError as exc:  # e.g. the settings could not be read: locked, damaged, unreachable
        known = describe(exc, db.display_name)
        if known is None:
            raise
        raise UserError(f"Sao lưu tự động không thành công: {known.message}") from exc


def latest_automatic(folder: Path) -> BackupInfo | None:
    """The newest automatic backup in `folder` and what it added to the shared folder of files,
    read quickly (no integrity check, no look into the shared folder): for the settings page and
    `motcua backup --auto`. None when there is none."""
    found = automatic_backups(folder)
    return glance(found[-1]) if found else None


def glance(path: Path) -> BackupInfo:
    """What a backup file says of itself without checking it (see latest_automatic)."""
    import sqlite3

    try:
        info = _info(path, "sqlite" if path.suffix == ".sqlite3" else "postgresql", "", 0)
    except OSError as exc:
        raise UserError(f"Không đọc được tệp «{path}»: {os_reason(exc)}.") from exc
    if info.kind != "sqlite":
        return info
    try:
        conn = sqlite3.connect(lite.uri(path, "mode=ro&immutable=1"), uri=True)
        try:
            shared = backup_files.manifest(conn, path)
            files = backup_files.carried(conn).files
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UserError(f"Không đọc được bản sao lưu «{path}»: {lite.sqlite_text(exc)}.") from exc
    if shared is None:
        return replace(info, files=files)
    return replace(info, files=files, files_folder=shared.folder, files_added=shared.added,
                   bytes_added=shared.added_bytes)


def prune(folder: Path, keep: int, *, files_older_than: float = backup_files.SWEEP_AGE) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`, and temporary files an interrupted
    backup left behind more than a day ago; then the shared files (backup-files) that no backup
    left in the folder names, once `files_older_than` seconds old. Returns what was deleted."""
    gone = []
    doomed = automatic_backups(folder)[:-keep] if keep > 0 else []
    try:
        stale = [p for p in folder.iterdir() if STALE_TEMP.match(p.name)
                 and time.time() - p.stat().st_mtime > 86400]
    except OSError:
        stale = []
    for path in doomed + stale:
        try:
            path.unlink()
            gone.append(path)
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", path, exc)
    return gone + backup_files.sweep_shared(folder, older_than=files_older_than)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
