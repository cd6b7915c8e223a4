"""Signed documents reach the real sandbox portal over HTTP (docs/signing.md "Gửi đi"): an online
dossier's signed e-receipt in the record's list of other files with its kind, a signed copy or
result in place of its unsigned file; read back from the portal, the bytes are the signed PDF and
`pdfsig` finds the signature valid and trusted; once only, across a dropped upload and a lost
answer."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.portal.client import PortalClient
from app.portal.contract import PortalUnavailable
from app.portal.sync import SyncEngine
from app.services.dossiers.digitization import FileInput, attach_result, record_digitization
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import Dossier, DossierFile, OutboxMessage, PortalFile
from tests.helpers.factories import OFFICER, citizen, request
from tests.helpers.pki import make_pki
from tests.services.signing.delivery_kit import MARRIAGE, MON, pdfsig, plain_pdf, sign, signed_pdf


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=10.0) as c:
        yield c


@pytest.fixture
def engine(db, client, data_dir):
    return SyncEngine(db, client, batch=50, data_dir=data_dir)


def from_portal(sandbox, engine, db) -> str:
    """An online dossier filed at the sandbox portal, pulled and received here."""
    [item] = sandbox.file_online(1, procedure=MARRIAGE)
    assert engine.pull() == 1
    act(db, OFFICER, item["MaHoSo"], Action.RECEIVE, Facts(at=MON))
    return item["MaHoSo"]


def record(sandbox, code: str) -> dict:
    with sandbox.client() as http:
        r = http.get(f"/api/v1/dossiers/{code}")
        r.raise_for_status()
        return r.json()


def fetched(sandbox, link: str) -> bytes:
    """The file as anyone with the office's token reads it from the portal, over HTTP."""
    r = httpx.get(f"{sandbox.url}{link}", headers=sandbox.headers, timeout=10.0)
    r.raise_for_status()
    return r.content


def states(db, code: str) -> list[tuple[str, str]]:
    with db.reading() as s:
        return list(s.execute(select(OutboxMessage.kind, OutboxMessage.state).join(Dossier)
                              .where(Dossier.code == code).order_by(OutboxMessage.id)))


def test_the_portal_receives_the_signed_e_receipt(db, engine, sandbox, data_dir, pki, tmp_path):
    code = from_portal(sandbox, engine, db)
    signed = signed_pdf(pki)
    uuid = sign(db, data_dir, code, "receipt", signed)
    engine.drain()
    assert states(db, code) == [("receive", "sent"), ("signed_document", "sent")]
    [other] = record(sandbox, code)["DanhSachTepDinhKemKhac"]
    assert (other["LoaiGiayTo"], other["SHA256"], other["TenTep"], other["LoaiTep"], other["KichThuoc"]) == (
        "MAU01", sha(signed), f"giay-tiep-nhan-{code}.pdf", "application/pdf", len(signed))
    got = fetched(sandbox, other["DuongDanTaiTepTin"])
    assert got == signed
    report = pdfsig(got, tmp_path, pki.nss_db())
    assert "Signature is Valid." in report and "Certificate is Trusted." in report
    [item] = [a for a in sandbox.applied() if a["Key"] == uuid]
    assert (item["DichVu"], item["PhienBan"], item["Data"]["TrangThaiHoSo"]) == ("DongBoHoSoMC", 2, 2)


def test_a_signed_copy_takes_the_place_of_the_unsigned_one(db, engine, sandbox, data_dir, pki, tmp_path):
    scan = plain_pdf("To khai (ban quet)")
    code = register(db, OFFICER, request(MARRIAGE, MON, applicant=citizen())).code
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(scan, "to-khai.pdf", 1)],
                        data_dir=data_dir)
    engine.drain()
    assert record(sandbox, code)["TaiLieuNop"][0]["DuongDanTaiTepTin"] == f"/api/v1/files/{sha(scan)}"
    with db.reading() as s:
        f = s.scalars(select(DossierFile).join(Dossier).where(Dossier.code == code)).one()
    signed = signed_pdf(pki, "To khai (ban quet, da ky)")
    sign(db, data_dir, code, "intake", signed, dossier_file_id=f.id, source_sha256=f.sha256)
    engine.drain()
    line = record(sandbox, code)["TaiLieuNop"][0]
    assert (line["TepDinhKemId"], line["DuongDanTaiTepTin"]) == (sha(signed), f"/api/v1/files/{sha(signed)}")
    assert [(x["SHA256"], x["TenTep"], x["KichThuoc"]) for x in line["DanhSachTepDinhKem"]] == [
        (sha(signed), "to-khai.pdf", len(signed))]
    assert line["DuocSoHoa"] == 1
    assert "DanhSachTepDinhKemKhac" not in record(sandbox, code)  # a copy is no form
    got = fetched(sandbox, line["DuongDanTaiTepTin"])
    assert got == signed and "Signature is Valid." in pdfsig(got, tmp_path, pki.nss_db())

    # A result file the same way, in DanhSachGiayToKetQua.
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)
    attach_result(db, OFFICER, code, [FileInput(plain_pdf("Giay chung nhan"), "giay-chung-nhan.pdf")], data_dir)
    with db.reading() as s:
        f = s.scalars(select(DossierFile).join(Dossier).where(Dossier.code == code, DossierFile.kind == "result")).one()
    result = signed_pdf(pki, "Giay chung nhan (da ky)")
    sign(db, data_dir, code, "result", result, dossier_file_id=f.id, source_sha256=f.sha256)
    engine.drain()
    [r] = record(sandbox, code)["DanhSachGiayToKetQua"]
    assert (r["GiayToId"], r["TenGiayTo"], r["DuongDanTepTinKetQua"]) == (
        sha(result), "giay-chung-nhan.pdf", f"/api/v1/files/{sha(result)}")
    assert fetched(sandbox, r["DuongDanTepTinKetQua"]) == result
    assert all(state == "sent" for _, state in states(db, code))


def test_once_across_a_dropped_upload_and_a_lost_answer(db, engine, sandbox, data_dir, pki, tmp_path):
    code = from_portal(sandbox, engine, db)
    engine.drain()  # the receipt of the dossier is on the portal before the form is signed
    signed = signed_pdf(pki) + b"\n" * 300_000  # big enough to be cut in the middle (a comment after %%EOF)
    uuid = sign(db, data_dir, code, "receipt", signed)

    sandbox.faults(drop_upload=1.0)
    engine.drain()
    assert states(db, code)[-1] == ("signed_document", "pending")
    with db.reading() as s:
        assert s.get(PortalFile, sha(signed)).state == "pending"
    uploads = {f["sha256"]: f for f in sandbox._admin("GET", "files")["items"]}
    assert 0 < uploads[sha(signed)]["offset"] < len(signed)  # the portal kept half

    sandbox.reset_faults()
    with db.reading() as s:
        dossier_id = s.scalar(select(Dossier.id).where(Dossier.code == code))
    assert engine.send_files([dossier_id]) == {}  # the upload resumes where the portal stopped
    sandbox.faults(drop_after=1.0)  # the portal applies the record, and its answer is lost on the way
    with pytest.raises(PortalUnavailable):
        engine.drain()
    assert states(db, code)[-1] == ("signed_document", "pending")
    assert [a["Key"] for a in sandbox.applied() if a["Key"] == uuid] == [uuid]  # applied, unbeknown to us
    sandbox.reset_faults()
    engine.drain()
    assert sandbox.stats()["duplicates"] == 1  # sent again, answered "duplicate", applied nothing
    assert states(db, code) == [("receive", "sent"), ("signed_document", "sent")]
    assert [a["PhienBan"] for a in sandbox.applied() if a["Key"] == uuid] == [2]  # applied once
    got = {f["sha256"]: f for f in sandbox._admin("GET", "files")["items"]}[sha(signed)]
    assert got["complete"] and got["bytes_received"] == len(signed)  # resumed: no byte sent twice
    assert engine.drain() == 0  # nothing left to send, nothing sent again
    [other] = record(sandbox, code)["DanhSachTepDinhKemKhac"]
    data = fetched(sandbox, other["DuongDanTaiTepTin"])
    assert data == signed and "Signature is Valid." in pdfsig(data, tmp_path, pki.nss_db())
