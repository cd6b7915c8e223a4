"""Test and training switches under /__sandbox/ (no token; only when started with --faults)."""

from __future__ import annotations

import base64
import binascii
import random

from fastapi import APIRouter, Request

from app.portal.sandbox import synthetic
from app.portal.sandbox.api import json_body
from app.portal.sandbox.errors import invalid
from app.portal.sandbox.faults import FaultSettingsError
from app.portal.sandbox.store import NumbersExhausted
from app.portal.sandbox.validation import PERSONAL_ID_RE

MAX_SYNTHETIC = 5000

router = APIRouter(prefix="/__sandbox")


@router.post("/faults")
async def set_faults(request: Request):
    try:
        return request.app.state.faults.configure(await json_body(request))
    except FaultSettingsError as exc:
        raise invalid(str(exc)) from None


@router.post("/reset-faults")
async def reset_faults(request: Request):
    return request.app.state.faults.reset()


@router.get("/stats")
async def stats(request: Request):
    counts = request.app.state.store.counts()
    return {**request.app.state.faults.stats(), "applied": counts.get("applied", 0),
            "duplicates": counts.get("duplicates", 0), "rejected": counts.get("rejected", 0)}


@router.get("/applied")
async def applied(request: Request, HoSoId: str | None = None):  # noqa: N803 - the wire name
    return {"items": request.app.state.store.applied(HoSoId)}


@router.get("/files")
async def files(request: Request):
    """Every upload: sha256, length, offset held, complete, patches, offsets, bytes_received."""
    return {"items": request.app.state.files.listing(), "max_bytes": request.app.state.files.max_bytes}


@router.post("/files-limit")
async def files_limit(request: Request):
    body = await json_body(request)
    limit = body.get("max_bytes")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 2**40:
        raise invalid("max_bytes phải là số byte nguyên dương.")
    request.app.state.files.max_bytes = limit
    return {"max_bytes": limit}


@router.post("/citizen-documents")
async def citizen_documents(request: Request):
    """Seed the citizen's store: {"SoDinhDanh", "TenGiayTo", "NoiDung" (base64), "MaHoSo"?}."""
    body = await json_body(request)
    number, name = body.get("SoDinhDanh"), body.get("TenGiayTo")
    if not isinstance(number, str) or not PERSONAL_ID_RE.match(number):
        raise invalid("SoDinhDanh phải gồm đúng 12 chữ số.")
    if not isinstance(name, str) or not name.strip():
        raise invalid("Thiếu TenGiayTo.")
    try:
        data = base64.b64decode(body.get("NoiDung") or "", validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise invalid("NoiDung phải là nội dung tệp mã hóa base64.") from None
    code = body.get("MaHoSo") if isinstance(body.get("MaHoSo"), str) else ""
    return request.app.state.files.seed_citizen(number, name.strip(), data, code)


@router.post("/online-dossiers")
async def online_dossiers(request: Request):
    body = await json_body(request)
    state = request.app.state
    count, files = body.get("count", 1), body.get("attachments", 0)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_SYNTHETIC:
        raise invalid(f"count phải là số nguyên từ 1 đến {MAX_SYNTHETIC}.")
    if not isinstance(files, int) or isinstance(files, bool) or not 0 <= files <= 20:
        raise invalid("attachments phải là số nguyên từ 0 đến 20.")
    procedure = None
    if body.get("procedure"):
        procedure = state.catalog.filable(body["procedure"])
        if procedure is None:
            raise invalid(f"Thủ tục {body['procedure']} không có hoặc không nộp trực tuyến được.")
    email = body.get("email", "")  # the citizen's address, as filed online (none by default)
    if not isinstance(email, str) or len(email) > 255:
        raise invalid("email phải là chuỗi ký tự, tối đa 255 ký tự.")
    rng = random.Random()
    try:
        with state.store.transaction() as c:
            items = []
            for n in range(count):
                record, attachments = synthetic.make(state.catalog, rng, n, procedure, files)
                if email:
                    record["Email"] = email
                items.append(state.store.file_online(c, state.unit, record, attachments))
    except NumbersExhausted:
        raise invalid("Không còn đủ số hồ sơ trong ngày cho đơn vị này.") from None
    return {"items": items}
