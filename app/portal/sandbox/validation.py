"""Field checks on what the counter pushes (docs/portal-api.md): a list of
{"field", "message"} (Vietnamese) per item, empty when the item is acceptable."""

from __future__ import annotations

import re

from app.domain import codes
from app.portal.sandbox import clock

# The code shapes are public data both sides read the same way (app/domain/codes.py, DOMAIN.md §5):
# QCVN 102:2016 and Decision 20/2020 unit codes; Circular 01/2018 and 04/2025 dossier codes, and
# the counter's provisional codes (TAM before the number).
UNIT_RE = codes.UNIT_CODE_RE
PHONE_RE = re.compile(r"^\d{10,11}$")
PERSONAL_ID_RE = re.compile(r"^[0-9]{12}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

SERVICES = ("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DanhGiaHaiLongMC")
RATING = "DanhGiaHaiLongMC"  # the citizen's rating of a service at the counter
DATE_FIELDS = ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTuChoi", "NgayKetThucXuLy", "NgayTra",
               "ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh", "ThoiDiemDanhGia")
REQUIRED = {"DongBoHoSoMC": ("MaHoSo", "MaTTHC", "ChuHoSo", "TrangThaiHoSo"),
            "CapNhatTienDoHoSoMC": ("MaHoSo", "TrangThai"),
            "DanhGiaHaiLongMC": ("MaHoSo", "MaDanhGia", "DiemDanhGia", "ThoiDiemDanhGia")}


def _err(field: str, message: str) -> dict:
    return {"field": field, "message": message}


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def code_problem(code, *, provisional_ok: bool) -> str | None:
    """Why `code` is not a dossier code (None when it is one)."""
    if not isinstance(code, str):
        return "Mã hồ sơ phải là chuỗi ký tự."
    parsed = codes.parse_dossier_code(code)
    if parsed is None or str(parsed) != code:  # as written: the portal does not change case or spaces
        return f"Mã hồ sơ «{code}» không đúng dạng: cần {codes.dossier_shapes_hint()}."
    if parsed.provisional and not provisional_ok:
        return f"Mã hồ sơ tạm «{code}» phải được thay bằng mã chính thức trước khi gửi lên cổng."
    return None


def envelope_problems(item) -> list[dict]:
    """Checks on the batch item itself (Key, HoSoId, PhienBan, DichVu, Data)."""
    if not isinstance(item, dict):
        return [_err("items", "Mỗi phần tử của lô phải là một đối tượng JSON.")]
    out = []
    key = item.get("Key")
    if not isinstance(key, str) or not key.strip() or len(key) > 100:
        out.append(_err("Key", "Thiếu khóa chống trùng (Key) hoặc khóa dài quá 100 ký tự."))
    hoso_id = item.get("HoSoId")
    if not isinstance(hoso_id, str) or not hoso_id.strip() or len(hoso_id) > 100:
        out.append(_err("HoSoId", "Thiếu mã định danh hồ sơ (HoSoId)."))
    if not _is_int(item.get("PhienBan")) or item["PhienBan"] < 1:
        out.append(_err("PhienBan", "Phiên bản (PhienBan) phải là số nguyên dương."))
    if item.get("DichVu") not in SERVICES:
        out.append(_err("DichVu", "Dịch vụ (DichVu) phải là DongBoHoSoMC, CapNhatTienDoHoSoMC hoặc DanhGiaHaiLongMC."))
    if "isUpdating" in item and not isinstance(item["isUpdating"], bool):
        out.append(_err("isUpdating", "isUpdating phải là true hoặc false."))
    if not isinstance(item.get("Data"), dict):
        out.append(_err("Data", "Thiếu nội dung hồ sơ (Data)."))
    return out


def data_problems(service: str, data: dict) -> list[dict]:
    out = []
    for name in REQUIRED[service]:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(_err(name, f"Thiếu trường bắt buộc {name}."))
    missing = {e["field"] for e in out}
    if "MaHoSo" not in missing:
        problem = code_problem(data["MaHoSo"], provisional_ok=False)
        if problem:
            out.append(_err("MaHoSo", problem))
    if data.get("MaHoSoTam"):
        problem = code_problem(data["MaHoSoTam"], provisional_ok=True)
        if problem:
            out.append(_err("MaHoSoTam", problem))
    for name in ("TrangThaiHoSo", "TrangThai"):
        if name in data and name not in missing and (not _is_int(data[name]) or not 1 <= data[name] <= 10):
            out.append(_err(name, "Trạng thái hồ sơ phải là số nguyên từ 1 đến 10."))
    choices = {
        "KenhThucHien": ((1, 2, 3), "Kênh thực hiện phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (qua bưu chính công ích)."),
        "HinhThucTra": ((0, 1, 2), "Hình thức trả kết quả phải là 0 (tại quầy), 1 (qua bưu chính công ích) hoặc 2 (trực tuyến)."),
        "LoaiDoiTuong": ((1, 2), "Loại đối tượng phải là 1 (công dân) hoặc 2 (tổ chức, doanh nghiệp)."),
    }
    for name, (allowed, message) in choices.items():
        if data.get(name) not in (None, "") and (not _is_int(data[name]) or data[name] not in allowed):
            out.append(_err(name, message))
    for name in DATE_FIELDS:
        value = data.get(name)
        if value is not None and value != "" and (not isinstance(value, str) or clock.parse_stamp(value) is None):
            out.append(_err(name, "Ngày giờ phải theo dạng yyyyMMddHHmmss (ví dụ 20261124083000) hoặc để trống."))
    out += identity_problems(data)
    if service == RATING:
        out += rating_problems(data, missing)
    phone = data.get("SoDienThoai")
    if phone not in (None, "") and (not isinstance(phone, str) or not PHONE_RE.match(phone)):
        out.append(_err("SoDienThoai", "Số điện thoại phải gồm 10 đến 11 chữ số."))
    email = data.get("Email")
    if email not in (None, "") and (not isinstance(email, str) or not EMAIL_RE.match(email)):
        out.append(_err("Email", "Địa chỉ thư điện tử không hợp lệ."))
    for name in ("ChuHoSo", "MaTTHC", "TenTTHC", "TrichYeuHoSo", "NguoiXuLy", "NoiDungXuLy"):
        if name in data and name not in missing and data[name] is not None and not isinstance(data[name], str):
            out.append(_err(name, f"{name} phải là chuỗi ký tự."))
    for name in ("TaiLieuNop", "DanhSachLePhi"):
        value = data.get(name)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, dict) for v in value)):
            out.append(_err(name, f"{name} phải là danh sách các đối tượng."))
    out += signed_forms_problems(data)
    return out


def signed_forms_problems(data: dict) -> list[dict]:
    """The signed forms' list (its names: resources/portal/dvc_files.json "other", check): objects,
    each with its SHA-256 and a known form kind."""
    from app.portal import dvc_files

    f = dvc_files.fields()
    value = data.get(f.other_list)
    if value is None:
        return []
    kinds = set(f.other_kinds.values())
    if not isinstance(value, list) or not all(
            isinstance(v, dict) and isinstance(v.get(f.other["sha256"]), str) and v.get(f.other["kind"]) in kinds
            for v in value):
        return [_err(f.other_list, f"{f.other_list} phải là danh sách tệp, mỗi tệp có {f.other['sha256']} và "
                                   f"{f.other['kind']} là một trong {', '.join(sorted(kinds))}.")]
    return []


def identity_problems(data: dict) -> list[dict]:
    """SoDinhDanh: a 12-digit personal ID or empty; TaiKhoanDuocXacThucVoiVNeID and
    DuocThanhToanTrucTuyen: true or false (absent from older clients)."""
    out = []
    number = data.get("SoDinhDanh")
    if number not in (None, "") and (not isinstance(number, str) or not PERSONAL_ID_RE.match(number)):
        out.append(_err("SoDinhDanh", "Số định danh cá nhân phải gồm đúng 12 chữ số hoặc để trống."))
    if "TaiKhoanDuocXacThucVoiVNeID" in data and not isinstance(data["TaiKhoanDuocXacThucVoiVNeID"], bool):
        out.append(_err("TaiKhoanDuocXacThucVoiVNeID", "TaiKhoanDuocXacThucVoiVNeID phải là true hoặc false."))
    if "DuocThanhToanTrucTuyen" in data and not isinstance(data["DuocThanhToanTrucTuyen"], bool):
        out.append(_err("DuocThanhToanTrucTuyen", "DuocThanhToanTrucTuyen phải là true hoặc false."))
    return out


def rating_problems(data: dict, missing: set[str]) -> list[dict]:
    """DiemDanhGia 1-5; LyDo, a list of {"MaTieuChi", "TenTieuChi"}, only at 3 or less."""
    out = []
    score = data.get("DiemDanhGia")
    if "DiemDanhGia" not in missing and (not _is_int(score) or not 1 <= score <= 5):
        out.append(_err("DiemDanhGia", "Điểm đánh giá phải là số nguyên từ 1 đến 5."))
    reasons = data.get("LyDo")
    if reasons is not None and (not isinstance(reasons, list) or not all(
            isinstance(r, dict) and isinstance(r.get("MaTieuChi"), str) and r["MaTieuChi"] for r in reasons)):
        out.append(_err("LyDo", "LyDo phải là danh sách các tiêu chí {MaTieuChi, TenTieuChi}."))
    elif reasons and _is_int(score) and 3 < score <= 5:
        out.append(_err("LyDo", "Chỉ ghi lý do khi điểm đánh giá từ 3 trở xuống."))
    if "MaDanhGia" not in missing and (not isinstance(data["MaDanhGia"], str) or len(data["MaDanhGia"]) > 100):
        out.append(_err("MaDanhGia", "Mã đánh giá phải là chuỗi ký tự, tối đa 100 ký tự."))
    return out


def summary(fields: list[dict]) -> str:
    names = ", ".join(dict.fromkeys(f["field"] for f in fields))
    return f"Dữ liệu không hợp lệ ({len(fields)} lỗi): {names}."
