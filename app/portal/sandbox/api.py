"""The /api/v1 routes of docs/portal-api.md. Every route needs `Authorization: Bearer <token>`."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from datetime import timedelta
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from app.domain.codes import unit_shapes_hint
from app.portal.sandbox import clock, validation
from app.portal.sandbox.batch import MAX_BATCH, apply_batch
from app.portal.sandbox.errors import ApiError, invalid
from app.portal.sandbox.store import MAX_DAILY_NUMBER, NumbersExhausted

MAX_PAGE = 200
DEFAULT_PAGE = 100
MAX_LEASE = 1000
LEASE_DAYS_AHEAD = 30


def require_token(request: Request) -> None:
    expected = request.app.state.token.encode()
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise ApiError(401, "unauthorized", "Thiếu hoặc sai mã truy cập cổng (Bearer).",
                       headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_token)])


async def json_body(request: Request) -> dict:
    try:
        body = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        raise invalid("Nội dung yêu cầu không phải JSON hợp lệ.") from None
    if not isinstance(body, dict):
        raise invalid("Nội dung yêu cầu phải là một đối tượng JSON.")
    return body


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"online:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, seq = text.partition(":")
        if kind == "online" and seq.isdigit():
            return int(seq)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise invalid("Con trỏ phân trang (cursor) không hợp lệ.",
                  [{"field": "cursor", "message": "Con trỏ không do cổng này cấp."}])


@router.get("/ping")
async def ping():
    return {"ok": True, "time": clock.stamp()}


@router.post("/sync")
async def sync(request: Request):
    body = await json_body(request)
    items = body.get("items")
    if not isinstance(items, list):
        raise invalid("Thiếu danh sách items.", [{"field": "items", "message": "Phải là một danh sách."}])
    if len(items) > MAX_BATCH:
        raise invalid(f"Một lô gửi tối đa {MAX_BATCH} mục (lô này có {len(items)}).",
                      [{"field": "items", "message": f"Tối đa {MAX_BATCH} mục."}])
    return {"results": apply_batch(request.app.state.store, items)}


@router.get("/online-dossiers")
async def online_dossiers(request: Request, cursor: str | None = None, limit: str | None = None):
    if limit in (None, ""):
        size = DEFAULT_PAGE
    elif limit.isdigit() and 1 <= int(limit) <= MAX_PAGE:
        size = int(limit)
    else:
        raise invalid(f"limit phải là số nguyên từ 1 đến {MAX_PAGE}.",
                      [{"field": "limit", "message": f"Từ 1 đến {MAX_PAGE}."}])
    after = decode_cursor(cursor) if cursor else 0
    items, last, more = request.app.state.store.online_page(after, size)
    return {"items": items, "next_cursor": encode_cursor(last), "more": more}


@router.get("/attachments/{Id}")
async def attachment(request: Request, Id: str):  # noqa: N803 - the contract's name
    found = request.app.state.store.attachment(Id)
    if found is None:
        raise ApiError(404, "not_found", "Không tìm thấy tệp đính kèm.")
    name, mime, data = found
    return Response(content=bytes(data), media_type=mime, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}"})


@router.post("/number-leases", status_code=201)
async def number_leases(request: Request):
    body = await json_body(request)
    fields = []
    key = body.get("Key")
    if not isinstance(key, str) or not key.strip() or len(key) > 100:
        fields.append({"field": "Key", "message": "Thiếu khóa chống trùng (Key)."})
    unit = body.get("MaDonVi")
    if not isinstance(unit, str) or not validation.UNIT_RE.match(unit):
        fields.append({"field": "MaDonVi", "message": f"Mã đơn vị không đúng dạng: cần {unit_shapes_hint()}."})
    day = clock.parse_day(body["Ngay"]) if isinstance(body.get("Ngay"), str) else None
    if day is None:
        fields.append({"field": "Ngay", "message": "Ngày phải theo dạng yyyyMMdd."})
    elif day > clock.today() + timedelta(days=LEASE_DAYS_AHEAD):
        fields.append({"field": "Ngay", "message": f"Chỉ thuê số cho tối đa {LEASE_DAYS_AHEAD} ngày tới."})
    count = body.get("SoLuong")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_LEASE:
        fields.append({"field": "SoLuong", "message": f"Số lượng phải là số nguyên từ 1 đến {MAX_LEASE}."})
    if fields:
        raise invalid("Yêu cầu thuê số không hợp lệ.", fields)
    try:
        lease = request.app.state.store.lease(key, unit, day, count)
    except NumbersExhausted:
        raise invalid("Không còn đủ số hồ sơ trong ngày cho đơn vị này.",
                      [{"field": "SoLuong", "message": f"Vượt quá {MAX_DAILY_NUMBER} số trong một ngày."}]) from None
    if (lease["MaDonVi"], lease["Ngay"], lease["DenSo"] - lease["TuSo"] + 1) != (unit, body["Ngay"], count):
        raise invalid("Khóa này đã dùng cho một lần thuê số khác.",
                      [{"field": "Key", "message": "Khóa đã dùng với đơn vị, ngày hoặc số lượng khác."}])
    return JSONResponse(lease, status_code=201)


@router.get("/dossiers/{MaHoSo}")
async def dossier(request: Request, MaHoSo: str):  # noqa: N803 - the contract's name
    found = request.app.state.store.find(MaHoSo.strip())
    if found is None:
        raise ApiError(404, "not_found", f"Không tìm thấy hồ sơ {MaHoSo}.")
    files = request.app.state.store.attachments_of(found["HoSoId"])
    if files:
        found["TepDinhKem"] = files
    return found


@router.get("/procedures")
async def procedures(request: Request, since: str | None = None):
    if since and clock.parse_stamp(since) is None:
        raise invalid("since phải theo dạng yyyyMMddHHmmss.",
                      [{"field": "since", "message": "Dạng yyyyMMddHHmmss."}])
    state = request.app.state
    items = [p for p in state.catalog.lay_thu_tuc(state.store.created_at)
             if not since or p["NgayCapNhat"] > since]
    return {"items": items, "as_of": clock.stamp()}
