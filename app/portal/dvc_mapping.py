"""The wire format of the DVCQG-style provincial portal (docs/portal-api.md, DOMAIN.md §6): the
`DongBoHoSoMC` / `CapNhatTienDoHoSoMC` vocabulary, its code lists and its date format.

Nothing else in the app knows these field names: the sync engine hands over neutral records
(app.portal.contract.PushItem with a `record` dict, described below) and gets neutral records back.
Another province's API is another module with the same functions.

The neutral `record` of a PushItem (built by the sync engine from the database):
    code, provisional_code (the code it replaced, or None), procedure_code, procedure_name,
    sector_code, sector_name, unit_code, applicant_kind, applicant_name, applicant_id_number,
    applicant_phone, applicant_email, applicant_address, identity_check (app.domain.vocab.IdentityCheck
    value or None), summary, channel, result_method,
    result_address, submitted_at, received_at, due_at, refused_at, finished_at, returned_at,
    notes, documents [(name, originals, copies)], fees [(name, amount, kind)],
    and the event's own facts: at, officer_name, officer_title, division, note, due_to, and rating
    (a "rated" event's: {uuid, score, level, reasons, reason_labels, occasion, occasion_label,
    officer_name, counter_number, asked_at}; None otherwise), and paid_online (true when a payment
    "paid online on the portal" not voided stood on the dossier at the event's moment).
    Optional (the files, app/portal/files_sync.py): document_digitization, one per document line
    {"state" (app.services.dossiers.digitization STATES key or None), "reuse_source" ("local" |
    "portal" | None), "files": [file]}, and results [file]; a file is {"sha256", "name", "url" (its
    link on the portal), "media_type", "size"}; a signed copy or result stands in its file's place.
    signed_forms [file + "kind"]: the forms the office signed for an online applicant (kind
    "receipt", "supplement", "refusal", "apology", "stop"; app/services/signing/delivery.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.domain.codes import MAX_DAILY_SEQUENCE, is_unit_code
from app.domain.lifecycle import ACTION_LABELS, Action
from app.domain.text import printable
from app.domain.vocab import FeeKind, IdentityCheck, ResultMethod
from app.portal import dvc_files
from app.portal.contract import (
    Attachment,
    CitizenDocument,
    Lease,
    OnlineDossier,
    OnlinePage,
    PushItem,
    PushResult,
)
from app.portal.dvc_values import (
    MappingError,
    as_text,
    choice,
    flag,
    ident,
    int_or_none,
    listed,
    obj,
    opt,
    storable,
    whole,
)
from app.portal.signed_names import SIGNED_KIND

DATETIME_FORMAT = "%Y%m%d%H%M%S"
DAY_FORMAT = "%Y%m%d"

REGISTER_SERVICE = "DongBoHoSoMC"
PROGRESS_SERVICE = "CapNhatTienDoHoSoMC"
# The citizen's rating of a service (issue 23 §1), evaluated by dossier code like the portal's own
# evaluation page; the service's name and fields are (check): no published DVCQG rating sync found.
RATING_SERVICE = "DanhGiaHaiLongMC"
RATED_KIND = "rated"  # the history event that carries a rating (app/services/ratings/answering.py)

# Changes that keep the status but alter the record itself: sent as a full record update.
# A digitized line or a result file changes the record's TaiLieuNop / DanhSachGiayToKetQua.
# A payment or a voided one changes DuocThanhToanTrucTuyen (docs/fees.md).
FULL_RECORD_KINDS = frozenset({"code_assigned", "correct", "digitize", "attach_result", SIGNED_KIND, "payment",
                               "payment_voided"})
# Whether the fee was paid online on the portal, which the national index counts (issue 25 §2);
# the field's name is (check): one constant, so a correction is one line.
PAID_ONLINE = "DuocThanhToanTrucTuyen"
# A document the office signed (app/services/signing/delivery.py): the record update that carries
# the signed file (a signed form in the other-files list, a signed copy or result in place of its
# unsigned file); its key is the signed document's uuid, not a history event's.

# HinhThucTra ⇄ app.domain.vocab.ResultMethod
_RESULT_METHOD_CODES = {ResultMethod.COUNTER.value: 0, ResultMethod.POST.value: 1, ResultMethod.ONLINE.value: 2}
_RESULT_METHODS = {v: k for k, v in _RESULT_METHOD_CODES.items()}
# LoaiPhiLePhi: 1 lệ phí (fee), 2 phí (charge); other payments travel as charges.
_FEE_KIND_CODES = {FeeKind.FEE.value: 1, FeeKind.CHARGE.value: 2, FeeKind.OTHER.value: 2}
_FEE_KINDS = {1: FeeKind.FEE.value, 2: FeeKind.CHARGE.value}
_CHANNELS = (1, 2, 3)  # KenhThucHien: in person, online, by post (app.domain.vocab.Channel values)

_EXTRA_LABELS = {"code_assigned": "Cấp mã hồ sơ chính thức thay mã tạm", "digitize": "Số hóa thành phần hồ sơ",
                 "payment": "Nộp phí, lệ phí", "payment_voided": "Hủy khoản nộp phí, lệ phí",
                 "attach_result": "Đính kèm tệp kết quả", RATED_KIND: "Công dân đánh giá",
                 SIGNED_KIND: "Gửi văn bản đã ký số"}

# Where each exchange lives, under the portal's base address.
API = "/api/v1"
PING, PUSH, ONLINE, LEASES, PROCEDURES = "/ping", "/sync", "/online-dossiers", "/number-leases", "/procedures"
# Where a file goes and where the citizen's store is (docs/portal-api.md, "Files").
SCANNED_STATE, REUSED_STATE = "scanned", "reused"  # app.services.dossiers.digitization's words
LOCAL_REUSE, PORTAL_REUSE = "local", "portal"


def file_path(sha256: str) -> str:
    return f"/files/{sha256}"


def citizen_documents_path(number: str) -> str:
    from urllib.parse import quote

    return f"/citizens/{quote(number, safe='')}/documents"


def lookup_path(code: str) -> str:
    from urllib.parse import quote

    return f"/dossiers/{quote(code, safe='')}"


# --- dates ----------------------------------------------------------------------------------------
def format_datetime(dt: datetime | None) -> str:
    """Naive Vietnam local time → "yyyyMMddHHmmss"; None → ""."""
    return "" if dt is None else dt.strftime(DATETIME_FORMAT)


def parse_datetime(text: str | None) -> datetime | None:
    """"yyyyMMddHHmmss" (or a day "yyyyMMdd") → naive Vietnam local time; "" or None → None."""
    if not text:
        return None
    text = str(text).strip()
    if not (text.isascii() and text.isdigit() and len(text) in (8, 14)):  # strptime takes any digits
        raise MappingError(f"bad date {text[:40]!r}")
    try:
        if len(text) == 8:
            moment = datetime.strptime(text, DAY_FORMAT)
        else:
            moment = datetime.strptime(text, DATETIME_FORMAT)
    except ValueError as exc:
        raise MappingError(f"bad date {text!r}") from exc
    if not 1900 <= moment.year <= 2100:  # the calendar counts days from it: keep far from date's limits
        raise MappingError(f"date out of range {text!r}")
    return moment


def format_day(day: date | None) -> str:
    return "" if day is None else day.strftime(DAY_FORMAT)


def parse_day(text: str | None) -> date | None:
    dt = parse_datetime(text)
    return None if dt is None else dt.date()


# --- code lists -----------------------------------------------------------------------------------
def channel_code(channel: int) -> int:
    return int(channel) if int(channel) in _CHANNELS else 1


def channel_from(code: Any) -> int:
    try:
        value = int(code)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999
        return 2
    return value if value in _CHANNELS else 2


def result_method_code(method: str | None) -> int:
    return _RESULT_METHOD_CODES.get(method or ResultMethod.COUNTER.value, 0)


def result_method_from(code: Any) -> str:
    try:
        return _RESULT_METHODS.get(int(code), ResultMethod.COUNTER.value)
    except (TypeError, ValueError, OverflowError):
        return ResultMethod.COUNTER.value


def fee_kind_code(kind: str | None) -> int:
    return _FEE_KIND_CODES.get(kind or FeeKind.FEE.value, 1)


def fee_kind_from(code: Any) -> str:
    try:
        return _FEE_KINDS.get(int(code), FeeKind.FEE.value)
    except (TypeError, ValueError, OverflowError):
        return FeeKind.FEE.value


def action_label(kind: str) -> str:
    try:
        return ACTION_LABELS[Action(kind)]
    except ValueError:
        return _EXTRA_LABELS.get(kind, kind)


# --- push -----------------------------------------------------------------------------------------
def service_for(item: PushItem) -> tuple[str, bool | None]:
    """(DichVu, isUpdating): a registration, a status change or a record change → the full record;
    a progress step that keeps the status → CapNhatTienDoHoSoMC (no isUpdating); the citizen's
    rating → DanhGiaHaiLongMC (no isUpdating)."""
    if item.kind == RATED_KIND:
        return RATING_SERVICE, None
    if item.status_from is None:
        return REGISTER_SERVICE, False
    if item.status_from != item.status_to or item.kind in FULL_RECORD_KINDS:
        return REGISTER_SERVICE, True
    return PROGRESS_SERVICE, None


def _dt(r: dict, key: str) -> datetime | None:
    value = r.get(key)
    return value if isinstance(value, datetime) else None


def _happened(r: dict, key: str) -> datetime | None:
    """A moment of the dossier's life, only if it had happened by the event being sent (an early
    event sent late must not announce a later result)."""
    when, at = _dt(r, key), _dt(r, "at")
    return when if when is not None and (at is None or when <= at) else None


_REASON_STATUSES = frozenset({3, 5, 7, 8})


def personal_id(r: dict) -> str:
    """SoDinhDanh: a citizen's 12-digit personal ID; "" for a business or anything else (a number
    taken from elsewhere as it was given)."""
    number = as_text(r.get("applicant_id_number"))
    citizen = int(r.get("applicant_kind") or 1) == 1
    return number if citizen and len(number) == 12 and number.isascii() and number.isdigit() else ""


def full_record(item: PushItem) -> dict:
    """The DongBoHoSoMC record for one change: the dossier as it stood after that change."""
    r = item.record
    status = item.status_to
    refused = _happened(r, "refused_at") if status == 3 else None
    data = {
        "MaHoSo": r["code"],
        "MaTTHC": as_text(r.get("procedure_code")),
        "TenTTHC": as_text(r.get("procedure_name")),
        "MaLinhVuc": as_text(r.get("sector_code")),
        "TenLinhVuc": as_text(r.get("sector_name")),
        "SoBienNhan": r["code"],
        "ChuHoSo": as_text(r.get("applicant_name")),
        "LoaiDoiTuong": int(r.get("applicant_kind") or 1),
        "MaDoiTuong": as_text(r.get("applicant_id_number")),
        "SoDinhDanh": personal_id(r),
        # The DVCQG counts dossiers whose filer showed a VNeID level-2 account (DOMAIN.md §6, §8).
        "TaiKhoanDuocXacThucVoiVNeID": r.get("identity_check") == IdentityCheck.VNEID.value,
        "Email": as_text(r.get("applicant_email")),
        "SoDienThoai": as_text(r.get("applicant_phone")),
        "ThongTinKhac": as_text(r.get("applicant_address")),
        "TrichYeuHoSo": as_text(r.get("summary")),
        "NgayNopHoSo": format_datetime(_dt(r, "submitted_at") or _dt(r, "received_at")),
        "NgayTiepNhan": format_datetime(_dt(r, "received_at")),
        "NgayHenTra": format_datetime(_dt(r, "due_at")),
        "TrangThaiHoSo": int(status),
        "KenhThucHien": channel_code(r.get("channel") or 1),
        "HinhThucTra": result_method_code(r.get("result_method")),
        "NgayTuChoi": format_datetime(refused),
        "NgayKetThucXuLy": format_datetime(_happened(r, "finished_at")),
        "NgayTra": format_datetime(_happened(r, "returned_at")),
        "ThongTinTra": as_text(r.get("result_address")),
        "DonViXuLy": as_text(r.get("unit_code")),
        # Refused, supplement asked, withdrawn, stopped: the reason is what the citizen must read.
        "GhiChu": as_text(r.get("note") if status in _REASON_STATUSES and r.get("note") else r.get("notes")),
        "TaiLieuNop": [{"TenTepDinhKem": name, "SoBanChinh": int(originals), "SoBanSao": int(copies)}
                       for name, originals, copies in r.get("documents") or []],
        "DanhSachLePhi": [{"TenPhiLePhi": name, "MucPhi": int(amount), "LoaiPhiLePhi": fee_kind_code(kind)}
                          for name, amount, kind in r.get("fees") or []],
        PAID_ONLINE: bool(r.get("paid_online")),
    }
    if r.get("provisional_code"):
        data["MaHoSoTam"] = r["provisional_code"]
    if "document_digitization" in r:
        _add_files(data, r)
    return data


def _file(f: dict, names: dict[str, str]) -> dict:
    return {names["id"]: f["sha256"], names["name"]: as_text(f.get("name")), names["link"]: as_text(f.get("url")),
            names["media_type"]: as_text(f.get("media_type")), names["size"]: int(f.get("size") or 0),
            names["sha256"]: f["sha256"]}


def _add_files(data: dict, r: dict) -> None:
    """The files' links and the digitization flags the national score counts (DOMAIN.md §6, §12):
    per document line DuocSoHoa (scanned here), DuocTaiSuDung (reused from this office's files),
    DuocLayTuKhoDMQG (reused from the portal's citizen store); HoSoCoThanhPhanSoHoa when any line
    has its files; the result files in DanhSachGiayToKetQua. Wire names of the links: dvc_files."""
    f = dvc_files.fields()
    any_digitized = False
    for line, digit in zip(data["TaiLieuNop"], r.get("document_digitization") or [], strict=False):
        state, source = (digit or {}).get("state"), (digit or {}).get("reuse_source")
        files = [x for x in (digit or {}).get("files") or [] if x.get("url")]
        reused = state == REUSED_STATE
        any_digitized = any_digitized or (bool(files) and state in (SCANNED_STATE, REUSED_STATE))
        line[dvc_files.SCANNED] = f.yes if state == SCANNED_STATE and files else f.no
        line[dvc_files.REUSED_LOCAL] = f.yes if reused and source != PORTAL_REUSE and files else f.no
        line[dvc_files.REUSED_PORTAL] = f.yes if reused and source == PORTAL_REUSE and files else f.no
        line[f.line_first_id] = files[0]["sha256"] if files else ""
        line[f.line_first_link] = as_text(files[0]["url"]) if files else ""
        line[f.line_files] = [_file(x, f.file) for x in files]
    data[dvc_files.ANY_DIGITIZED] = f.yes if any_digitized else f.no
    data[dvc_files.RESULTS] = [_file(x, f.result) for x in r.get("results") or [] if x.get("url")]
    signed = [x for x in r.get("signed_forms") or [] if x.get("url") and x.get("kind") in f.other_kinds]
    if signed:  # the e-receipt and Forms 02-05 the office signed (names: dvc_files.json "other", check)
        data[f.other_list] = [{**_file(x, f.other), f.other["kind"]: f.other_kinds[x["kind"]]} for x in signed]


def progress_record(item: PushItem) -> dict:
    """The CapNhatTienDoHoSoMC record: who did which step, when, in which division."""
    r = item.record
    label = action_label(item.kind)
    note = (r.get("note") or "").strip()
    return {
        "MaHoSo": r["code"],
        "NguoiXuLy": as_text(r.get("officer_name")),
        "ChucDanh": as_text(r.get("officer_title")),
        "ThoiDiemXuLy": format_datetime(_dt(r, "at")),
        "PhongBanXuLy": as_text(r.get("division")),
        "NoiDungXuLy": f"{label}: {note}" if note else label,
        "TrangThai": int(item.status_to),
        "NgayBatDau": format_datetime(_dt(r, "received_at")),
        "NgayKetThucTheoQuyDinh": format_datetime(_dt(r, "due_to") or _dt(r, "due_at")),
    }


def rating_record(item: PushItem) -> dict:
    """The DanhGiaHaiLongMC record: the citizen's score (1-5, 5 best), its level's words, the
    criteria named at a low score, when, on which occasion, and who served (not who rated: the
    citizen stays anonymous)."""
    r = item.record
    rating = r.get("rating") or {}
    return {
        "MaHoSo": r["code"],
        "MaDanhGia": as_text(rating.get("uuid")),
        "DiemDanhGia": int(rating.get("score") or 0),
        "MucDoHaiLong": as_text(rating.get("level")),
        "LyDo": [{"MaTieuChi": key, "TenTieuChi": as_text(label)}
                 for key, label in zip(rating.get("reasons") or [], rating.get("reason_labels") or [], strict=False)],
        "ThoiDiemDanhGia": format_datetime(_dt(r, "at")),
        "NoiDanhGia": as_text(rating.get("occasion_label")),
        "CanBoPhucVu": as_text(rating.get("officer_name")),
        "TrangThai": int(item.status_to),
    }


def push_item(item: PushItem) -> dict:
    service, updating = service_for(item)
    out: dict[str, Any] = {"Key": item.key, "HoSoId": item.dossier_uuid, "PhienBan": int(item.seq),
                           "DichVu": service}
    if service == REGISTER_SERVICE:
        out["isUpdating"] = bool(updating)
        out["Data"] = full_record(item)
    elif service == RATING_SERVICE:
        out["Data"] = rating_record(item)
    else:
        out["Data"] = progress_record(item)
    return out


def push_body(items: list[PushItem]) -> dict:
    return {"items": [push_item(i) for i in items]}


# What the portal's field names mean to an officer: a refusal names the wire field.
FIELD_LABELS = {
    "SoDienThoai": "Số điện thoại", "Email": "Email", "ChuHoSo": "Họ tên người nộp",
    "MaDoiTuong": "Số CCCD / mã số thuế", "SoDinhDanh": "Số định danh", "ThongTinKhac": "Địa chỉ",
    "MaTTHC": "Mã thủ tục", "MaHoSo": "Mã hồ sơ", "NgayHenTra": "Ngày hẹn trả", "TrichYeuHoSo": "Trích yếu",
}


def _fields(raw: Any) -> list[dict]:
    """The refused fields, each with the officer's word for it (`label`) beside the wire name."""
    out = []
    for f in raw if isinstance(raw, list) else []:
        if isinstance(f, dict):
            name = storable(f.get("field"), "field")[:100]
            out.append({"field": name, "label": FIELD_LABELS.get(name, name),
                        "message": storable(f.get("message"), "message")[:1000]})
    return out


def parse_push_results(data: Any) -> list[PushResult]:
    results = obj(data, "push answer").get("results")
    if not isinstance(results, list):
        raise MappingError("push answer: no results")
    out = []
    for r in results:
        r = obj(r, "push result")
        result = r.get("result")
        if not isinstance(r.get("Key"), str) or result not in ("applied", "duplicate", "rejected"):
            raise MappingError("push result: bad Key or result")
        status = r.get("status")
        message = r.get("message")
        if message is not None and not isinstance(message, str):
            raise MappingError("push result: message is not a string")
        out.append(PushResult(key=r["Key"], result=result,
                              status=None if status is None else whole(status, "push result status", 599, 100),
                              message=None if message is None else storable(message, "message")[:2000],
                              fields=_fields(r.get("fields"))))
    return out


# --- online dossiers ------------------------------------------------------------------------------


def parse_online_dossier(raw: Any) -> OnlineDossier:
    r = obj(raw, "online dossier")
    if not r.get("HoSoId") or not r.get("MaHoSo"):
        raise MappingError("online dossier: no HoSoId or MaHoSo")
    documents = []
    for d in listed(r.get("TaiLieuNop"), "TaiLieuNop"):
        d = obj(d, "TaiLieuNop")
        documents.append((storable(d.get("TenTepDinhKem"), "document"),
                          whole(d.get("SoBanChinh") or 0, "SoBanChinh", 1000),
                          whole(d.get("SoBanSao") or 0, "SoBanSao", 1000)))
    attachments = []
    for a in listed(r.get("TepDinhKem"), "TepDinhKem"):
        a = obj(a, "TepDinhKem")
        if not a.get("Id") or not a.get("DuongDan"):
            raise MappingError("TepDinhKem: no Id or DuongDan")
        file_id = ident(a["Id"], "attachment_id")
        attachments.append(Attachment(portal_id=file_id, name=storable(a.get("TenTep"), "attachment_name") or file_id,
                                      mime=storable(a.get("LoaiTep"), "mime") or "application/octet-stream",
                                      size=whole(a.get("KichThuoc") or 0, "KichThuoc"),
                                      sha256=storable(a.get("SHA256"), "sha256").lower(),
                                      url=ident(a["DuongDan"], "url")))
    submitted = _when(r, "NgayNopHoSo") or _when(r, "NgayTiepNhan")
    if submitted is None:
        raise MappingError("online dossier: no NgayNopHoSo")
    return OnlineDossier(
        portal_id=ident(r["HoSoId"], "portal_id"), code=ident(r["MaHoSo"], "code"),
        procedure_code=storable(r.get("MaTTHC"), "procedure_code"),
        applicant_kind=choice(r.get("LoaiDoiTuong"), range(1, 3)) or 1,
        applicant_name=storable(as_text(r.get("ChuHoSo")).strip(), "applicant_name"),
        applicant_id_number=opt(r.get("MaDoiTuong"), "applicant_id_number")
        or opt(r.get("SoDinhDanh"), "applicant_id_number"),
        applicant_phone=opt(r.get("SoDienThoai"), "applicant_phone"),
        applicant_email=opt(r.get("Email"), "applicant_email"),
        applicant_address=opt(r.get("ThongTinKhac"), "applicant_address"), summary=opt(r.get("TrichYeuHoSo")),
        submitted_at=submitted, online_level=choice(r.get("MucDoDVC"), range(1, 5)),
        whole_process=flag(r.get("ToanTrinh")),
        result_method=result_method_from(r.get("HinhThucTra")),
        result_address=opt(r.get("ThongTinTra"), "result_address"),
        documents=documents, attachments=attachments,
    )


def _when(r: dict, key: str) -> datetime | None:
    """A date field of an item, its refusal naming the field."""
    try:
        return parse_datetime(r.get(key))
    except MappingError as exc:
        raise MappingError(f"{key}: {exc}") from None


def parse_online_page(data: Any) -> OnlinePage:
    page = obj(data, "online page")
    items = page.get("items")
    if not isinstance(items, list):
        raise MappingError("online page: no items")
    cursor = page.get("next_cursor")
    dossiers: list[OnlineDossier] = []
    set_aside: list[dict] = []
    owners: dict[str, str] = {}
    for raw in items:
        try:
            d = parse_online_dossier(raw)
        except MappingError as exc:
            set_aside.append({"code": _code_of(raw), "reason": "malformed", "detail": str(exc)[:300]})
            continue
        if owners.setdefault(d.code, d.portal_id) != d.portal_id:  # the database keeps codes unique
            set_aside.append({"code": d.code, "reason": "code_twice", "detail": "MaHoSo on two dossiers"})
            continue
        dossiers.append(d)
    return OnlinePage(items=dossiers,
                      next_cursor=None if cursor in (None, "") else ident(cursor, "next_cursor"),
                      more=bool(page.get("more")), set_aside=tuple(set_aside))


def _code_of(raw: Any) -> str:
    """What an unreadable item can still be known by: its MaHoSo, printable and short, or "?"."""
    code = raw.get("MaHoSo") if isinstance(raw, dict) else None
    return printable(code, 40) if isinstance(code, str) and code else "?"


# --- number leases --------------------------------------------------------------------------------
def lease_body(key: str, unit_code: str, day: date, count: int) -> dict:
    return {"Key": key, "MaDonVi": unit_code, "Ngay": format_day(day), "SoLuong": int(count)}


def parse_lease(data: Any) -> Lease:
    r = obj(data, "lease")
    day = parse_day(r.get("Ngay"))
    # A day's numbers run from 1 to MAX_DAILY_SEQUENCE, the most every code shape carries.
    first = whole(r.get("TuSo"), "lease TuSo", MAX_DAILY_SEQUENCE, 1)
    last = whole(r.get("DenSo"), "lease DenSo", MAX_DAILY_SEQUENCE, 1)
    if day is None or not isinstance(r.get("Key"), str) or not r.get("MaDonVi") or last < first:
        raise MappingError("lease: incomplete")
    unit = r["MaDonVi"]
    if not isinstance(unit, str) or not is_unit_code(unit):
        raise MappingError("lease: MaDonVi is not a unit code")
    return Lease(key=ident(r["Key"], "lease_key"), unit_code=unit, day=day, first=first, last=last)


# --- files ---------------------------------------------------------------------------------------
def parse_file_link(data: Any) -> str:
    """The link of a file the portal holds whole (the answer to its last upload request)."""
    return ident(obj(data, "file").get("DuongDan"), "url")


def parse_citizen_documents(data: Any) -> list[CitizenDocument]:
    items = obj(data, "citizen documents").get("items")
    if not isinstance(items, list):
        raise MappingError("citizen documents: no items")
    out = []
    for raw in items:
        d = obj(raw, "citizen document")
        sha256 = storable(d.get("SHA256"), "sha256").lower()
        if len(sha256) != 64:
            raise MappingError("citizen document: bad SHA256")
        out.append(CitizenDocument(
            name=storable(as_text(d.get("TenGiayTo")).strip(), "attachment_name"), sha256=sha256,
            size=whole(d.get("KichThuoc") or 0, "KichThuoc"),
            media_type=storable(d.get("LoaiTep"), "mime") or "application/octet-stream",
            url=ident(d.get("DuongDan"), "url"), dossier_code=storable(as_text(d.get("MaHoSo")), "code"),
            received_at=_when(d, "NgayTiepNhan")))
    return out


# --- small answers --------------------------------------------------------------------------------
def error_message(data: Any) -> tuple[str | None, list[dict]]:
    """(message, fields) of an error body `{"error", "message", "fields"}`; (None, []) if not one."""
    if not isinstance(data, dict):
        return None, []
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        return None, _fields(data.get("fields"))
    # Shown in the status bar and kept with the change: one line, a sensible length, storable.
    line = " ".join(storable(message, "message").split())
    return (line[:500] + ("…" if len(line) > 500 else "")), _fields(data.get("fields"))


def parse_lookup(data: Any) -> dict:
    """TraCuuHoSo: {"code", "status", "seq", "record"} (record: the portal's copy as sent)."""
    r = obj(data, "lookup")
    return {"code": as_text(r.get("MaHoSo")), "status": int_or_none(r.get("TrangThaiHoSo")),
            "seq": int_or_none(r.get("PhienBan")), "record": r}


def procedures_query(since: datetime | None) -> dict:
    return {"since": format_datetime(since)} if since else {}


def parse_procedures(data: Any) -> tuple[list[dict], datetime | None]:
    """The LayThuTuc items as the portal sends them (the catalog importer maps them) and `as_of`."""
    r = obj(data, "procedures")
    items = r.get("items")
    if not isinstance(items, list):
        raise MappingError("procedures: no items")
    return items, parse_datetime(r.get("as_of"))


# DonViThoiHan: the catalog's own values, or the words portals print.
_TIME_UNITS = {"working_days": "working_days", "ngày làm việc": "working_days", "ngay": "working_days",
               "working_hours": "working_hours", "giờ làm việc": "working_hours", "gio": "working_hours",
               "within_day": "within_day", "trong ngày": "within_day"}


def procedure_update(item: dict) -> dict:
    """A LayThuTuc item as the neutral catalog shape (app.domain.catalog_schema.ProcedureIn's
    fields the portal knows; the office keeps its own agency level, cutoff, result methods and legal
    basis). Raises MappingError for an item of the wrong shape."""
    if not isinstance(item, dict) or not item.get("MaTTHC"):
        raise MappingError("procedure: no MaTTHC")
    unit = _TIME_UNITS.get(str(item.get("DonViThoiHan", "")).strip().lower())
    if unit is None:
        raise MappingError(f"procedure {str(item['MaTTHC'])[:64]}: unknown DonViThoiHan "
                           f"{str(item.get('DonViThoiHan'))[:40]!r}")
    fees = [obj(f, "LePhi") for f in listed(item.get("LePhi"), "LePhi")]
    papers = [obj(d, "ThanhPhanHoSo") for d in listed(item.get("ThanhPhanHoSo"), "ThanhPhanHoSo")]
    # "false" and "4" as the portal may write them: read by the same readers as an online dossier's.
    whole_process = flag(item.get("ToanTrinh"))
    if whole_process is None and item.get("ToanTrinh") not in (None, ""):
        raise MappingError(f"procedure {str(item['MaTTHC'])[:64]}: ToanTrinh is not true or false")
    level = choice(item.get("MucDoDVC"), range(1, 5))
    return {
        "code": str(item["MaTTHC"]).strip(), "name": as_text(item.get("TenTTHC")).strip(),
        "sector_code": as_text(item.get("MaLinhVuc")).strip(), "sector_name": as_text(item.get("TenLinhVuc")).strip(),
        "online_level": level if level is not None else item.get("MucDoDVC"),  # a wrong one: the schema names it
        "process_class": None if whole_process is None else ("toan_trinh" if whole_process else "mot_phan"),
        "processing_time": {"value": item.get("ThoiHanGiaiQuyet"), "unit": unit},
        "fees": [{"name": as_text(f.get("TenPhiLePhi")), "amount": f.get("MucPhi"),
                  "kind": fee_kind_from(f.get("LoaiPhiLePhi")), "note": f.get("GhiChu") or None}
                 for f in fees],
        "documents": [{"name": as_text(d.get("TenGiayTo")), "originals": d.get("SoBanChinh", 0),
                       "copies": d.get("SoBanSao", 0), "mandatory": bool(d.get("BatBuoc", True)),
                       "note": d.get("GhiChu") or None}
                      for d in papers],
    }
