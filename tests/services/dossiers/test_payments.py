"""Fee payments: recorded with method, reference, time and officer, in the dossier's history;
never more than what is owed. With a bank account set, the receipt carries a VietQR code that a
banking app reads as a transfer of the exact amount with the dossier code as the message."""

import subprocess
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vietqr import parse
from app.errors import UserError
from app.services.dossiers.payments import record_payment
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from db.models import DossierEvent, DossierPayment, OutboxMessage
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def code(any_db):
    return register(any_db, OFFICER, request("1.000894", received_at=MON,
                                             fees=[FeeLine("Lệ phí", 30000), FeeLine("Phí bản sao", 8000)])).code


def test_payments_add_up_and_are_journaled(any_db, code):
    b = record_payment(any_db, OFFICER, code, 30000, "cash", at=MON)
    assert (b.due, b.paid, b.outstanding) == (38000, 30000, 8000)
    b = record_payment(any_db, OFFICER, code, 8000, "transfer", reference="FT2632712345", at=MON)
    assert b.outstanding == 0
    with any_db.reading() as s:
        pays = s.scalars(select(DossierPayment).order_by(DossierPayment.id)).all()
        events = s.scalars(select(DossierEvent).where(DossierEvent.action == "payment")).all()
        outbox = s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "payment")).all()
    assert [(p.method, p.amount, p.reference, p.recorded_by) for p in pays] == [
        ("cash", 30000, None, 1), ("transfer", 8000, "FT2632712345", 1)]
    assert {p.event_uuid for p in pays} == {e.uuid for e in events} == {o.event_uuid for o in outbox}


@pytest.mark.parametrize("amount, method, ref, needle", [
    (50000, "cash", None, "chỉ còn phải nộp 38.000 đ"), (0, "cash", None, "lớn hơn 0"),
    (1000, "bitcoin", None, "không có"), (1000, "transfer", "", "mã giao dịch"),
])
def test_bad_payments_are_refused(any_db, code, amount, method, ref, needle):
    with pytest.raises(UserError, match=needle):
        record_payment(any_db, OFFICER, code, amount, method, reference=ref)
    with any_db.reading() as s:
        assert s.scalars(select(DossierPayment)).all() == []


def test_receipt_vietqr_reads_back(db, tmp_path):
    change_settings(db, Actor.system(), {"bank.bin": "970436", "bank.account": "0011004455667",
                                         "bank.holder": "BỘ PHẬN MỘT CỬA"})
    code = register(db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 1000000)])).code
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, code, tmp_path).pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf),
                    str(tmp_path / "r")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "r.png")],
                           capture_output=True, text=True).stdout.split()
    qr = [x for x in found if x.startswith("000201")]
    assert len(qr) == 1
    fields = parse(qr[0])  # the CRC checks out, as a banking app requires
    assert fields["54"] == "1000000" and fields["62"] == f"08{len(code):02d}{code}"
    assert "0010A000000727" in fields["38"] and "970436" in fields["38"]
