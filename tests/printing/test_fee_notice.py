"""The fee notice: fee lines, payments and what is still owed; with a bank account, a VietQR code
for exactly the outstanding amount and the dossier code as message, read back from the PDF."""

import re
import subprocess
from datetime import datetime

import pytest

from app.cli.main import main
from app.domain.permissions import Actor
from app.domain.vietqr import parse
from app.errors import UserError
from app.services.dossiers.forms import print_form
from app.services.dossiers.payments import record_payment
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
BANK = {"bank.bin": "970436", "bank.account": "0011004455667", "bank.holder": "BỘ PHẬN MỘT CỬA"}


def read(tmp_path, pdf: bytes) -> tuple[str, list[str]]:
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile", "-png", str(path),
                    str(tmp_path / "notice")], check=True)
    codes = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "notice.png")],
                           capture_output=True, text=True).stdout.split()
    return text, codes


@pytest.fixture
def code(db):
    fees = [FeeLine("Lệ phí đăng ký thường trú", 20000), FeeLine("Phí cấp bản sao", 8000)]
    return register(db, OFFICER, request("1.004222", received_at=MON, fees=fees)).code


def test_notice_asks_for_what_is_still_owed_with_vietqr(db, code, tmp_path):
    change_settings(db, Actor.system(), BANK)
    record_payment(db, OFFICER, code, 8000, "cash", at=MON)
    text, codes = read(tmp_path, print_form(db, OFFICER, "fee_notice", code, MON))
    for needle in ("THÔNG BÁO NỘP PHÍ, LỆ PHÍ", f"Mã hồ sơ: {code}", "Lệ phí đăng ký thường trú 20.000 đ",
                   "Tổng cộng 28.000 đ", "Đã nộp (tiền mặt, 08:30 23/11/2026) Biên lai: Chưa có số (chờ ghi số biên lai "
                   "giấy) 8.000 đ", "Còn phải nộp 20.000 đ",
                   "số tài khoản 0011004455667", "chủ tài khoản BỘ PHẬN MỘT CỬA"):
        assert needle in text, needle
    assert code in codes  # the Code128 barcode
    qr = [parse(x) for x in codes if x.startswith("000201")]  # parse checks the CRC
    assert len(qr) == 1
    assert qr[0]["54"] == "20000" and qr[0]["62"] == f"08{len(code):02d}{code}" and "970436" in qr[0]["38"]


def test_paid_in_full_or_no_bank_account_prints_no_qr(db, code, tmp_path):
    text, codes = read(tmp_path, print_form(db, OFFICER, "fee_notice", code, MON))
    assert "Còn phải nộp 28.000 đ" in text and not [x for x in codes if x.startswith("000201")]
    change_settings(db, Actor.system(), BANK)
    record_payment(db, OFFICER, code, 28000, "transfer", reference="FT26327", at=MON)
    text, codes = read(tmp_path, print_form(db, OFFICER, "fee_notice", code, MON))
    # pdftotext may close up the narrow space in "0 đ"
    assert re.search("Còn phải nộp 0 ?đ", text) and "Hồ sơ đã nộp đủ phí, lệ phí." in text
    assert codes == [code]


def test_free_dossier_has_no_notice(db):
    free = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with pytest.raises(UserError, match="không phải nộp phí"):
        print_form(db, OFFICER, "fee_notice", free, MON)


def test_cli_prints_the_notice(db, code, tmp_path, data_dir, sqlite_url, capsys):
    out = tmp_path / "tb.pdf"
    assert main(["print", "fee-notice", code, "-o", str(out), "--db", sqlite_url]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "THÔNG BÁO NỘP PHÍ, LỆ PHÍ" in text and code in text


def test_each_payment_prints_its_receipt_and_a_voided_one_is_left_out(db, code, tmp_path):
    from app.services.dossiers.payments import void_payment
    from app.services.fees.receipts import PaperNumber

    record_payment(db, OFFICER, code, 8000, "cash", at=MON, paper=PaperNumber("01BLP0-001", "BL-26P", "0000042"))
    wrong = record_payment(db, OFFICER, code, 5000, "cash", at=MON.replace(hour=9))
    void_payment(db, OFFICER, wrong.payment_id, "Ghi nhầm số tiền", at=MON.replace(hour=9, minute=5))
    text, _ = read(tmp_path, print_form(db, OFFICER, "fee_notice", code, MON))
    assert ("Đã nộp (tiền mặt, 08:30 23/11/2026) Biên lai: Mẫu số 01BLP0-001 Ký hiệu BL-26P Số 0000042 8.000 đ"
            in text)
    assert "5.000 đ" not in text and "Còn phải nộp 20.000 đ" in text
