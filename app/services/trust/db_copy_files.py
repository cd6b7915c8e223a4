"""The digitized papers in `motcua db copy` (app/services/trust/db_copy.py): each store keeps its
bytes where its kind of database keeps them (app/services/files/store.py), so a copy moves them.

- SQLite → PostgreSQL: a PC's rows have `data` NULL and the bytes in its data folder; each is read
  from there, re-hashed, and written into the server's row, so every counter of the server sees it
  and pg_dump carries it.
- PostgreSQL → SQLite (a server retired to one PC): each row's bytes are re-hashed and written
  into the data folder (whole or not at all), and the PC's row gets `data` NULL as the store on
  SQLite expects.

Rows go through in small batches, one file in memory at a time or so. A file missing or altered
in the PC's data folder cannot be carried: its row is copied as it is (the source lacks it too)
and the result names it. Bytes on the server that do not match their SHA-256 stop the copy,
with the target left as it was."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError
from app.oserrors import os_reason

BATCH = 10  # stored files per batch: scans are up to `files.max_mb` each


@dataclass
class FilesCopy:
    to_database: bool  # SQLite → PostgreSQL: bytes into rows; else into the data folder
    data_dir: Path | None
    files: int = 0
    missing: list[str] = field(default_factory=list)  # SHA-256s whose bytes could not be carried

    def transform(self, batch: list[dict]) -> list[dict]:
        """The rows of one batch as the target keeps them."""
        for row in batch:
            self.files += 1
            if self.to_database:
                self._into_row(row)
            else:
                self._into_folder(row)
        return batch

    def _path(self, sha256: str) -> Path:
        from app.services.files.store import path_of

        return path_of(self.data_dir, sha256)

    def _into_row(self, row: dict) -> None:
        if row["data"] is not None:
            return
        data = None
        if self.data_dir is not None:
            try:
                data = self._path(row["sha256"]).read_bytes()
            except OSError:
                data = None
        if data is None or hashlib.sha256(data).hexdigest() != row["sha256"]:
            self.missing.append(row["sha256"])
            return
        row["data"] = data

    def _into_folder(self, row: dict) -> None:
        from app.data_folder import make_folders
        from app.files import write_atomically

        data, sha = row["data"], row["sha256"]
        if data is None:  # the server lacks it too: the PC's folder may have it
            if self.data_dir is None or not _whole(self._path(sha), sha):
                self.missing.append(sha)
            return
        if hashlib.sha256(data).hexdigest() != sha:
            raise UserError(f"Tệp số hóa {sha[:12]}… trên cơ sở dữ liệu nguồn không khớp mã băm (đã bị thay đổi): "
                            "chạy «motcua files verify» trên nguồn. Cơ sở dữ liệu đích giữ nguyên như trước.")
        if self.data_dir is None:
            return  # nowhere to put it: the row keeps its bytes, which the store reads as well
        path = self._path(sha)
        if not _whole(path, sha):
            try:
                make_folders(path.parent)
                write_atomically(path, bytes(data))
            except OSError as exc:
                raise UserError(f"Không ghi được tệp số hóa vào «{path.parent}»: {os_reason(exc)}. "
                                "Cơ sở dữ liệu đích giữ nguyên như trước.") from exc
        row["data"] = None


def _whole(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
