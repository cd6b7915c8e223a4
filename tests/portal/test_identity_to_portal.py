"""How identity was checked travels to the portal (issue 20 §5): `TaiKhoanDuocXacThucVoiVNeID` and
`SoDinhDanh` in the DongBoHoSoMC record, checked by the sandbox portal, over real HTTP."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from app.domain.vocab import ApplicantKind, IdentityCheck
from app.portal import dvc_mapping as m
from app.portal.client import PortalClient
from app.portal.sync import SyncEngine
from app.services.intake.registration import Applicant, register
from tests.helpers.factories import OFFICER, citizen, procedure_code, request
from tests.portal.test_mapping import item

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.mark.parametrize("check, verified", [("vneid", True), ("card_qr", False), ("card_seen", False),
                                             ("passport", False), (None, False)])
def test_the_record_says_whether_vneid_verified_the_filer(check, verified):
    data = m.full_record(item("receive", None, 2, identity_check=check))
    assert data["TaiKhoanDuocXacThucVoiVNeID"] is verified
    assert data["SoDinhDanh"] == "079090012345"


def test_sodinhdanh_is_a_citizens_twelve_digits_only():
    assert m.full_record(item("receive", None, 2, applicant_kind=2, applicant_id_number="0101234567"))[
        "SoDinhDanh"] == ""
    assert m.full_record(item("receive", None, 2, applicant_id_number="CMND 025123456"))["SoDinhDanh"] == ""


def test_the_sandbox_refuses_a_malformed_identity(sandbox):
    record = {"MaHoSo": f"{sandbox.unit}-{NOW:%y%m%d}-0001", "MaTTHC": "2.000815", "ChuHoSo": "Trần Thị Bích",
              "TrangThaiHoSo": 2, "SoDinhDanh": "07909001234", "TaiKhoanDuocXacThucVoiVNeID": "có"}
    body = {"items": [{"Key": str(uuid.uuid4()), "HoSoId": str(uuid.uuid4()), "PhienBan": 1,
                       "DichVu": "DongBoHoSoMC", "isUpdating": False, "Data": record}]}
    with sandbox.client() as client:
        result = client.post("/api/v1/sync", json=body).json()["results"][0]
        assert result["result"] == "rejected"
        assert {f["field"] for f in result["fields"]} == {"SoDinhDanh", "TaiKhoanDuocXacThucVoiVNeID"}
        record.update(SoDinhDanh="079090012345", TaiKhoanDuocXacThucVoiVNeID=True)
        assert client.post("/api/v1/sync", json=body).json()["results"][0]["result"] == "applied"


def test_identity_check_reaches_the_portal(db, sandbox, tmp_path):
    code = procedure_code(db)
    vneid = register(db, OFFICER, request(code, NOW, identity_check=IdentityCheck.VNEID))
    qr = register(db, OFFICER, request(code, NOW, identity_check=IdentityCheck.CARD_QR,
                                       applicant=citizen(id_number="079190012345", sex="Nữ")))
    shop = register(db, OFFICER, request(code, NOW, applicant=Applicant(
        name="Hộ kinh doanh Bé Ba", kind=ApplicantKind.BUSINESS, id_number="086190012345")))
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as client:
        assert SyncEngine(db, client, batch=50, data_dir=tmp_path / "data").drain() == 3
    sent = {a["HoSoId"]: a["Data"] for a in sandbox.applied()}
    assert (sent[vneid.uuid]["TaiKhoanDuocXacThucVoiVNeID"], sent[vneid.uuid]["SoDinhDanh"]) == (True, "079090012345")
    assert (sent[qr.uuid]["TaiKhoanDuocXacThucVoiVNeID"], sent[qr.uuid]["SoDinhDanh"]) == (False, "079190012345")
    assert (sent[shop.uuid]["MaDoiTuong"], sent[shop.uuid]["SoDinhDanh"]) == ("086190012345", "")
