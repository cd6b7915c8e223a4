"""The payment slip: marked plainly as not a receipt while the receipt is not issued; once it is,
the receipt's identifiers in place of the mark. A voided payment has none. Read back by
pdftotext; the dossier code from its barcode (zbarimg)."""

import re
import subprocess
from datetime import datetime

import pytest

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import NotFound, PermissionDenied, UserError
from app.services.dossiers.payments import record_payment, void_payment
from app.services.fees.closing import payment_slip_pdf
from app.services.fees.receipts import PaperNumber, enter_paper_number
from app.services.intake.registration import FeeLine, register
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
MARK = "KHÔNG PHẢI BIÊN LAI THU PHÍ, LỆ PHÍ — biên lai sẽ được phát hành sau"


def read(tmp_path, pdf: bytes) -> tuple[str, str, list[str]]:
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                              check=True).stdout)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", "-png", str(path), str(tmp_path / "slip")],
                   check=True)
    codes = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "slip.png")], capture_output=True,
                           text=True).stdout.split()
    return text, info, codes


@pytest.fixture
def code(db):
    return register(db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 50000)])).code


def test_a_slip_before_the_receipt_says_it_is_not_one(db, code, tmp_path):
    paid = record_payment(db, OFFICER, code, 15000, "transfer", reference="FT2632700001", payer_name="Trần Thị Bé",
                          at=MON)
    text, info, codes = read(tmp_path, payment_slip_pdf(db, OFFICER, paid.payment_id))
    assert re.search(r"^Page size:\s+419.5\d* x 595.2\d* pts", info, re.M)  # A5 portrait
    assert re.search(r"^Pages:\s+1$", info, re.M)
    for needle in ("PHIẾU GHI NHẬN NỘP TIỀN", MARK, "Trạng thái biên lai: Chưa có số (chờ ghi số biên lai giấy).",
                   f"Mã hồ sơ: {code}", "Người nộp tiền: Trần Thị Bé", "Số tiền: 15.000 đ",
                   "Hình thức nộp: Chuyển khoản", "Mã giao dịch: FT2632700001",
                   "Thời điểm nộp: 08 giờ 30 phút, ngày 23/11/2026", "Nơi thu: Quầy số 1", "CÁN BỘ THU",
                   "Nguyễn Thị Mai"):
        assert needle in text, needle
    assert codes == [code]
    # The paper receipt's number typed later: the slip now prints it instead of the mark.
    enter_paper_number(db, OFFICER, paid.receipt_id, PaperNumber("01BLP0-001", "BL-26P", "0000007"))
    text, _, _ = read(tmp_path, payment_slip_pdf(db, OFFICER, paid.payment_id))
    assert "KHÔNG PHẢI BIÊN LAI" not in text
    assert "Biên lai thu phí, lệ phí đã phát hành: Mẫu số 01BLP0-001 Ký hiệu BL-26P Số 0000007" in text


def test_no_slip_for_a_voided_or_unknown_payment_or_a_guide(db, code):
    paid = record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    with pytest.raises(PermissionDenied):
        payment_slip_pdf(db, Actor(login="huongdan", role=Role.GUIDE, user_id=2), paid.payment_id)
    with pytest.raises(NotFound, match="Không có khoản nộp số 999"):
        payment_slip_pdf(db, OFFICER, 999)
    void_payment(db, OFFICER, paid.payment_id, "Ghi nhầm hồ sơ", at=MON.replace(hour=9))
    with pytest.raises(UserError, match="đã bị hủy"):
        payment_slip_pdf(db, OFFICER, paid.payment_id)
