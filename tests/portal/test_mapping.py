"""The DVCQG wire format (app/portal/dvc_mapping.py): which service each change travels as, the
records' fields, the code lists, the dates, and reading the portal's answers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.portal import dvc_mapping as m
from app.portal.contract import PushItem

RECEIVED = datetime(2026, 11, 24, 8, 5, 9)
DUE = datetime(2026, 11, 27, 17, 0)


def record(**kw) -> dict:
    base = {
        "code": "000.00.01.H62-261124-0007", "provisional_code": None, "procedure_code": "1.001612",
        "procedure_name": "Cấp giấy phép", "sector_code": "G03-GD06", "sector_name": "Văn hóa",
        "unit_code": "000.00.01.H62", "applicant_kind": 1, "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "079090012345", "applicant_phone": "0912345678", "applicant_email": None,
        "applicant_address": "12 Lê Lợi", "summary": "Xin cấp phép", "channel": 1, "result_method": "post",
        "result_address": "12 Lê Lợi", "submitted_at": None, "received_at": RECEIVED, "due_at": DUE,
        "refused_at": None, "finished_at": None, "returned_at": None, "notes": None,
        "documents": [("Đơn đề nghị", 1, 0)], "fees": [("Lệ phí cấp phép", 50000, "le_phi"), ("Phí thẩm định", 20000, "phi")],
        "at": RECEIVED, "officer_name": "Nguyễn Thị Mai", "officer_title": "Cán bộ một cửa",
        "division": None, "note": None, "due_to": None,
    }
    base.update(kw)
    return base


def item(kind: str, status_from, status_to, seq=1, **kw) -> PushItem:
    return PushItem(key=f"k-{kind}-{seq}", dossier_uuid="u-1", seq=seq, kind=kind, status_from=status_from,
                    status_to=status_to, record=record(**kw))


def test_registration_is_a_new_full_record():
    wire = m.push_item(item("receive", None, 2))
    assert wire["DichVu"] == "DongBoHoSoMC" and wire["isUpdating"] is False
    assert (wire["Key"], wire["HoSoId"], wire["PhienBan"]) == ("k-receive-1", "u-1", 1)
    d = wire["Data"]
    assert d["MaHoSo"] == d["SoBienNhan"] == "000.00.01.H62-261124-0007"
    assert d["TrangThaiHoSo"] == 2 and d["KenhThucHien"] == 1 and d["HinhThucTra"] == 1
    assert d["NgayTiepNhan"] == "20261124080509" and d["NgayHenTra"] == "20261127170000"
    assert d["NgayNopHoSo"] == "20261124080509"  # at the counter: filed when received
    assert d["NgayTuChoi"] == d["NgayTra"] == d["NgayKetThucXuLy"] == "" and d["Email"] == ""
    assert d["TaiLieuNop"] == [{"TenTepDinhKem": "Đơn đề nghị", "SoBanChinh": 1, "SoBanSao": 0}]
    assert [f["LoaiPhiLePhi"] for f in d["DanhSachLePhi"]] == [1, 2]
    assert "MaHoSoTam" not in d


def test_a_status_change_is_a_full_record_update():
    wire = m.push_item(item("result_ready", 4, 9, seq=5, at=datetime(2026, 11, 26, 9, 0),
                            finished_at=datetime(2026, 11, 26, 9, 0)))
    assert wire["DichVu"] == "DongBoHoSoMC" and wire["isUpdating"] is True
    assert wire["Data"]["TrangThaiHoSo"] == 9 and wire["Data"]["NgayKetThucXuLy"] == "20261126090000"


def test_a_late_sent_early_change_does_not_announce_a_later_result():
    # The receipt goes out after the dossier was already returned: its record says "received".
    wire = m.push_item(item("receive", None, 2, finished_at=datetime(2026, 11, 26, 9, 0),
                            returned_at=datetime(2026, 11, 27, 8, 0)))
    assert wire["Data"]["NgayKetThucXuLy"] == "" and wire["Data"]["NgayTra"] == ""


def test_a_refusal_carries_its_date():
    at = datetime(2026, 11, 24, 9, 30)
    wire = m.push_item(item("refuse", 1, 3, at=at, refused_at=at, note="Thiếu bản sao CCCD", notes="ghi chú"))
    assert wire["Data"]["NgayTuChoi"] == "20261124093000"
    assert wire["Data"]["GhiChu"] == "Thiếu bản sao CCCD"  # the reason reaches the citizen
    assert m.push_item(item("result_ready", 4, 9, note="x", notes="ghi chú"))["Data"]["GhiChu"] == "ghi chú"


@pytest.mark.parametrize("kind", ["hand_over", "take_back", "extend"])
def test_a_step_that_keeps_the_status_is_a_progress_update(kind):
    at = datetime(2026, 11, 25, 14, 3)
    wire = m.push_item(item(kind, 4, 4, seq=3, at=at, division="Phòng Tư pháp", note="cần xác minh",
                            due_to=datetime(2026, 12, 2, 17, 0) if kind == "extend" else None))
    assert wire["DichVu"] == "CapNhatTienDoHoSoMC" and "isUpdating" not in wire
    d = wire["Data"]
    assert d["MaHoSo"] == "000.00.01.H62-261124-0007"
    assert d["NguoiXuLy"] == "Nguyễn Thị Mai" and d["ChucDanh"] == "Cán bộ một cửa"
    assert d["ThoiDiemXuLy"] == "20261125140300" and d["PhongBanXuLy"] == "Phòng Tư pháp"
    assert d["NoiDungXuLy"].startswith(m.action_label(kind)) and d["NoiDungXuLy"].endswith("cần xác minh")
    assert d["TrangThai"] == 4 and d["NgayBatDau"] == "20261124080509"
    assert d["NgayKetThucTheoQuyDinh"] == ("20261202170000" if kind == "extend" else "20261127170000")


def test_the_first_hand_over_changes_the_status_so_it_is_a_full_record():
    assert m.service_for(item("hand_over", 2, 4)) == ("DongBoHoSoMC", True)


def test_a_replaced_provisional_code_travels_with_the_official_one():
    prov = "000.00.01.H62-261124-TAM0001"
    wire = m.push_item(item("receive", None, 2, provisional_code=prov))
    assert wire["Data"]["MaHoSoTam"] == prov and wire["Data"]["MaHoSo"] == "000.00.01.H62-261124-0007"
    # The replacement itself keeps the status but changes the record: a full update.
    assert m.service_for(item("code_assigned", 2, 2)) == ("DongBoHoSoMC", True)
    assert m.service_for(item("correct", 4, 4)) == ("DongBoHoSoMC", True)  # contact details corrected


def test_dates_both_ways():
    assert m.format_datetime(datetime(2026, 1, 2, 3, 4, 5)) == "20260102030405"
    assert m.format_datetime(None) == ""
    assert m.parse_datetime("20260102030405") == datetime(2026, 1, 2, 3, 4, 5)
    assert m.parse_datetime("20260102") == datetime(2026, 1, 2)
    assert m.parse_datetime("") is None and m.parse_datetime(None) is None
    assert m.format_day(date(2026, 11, 24)) == "20261124" and m.parse_day("20261124") == date(2026, 11, 24)
    with pytest.raises(m.MappingError):
        m.parse_datetime("24/11/2026")


def test_code_lists():
    assert [m.result_method_code(x) for x in ("counter", "post", "online")] == [0, 1, 2]
    assert [m.result_method_from(x) for x in (0, 1, 2, "2", None)] == ["counter", "post", "online", "online", "counter"]
    assert [m.channel_code(x) for x in (1, 2, 3)] == [1, 2, 3]
    assert m.channel_from("3") == 3 and m.channel_from(None) == 2
    assert (m.fee_kind_code("le_phi"), m.fee_kind_code("phi"), m.fee_kind_code("khac")) == (1, 2, 2)
    assert (m.fee_kind_from(1), m.fee_kind_from(2)) == ("le_phi", "phi")


def test_push_results():
    results = m.parse_push_results({"results": [
        {"Key": "a", "result": "applied"}, {"Key": "b", "result": "duplicate"},
        {"Key": "c", "result": "rejected", "status": 422, "message": "Dữ liệu không hợp lệ",
         "fields": [{"field": "SoDienThoai", "message": "Số điện thoại phải gồm 10 đến 11 chữ số."}]}]})
    assert [r.ok for r in results] == [True, True, False]
    assert results[2].status == 422 and results[2].fields == [
        {"field": "SoDienThoai", "label": "Số điện thoại", "message": "Số điện thoại phải gồm 10 đến 11 chữ số."}]
    for bad in ({}, {"results": [{"Key": "a", "result": "maybe"}]}, [1], {"results": "x"}):
        with pytest.raises(m.MappingError):
            m.parse_push_results(bad)


def test_online_page():
    page = m.parse_online_page({"items": [{
        "HoSoId": "p-1", "MaHoSo": "000.00.01.H62-261124-0100", "MaTTHC": "1.001612", "ChuHoSo": " Trần Thị Hoa ",
        "LoaiDoiTuong": 1, "MaDoiTuong": "", "SoDinhDanh": "079190000001", "SoDienThoai": "0987654321",
        "Email": "", "ThongTinKhac": "Số 3 Hùng Vương", "TrichYeuHoSo": "Xin cấp", "NgayNopHoSo": "20261124071500",
        "MucDoDVC": 4, "ToanTrinh": True, "HinhThucTra": 1, "ThongTinTra": "Số 3 Hùng Vương",
        "TaiLieuNop": [{"TenTepDinhKem": "Tờ khai", "SoBanChinh": 1, "SoBanSao": 0}],
        "TepDinhKem": [{"Id": "f-1", "TenTep": "to-khai.pdf", "KichThuoc": 10, "LoaiTep": "application/pdf",
                        "SHA256": "AB" * 32, "DuongDan": "/api/v1/attachments/f-1"}]}],
        "next_cursor": "c2", "more": True})
    assert page.next_cursor == "c2" and page.more is True
    d = page.items[0]
    assert (d.portal_id, d.code, d.procedure_code, d.applicant_name) == \
        ("p-1", "000.00.01.H62-261124-0100", "1.001612", "Trần Thị Hoa")
    assert d.applicant_id_number == "079190000001" and d.applicant_email is None
    assert d.submitted_at == datetime(2026, 11, 24, 7, 15) and d.online_level == 4 and d.whole_process is True
    assert d.result_method == "post" and d.result_address == "Số 3 Hùng Vương"
    assert d.documents == [("Tờ khai", 1, 0)]
    a = d.attachments[0]
    assert (a.portal_id, a.name, a.size, a.sha256, a.url) == ("f-1", "to-khai.pdf", 10, "ab" * 32,
                                                              "/api/v1/attachments/f-1")
    empty = m.parse_online_page({"items": [], "next_cursor": "", "more": False})
    assert empty.items == [] and empty.next_cursor is None
    with pytest.raises(m.MappingError):  # not a page at all
        m.parse_online_page({"items": {"MaHoSo": "x"}})


def test_an_unreadable_item_is_set_aside_and_the_rest_of_its_page_arrives():
    good = {"HoSoId": "p-1", "MaHoSo": "000.00.01.H62-261124-0100", "MaTTHC": "1.001612", "ChuHoSo": "Hoa",
            "NgayNopHoSo": "20261124071500"}
    page = m.parse_online_page({"items": [
        {"MaHoSo": "x\x1b[2J"},  # no HoSoId
        good,
        {**good, "HoSoId": "p-2"},  # the same MaHoSo on another dossier
        {**good, "HoSoId": "p-3", "MaHoSo": "000.00.01.H62-261124-0101", "NgayNopHoSo": "hôm qua"},
        "not an object"], "next_cursor": "c2", "more": True})
    assert [d.portal_id for d in page.items] == ["p-1"] and page.next_cursor == "c2"
    assert [(s["code"], s["reason"]) for s in page.set_aside] == [
        ("x\\x1b[2J", "malformed"), ("000.00.01.H62-261124-0100", "code_twice"),
        ("000.00.01.H62-261124-0101", "malformed"), ("?", "malformed")]


def test_lease_both_ways():
    assert m.lease_body("k", "000.00.01.H62", date(2026, 11, 24), 50) == \
        {"Key": "k", "MaDonVi": "000.00.01.H62", "Ngay": "20261124", "SoLuong": 50}
    lease = m.parse_lease({"Key": "k", "MaDonVi": "000.00.01.H62", "Ngay": "20261124", "TuSo": 101, "DenSo": 150})
    assert (lease.key, lease.unit_code, lease.day, lease.first, lease.last) == \
        ("k", "000.00.01.H62", date(2026, 11, 24), 101, 150)
    with pytest.raises(m.MappingError):
        m.parse_lease({"Key": "k", "MaDonVi": "x", "Ngay": "20261124", "TuSo": 5, "DenSo": 4})


def test_error_bodies():
    assert m.error_message({"error": "invalid", "message": "Sai", "fields": [{"field": "Email", "message": "x"}]}) \
        == ("Sai", [{"field": "Email", "label": "Email", "message": "x"}])
    assert m.error_message("not json object") == (None, [])
