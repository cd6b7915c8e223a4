"""The sandbox portal's own storage: one SQLite file (stdlib sqlite3, WAL).

Tables: dossiers (the portal's current record of each dossier, keyed by HoSoId, with the last
PhienBan applied), codes (every MaHoSo a dossier has had, provisional ones included: look-ups and
collision checks), applied (the append-only log of applied items), counters (the last number used
per unit and day, shared by leases and the portal's own online codes), leases (by Key),
attachments (BLOBs) and tallies (duplicates, rejections); files (uploads by SHA-256, their bytes in
the folder `<store>.files/` beside the store: app/portal/sandbox/files.py) and citizen_documents
(the citizen's store: files the portal holds for a personal ID).

One connection serialised by a lock: the server runs one event loop and every operation is a few
milliseconds, so there is nothing to gain from more.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from app.domain.codes import MAX_DAILY_SEQUENCE
from app.portal.sandbox import clock

# The most numbers a unit's day has: as many as every dossier code shape carries (app/domain/codes.py).
MAX_DAILY_NUMBER = MAX_DAILY_SEQUENCE

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    hoso_id TEXT PRIMARY KEY,
    ma_ho_so TEXT NOT NULL,
    phien_ban INTEGER NOT NULL,
    trang_thai INTEGER NOT NULL,
    record TEXT NOT NULL,
    online_seq INTEGER UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_waiting ON dossiers (trang_thai, online_seq);
CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, hoso_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applied (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    hoso_id TEXT NOT NULL,
    phien_ban INTEGER NOT NULL,
    dich_vu TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS applied_by_dossier ON applied (hoso_id, seq);
CREATE TABLE IF NOT EXISTS counters (
    unit TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (unit, day)
);
CREATE TABLE IF NOT EXISTS leases (
    key TEXT PRIMARY KEY, unit TEXT NOT NULL, day TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY, hoso_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    mime TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_by_dossier ON attachments (hoso_id, position);
CREATE TABLE IF NOT EXISTS tallies (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY, length INTEGER NOT NULL, media_type TEXT, complete INTEGER NOT NULL,
    started_at TEXT NOT NULL, received_at TEXT, patches INTEGER NOT NULL, bytes_received INTEGER NOT NULL,
    offsets TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS citizen_documents (
    so_dinh_danh TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, dossier_code TEXT NOT NULL,
    received_at TEXT NOT NULL, PRIMARY KEY (so_dinh_danh, sha256, dossier_code)
);
"""


class NumbersExhausted(Exception):
    """The day's numbers of a unit (MAX_DAILY_NUMBER) are used up."""


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO meta VALUES ('created_at', ?)", (clock.stamp(),))
            self.created_at = c.execute("SELECT value FROM meta WHERE key='created_at'").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT, rolled back on any exception)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _read(self, sql: str, params=()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # --- numbers ---------------------------------------------------------------------------------
    @staticmethod
    def take_numbers(c: sqlite3.Connection, unit: str, day: date, count: int) -> tuple[int, int]:
        """The next `count` numbers of the unit's day counter (shared by leases and online codes)."""
        key = day.strftime("%Y%m%d")
        row = c.execute("SELECT last FROM counters WHERE unit=? AND day=?", (unit, key)).fetchone()
        last = row[0] if row else 0
        if last + count > MAX_DAILY_NUMBER:
            raise NumbersExhausted
        c.execute("INSERT INTO counters VALUES (?, ?, ?) ON CONFLICT (unit, day) DO UPDATE SET last=excluded.last",
                  (unit, key, last + count))
        return last + 1, last + count

    def lease(self, key: str, unit: str, day: date, count: int) -> dict:
        """The block leased under `key`: the stored one when the key was seen before."""
        with self.transaction() as c:
            row = c.execute("SELECT unit, day, first, last FROM leases WHERE key=?", (key,)).fetchone()
            if row is None:
                first, last = self.take_numbers(c, unit, day, count)
                row = (unit, day.strftime("%Y%m%d"), first, last)
                c.execute("INSERT INTO leases VALUES (?, ?, ?, ?, ?, ?)", (key, *row, clock.stamp()))
        return {"Key": key, "MaDonVi": row[0], "Ngay": row[1], "TuSo": row[2], "DenSo": row[3]}

    # --- dossiers --------------------------------------------------------------------------------
    @staticmethod
    def dossier(c: sqlite3.Connection, hoso_id: str) -> tuple[int, dict] | None:
        """(last PhienBan applied, current record) of a dossier, None if unknown."""
        row = c.execute("SELECT phien_ban, record FROM dossiers WHERE hoso_id=?", (hoso_id,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    @staticmethod
    def code_owner(c: sqlite3.Connection, code: str) -> str | None:
        row = c.execute("SELECT hoso_id FROM codes WHERE code=?", (code,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def save_dossier(c: sqlite3.Connection, hoso_id: str, record: dict, phien_ban: int) -> None:
        """Insert or update the current record; every code it carries is remembered."""
        at = clock.stamp()
        status = int(record.get("TrangThaiHoSo") or 0)
        c.execute(
            "INSERT INTO dossiers (hoso_id, ma_ho_so, phien_ban, trang_thai, record, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hoso_id) DO UPDATE SET ma_ho_so=excluded.ma_ho_so,"
            " phien_ban=excluded.phien_ban, trang_thai=excluded.trang_thai, record=excluded.record,"
            " updated_at=excluded.updated_at",
            (hoso_id, record["MaHoSo"], phien_ban, status, json.dumps(record, ensure_ascii=False), at, at))
        for code in (record.get("MaHoSo"), record.get("MaHoSoTam")):
            if code:
                c.execute("INSERT OR IGNORE INTO codes VALUES (?, ?)", (code, hoso_id))

    def file_online(self, c: sqlite3.Connection, unit: str, record: dict,
                    files: list[tuple[str, str, bytes]]) -> dict:
        """A dossier filed online by a citizen: code from the shared counter, HoSoId a uuid4,
        TrangThaiHoSo 1, PhienBan 0. Returns {"MaHoSo", "HoSoId", "TepDinhKem"}."""
        when = clock.now()
        while True:  # skip a number some counter already used without leasing it
            number, _ = self.take_numbers(c, unit, when.date(), 1)
            code = f"{unit}-{when:%y%m%d}-{number:04d}"
            if self.code_owner(c, code) is None:
                break
        hoso_id = str(uuid.uuid4())
        record = {**record, "MaHoSo": code, "SoBienNhan": code, "TrangThaiHoSo": 1, "KenhThucHien": 2,
                  "DonViXuLy": unit, "NgayNopHoSo": clock.stamp(when)}
        seq = c.execute("SELECT COALESCE(MAX(online_seq), 0) + 1 FROM dossiers").fetchone()[0]
        at = clock.stamp(when)
        c.execute("INSERT INTO dossiers VALUES (?, ?, 0, 1, ?, ?, ?, ?)",
                  (hoso_id, code, json.dumps(record, ensure_ascii=False), seq, at, at))
        c.execute("INSERT INTO codes VALUES (?, ?)", (code, hoso_id))
        attachments = []
        for position, (name, mime, data) in enumerate(files):
            att_id = uuid.uuid4().hex
            digest = hashlib.sha256(data).hexdigest()
            c.execute("INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (att_id, hoso_id, position, name, mime, len(data), digest, data))
            attachments.append(_attachment_json(att_id, name, len(data), mime, digest))
        return {"MaHoSo": code, "HoSoId": hoso_id, "MaTTHC": record.get("MaTTHC"),
                "TepDinhKem": attachments}

    def find(self, code: str) -> dict | None:
        """The current record (+ HoSoId, PhienBan) of the dossier that has or had this code."""
        rows = self._read(
            "SELECT d.hoso_id, d.phien_ban, d.record FROM codes k JOIN dossiers d ON d.hoso_id = k.hoso_id"
            " WHERE k.code=?", (code,))
        if not rows:
            return None
        hoso_id, phien_ban, record = rows[0]
        return {**json.loads(record), "HoSoId": hoso_id, "PhienBan": phien_ban}

    def online_page(self, after: int, limit: int) -> tuple[list[dict], int, bool]:
        """Online dossiers still at TrangThaiHoSo 1 after sequence `after`, oldest first:
        (items, last sequence returned or `after`, more)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT hoso_id, record, online_seq FROM dossiers WHERE trang_thai = 1"
                " AND online_seq > ? ORDER BY online_seq LIMIT ?", (after, limit + 1)).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            files: dict[str, list[dict]] = {}
            if rows:
                marks = ",".join("?" * len(rows))
                for hoso_id, att_id, name, size, mime, digest in self._db.execute(
                        "SELECT hoso_id, id, name, size, mime, sha256 FROM attachments"
                        f" WHERE hoso_id IN ({marks}) ORDER BY hoso_id, position", [r[0] for r in rows]):
                    files.setdefault(hoso_id, []).append(_attachment_json(att_id, name, size, mime, digest))
        items = [{**json.loads(record), "HoSoId": hoso_id, "TepDinhKem": files.get(hoso_id, [])}
                 for hoso_id, record, _ in rows]
        return items, (rows[-1][2] if rows else after), more

    def attachment(self, att_id: str) -> tuple[str, str, bytes] | None:
        rows = self._read("SELECT name, mime, data FROM attachments WHERE id=?", (att_id,))
        return rows[0] if rows else None

    def attachments_of(self, hoso_id: str) -> list[dict]:
        return [_attachment_json(*row) for row in self._read(
            "SELECT id, name, size, mime, sha256 FROM attachments WHERE hoso_id=? ORDER BY position",
            (hoso_id,))]

    # --- applied log -----------------------------------------------------------------------------
    @staticmethod
    def key_known(c: sqlite3.Connection, key: str) -> bool:
        return c.execute("SELECT 1 FROM applied WHERE key=?", (key,)).fetchone() is not None

    @staticmethod
    def log_applied(c: sqlite3.Connection, key: str, hoso_id: str, phien_ban: int, dich_vu: str,
                    data: dict) -> None:
        c.execute("INSERT INTO applied (key, hoso_id, phien_ban, dich_vu, data, at) VALUES (?, ?, ?, ?, ?, ?)",
                  (key, hoso_id, phien_ban, dich_vu, json.dumps(data, ensure_ascii=False), clock.stamp()))

    def applied(self, hoso_id: str | None = None) -> list[dict]:
        sql = "SELECT seq, key, hoso_id, phien_ban, dich_vu, data, at FROM applied"
        rows = self._read(sql + " WHERE hoso_id=? ORDER BY seq", (hoso_id,)) if hoso_id else \
            self._read(sql + " ORDER BY seq")
        return [{"seq": s, "Key": k, "HoSoId": h, "PhienBan": p, "DichVu": d, "Data": json.loads(data),
                 "at": at} for s, k, h, p, d, data, at in rows]

    @staticmethod
    def tally(c: sqlite3.Connection, name: str, n: int = 1) -> None:
        c.execute("INSERT INTO tallies VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n",
                  (name, n))

    def counts(self) -> dict[str, int]:
        out = dict(self._read("SELECT name, n FROM tallies"))
        out["applied"] = self._read("SELECT COUNT(*) FROM applied")[0][0]
        return out


def _attachment_json(att_id: str, name: str, size: int, mime: str, digest: str) -> dict:
    return {"Id": att_id, "TenTep": name, "KichThuoc": size, "LoaiTep": mime, "SHA256": digest,
            "DuongDan": f"/api/v1/attachments/{att_id}"}
