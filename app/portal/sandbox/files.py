"""Files sent to the sandbox portal (docs/portal-api.md, "Files"), and the citizen's store.

A file is named by the SHA-256 of its bytes, so sending it again is harmless and a half-sent file
can be finished later:
- `HEAD /api/v1/files/{sha256}`: 404 if the portal has none of it; else `Upload-Offset` (bytes it
  holds), `Upload-Length`, and `Location` (the file's link) once it is whole;
- `PATCH /api/v1/files/{sha256}` with `Upload-Offset` (must equal what the portal holds, else 409
  with the right `Upload-Offset`) and `Upload-Length` (the whole file's size): appends the body.
  What arrives before a dropped connection is kept. 204 + `Upload-Offset` while incomplete; when
  the last byte arrives the file is checked (size limit, SHA-256 of the bytes equal to the name,
  PDF/JPEG/PNG/TIFF by its first bytes): 201 with the file, or 413/422 with a Vietnamese message
  (and the bytes are dropped). A file already whole: 200 with the same file, nothing stored twice;
- `GET /api/v1/files/{sha256}`: the bytes.

The bytes live on disk in `<store>.files/` beside the store (`<sha256>.part` while arriving, then
`<sha256>`); the `files` table of the store keeps each upload's state and what the tests look at
(how many PATCH requests, from which offsets, how many bytes arrived in all).

`GET /api/v1/citizens/{SoDinhDanh}/documents`: the documents the portal holds for a personal ID,
from the dossiers it received with files (indexed as each record is applied) and the ones seeded
through /__sandbox/citizen-documents."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.requests import ClientDisconnect

from app.portal import dvc_files
from app.portal.sandbox import clock, validation
from app.portal.sandbox.errors import ApiError, invalid
from app.portal.sandbox.store import Store

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
# The kinds the portal keeps, known by their first bytes (the portal's own rule; the counter's is
# app/services/files/store.py).
MAGIC = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
         (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))
NOT_A_KIND = "Tệp không phải PDF, JPEG, PNG hay TIFF: cổng chỉ nhận các loại tệp này."
NOT_ITS_HASH = ("Nội dung tệp không khớp mã SHA-256 trong địa chỉ (tệp hỏng khi truyền hoặc gửi nhầm): "
                "cổng không nhận.")


def sniff(head: bytes) -> str | None:
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def link(sha256: str) -> str:
    return f"/api/v1/files/{sha256}"


def file_json(sha256: str, size: int, media_type: str, received_at: str | None) -> dict:
    return {"SHA256": sha256, "KichThuoc": size, "LoaiTep": media_type, "DuongDan": link(sha256),
            "NgayNhan": received_at or ""}


class FileStore:
    """The uploads of one sandbox portal: rows in the store, bytes in a folder beside it."""

    def __init__(self, store: Store, max_bytes: int = DEFAULT_MAX_BYTES):
        self.store = store
        self.folder = store.path.with_name(store.path.name + ".files")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self._locks: dict[str, asyncio.Lock] = {}

    def lock(self, sha256: str) -> asyncio.Lock:
        return self._locks.setdefault(sha256, asyncio.Lock())

    def part(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.part"

    def whole(self, sha256: str) -> Path:
        return self.folder / sha256

    def info(self, sha256: str) -> dict | None:
        rows = self.store._read("SELECT length, media_type, complete, received_at, patches, bytes_received,"
                                " offsets FROM files WHERE sha256=?", (sha256,))
        if not rows:
            return None
        length, media_type, complete, received_at, patches, received, offsets = rows[0]
        try:
            held = length if complete else self.part(sha256).stat().st_size
        except OSError:
            held = 0
        return {"sha256": sha256, "length": length, "media_type": media_type, "complete": bool(complete),
                "received_at": received_at, "offset": held, "patches": patches, "bytes_received": received,
                "offsets": json.loads(offsets)}

    def begin(self, sha256: str, length: int) -> None:
        with self.store.transaction() as c:
            c.execute("INSERT OR IGNORE INTO files VALUES (?, ?, NULL, 0, ?, NULL, 0, 0, '[]')",
                      (sha256, length, clock.stamp()))

    def note(self, sha256: str, offset: int, received: int) -> None:
        with self.store.transaction() as c:
            row = c.execute("SELECT offsets FROM files WHERE sha256=?", (sha256,)).fetchone()
            offsets = json.loads(row[0]) + [offset] if row else [offset]
            c.execute("UPDATE files SET patches = patches + 1, bytes_received = bytes_received + ?, offsets=?"
                      " WHERE sha256=?", (received, json.dumps(offsets), sha256))

    def discard(self, sha256: str) -> None:
        self.part(sha256).unlink(missing_ok=True)
        with self.store.transaction() as c:
            c.execute("DELETE FROM files WHERE sha256=? AND complete=0", (sha256,))

    def check_and_finish(self, sha256: str) -> dict:
        """The whole file has arrived: keep it if it is what its name says, else drop it."""
        part = self.part(sha256)
        digest = hashlib.sha256()
        with open(part, "rb") as f:
            head = f.read(16)
            digest.update(head)
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        media_type = sniff(head)
        problem = NOT_ITS_HASH if digest.hexdigest() != sha256 else None if media_type else NOT_A_KIND
        if problem:
            self.discard(sha256)
            raise invalid(problem, [{"field": "file", "message": problem}])
        os.replace(part, self.whole(sha256))
        at = clock.stamp()
        with self.store.transaction() as c:
            c.execute("UPDATE files SET complete=1, media_type=?, received_at=? WHERE sha256=?",
                      (media_type, at, sha256))
        return file_json(sha256, self.whole(sha256).stat().st_size, media_type, at)

    def put_whole(self, data: bytes) -> dict:
        """A file given whole (the admin API's seeding): the same checks, kept once."""
        sha256 = hashlib.sha256(data).hexdigest()
        info = self.info(sha256)
        if info and info["complete"]:
            return file_json(sha256, info["length"], info["media_type"], info["received_at"])
        if not data or len(data) > self.max_bytes:
            raise invalid("Tệp trống hoặc vượt giới hạn kích thước của cổng.")
        self.discard(sha256)
        self.begin(sha256, len(data))
        write_synced(self.part(sha256), data, append=False)
        self.note(sha256, 0, len(data))
        return self.check_and_finish(sha256)

    # --- what records say about files ---------------------------------------------------------
    @staticmethod
    def missing(c: sqlite3.Connection, record: dict) -> list[str]:
        """The SHA-256s a record's document lines, results or signed forms link to that the portal
        does not hold."""
        shas = [sha for sha, _, _ in dvc_files.links_in(record)] + result_shas(record) + \
            [sha for sha, _, _ in dvc_files.other_links(record)]
        out = []
        for sha in dict.fromkeys(shas):
            row = c.execute("SELECT complete FROM files WHERE sha256=?", (sha,)).fetchone()
            if not row or not row[0]:
                out.append(sha)
        return out

    @staticmethod
    def index_citizen(c: sqlite3.Connection, record: dict) -> None:
        """The citizen's store gains the files of a dossier record that names a personal ID."""
        number = record.get("SoDinhDanh")
        if not isinstance(number, str) or not validation.PERSONAL_ID_RE.match(number):
            return
        at = record.get("NgayTiepNhan") or clock.stamp()
        for sha, name, _ in dvc_files.links_in(record):
            c.execute("INSERT OR IGNORE INTO citizen_documents VALUES (?, ?, ?, ?, ?)",
                      (number, sha, name, str(record.get("MaHoSo") or ""), at))

    def seed_citizen(self, number: str, name: str, data: bytes, code: str) -> dict:
        f = self.put_whole(data)
        at = clock.stamp()
        with self.store.transaction() as c:
            c.execute("INSERT OR IGNORE INTO citizen_documents VALUES (?, ?, ?, ?, ?)",
                      (number, f["SHA256"], name, code, at))
        return {"TenGiayTo": name, **{k: f[k] for k in ("SHA256", "KichThuoc", "LoaiTep", "DuongDan")},
                "MaHoSo": code, "NgayTiepNhan": at}

    def citizen_documents(self, number: str) -> list[dict]:
        rows = self.store._read(
            "SELECT d.name, d.sha256, f.length, f.media_type, d.dossier_code, d.received_at"
            " FROM citizen_documents d JOIN files f ON f.sha256 = d.sha256 AND f.complete = 1"
            " WHERE d.so_dinh_danh=? ORDER BY d.received_at DESC, d.dossier_code, d.name", (number,))
        return [{"TenGiayTo": name, "SHA256": sha, "KichThuoc": size, "LoaiTep": media_type,
                 "DuongDan": link(sha), "MaHoSo": code, "NgayTiepNhan": at}
                for name, sha, size, media_type, code, at in rows]

    def listing(self) -> list[dict]:
        shas = [r[0] for r in self.store._read("SELECT sha256 FROM files ORDER BY started_at, sha256")]
        return [i for i in (self.info(s) for s in shas) if i]


def result_shas(record: dict) -> list[str]:
    f = dvc_files.fields()
    results = record.get(dvc_files.RESULTS)
    return [r[f.result["sha256"]] for r in (results if isinstance(results, list) else [])
            if isinstance(r, dict) and isinstance(r.get(f.result["sha256"]), str)]


def write_synced(path: Path, data: bytes, *, append: bool) -> None:
    with open(path, "ab" if append else "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def files_of(request: Request) -> FileStore:
    return request.app.state.files


def _sha(value: str) -> str:
    if not SHA_RE.match(value):
        raise ApiError(404, "not_found", "Địa chỉ tệp phải là mã SHA-256 của tệp (64 ký tự 0-9, a-f).")
    return value


def _header_int(request: Request, name: str) -> int:
    value = request.headers.get(name, "")
    if not value.isascii() or not value.isdigit() or len(value) > 15:
        raise invalid(f"Thiếu hoặc sai tiêu đề {name} (số byte, số nguyên không âm).",
                      [{"field": name, "message": "Số nguyên không âm."}])
    return int(value)


def _token(request: Request) -> None:
    from app.portal.sandbox.api import require_token  # api imports batch, which imports this module

    require_token(request)


router = APIRouter(prefix="/api/v1", dependencies=[Depends(_token)])


@router.head("/files/{sha256}", include_in_schema=False)  # FastAPI lists HEAD apart; the spec has it
async def file_status(request: Request, sha256: str):
    info = files_of(request).info(_sha(sha256))
    if info is None:
        return Response(status_code=404)
    headers = {"Upload-Offset": str(info["offset"]), "Upload-Length": str(info["length"]),
               "Cache-Control": "no-store"}
    if info["complete"]:
        headers["Location"] = link(sha256)
    return Response(status_code=200, headers=headers)


@router.patch("/files/{sha256}")
async def upload(request: Request, sha256: str):
    fs = files_of(request)
    sha = _sha(sha256)
    length, offset = _header_int(request, "Upload-Length"), _header_int(request, "Upload-Offset")
    async with fs.lock(sha):
        info = fs.info(sha)
        if info and info["complete"]:  # the same bytes again: the same file, nothing stored twice
            return JSONResponse(file_json(sha, info["length"], info["media_type"], info["received_at"]))
        if length > fs.max_bytes:
            raise ApiError(413, "too_large", f"Tệp lớn {length / 1048576:.1f} MB, vượt giới hạn "
                                             f"{fs.max_bytes / 1048576:.1f} MB mỗi tệp của cổng.",
                           [{"field": "Upload-Length", "message": "Vượt giới hạn kích thước."}])
        if length < 1:
            raise invalid("Tệp trống (0 byte): cổng không nhận.")
        if info and info["length"] != length:
            raise invalid("Độ dài tệp (Upload-Length) khác lần gửi trước của cùng tệp.",
                          [{"field": "Upload-Length", "message": f"Lần trước: {info['length']} byte."}])
        held = info["offset"] if info else 0
        if offset != held:
            raise ApiError(409, "offset_mismatch", f"Cổng đang giữ {held} byte của tệp này: gửi tiếp từ đó.",
                           headers={"Upload-Offset": str(held)})
        fs.begin(sha, length)
        received, too_long, dropped = 0, False, False
        with open(fs.part(sha), "ab") as out:
            try:
                async for chunk in request.stream():
                    if offset + received + len(chunk) > length:
                        too_long = True
                        break
                    out.write(chunk)
                    received += len(chunk)
            except ClientDisconnect:  # what arrived is kept: the counter resumes from there
                dropped = True
            out.flush()
            os.fsync(out.fileno())
            if too_long:
                out.truncate(offset)
        if too_long:
            raise invalid("Nội dung gửi dài hơn Upload-Length.")
        fs.note(sha, offset, received)
        if dropped:
            return Response(status_code=400)  # nobody is listening any more
        if offset + received < length:
            return Response(status_code=204, headers={"Upload-Offset": str(offset + received)})
        return JSONResponse(fs.check_and_finish(sha), status_code=201,
                            headers={"Upload-Offset": str(length), "Location": link(sha)})


@router.get("/files/{sha256}")
async def download(request: Request, sha256: str):
    fs = files_of(request)
    info = fs.info(_sha(sha256))
    if info is None or not info["complete"]:
        raise ApiError(404, "not_found", "Cổng không có tệp này.")
    return FileResponse(fs.whole(sha256), media_type=info["media_type"], headers={"X-SHA256": sha256})


@router.get("/citizens/{SoDinhDanh}/documents")
async def citizen_documents(request: Request, SoDinhDanh: str):  # noqa: N803 - the contract's name
    if not validation.PERSONAL_ID_RE.match(SoDinhDanh):
        raise invalid("Số định danh cá nhân phải gồm đúng 12 chữ số.",
                      [{"field": "SoDinhDanh", "message": "Đúng 12 chữ số."}])
    return {"items": files_of(request).citizen_documents(SoDinhDanh)}
