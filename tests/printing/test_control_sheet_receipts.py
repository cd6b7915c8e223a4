"""The control sheet (Form 06), printed at return, lists each fee payment with its receipt's
identifiers (mẫu số, ký hiệu, số) or, while it has none, the receipt's state; a voided payment is
left out."""

import re
import subprocess
from datetime import datetime

from app.services.dossiers.forms import print_form
from app.services.dossiers.payments import record_payment, void_payment
from app.services.fees.receipts import PaperNumber
from app.services.intake.registration import FeeLine, register
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)


def test_control_sheet_prints_each_payments_receipt(db, tmp_path):
    code = register(db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 50000)])).code
    record_payment(db, OFFICER, code, 30000, "cash", at=MON, paper=PaperNumber("01BLP0-001", "BL-26P", "0000042"))
    record_payment(db, OFFICER, code, 15000, "transfer", reference="FT2632700001", at=MON.replace(hour=9))
    wrong = record_payment(db, OFFICER, code, 4000, "cash", at=MON.replace(hour=10))
    void_payment(db, OFFICER, wrong.payment_id, "Ghi nhầm", at=MON.replace(hour=10, minute=1))
    path = tmp_path / "control.pdf"
    path.write_bytes(print_form(db, OFFICER, "control", code, MON))
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    assert ("Phí, lệ phí đã nộp 30.000 đ (tiền mặt, 23/11/2026), biên lai: Mẫu số 01BLP0-001 Ký hiệu BL-26P "
            "Số 0000042.") in text
    assert ("Phí, lệ phí đã nộp 15.000 đ (chuyển khoản, 23/11/2026), biên lai: Chưa có số (chờ ghi số biên lai "
            "giấy).") in text
    assert "4.000 đ" not in text
