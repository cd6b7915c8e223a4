"""Applying one `POST /api/v1/sync` batch: in list order, in one SQLite transaction, answered per
item (applied / duplicate / rejected with 409 or 422)."""

from __future__ import annotations

import sqlite3

from app.portal.sandbox import validation
from app.portal.sandbox.files import FileStore
from app.portal.sandbox.store import Store

MAX_BATCH = 500


def apply_batch(store: Store, items: list) -> list[dict]:
    with store.transaction() as c:
        results = [_apply_one(store, c, item) for item in items]
        duplicates = sum(r["result"] == "duplicate" for r in results)
        rejected = sum(r["result"] == "rejected" for r in results)
        if duplicates:
            store.tally(c, "duplicates", duplicates)
        if rejected:
            store.tally(c, "rejected", rejected)
    return results


def _rejected(key, status: int, message: str, fields: list[dict] | None = None) -> dict:
    out = {"Key": key, "result": "rejected", "status": status, "message": message}
    if fields is not None:
        out["fields"] = fields
    return out


def _apply_one(store: Store, c: sqlite3.Connection, item) -> dict:
    key = item.get("Key") if isinstance(item, dict) else None
    if isinstance(key, str) and key and store.key_known(c, key):
        return {"Key": key, "result": "duplicate"}
    problems = validation.envelope_problems(item)
    if problems:
        return _rejected(key, 422, validation.summary(problems), problems)
    hoso_id, version, service, data = item["HoSoId"], item["PhienBan"], item["DichVu"], item["Data"]
    known = store.dossier(c, hoso_id)
    last = known[0] if known else 0
    if version != last + 1:
        return _rejected(key, 409, f"Phiên bản {version} không nối tiếp phiên bản cổng đã nhận của hồ sơ "
                                   f"này ({last}): cổng chờ phiên bản {last + 1}.")
    problems = validation.data_problems(service, data)
    if problems:
        return _rejected(key, 422, validation.summary(problems), problems)
    for code in (data.get("MaHoSo"), data.get("MaHoSoTam")):
        owner = store.code_owner(c, code) if code else None
        if owner is not None and owner != hoso_id:
            return _rejected(key, 409, f"Mã hồ sơ {code} đã thuộc một hồ sơ khác trên cổng.")
    missing = FileStore.missing(c, data)
    if missing:  # a record links only files the portal holds whole: they go first
        return _rejected(key, 422, f"Hồ sơ dẫn tới tệp {missing[0][:12]}… chưa được gửi trọn lên cổng.",
                         [{"field": "TaiLieuNop", "message": f"Thiếu {len(missing)} tệp trên cổng."}])
    current = known[1] if known else {}
    if service == "DongBoHoSoMC":
        record = {**current, **data}
        if not record.get("SoBienNhan") or record["SoBienNhan"] == current.get("MaHoSo"):
            record["SoBienNhan"] = record["MaHoSo"]
    elif service == validation.RATING:  # the citizen's rating joins the dossier's evaluations
        record = dict(current) or {"MaHoSo": data["MaHoSo"], "TrangThaiHoSo": data.get("TrangThai") or 0}
        record["DanhGia"] = [*record.get("DanhGia", []), {k: v for k, v in data.items() if k != "MaHoSo"}]
    else:  # a progress step keeps the status; the portal only learns who holds the dossier
        record = dict(current) or {"MaHoSo": data["MaHoSo"], "TrangThaiHoSo": data["TrangThai"]}
        record["TienDoXuLy"] = {k: data.get(k, "") for k in (
            "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy")}
    store.save_dossier(c, hoso_id, record, version)
    if service == "DongBoHoSoMC":
        FileStore.index_citizen(c, record)
    store.log_applied(c, key, hoso_id, version, service, data)
    return {"Key": key, "result": "applied"}
