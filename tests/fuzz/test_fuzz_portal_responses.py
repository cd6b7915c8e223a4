"""What the portal sends back: any JSON, valid answers with a few changes, any bytes with any status
and Retry-After. The mapping module gives neutral records or MappingError (never another exception);
its records fit the database; the client turns everything else into a PortalError with a Vietnamese
message; a whole sync cycle against a portal answering garbage reports it and never crashes."""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.domain.codes import MAX_DAILY_SEQUENCE
from app.domain.permissions import Actor
from app.portal import dvc_mapping as m
from app.portal import dvc_values as values
from app.portal import sync as portal_sync
from app.portal.client import PortalClient
from app.portal.contract import (
    Lease,
    OnlinePage,
    PortalAuthError,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    PushResult,
)
from app.portal.inbox_pull import safe_name
from app.portal.sync import SyncEngine
from app.services.settings.store import change_settings
from db.engine import Database
from db.models import AuditRecord, Dossier, NumberLease, OnlineAttachment, Procedure
from tests.fuzz.strategies import any_text, assert_refusal, dumps, fuzz, json_value, mutations

DOSSIER = {
    "HoSoId": "0c2a6f1e-1111-4c1b-9a1e-000000000001", "MaHoSo": "000.00.01.H62-261124-0100", "MaTTHC": "2.000815",
    "ChuHoSo": "Trần Thị Hoa", "LoaiDoiTuong": 1, "MaDoiTuong": "", "SoDinhDanh": "079190000001",
    "SoDienThoai": "0987654321", "Email": "hoa@example.vn", "ThongTinKhac": "Số 3 Hùng Vương", "TrichYeuHoSo": "Xin cấp",
    "NgayNopHoSo": "20261124071500", "MucDoDVC": 4, "ToanTrinh": True, "HinhThucTra": 1, "ThongTinTra": "Số 3",
    "TaiLieuNop": [{"TenTepDinhKem": "Tờ khai", "SoBanChinh": 1, "SoBanSao": 0}],
    "TepDinhKem": [{"Id": "f-1", "TenTep": "to-khai.pdf", "KichThuoc": 10, "LoaiTep": "application/pdf",
                    "SHA256": "ab" * 32, "DuongDan": "/api/v1/attachments/f-1"}]}
PAGE = {"items": [DOSSIER], "next_cursor": "c2", "more": False}
PUSH = {"results": [{"Key": "a", "result": "applied"}, {"Key": "b", "result": "duplicate"},
                    {"Key": "c", "result": "rejected", "status": 422, "message": "Dữ liệu không hợp lệ",
                     "fields": [{"field": "SoDienThoai", "message": "Số điện thoại phải gồm 10 chữ số."}]}]}
LEASE = {"Key": "k-1", "MaDonVi": "000.00.01.H62", "Ngay": "20261124", "TuSo": 101, "DenSo": 150}
PROCEDURE = {"MaTTHC": "1.001612", "TenTTHC": "Đăng ký khai sinh", "MaLinhVuc": "HT", "TenLinhVuc": "Hộ tịch",
             "MucDoDVC": 4, "ToanTrinh": False, "ThoiHanGiaiQuyet": 1, "DonViThoiHan": "working_days",
             "LePhi": [{"TenPhiLePhi": "Lệ phí", "MucPhi": 8000, "LoaiPhiLePhi": 1, "GhiChu": ""}],
             "ThanhPhanHoSo": [{"TenGiayTo": "Tờ khai", "SoBanChinh": 1, "SoBanSao": 0, "BatBuoc": True}],
             "NgayCapNhat": "20261124000000"}
PROCEDURES = {"items": [PROCEDURE], "as_of": "20261124080000"}
ERROR = {"error": "invalid", "message": "Sai dữ liệu", "fields": [{"field": "Email", "message": "x"}]}


def answers(sample) -> st.SearchStrategy:
    return st.one_of(json_value, mutations(sample), st.just(sample))


def storable(text: str) -> bool:
    return "\x00" not in text and not any(unicodedata.category(c) == "Cs" for c in text)


def mapped(parse, data):
    """`parse(data)`, or None when it refused with MappingError (nothing else may escape)."""
    try:
        return parse(data)
    except m.MappingError as exc:
        assert str(exc)
        return None


# --- the mapping module, function by function -----------------------------------------------------
@fuzz(300)
@given(answers(PAGE))
@example({"items": [{**DOSSIER, "TaiLieuNop": [{"SoBanChinh": 1e999}]}]})  # was: OverflowError
@example({"items": [{**DOSSIER, "ChuHoSo": "A" * 301}]})  # was: refused only by PostgreSQL's column
@example({"items": [{**DOSSIER, "ChuHoSo": "An\x00\ud800"}]})  # was: unstorable (NUL, lone surrogate)
@example({"items": [{**DOSSIER, "LoaiDoiTuong": 10**30}]})  # was: integer column overflow
@example({"items": [{**DOSSIER, "NgayNopHoSo": "99991231235959"}]})  # was: the calendar's OverflowError
@example({"items": [{**DOSSIER, "TaiLieuNop": {"a": 1}}]})
@example({"items": [{**DOSSIER, "HinhThucTra": float("inf")}]})  # was: OverflowError
@example({"items": [DOSSIER, {**DOSSIER, "HoSoId": "b"}]})  # was: IntegrityError saving the page
def test_online_pages(data):
    page = mapped(m.parse_online_page, data)
    if page is None:
        return
    assert isinstance(page, OnlinePage)
    assert len({d.code for d in page.items}) == len({(d.code, d.portal_id) for d in page.items})
    assert page.next_cursor is None or (isinstance(page.next_cursor, str) and storable(page.next_cursor))
    for d in page.items:
        for field in ("portal_id", "code", "applicant_name", "applicant_id_number", "applicant_phone",
                      "applicant_email", "applicant_address", "result_address"):
            value = getattr(d, field)
            assert value is None or (isinstance(value, str) and len(value) <= values.LIMITS[field] and storable(value))
        assert d.portal_id and d.code and storable(d.summary or "") and storable(d.procedure_code)
        assert d.applicant_kind in (1, 2) and d.online_level in (None, 1, 2, 3, 4)
        assert d.whole_process in (None, True, False) and 1900 <= d.submitted_at.year <= 2100
        assert all(0 <= o <= 1000 and 0 <= c <= 1000 and storable(n) for n, o, c in d.documents)
        for a in d.attachments:
            assert 0 <= a.size <= values.MAX_INT and len(a.portal_id) <= 64 and len(a.url) <= 500
            assert all(storable(v) for v in (a.portal_id, a.name, a.mime, a.sha256, a.url))


@fuzz(300)
@given(answers(PUSH))
@example({"results": [{"Key": "a", "result": "rejected", "status": float("inf")}]})  # was: OverflowError
@example({"results": [{"Key": "a", "result": "rejected", "message": {"x": 1}}]})  # was: a dict as the message
def test_push_results(data):
    results = mapped(m.parse_push_results, data)
    for r in results or []:
        assert isinstance(r, PushResult) and isinstance(r.key, str)
        assert r.status is None or 100 <= r.status <= 599
        assert r.message is None or (isinstance(r.message, str) and storable(r.message))
        assert all(storable(f["message"]) and storable(f["label"]) for f in r.fields)


@fuzz(300)
@given(answers(LEASE))
@example({**LEASE, "TuSo": 1e999})  # was: OverflowError
@example({**LEASE, "DenSo": 10**12})  # was: integer column overflow
def test_leases(data):
    lease = mapped(m.parse_lease, data)
    if lease is not None:
        assert isinstance(lease, Lease) and 1 <= lease.first <= lease.last <= MAX_DAILY_SEQUENCE
        assert len(lease.key) <= 36 and isinstance(lease.day, date)


@fuzz(300)
@given(answers(PROCEDURES))
@example({"items": [{**PROCEDURE, "LePhi": [1]}]})  # was: AttributeError in the catalog pull
@example({"items": [{**PROCEDURE, "ThanhPhanHoSo": "abc"}]})
@example({"items": [{**PROCEDURE, "LePhi": [{"LoaiPhiLePhi": float("-inf")}]}]})  # was: OverflowError
def test_procedures(data):
    found = mapped(m.parse_procedures, data)
    if found is None:
        return
    items, as_of = found
    assert as_of is None or isinstance(as_of, datetime)
    for item in items:
        update = mapped(m.procedure_update, item)
        assert update is None or isinstance(update["code"], str)


@fuzz(200)
@given(json_value)
@example({"fields": 5})  # was: TypeError (iterating a number)
@example({"message": "dòng một\ndòng hai\x00"})
def test_error_bodies_and_lookups(data):
    message, fields = m.error_message(data)
    assert message is None or (message and "\n" not in message and storable(message))
    assert isinstance(fields, list)
    mapped(m.parse_lookup, data)
    mapped(lambda d: m.parse_datetime(d if not isinstance(d, list | dict) else None), data)


def test_the_limits_are_the_database_columns():
    from db.models import Dossier, NumberLease, OnlineAttachment

    columns = {"portal_id": Dossier.uuid, "code": Dossier.code, "applicant_name": Dossier.applicant_name,
               "applicant_id_number": Dossier.applicant_id_number, "applicant_phone": Dossier.applicant_phone,
               "applicant_email": Dossier.applicant_email, "applicant_address": Dossier.applicant_address,
               "result_address": Dossier.result_address, "attachment_id": OnlineAttachment.portal_id,
               "attachment_name": OnlineAttachment.name, "mime": OnlineAttachment.mime,
               "sha256": OnlineAttachment.sha256, "url": OnlineAttachment.url, "lease_key": NumberLease.key}
    assert {k: c.type.length for k, c in columns.items()} == values.LIMITS


@fuzz(300)
@given(any_text, any_text)
@example("CON", "NUL.txt")
@example("a" * 200, "ệ" * 200 + ".pdf")  # was: 600 bytes, longer than any file system's name
def test_attachment_file_names(tmp_path, portal_id, name):
    for text, most in ((portal_id, 64), (name, 120)):
        safe = safe_name(text, most)
        assert safe and len(safe.encode()) <= most and not safe.startswith(".")
        assert "/" not in safe and "\\" not in safe and safe.split(".")[0].upper() not in ("CON", "NUL", "AUX", "PRN")
        assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in safe)
    path = tmp_path / f"{safe_name(portal_id, 64)}-{safe_name(name)}"
    path.write_bytes(b"x")  # the real file system takes it
    path.unlink()


# --- the client over HTTP: a loopback server that answers whatever the test says --------------------
class Scripted(http.server.BaseHTTPRequestHandler):
    script: dict = {}  # path ("/ping", "/number-leases" …) → (status, headers, body or callable)

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body_in = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0].removeprefix("/api/v1")
        path = "/dossiers" if path.startswith("/dossiers/") else "/attachments" if path.startswith("/attachments/") \
            else path
        status, headers, body = self.script.get(path, (404, {}, b'{"error": "not_found"}'))
        if callable(body):
            body = body(body_in)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 - http.server's naming

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


bodies = st.one_of(st.binary(max_size=200), json_value.map(dumps), st.just(b"[" * 50_000), st.just(b"\xff\xfe{}"))
statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 503, 599])
retry_after = st.one_of(st.none(), st.sampled_from(["7", "-5", "1e999", "nan", "Wed, 21 Oct 2015 07:28:00 GMT",
                                                    "Thu, 01 Jan 9999 00:00:00 GMT", "soon"]),
                        st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30))


def exchanges(client: PortalClient) -> list:
    return [client.ping, lambda: client.push([]), lambda: client.pull_online("c1"),
            lambda: client.lease("k-1", "000.00.01.H62", date(2026, 11, 24), 50), lambda: client.lookup("X-1"),
            lambda: client.procedures(None), lambda: client.download("/api/v1/attachments/f-1")]


def portal_message(body: bytes) -> str | None:
    """The refusal text the portal itself put in `body`, as the client passes it on."""
    try:
        return m.error_message(json.loads(body))[0]
    except (ValueError, RecursionError):
        return None


def run_all(client: PortalClient, body: bytes) -> None:
    for call in exchanges(client):
        try:
            call()
        except PortalRejected as exc:
            if exc.message != portal_message(body):  # the portal's own words are passed on as they are
                assert_refusal(exc.message, names=("Cổng", "cổng", "Địa chỉ"))
        except PortalError as exc:
            assert_refusal(exc.message, names=("Cổng", "cổng", "Địa chỉ"))


@fuzz(40)
@given(statuses, retry_after, st.one_of(bodies, st.sampled_from([PAGE, PUSH, LEASE, PROCEDURES, ERROR]).flatmap(
    mutations).map(dumps)))
@example(200, None, dumps({"results": [{"Key": "a", "result": "rejected", "status": 1e999}]}))
@example(422, None, dumps({"message": "x", "fields": 5}))  # was: TypeError out of the client
@example(422, None, b"[" * 50_000)  # was: RecursionError
def test_the_client_turns_any_answer_into_a_portal_error(portal, status, retry, body):
    headers = {"Retry-After": retry} if retry is not None else {}
    Scripted.script = {p: (status, headers, body) for p in
                       ("/ping", "/sync", "/online-dossiers", "/number-leases", "/dossiers", "/procedures",
                        "/attachments")}
    with PortalClient(portal, "t", timeout=5) as client:
        run_all(client, body)


@fuzz(60)
@given(st.one_of(any_text, st.sampled_from(["mã-truy-cập", "a b", "tok\r\nX-Evil: 1"])),
       st.one_of(any_text, st.sampled_from(["http://[", "http://" + "a" * 300, "ftp://x", "http://127.0.0.1:99999",
                                            "http://127.0.0.1:9/\x00"])))
@example("mã", "http://127.0.0.1:9")  # was: UnicodeEncodeError building the client
@example("t", "http://[")  # was: ValueError building the client
def test_any_token_and_address_give_a_portal_error(token, url):
    if url.startswith(("http://", "https://")) and not url.startswith(("http://127.0.0.1", "http://[")):
        url = "http://127.0.0.1:9/" + url  # never a real host: nothing listens on port 9
    with PortalClient(url, token, timeout=2) as client:
        for call in exchanges(client)[:1]:
            with pytest.raises(PortalError) as err:
                call()
            assert_refusal(err.value.message, names=("Cổng", "cổng", "Địa chỉ"))
            if not token or any(not 0x21 <= ord(c) <= 0x7E for c in token):
                assert isinstance(err.value, PortalAuthError | PortalUnavailable)


@fuzz(60)
@given(st.one_of(any_text, st.sampled_from(["http://[x", "https://elsewhere.example/f", "/\x00", "//host/x"])))
def test_an_attachment_address_from_the_portal(portal, url):
    Scripted.script = {"/attachments": (200, {}, b"%PDF")}
    with PortalClient(portal, "t", timeout=5) as client:
        try:
            client.download(url)
        except PortalError as exc:
            assert_refusal(exc.message, names=("Cổng", "cổng", "Địa chỉ", "tệp"))


# --- a whole sync cycle ----------------------------------------------------------------------------
def lease_for(request: bytes) -> bytes:
    """The valid answer to a lease request: the block asked for."""
    r = json.loads(request)
    return dumps({"Key": r["Key"], "MaDonVi": r["MaDonVi"], "Ngay": r["Ngay"], "TuSo": 1, "DenSo": r["SoLuong"]})


def counts(db) -> dict:
    with db.reading() as s:
        return {t.__name__: s.scalar(select(func.count()).select_from(t))
                for t in (Dossier, NumberLease, Procedure, OnlineAttachment, AuditRecord)}


@pytest.fixture
def office(db, sqlite_url, tmp_path):
    """A fresh copy of the migrated demo office for each example (SQLite's backup: WAL included)."""
    made: list[Database] = []

    def copy() -> Database:
        target = tmp_path / f"office-{len(made)}.sqlite3"
        with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        made.append(Database(f"sqlite:///{target}"))
        change_settings(made[-1], Actor.system(), {"portal.url": "http://127.0.0.1:9", "portal.token": "t",
                                                   "portal.lease_size": 5, "portal.lease_days": 1})
        return made[-1]

    yield copy
    for d in made:
        d.dispose()


def mostly(valid, garbage) -> st.SearchStrategy:
    """Three answers in four valid, so that a cycle gets past one stage to the next."""
    return st.one_of(st.just(valid), st.just(valid), st.just(valid), garbage)


@fuzz(20)
@given(st.fixed_dictionaries({
    "/number-leases": mostly((201, {}, lease_for), st.tuples(statuses, st.just({}), bodies)),
    "/online-dossiers": mostly((200, {}, dumps(PAGE)), st.tuples(st.sampled_from([200, 500]), st.just({}),
                                                                 st.one_of(bodies, mutations(PAGE).map(dumps)))),
    "/attachments": mostly((200, {}, b"x"), st.tuples(statuses, st.just({}), bodies)),
    "/procedures": mostly((200, {}, dumps(PROCEDURES)), st.tuples(st.just(200), st.just({}),
                                                                  st.one_of(bodies, mutations(PROCEDURES).map(dumps)))),
    "/sync": st.tuples(st.just(200), st.just({}), mutations(PUSH).map(dumps)),
}))
@example({"/number-leases": (201, {}, lease_for), "/procedures": (200, {}, dumps(PROCEDURES)),
          "/online-dossiers": (200, {}, dumps({"items": [DOSSIER, {**DOSSIER, "HoSoId": "b"}]})),
          "/attachments": (200, {}, b"x")})  # was: IntegrityError, one MaHoSo on two dossiers of a page
def test_a_sync_cycle_against_a_portal_answering_garbage(office, tmp_path, portal, script):
    db = office()
    Scripted.script = script
    before = counts(db)
    with PortalClient(portal, "t", timeout=5) as client:
        report = SyncEngine(db, client, data_dir=tmp_path).run_once()  # never raises
    if report.error:
        assert_refusal(report.error, names=("Cổng", "cổng", "thủ tục", "hồ sơ"))
    assert counts(db)["Dossier"] - before["Dossier"] == report.pulled
    with db.reading() as s:
        assert all(1 <= first <= last <= MAX_DAILY_SEQUENCE for first, last in
                   s.execute(select(NumberLease.first, NumberLease.last)))


def test_an_online_code_already_taken_here_is_set_aside(office, tmp_path, portal):
    db = office()
    Scripted.script = {"/number-leases": (201, {}, lease_for), "/procedures": (200, {}, dumps(PROCEDURES)),
                       "/attachments": (200, {}, b"x"), "/online-dossiers": (200, {}, dumps(PAGE))}
    with PortalClient(portal, "t", timeout=5) as client:
        assert SyncEngine(db, client, data_dir=tmp_path).run_once().pulled == 1
        # The portal files another dossier under the same code (a portal bug, or a code this
        # office issued itself): it must be set aside like one for an unknown procedure.
        Scripted.script["/online-dossiers"] = (200, {}, dumps({"items": [{**DOSSIER, "HoSoId": "another"}]}))
        report = SyncEngine(db, client, data_dir=tmp_path).run_once()
    assert report.pulled == 0 and report.error is None
    assert [(i["code"], i.get("reason")) for i in portal_sync.get(db, "inbox_skipped")] == [
        (DOSSIER["MaHoSo"], "code_taken")]
