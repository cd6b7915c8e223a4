"""The citizen's side of the sandbox portal: list the procedures filed online, file one (with
attachments), look a dossier up by its code. Validation errors go back on the form, in Vietnamese,
and nothing is stored."""

from __future__ import annotations

import mimetypes
import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from app.portal.sandbox import citizen_html
from app.portal.sandbox.catalog import base_record
from app.portal.sandbox.store import NumbersExhausted
from app.portal.sandbox.validation import EMAIL_RE

MAX_FILE_MB = 10
MAX_FILES = 20
CCCD_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^\d{10,11}$")
TEXT_FIELDS = ("ho_ten", "cccd", "dien_thoai", "email", "dia_chi", "trich_yeu", "hinh_thuc", "dia_chi_nhan")
RESULT_CODES = {"counter": 0, "post": 1, "online": 2}

router = APIRouter()


def _procedure(request: Request, code: str) -> dict:
    p = request.app.state.catalog.filable(code)
    if p is None:
        raise HTTPException(404)
    return p


def _methods(p: dict) -> list[str]:
    allowed = [m for m in ("counter", "post", "online") if m in p.get("result_return", [])]
    return allowed or ["counter"]


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, q: str = ""):
    return citizen_html.index(request.app.state.catalog.online(q), q)


@router.get("/nop/{code}", response_class=HTMLResponse)
async def form(request: Request, code: str):
    p = _procedure(request, code)
    return citizen_html.filing_form(p, _methods(p), {}, {}, MAX_FILE_MB)


def check(values: dict, methods: list[str]) -> dict[str, str]:
    errors = {}
    if not values["ho_ten"]:
        errors["ho_ten"] = "Vui lòng nhập họ và tên."
    elif len(values["ho_ten"]) > 100:
        errors["ho_ten"] = "Họ và tên dài quá 100 ký tự."
    if not CCCD_RE.match(values["cccd"]):
        errors["cccd"] = "Số căn cước công dân phải gồm đúng 12 chữ số."
    if not PHONE_RE.match(values["dien_thoai"]):
        errors["dien_thoai"] = "Số điện thoại phải gồm 10 hoặc 11 chữ số."
    if values["email"] and not EMAIL_RE.match(values["email"]):
        errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
    if not values["dia_chi"]:
        errors["dia_chi"] = "Vui lòng nhập địa chỉ."
    if values["hinh_thuc"] not in methods:
        errors["hinh_thuc"] = "Vui lòng chọn một hình thức nhận kết quả của thủ tục này."
    elif values["hinh_thuc"] == "post" and not values["dia_chi_nhan"]:
        errors["dia_chi_nhan"] = "Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."
    return errors


@router.post("/nop/{code}", response_class=HTMLResponse)
async def submit(request: Request, code: str):
    p = _procedure(request, code)
    methods = _methods(p)
    data = await request.form(max_files=MAX_FILES, max_fields=50)
    try:
        values = {k: str(data.get(k) or "").strip() for k in TEXT_FIELDS}
        values["cccd"] = re.sub(r"\s", "", values["cccd"])
        values["dien_thoai"] = re.sub(r"[\s.]", "", values["dien_thoai"])
        errors = check(values, methods)
        files = []
        for upload in data.getlist("tep"):
            if not isinstance(upload, UploadFile) or not upload.filename:
                continue
            content = await upload.read(MAX_FILE_MB * 1024 * 1024 + 1)
            name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "tep"
            if len(content) > MAX_FILE_MB * 1024 * 1024:
                errors["tep"] = f"Tệp «{name}» lớn hơn {MAX_FILE_MB} MB."
                continue
            if not content:
                errors["tep"] = f"Tệp «{name}» rỗng."
                continue
            mime = (upload.content_type if upload.content_type not in (None, "", "application/octet-stream")
                    else mimetypes.guess_type(name)[0]) or "application/octet-stream"
            files.append((name, mime, content))
    finally:
        await data.close()
    if errors:
        return HTMLResponse(citizen_html.filing_form(p, methods, values, errors, MAX_FILE_MB), status_code=422)
    record = {
        **base_record(p),
        "ChuHoSo": values["ho_ten"], "LoaiDoiTuong": 1, "MaDoiTuong": values["cccd"],
        "SoDinhDanh": values["cccd"], "Email": values["email"], "SoDienThoai": values["dien_thoai"],
        "ThongTinKhac": values["dia_chi"], "TrichYeuHoSo": values["trich_yeu"] or p["name"],
        "NgayTiepNhan": "", "NgayHenTra": "", "HinhThucTra": RESULT_CODES[values["hinh_thuc"]],
        "ThongTinTra": values["dia_chi_nhan"] if values["hinh_thuc"] == "post" else "",
        "TaiLieuNop": [{"TenTepDinhKem": d["name"], "SoBanChinh": d.get("originals", 0),
                        "SoBanSao": d.get("copies", 0)} for d in p.get("documents", [])],
        "DanhSachLePhi": [], "GhiChu": "",
    }
    state = request.app.state
    try:
        with state.store.transaction() as c:
            filed = state.store.file_online(c, state.unit, record, files)
    except NumbersExhausted:
        errors = {"tep": "Cổng đã hết số hồ sơ trong ngày: vui lòng nộp lại vào ngày mai."}
        return HTMLResponse(citizen_html.filing_form(p, methods, values, errors, MAX_FILE_MB), status_code=503)
    return HTMLResponse(citizen_html.filed(p, filed["MaHoSo"]))


def history(store, found: dict) -> list[tuple[str, str]]:
    steps = []
    if found.get("KenhThucHien") == 2 and found.get("NgayNopHoSo"):
        steps.append((found["NgayNopHoSo"], "Nộp hồ sơ trực tuyến"))
    for entry in store.applied(found["HoSoId"]):
        data = entry["Data"]
        if entry["DichVu"] == "DongBoHoSoMC":
            text = citizen_html.status_label(data.get("TrangThaiHoSo"))
            steps.append((entry["at"], text + (f": {data['GhiChu']}" if data.get("GhiChu") else "")))
        else:
            where = data.get("PhongBanXuLy") or ""
            text = data.get("NoiDungXuLy") or "Chuyển bước xử lý"
            steps.append((data.get("ThoiDiemXuLy") or entry["at"], text + (f" ({where})" if where else "")))
    return steps


@router.get("/tra-cuu", response_class=HTMLResponse)
async def lookup(request: Request, ma: str = ""):
    code = ma.strip().upper()
    store = request.app.state.store
    found = store.find(code) if code else None
    return citizen_html.lookup(code, found, history(store, found) if found else [])

