"""The file store: every scanned page set, chosen file and result is kept once, by the SHA-256 of its
bytes, and never changed (a new scan is a new file).

Where the bytes live follows where the office's data lives:
- one PC with SQLite: in the data folder, `files/ab/cd/<sha256>`, written whole or not at all
  (app/files.py) and made private like the rest of the folder; the row's `data` is NULL;
- an office server with PostgreSQL: in the row's `data`, so every counter sees the file and
  `pg_dump` carries it. A row copied from a PC (`motcua db copy`) may still have NULL `data`:
  its bytes are then looked for in the data folder, as on SQLite.

Transaction discipline: `put` runs inside the caller's transaction and writes (and fsyncs) the file
before the row exists, so once the row is committed the file is whole; a crash in between leaves
a file without a row, which nothing points at and `verify` sweeps."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.clock import now_local
from app.errors import UserError
from app.files import STALE_SECONDS, sweep_leftovers, write_atomically
from db.engine import Database
from db.models import StoredFile

FOLDER = "files"
DEFAULT_MAX_MB = 50  # per file; setting `files.max_mb` when the office has one
_SHA = re.compile(r"^[0-9a-f]{64}$")

# The kinds of file the counter keeps, known by their first bytes (a name can say anything).
PDF, JPEG, PNG, TIFF = "application/pdf", "image/jpeg", "image/png", "image/tiff"
MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG),
         (b"II*\x00", TIFF), (b"MM\x00*", TIFF))
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF"}


def sniff(data: bytes) -> str | None:
    """The media type the bytes themselves say, or None for a kind the store does not keep."""
    for magic, media_type in MAGIC:
        if data.startswith(magic):
            return media_type
    return None


def _called(name: str | None) -> str:
    return f"«{name}»" if name else "đã chọn"


def check_file(data: bytes, media_type: str | None = None, *, name: str | None = None,
               max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024) -> str:
    """The file's media type, or a Vietnamese refusal: empty, too large, not PDF/JPEG/PNG/TIFF, or
    not what the caller (its name, the scanner) said it is."""
    if not data:
        raise UserError(f"Tệp {_called(name)} trống (0 byte).")
    if len(data) > max_bytes:
        raise UserError(f"Tệp {_called(name)} lớn {len(data) / 1048576:.1f} MB, vượt giới hạn "
                        f"{max_bytes / 1048576:.0f} MB cho mỗi tệp.")
    found = sniff(data)
    if found is None:
        raise UserError(f"Tệp {_called(name)} không phải PDF, JPEG, PNG hay TIFF: chỉ nhận các loại tệp này.")
    if media_type is not None and media_type != found:
        said = LABELS.get(media_type, media_type)
        raise UserError(f"Tệp {_called(name)} không phải {said} như đã ghi: nội dung là tệp {LABELS[found]}.")
    return found


def max_bytes_in(session: Session) -> int:
    from app.services.settings.store import settings_in

    mb = settings_in(session).get("files.max_mb", DEFAULT_MAX_MB)
    return int(mb) * 1024 * 1024


def path_of(data_dir: Path, sha256: str) -> Path:
    """`files/ab/cd/<sha256>`: two levels of 256 folders keep each folder small."""
    return Path(data_dir) / FOLDER / sha256[:2] / sha256[2:4] / sha256


def _in_database(session: Session) -> bool:
    return session.get_bind().dialect.name != "sqlite"


def _whole_on_disk(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def put(session: Session, data_dir: Path, data: bytes, media_type: str | None = None, *,
        name: str | None = None) -> str:
    """Keep `data` (checked by `check_file`) and return its SHA-256. Inside the caller's
    transaction: the bytes are on disk (SQLite) before the row is added, and a file already kept
    is kept once (a damaged copy on disk is written again whole)."""
    found = check_file(data, media_type, name=name, max_bytes=max_bytes_in(session))
    sha256 = hashlib.sha256(data).hexdigest()
    in_db = _in_database(session)
    if not in_db:
        from app.data_folder import make_folders

        path = path_of(data_dir, sha256)
        if not _whole_on_disk(path, sha256):
            try:
                make_folders(path.parent)
                write_atomically(path, data)
            except OSError as exc:  # a full disk, a folder refused: nothing half-written is left
                from app.oserrors import os_reason

                raise UserError(f"Không lưu được tệp {_called(name)} vào kho tệp «{path.parent}»: "
                                f"{os_reason(exc)}.") from exc
    insert = postgresql.insert if in_db else sqlite.insert
    # Another counter keeping the same bytes at the same moment: one row, the same content.
    session.execute(insert(StoredFile).values(
        sha256=sha256, size=len(data), media_type=found, created_at=now_local(),
        data=data if in_db else None,
    ).on_conflict_do_nothing(index_elements=[StoredFile.sha256]))
    if in_db:  # a row copied from a PC without its bytes gets them now
        session.execute(update(StoredFile).where(StoredFile.sha256 == sha256, StoredFile.data.is_(None))
                        .values(data=data))
    return sha256


def _bytes(session: Session, data_dir: Path, row: StoredFile) -> tuple[bytes | None, str]:
    """The stored bytes (None: missing) and how to name where they are."""
    if row.data is not None:
        return row.data, f"tệp {row.sha256[:12]}… trong cơ sở dữ liệu"
    path = path_of(data_dir, row.sha256)
    try:
        return path.read_bytes(), f"tệp «{path}»"
    except OSError:
        return None, f"tệp «{path}»"


def open_file(session: Session, data_dir: Path, sha256: str) -> bytes:
    """The file's bytes, re-hashed: a missing or altered file is refused by name, never shown."""
    row = session.get(StoredFile, sha256) if _SHA.match(sha256 or "") else None
    if row is None:
        raise UserError(f"Không có tệp mã {(sha256 or '')[:12]}… trong kho tệp.")
    data, where = _bytes(session, data_dir, row)
    if data is None:
        raise UserError(f"Thiếu {where}: tệp không còn, cần khôi phục từ bản sao lưu.")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserError(f"{where[0].upper()}{where[1:]} đã bị thay đổi (mã băm không khớp): không mở, "
                        "cần khôi phục từ bản sao lưu.")
    return data


@dataclass
class Verification:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # one Vietnamese line each
    altered: list[str] = field(default_factory=list)
    orphans_removed: list[Path] = field(default_factory=list)  # on disk, no row, old: swept
    orphans_kept: list[Path] = field(default_factory=list)  # no row yet: perhaps being written now

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered


def verify(db: Database, data_dir: Path, *, sweep_older_than: float = STALE_SECONDS) -> Verification:
    """Re-hash every stored file, one at a time (a year of scans does not fit in memory), and
    sweep the data folder's files that no row names. An orphan younger than `sweep_older_than`
    seconds is only reported: another counter's transaction may be about to commit its row."""
    import time

    out = Verification()
    with db.reading() as s:
        keys = list(s.scalars(select(StoredFile.sha256).order_by(StoredFile.sha256)))
    known = set(keys)
    for sha256 in keys:
        with db.reading() as s:
            row = s.get(StoredFile, sha256)
            if row is None:  # removed meanwhile (a restore): nothing to check
                continue
            data, where = _bytes(s, data_dir, row)
        out.checked += 1
        if data is None:
            out.missing.append(f"Thiếu {where}.")
        elif hashlib.sha256(data).hexdigest() != sha256:
            out.altered.append(f"{where[0].upper()}{where[1:]} đã bị thay đổi (mã băm không khớp).")
    root = Path(data_dir) / FOLDER
    if root.is_dir():
        limit = time.time() - sweep_older_than
        for folder in sorted(p for p in root.glob("*/*") if p.is_dir()):
            sweep_leftovers(folder, sweep_older_than)
            for path in sorted(folder.iterdir()):
                if not _SHA.match(path.name) or path.name in known or not path.is_file():
                    continue
                try:
                    old = path.stat().st_mtime < limit
                    if old:
                        path.unlink()
                except OSError:
                    old = False
                (out.orphans_removed if old else out.orphans_kept).append(path)
    return out


open = open_file  # noqa: A001 - the store's verb as the issue names it (`store.open`); no builtin open here
