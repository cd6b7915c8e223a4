"""The closing as the accountant reads it: one A4 page whatever the number of payments (totals by
method and procedure, the receipts' number range, the count without an issued receipt, both
signatures), the figures and Vietnamese words read back by pdftotext, fonts embedded (no tofu);
the XLSX holds every payment."""

import io
import re
import subprocess
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.services.dossiers.payments import record_payment
from app.services.fees.closing import close_counter, closing_pdf, closing_xlsx, correct_closing
from app.services.fees.receipts import PaperNumber
from app.services.intake.registration import FeeLine, register
from db.models import Procedure
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 7, 30)
METHODS = ("cash", "transfer", "online")


def pdf_facts(tmp_path, pdf: bytes) -> tuple[str, str, str]:
    path = tmp_path / "closing.pdf"
    path.write_bytes(pdf)

    def run(*args):
        return subprocess.run([*args, str(path), *(["-"] if args[0] == "pdftotext" else [])], capture_output=True,
                              text=True, check=True).stdout

    return re.sub(r"\s+", " ", run("pdftotext")), run("pdfinfo"), run("pdffonts")


def take_payments(db, n: int, procedures: int) -> None:
    """n payments at counter 1, rotating over methods and `procedures` procedures; two in three
    with a paper receipt numbered 1, 2 … (the cash ones have none yet)."""
    with db.reading() as s:
        codes = s.scalars(select(Procedure.code).order_by(Procedure.id).limit(procedures)).all()
    for i in range(n):
        at = MON + timedelta(minutes=2 * i)
        amount = 15000 + 1000 * (i % 7)
        code = register(db, OFFICER, request(codes[i % len(codes)], received_at=at,
                                             fees=[FeeLine("Lệ phí", amount)])).code
        paper = PaperNumber("01BLP0-001", "BL-26P", f"{i:07d}") if i % 3 else None
        record_payment(db, OFFICER, code, amount, METHODS[i % 3], reference=f"FT{i:08d}" if i % 3 else None,
                       at=at, paper=paper)


def test_a_small_closing_reads_back(db, tmp_path):
    take_payments(db, 6, 2)  # cash 15.000 + 18.000, transfers 16.000 + 19.000, online 17.000 + 20.000
    view = close_counter(db, OFFICER, 1, 30000, note="Thiếu 3.000 đ tiền lẻ", at=MON + timedelta(hours=9))
    text, info, fonts = pdf_facts(tmp_path, closing_pdf(db, OFFICER, view.id))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    for needle in ("BẢNG CHỐT SỔ THU PHÍ, LỆ PHÍ", "Quầy số 1 · Ngày làm việc 23/11/2026 · Chốt sổ lúc 16:30 23/11/2026",
                   "Kỳ chốt sổ: từ 07:30 23/11/2026 đến 07:40 23/11/2026",
                   "Tiền mặt 2 33.000 đ", "Chuyển khoản 2 35.000 đ", "Thanh toán trực tuyến trên cổng 2 37.000 đ",
                   "Tổng cộng 6 105.000 đ", "Tiền mặt thu theo sổ 33.000 đ", "Tiền mặt đếm được 30.000 đ",
                   "Thiếu 3.000 đ", "Mẫu số 01BLP0-001 Ký hiệu BL-26P: từ số 0000001 đến số 0000005 (4 biên lai)",
                   "Số khoản nộp chưa có biên lai đã phát hành: 2", "trang thứ hai của tệp XLSX",
                   "Ghi chú: Thiếu 3.000 đ tiền lẻ", "NGƯỜI CHỐT SỔ", "KẾ TOÁN / NGƯỜI KIỂM TRA", "Nguyễn Thị Mai"):
        assert needle in text, needle
    assert "■" not in text
    faces = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert faces and all(" yes yes yes " in line for line in faces), fonts  # embedded, subset, unicode map

    book = load_workbook(io.BytesIO(closing_xlsx(db, OFFICER, view.id)))
    assert book.sheetnames == ["Tổng hợp", "Các khoản nộp"]
    rows = list(book["Các khoản nộp"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Thời gian", "Mã hồ sơ")
    assert [(r[0], r[1], r[5], r[7], r[8]) for r in rows[1:3]] == [
        (1, MON, "Tiền mặt", 15000, "Chưa có số (chờ ghi số biên lai giấy)"),
        (2, MON + timedelta(minutes=2), "Chuyển khoản", 16000, "Mẫu số 01BLP0-001 Ký hiệu BL-26P Số 0000001")]
    assert rows[2][6] == "FT00000001"
    assert rows[-1][6:8] == ("Tổng cộng", "=SUM(H2:H7)")
    summary = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0]}
    assert (summary["Tiền mặt đếm được (đồng)"], summary["Chênh lệch (đồng, đếm được − theo sổ)"]) == (30000, -3000)


def test_three_hundred_payments_over_forty_procedures_fit_one_page(db, tmp_path):
    take_payments(db, 300, 40)
    view = close_counter(db, OFFICER, 1, 5_000_000, note="Ghi chú dài " * 40, at=MON + timedelta(hours=11))
    text, info, _ = pdf_facts(tmp_path, closing_pdf(db, OFFICER, view.id))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert "Tổng cộng 300 5.397.000 đ" in text
    assert re.search(r"Các thủ tục khác \(\d+ thủ tục\)", text)
    assert "từ số 0000001 đến số 0000299 (200 biên lai)" in text
    assert "Danh sách từng khoản nộp (300 khoản" in text
    assert "NGƯỜI CHỐT SỔ" in text and "KẾ TOÁN / NGƯỜI KIỂM TRA" in text
    book = load_workbook(io.BytesIO(closing_xlsx(db, OFFICER, view.id)))
    assert book["Các khoản nộp"].max_row == 302  # headings, 300 payments, the total


def test_a_correction_prints_what_it_corrects(db, tmp_path):
    take_payments(db, 3, 1)
    view = close_counter(db, OFFICER, 1, 10000, at=MON + timedelta(hours=9))  # cash 15.000: 5.000 short
    fix = correct_closing(db, OFFICER, view.id, 5000, "Tìm thấy 5.000 đ kẹt trong ngăn kéo", at=MON + timedelta(days=1))
    text, info, _ = pdf_facts(tmp_path, closing_pdf(db, OFFICER, fix.id))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    for needle in ("PHIẾU ĐIỀU CHỈNH CHỐT SỔ THU PHÍ, LỆ PHÍ", f"Số {view.id}, quầy số 1, ngày 23/11/2026",
                   "Chênh lệch khi chốt sổ Thiếu 5.000 đ", "Số tiền điều chỉnh +5.000 đ",
                   "Chênh lệch còn lại Khớp", "Lý do: Tìm thấy 5.000 đ kẹt trong ngăn kéo"):
        assert needle in text, needle
    # The closing itself now says it was made up; the counter's next closing lists the correction.
    text, _, _ = pdf_facts(tmp_path, closing_pdf(db, OFFICER, view.id))
    assert "Đã điều chỉnh sau khi chốt: +5.000 đ; chênh lệch còn lại khớp" in text
    take_payments(db, 1, 1)
    nxt = close_counter(db, OFFICER, 1, 15000, at=MON + timedelta(days=1, hours=9))
    text, _, _ = pdf_facts(tmp_path, closing_pdf(db, OFFICER, nxt.id))
    assert ("ghi nhận từ lần chốt sổ trước đến nay: 1 điều chỉnh, cộng +5.000 đ (đã giao kế toán, không tính vào "
            "tiền mặt của lần chốt này)") in text
    assert f"Ngày 24/11/2026, điều chỉnh lần chốt sổ số {view.id}: +5.000 đ; lý do: Tìm thấy 5.000 đ" in text
    assert "Chênh lệch (đếm được − theo sổ) Khớp" in text


@pytest.mark.parametrize("who", ["guide"])
def test_only_fee_people_see_a_closing(db, who):
    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.errors import PermissionDenied

    take_payments(db, 1, 1)
    view = close_counter(db, OFFICER, 1, 15000, at=MON + timedelta(hours=9))
    with pytest.raises(PermissionDenied):
        closing_pdf(db, Actor(login="huongdan", role=Role.GUIDE, user_id=2), view.id)
