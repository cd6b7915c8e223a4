"""The sandbox portal (`motcua portal-sandbox`) over real HTTP on loopback: the contract of
docs/portal-api.md, the fault switches, the citizen pages and the command itself."""

from __future__ import annotations

import hashlib
import itertools
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from tests.helpers.sandbox import ROOT, Sandbox

VN = timezone(timedelta(hours=7))
UNIT = "000.00.01.H22"
_numbers = itertools.count(5000)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """One portal for the tests that only add their own dossiers (fresh HoSoIds and codes)."""
    with Sandbox(tmp_path_factory.mktemp("portal") / "portal.sqlite3") as p:
        yield p


@pytest.fixture
def api(portal):
    portal.reset_faults()
    with portal.client() as client:
        yield client
    portal.reset_faults()


def new_code(provisional: bool = False) -> str:
    day = datetime.now(VN).strftime("%y%m%d")
    return f"{UNIT}-{day}-{'TAM' if provisional else ''}{next(_numbers):04d}"


def register(hoso_id: str, version: int = 1, code: str | None = None, **data) -> dict:
    record = {"MaHoSo": code or new_code(), "MaTTHC": "2.000815", "ChuHoSo": "Trần Thị Bích",
              "TrangThaiHoSo": 2, "KenhThucHien": 1, "HinhThucTra": 0, "SoDienThoai": "0912345678",
              "NgayTiepNhan": datetime.now(VN).strftime("%Y%m%d%H%M%S"), "NgayHenTra": "", **data}
    return {"Key": str(uuid.uuid4()), "HoSoId": hoso_id, "PhienBan": version, "DichVu": "DongBoHoSoMC",
            "isUpdating": version > 1, "Data": record}


def progress(hoso_id: str, version: int, code: str, **data) -> dict:
    return {"Key": str(uuid.uuid4()), "HoSoId": hoso_id, "PhienBan": version,
            "DichVu": "CapNhatTienDoHoSoMC",
            "Data": {"MaHoSo": code, "NguoiXuLy": "Lê Văn Tâm", "ChucDanh": "Chuyên viên",
                     "ThoiDiemXuLy": "20261124090000", "PhongBanXuLy": "Phòng Tư pháp",
                     "NoiDungXuLy": "Chuyển phòng chuyên môn", "TrangThai": 4, **data}}


def push(client: httpx.Client, *items) -> list[dict]:
    r = client.post("/api/v1/sync", json={"items": list(items)})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def waiting(client: httpx.Client, limit: int = 200) -> list[dict]:
    out, cursor = [], None
    while True:
        params = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/online-dossiers", params=params).json()
        out += page["items"]
        cursor = page["next_cursor"]
        if not page["more"]:
            return out


# --- authentication -------------------------------------------------------------------------------
ROUTES = [("GET", "/api/v1/ping"), ("POST", "/api/v1/sync"), ("GET", "/api/v1/online-dossiers"),
          ("GET", "/api/v1/attachments/abc"), ("POST", "/api/v1/number-leases"),
          ("GET", f"/api/v1/dossiers/{UNIT}-261124-0001"), ("GET", "/api/v1/procedures")]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}])
def test_every_api_route_needs_the_token(portal, headers):
    for method, path in ROUTES:
        r = httpx.request(method, portal.url + path, headers=headers, json={})
        assert r.status_code == 401, (method, path)
        assert r.json()["error"] == "unauthorized"
        assert "mã truy cập" in r.json()["message"]
        assert r.headers["www-authenticate"] == "Bearer"


def test_ping(api):
    body = api.get("/api/v1/ping").json()
    assert body["ok"] is True and len(body["time"]) == 14


# --- push -----------------------------------------------------------------------------------------
def test_batch_applies_in_order_and_a_resent_batch_is_all_duplicates(api, portal):
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    first = register(a)
    code = first["Data"]["MaHoSo"]
    items = [first, register(b), progress(a, 2, code), register(a, 3, code, TrangThaiHoSo=4)]
    assert [r["result"] for r in push(api, *items)] == ["applied"] * 4
    assert [r["result"] for r in push(api, *items)] == ["duplicate"] * 4
    log = portal.applied()
    mine = [e for e in log if e["HoSoId"] in (a, b)]
    assert [e["Key"] for e in mine] == [i["Key"] for i in items]  # once each, in list order
    assert [e["seq"] for e in mine] == sorted(e["seq"] for e in mine)
    assert [e["PhienBan"] for e in portal.applied(a)] == [1, 2, 3]
    found = api.get(f"/api/v1/dossiers/{code}").json()
    assert found["PhienBan"] == 3 and found["TrangThaiHoSo"] == 4 and found["HoSoId"] == a
    assert found["TienDoXuLy"]["PhongBanXuLy"] == "Phòng Tư pháp"


def test_a_version_gap_is_409_and_the_dossiers_later_events_wait(api, portal):
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    code = new_code()
    results = push(api, register(a, 2, code), register(a, 3, code), register(b))
    assert [(r["result"], r.get("status")) for r in results] == [
        ("rejected", 409), ("rejected", 409), ("applied", None)]
    assert "phiên bản 1" in results[0]["message"]
    assert portal.applied(a) == []
    first = register(a, 1, code)
    assert push(api, first)[0]["result"] == "applied"
    assert push(api, register(a, 1, code))[0]["status"] == 409  # 1 again under another key


def test_field_errors_are_answered_per_item_while_the_others_apply(api, portal):
    ids = [str(uuid.uuid4()) for _ in range(4)]
    bad = register(ids[0], SoDienThoai="12345", TrangThaiHoSo=11, KenhThucHien=4, NgayHenTra="24/11/2026",
                   MaHoSo="HS-2026-1")
    missing = register(ids[1])
    del missing["Data"]["ChuHoSo"]
    bad_progress = progress(ids[2], 1, new_code())
    del bad_progress["Data"]["TrangThai"]
    results = push(api, bad, missing, bad_progress, register(ids[3]))
    assert [r["result"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert {r["status"] for r in results[:3]} == {422}
    fields = {f["field"]: f["message"] for f in results[0]["fields"]}
    assert set(fields) == {"SoDienThoai", "TrangThaiHoSo", "KenhThucHien", "NgayHenTra", "MaHoSo"}
    assert fields["SoDienThoai"] == "Số điện thoại phải gồm 10 đến 11 chữ số."
    assert "Thông tư 01/2018" in fields["MaHoSo"]
    assert [f["field"] for f in results[1]["fields"]] == ["ChuHoSo"]
    assert [f["field"] for f in results[2]["fields"]] == ["TrangThai"]
    assert [e["HoSoId"] for e in portal.applied() if e["HoSoId"] in ids] == [ids[3]]
    # the rejected item's dossier is still at 0: the corrected record applies as version 1
    bad["Data"].update(SoDienThoai="02838123456", TrangThaiHoSo=2, KenhThucHien=1, NgayHenTra="",
                       MaHoSo=new_code())
    assert push(api, bad)[0]["result"] == "applied"


def test_envelope_errors_and_batch_limits(api):
    results = push(api, {"Key": "k-" + str(uuid.uuid4()), "HoSoId": "x", "PhienBan": 0, "DichVu": "Khac",
                         "Data": {}}, "not an object")
    assert {f["field"] for f in results[0]["fields"]} == {"PhienBan", "DichVu"}
    assert results[1]["result"] == "rejected" and results[1]["Key"] is None
    r = api.post("/api/v1/sync", json={"items": [register(str(uuid.uuid4())) for _ in range(501)]})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "items"
    r = api.post("/api/v1/sync", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["error"] == "invalid"


def test_a_code_owned_by_another_dossier_is_409(api):
    code = new_code()
    assert push(api, register(str(uuid.uuid4()), code=code))[0]["result"] == "applied"
    result = push(api, register(str(uuid.uuid4()), code=code))[0]
    assert result["status"] == 409 and code in result["message"]


def test_look_up_by_code_and_by_the_provisional_code_it_replaced(api):
    hoso = str(uuid.uuid4())
    provisional, official = new_code(provisional=True), new_code()
    rejected = push(api, register(hoso, code=provisional))[0]
    assert rejected["status"] == 422 and "Mã hồ sơ tạm" in rejected["fields"][0]["message"]
    assert push(api, register(hoso, code=official, MaHoSoTam=provisional))[0]["result"] == "applied"
    by_code = api.get(f"/api/v1/dossiers/{official}").json()
    assert by_code == api.get(f"/api/v1/dossiers/{provisional}").json()
    assert by_code["HoSoId"] == hoso and by_code["MaHoSo"] == official and by_code["PhienBan"] == 1
    assert by_code["SoBienNhan"] == official
    r = api.get(f"/api/v1/dossiers/{new_code()}")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


# --- number leases --------------------------------------------------------------------------------
def lease(client, key=None, count=50, day=None, unit=None):
    body = {"Key": key or str(uuid.uuid4()), "MaDonVi": unit or "000.00.01.H62",
            "Ngay": day or datetime.now(VN).strftime("%Y%m%d"), "SoLuong": count}
    return client.post("/api/v1/number-leases", json=body)


def test_leases_never_overlap_each_other_or_the_portals_online_codes(make_sandbox):
    portal = make_sandbox()
    with portal.client() as api:
        blocks, online = [], []
        for n in range(4):
            r = lease(api, count=10 + n)
            assert r.status_code == 201
            blocks.append(r.json())
            online += [int(d["MaHoSo"].rsplit("-", 1)[1]) for d in portal.file_online(3)]
        key = str(uuid.uuid4())
        again = [lease(api, key=key, count=7).json() for _ in range(3)]
        assert again[0] == again[1] == again[2]
        blocks.append(again[0])
        taken = [(b["TuSo"], b["DenSo"]) for b in blocks]
        numbers = [n for lo, hi in taken for n in range(lo, hi + 1)] + online
        assert len(numbers) == len(set(numbers)) == sum(10 + n for n in range(4)) + 7 + 12
        assert all(b["DenSo"] - b["TuSo"] + 1 == c for b, c in zip(blocks, [10, 11, 12, 13, 7], strict=True))
        other_day = lease(api, count=5, day=(datetime.now(VN) + timedelta(days=1)).strftime("%Y%m%d")).json()
        assert (other_day["TuSo"], other_day["DenSo"]) == (1, 5)  # one counter per unit and day
        mismatch = lease(api, key=key, count=8)
        assert mismatch.status_code == 422 and mismatch.json()["fields"][0]["field"] == "Key"


@pytest.mark.parametrize("change, field", [
    ({"count": 0}, "SoLuong"), ({"count": 1001}, "SoLuong"),
    ({"day": "20261399"}, "Ngay"), ({"day": "2026-11-24"}, "Ngay"),
    ({"day": (datetime.now(VN) + timedelta(days=31)).strftime("%Y%m%d")}, "Ngay"),
    ({"unit": "H2"}, "MaDonVi"), ({"unit": "H62-18"}, "MaDonVi"),  # H22, H62.18 are Decision 20 codes
])
def test_bad_lease_requests_are_422(api, change, field):
    r = lease(api, **change)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid" and [f["field"] for f in body["fields"]] == [field]


# --- online dossiers ------------------------------------------------------------------------------
def test_cursor_pages_lose_nothing_and_repeat_nothing(make_sandbox):
    portal = make_sandbox()
    filed = portal.file_online(450)
    with portal.client() as api:
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
            page = api.get("/api/v1/online-dossiers", params=params).json()
            seen += [d["HoSoId"] for d in page["items"]]
            cursor, pages = page["next_cursor"], pages + 1
            if pages == 2:  # meanwhile: more filed, and one not yet read is received at the counter
                filed += portal.file_online(30)
                taken = filed[300]
                assert push(api, register(taken["HoSoId"], 1, taken["MaHoSo"]))[0]["result"] == "applied"
            if not page["more"]:
                break
        expected = [d["HoSoId"] for d in filed if d is not taken]
        assert seen == expected  # oldest first, each once
        last = api.get("/api/v1/online-dossiers", params={"cursor": cursor}).json()
        assert last == {"items": [], "next_cursor": cursor, "more": False}
        portal.file_online(1)
        assert len(api.get("/api/v1/online-dossiers", params={"cursor": cursor}).json()["items"]) == 1
        assert api.get("/api/v1/online-dossiers", params={"limit": 201}).status_code == 422
        assert api.get("/api/v1/online-dossiers", params={"cursor": "???"}).status_code == 422


def test_an_online_dossier_starts_at_version_0_and_leaves_the_queue_when_received(api, portal):
    (d,) = portal.file_online(1)
    item = next(i for i in waiting(api) if i["HoSoId"] == d["HoSoId"])
    assert item["TrangThaiHoSo"] == 1 and item["KenhThucHien"] == 2 and item["MucDoDVC"] in (3, 4)
    assert item["MaHoSo"] == d["MaHoSo"] and d["MaHoSo"].startswith(portal.unit + "-")
    for name in ("ChuHoSo", "MaTTHC", "TenTTHC", "NgayNopHoSo", "ToanTrinh", "HinhThucTra", "TaiLieuNop"):
        assert name in item
    uuid.UUID(item["HoSoId"], version=4)
    assert push(api, register(d["HoSoId"], 2, d["MaHoSo"]))[0]["status"] == 409
    assert push(api, register(d["HoSoId"], 1, d["MaHoSo"]))[0]["result"] == "applied"
    assert d["HoSoId"] not in {i["HoSoId"] for i in waiting(api)}
    found = api.get(f"/api/v1/dossiers/{d['MaHoSo']}").json()
    assert found["TrangThaiHoSo"] == 2 and found["ThongTinKhac"] == item["ThongTinKhac"]  # merged, not replaced


def test_attachments_come_with_their_bytes_type_and_sha256(api, portal):
    (d,) = portal.file_online(1, attachments=2)
    item = next(i for i in waiting(api) if i["HoSoId"] == d["HoSoId"])
    assert len(item["TepDinhKem"]) == 2
    for f in item["TepDinhKem"]:
        assert f["DuongDan"] == f"/api/v1/attachments/{f['Id']}"
        r = api.get(f["DuongDan"])
        assert r.status_code == 200 and r.headers["content-type"] == f["LoaiTep"] == "application/pdf"
        assert len(r.content) == f["KichThuoc"] and hashlib.sha256(r.content).hexdigest() == f["SHA256"]
    r = api.get("/api/v1/attachments/khong-co")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_procedures_come_from_the_catalog_stamped_with_the_stores_creation(api):
    body = api.get("/api/v1/procedures").json()
    assert len(body["items"]) > 10
    p = next(i for i in body["items"] if i["MaTTHC"] == "2.000815")
    assert p["TenTTHC"].startswith("Chứng thực bản sao") and p["MucDoDVC"] == 3
    assert p["LePhi"][0]["LoaiPhiLePhi"] == 1 and p["ThanhPhanHoSo"][0]["SoBanChinh"] == 1
    stamp = p["NgayCapNhat"]
    assert {i["NgayCapNhat"] for i in body["items"]} == {stamp} and stamp <= body["as_of"]
    earlier = (datetime.strptime(stamp, "%Y%m%d%H%M%S") - timedelta(seconds=1)).strftime("%Y%m%d%H%M%S")
    assert len(api.get("/api/v1/procedures", params={"since": earlier}).json()["items"]) == len(body["items"])
    assert api.get("/api/v1/procedures", params={"since": stamp}).json()["items"] == []
    assert api.get("/api/v1/procedures", params={"since": "hôm qua"}).status_code == 422


# --- faults ---------------------------------------------------------------------------------------
def test_each_fault_gives_its_client_side_symptom(api, portal):
    hoso = str(uuid.uuid4())
    item = register(hoso)
    cases = [("error500", httpx.HTTPStatusError, 0), ("error429", httpx.HTTPStatusError, 0),
             ("drop_before", httpx.RemoteProtocolError, 0), ("drop_after", httpx.RemoteProtocolError, 1),
             ("truncate", httpx.RemoteProtocolError, 1)]
    for kind, symptom, applied in cases:
        portal.faults(**{kind: 1.0, "retry_after": 7})
        with pytest.raises(symptom) as caught:
            api.post("/api/v1/sync", json={"items": [item]}).raise_for_status()
        if kind == "error500":
            assert caught.value.response.status_code == 500
            assert caught.value.response.json()["error"] == "server_error"
        if kind == "error429":
            assert caught.value.response.status_code == 429
            assert caught.value.response.headers["retry-after"] == "7"
        portal.reset_faults()
        assert len(portal.applied(hoso)) == applied, kind
        if applied:  # the client cannot know: it sends again and learns it was applied
            assert push(api, item)[0]["result"] == "duplicate"
            hoso = str(uuid.uuid4())
            item = register(hoso)
    stats = portal.stats()
    assert all(stats["faults"][k] >= 1 for k, _, _ in cases)
    api.get("/api/v1/ping")
    assert portal.stats()["requests"] == stats["requests"] + 1


def test_duplicate_delivery_applies_once_and_answers_duplicate(api, portal):
    hoso = str(uuid.uuid4())
    portal.faults(duplicate=1.0)
    before = portal.stats()
    results = push(api, register(hoso), register(str(uuid.uuid4())))
    assert [r["result"] for r in results] == ["duplicate", "duplicate"]  # the second delivery's answer
    after = portal.stats()
    assert [e["PhienBan"] for e in portal.applied(hoso)] == [1]
    assert after["duplicates"] - before["duplicates"] == 2  # the second delivery of both items
    assert after["faults"]["duplicate"] == before["faults"]["duplicate"] + 1


def test_a_delay_times_the_client_out_but_the_request_still_applies(api, portal):
    hoso = str(uuid.uuid4())
    item = register(hoso)
    portal.faults(delay=1.0, delay_seconds=0.6)
    with pytest.raises(httpx.ReadTimeout), portal.client(timeout=0.2) as impatient:
        impatient.post("/api/v1/sync", json={"items": [item]})
    portal.reset_faults()
    deadline = time.monotonic() + 30  # generous: the held-back request is applied 0.6 s after it came
    while not portal.applied(hoso) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(portal.applied(hoso)) == 1
    assert push(api, item)[0]["result"] == "duplicate"


def test_faults_touch_only_the_api_and_are_reproducible_with_a_seed(api, portal):
    portal.faults(error500=1.0)
    assert httpx.get(portal.url + "/").status_code == 200  # the citizen page is not affected
    assert api.get("/api/v1/ping").status_code == 500

    def pattern():
        portal.faults(error500=0.5, seed=42)
        return [api.get("/api/v1/ping").status_code for _ in range(12)]

    first = pattern()
    assert first == pattern() and {200, 500} == set(first)
    r = httpx.post(portal.url + "/__sandbox/faults", json={"error500": 2})
    assert r.status_code == 422 and "từ 0 đến 1" in r.json()["message"]


def test_without_faults_switch_there_is_no_admin_endpoint(make_sandbox):
    portal = make_sandbox(faults=False)
    assert httpx.get(portal.url + "/__sandbox/stats").status_code == 404
    assert httpx.post(portal.url + "/__sandbox/faults", json={"error500": 1}).status_code == 404


def test_stop_and_start_again_on_the_same_port_and_store(sandbox):
    with sandbox.client() as api:
        hoso = str(uuid.uuid4())
        assert push(api, register(hoso))[0]["result"] == "applied"
    url = sandbox.url
    sandbox.kill()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/api/v1/ping", headers=sandbox.headers)
    sandbox.start()
    assert sandbox.url == url
    assert len(sandbox.applied(hoso)) == 1
    sandbox.stop()
    assert not sandbox.running


# --- citizen pages --------------------------------------------------------------------------------
FORM = {"ho_ten": "Phạm Thị Hồng", "cccd": "079301000123", "dien_thoai": "0903 123 456",
        "email": "hong@example.vn", "dia_chi": "12 Lê Lợi, phường Bến Thành", "trich_yeu": "",
        "hinh_thuc": "post", "dia_chi_nhan": "12 Lê Lợi, phường Bến Thành"}


def test_the_home_page_lists_online_procedures_and_searches_without_accents(portal):
    page = httpx.get(portal.url + "/").text
    assert "Thủ tục hành chính nộp hồ sơ trực tuyến" in page and "/nop/2.000815" in page
    found = httpx.get(portal.url + "/", params={"q": "chung thuc ban sao"}).text
    assert "/nop/2.000815" in found
    assert "Không có thủ tục nào" in httpx.get(portal.url + "/", params={"q": "zzzz"}).text


def test_a_citizen_files_online_and_the_counter_sees_it_with_the_file(api, portal):
    form = httpx.get(portal.url + "/nop/2.000815").text
    assert "Bản sao cần chứng thực" in form and "Qua bưu chính công ích" in form
    content = b"%PDF-1.4 to khai " + uuid.uuid4().bytes
    r = httpx.post(portal.url + "/nop/2.000815", data=FORM,
                   files=[("tep", ("tờ khai.pdf", content, "application/pdf"))])
    assert r.status_code == 200 and "Đã nộp hồ sơ trực tuyến" in r.text
    code = r.text.split("id='ma-ho-so'>", 1)[1].split("<", 1)[0]
    item = next(i for i in waiting(api) if i["MaHoSo"] == code)
    assert item["ChuHoSo"] == "Phạm Thị Hồng" and item["MaDoiTuong"] == "079301000123"
    assert item["SoDienThoai"] == "0903123456" and item["HinhThucTra"] == 1
    assert item["ThongTinTra"] == FORM["dia_chi_nhan"] and item["KenhThucHien"] == 2
    (f,) = item["TepDinhKem"]
    assert f["TenTep"] == "tờ khai.pdf" and f["SHA256"] == hashlib.sha256(content).hexdigest()
    assert api.get(f["DuongDan"]).content == content
    status = httpx.get(portal.url + "/tra-cuu", params={"ma": code}).text
    assert "Mới đăng ký" in status and "Nộp hồ sơ trực tuyến" in status
    assert push(api, register(item["HoSoId"], 1, code))[0]["result"] == "applied"
    assert "Được tiếp nhận" in httpx.get(portal.url + "/tra-cuu", params={"ma": code}).text


def test_a_bad_cccd_is_shown_on_the_form_and_nothing_is_stored(api, portal):
    before = len(waiting(api))
    r = httpx.post(portal.url + "/nop/2.000815", data=FORM | {"cccd": "12345", "hinh_thuc": "online"},
                   files=[("tep", ("a.pdf", b"%PDF", "application/pdf"))])
    assert r.status_code == 422
    assert "Số căn cước công dân phải gồm đúng 12 chữ số." in r.text
    assert "Phạm Thị Hồng" in r.text  # what was typed stays on the form
    assert "hình thức nhận kết quả" in r.text  # 2.000815 returns results at the counter or by post
    assert len(waiting(api)) == before


def test_a_file_over_10_mb_is_refused_on_the_form(api, portal):
    before = len(waiting(api))
    big = b"0" * (10 * 1024 * 1024 + 1)
    r = httpx.post(portal.url + "/nop/2.000815", data=FORM, timeout=30,
                   files=[("tep", ("ban-scan.pdf", big, "application/pdf"))])
    assert r.status_code == 422 and "Tệp «ban-scan.pdf» lớn hơn 10 MB." in r.text
    assert len(waiting(api)) == before


def test_synthetic_dossiers_for_a_given_procedure(portal):
    made = portal.file_online(3, procedure="2.000815")
    assert {d["MaTTHC"] for d in made} == {"2.000815"} and len({d["MaHoSo"] for d in made}) == 3
    r = httpx.post(portal.url + "/__sandbox/online-dossiers", json={"count": 1, "procedure": "9.999999"})
    assert r.status_code == 422 and "9.999999" in r.json()["message"]


def test_lookup_of_an_unknown_code_and_of_a_procedure_not_online(portal):
    assert "Không tìm thấy hồ sơ" in httpx.get(portal.url + "/tra-cuu", params={"ma": new_code()}).text
    assert httpx.get(portal.url + "/nop/khong-co").status_code == 404


# --- the command ----------------------------------------------------------------------------------
def test_the_command_refuses_a_port_in_use(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "app", "portal-sandbox", "--port", str(port),
                              "--store", str(tmp_path / "s.sqlite3")], cwd=ROOT, capture_output=True,
                             text=True, encoding="utf-8", timeout=30, env=_env())
    assert out.returncode == 1
    assert f"Cổng {port} đang được dùng" in out.stderr


def test_the_command_keeps_its_store_in_the_data_folder_by_default(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "app", "portal-sandbox", "--port", "0",
                             "--data-dir", str(tmp_path / "data")], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline().decode("utf-8")
        assert line.startswith("Cổng thử nghiệm: http://127.0.0.1:")
        url = line.split(": ", 1)[1].strip()
        assert httpx.get(url + "/api/v1/ping", headers={"Authorization": "Bearer sandbox-token"}).json()["ok"]
        assert (tmp_path / "data" / "portal-sandbox.sqlite3").exists()
        assert httpx.get(url + "/__sandbox/stats").status_code == 404  # no --faults
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
        proc.stdout.close()
        proc.stderr.close()


def _env():
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
