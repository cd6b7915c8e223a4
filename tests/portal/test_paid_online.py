"""A fee paid online on the portal travels to the portal (issue 25 §2): a payment and a voided one are
full record updates whose record carries `DuocThanhToanTrucTuyen`, true while a payment "online"
not voided stands on the dossier at the change's moment. Pushed to the sandbox portal over real
HTTP and read back from what it applied."""

from __future__ import annotations

from datetime import datetime

from app.portal import dvc_mapping as m
from app.portal.client import PortalClient
from app.portal.sync import SyncEngine
from app.services.dossiers.payments import record_payment, void_payment
from app.services.intake.registration import FeeLine, register
from tests.helpers.factories import OFFICER, request
from tests.portal.test_mapping import item

MON = datetime(2026, 11, 23, 8, 30)


def test_a_payment_and_its_voiding_are_full_record_updates():
    for kind in ("payment", "payment_voided"):
        wire = m.push_item(item(kind, 2, 2, seq=2, paid_online=kind == "payment"))
        assert (wire["DichVu"], wire["isUpdating"]) == (m.REGISTER_SERVICE, True)
        assert wire["Data"][m.PAID_ONLINE] is (kind == "payment")
    assert m.full_record(item("receive", None, 2))[m.PAID_ONLINE] is False  # a record without it: not paid online


def _drain(db, sandbox, tmp_path) -> int:
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as client:
        return SyncEngine(db, client, batch=50, data_dir=tmp_path / "data").drain()


def test_the_portal_reads_paid_online_as_it_stood_at_each_change(db, sandbox, tmp_path):
    fees = [FeeLine("Lệ phí", 30000)]
    online = register(db, OFFICER, request("1.000894", received_at=MON, fees=fees))
    cash = register(db, OFFICER, request("1.000894", received_at=MON, fees=fees))
    paid = record_payment(db, OFFICER, online.code, 20000, "online", "DVC-2611-0001", at=MON.replace(hour=9))
    record_payment(db, OFFICER, online.code, 10000, "cash", at=MON.replace(hour=10))
    record_payment(db, OFFICER, cash.code, 30000, "cash", at=MON.replace(hour=9))
    assert _drain(db, sandbox, tmp_path) == 5
    void_payment(db, OFFICER, paid.payment_id, "Cổng hoàn tiền giao dịch", at=MON.replace(hour=11))
    assert _drain(db, sandbox, tmp_path) == 1
    # Each change as the portal applied it: its service, and the flag as the dossier stood then.
    assert [(a["Data"]["TrangThaiHoSo"], a["DichVu"], a["Data"][m.PAID_ONLINE]) for a in sandbox.applied(online.uuid)] == [
        (2, m.REGISTER_SERVICE, False), (2, m.REGISTER_SERVICE, True), (2, m.REGISTER_SERVICE, True),
        (2, m.REGISTER_SERVICE, False)]
    assert [a["Data"][m.PAID_ONLINE] for a in sandbox.applied(cash.uuid)] == [False, False]


def test_the_sandbox_refuses_a_paid_online_flag_that_is_not_true_or_false(sandbox):
    import uuid

    record = {"MaHoSo": f"{sandbox.unit}-{MON:%y%m%d}-0001", "MaTTHC": "2.000815", "ChuHoSo": "Trần Thị Bích",
              "TrangThaiHoSo": 2, m.PAID_ONLINE: "có"}
    body = {"items": [{"Key": str(uuid.uuid4()), "HoSoId": str(uuid.uuid4()), "PhienBan": 1,
                       "DichVu": m.REGISTER_SERVICE, "isUpdating": False, "Data": record}]}
    with sandbox.client() as client:
        result = client.post("/api/v1/sync", json=body).json()["results"][0]
        assert result["result"] == "rejected"
        assert {f["field"] for f in result["fields"]} == {m.PAID_ONLINE}
        record[m.PAID_ONLINE] = True
        assert client.post("/api/v1/sync", json=body).json()["results"][0]["result"] == "applied"
