"""The citizen's guide as printed: one A4 page read back with pdftotext (Vietnamese name, steps,
documents, fee in đồng, the address) and zbarimg (the QR code opens that address)."""

import re
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import NotFound
from app.services.guide.guidance import guide_sheet_data, print_guide_sheet
from app.services.settings.store import change_setting
from printing.guide_sheet import SheetDocument, guide_sheet_pdf

NOW = datetime(2026, 11, 23, 9, 30)
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=2)
PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def text_of(pdf) -> str:
    return re.sub(r"\s+", " ", run("pdftotext", str(pdf), "-"))


def pages(pdf) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])


def qr_codes(pdf) -> list[str]:
    png = pdf.with_suffix("")
    run("pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png) + ".png"], capture_output=True, text=True).stdout
    return out.split()


def test_a_level_4_guide_is_one_page_with_steps_documents_fee_and_qr(db, tmp_path):
    pdf = print_guide_sheet(db, GUIDE, "1.001029", tmp_path, NOW)  # karaoke licence: six fee tiers
    assert pdf == tmp_path / "guides" / "1.001029.pdf"
    assert pages(pdf) == 1
    text = text_of(pdf)
    for needle in ("HƯỚNG DẪN NỘP HỒ SƠ THỦ TỤC HÀNH CHÍNH", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
                   "Mã thủ tục: 1.001029", "nộp được trực tuyến", "mức độ 4, toàn trình",
                   "1. CÁC BƯỚC NỘP HỒ SƠ TRỰC TUYẾN", "Quét mã QR bằng camera điện thoại", "VNeID", "Đính kèm ảnh chụp",
                   "Nộp phí, lệ phí trực tuyến", "Tra cứu hồ sơ", "2. GIẤY TỜ CẦN CHUẨN BỊ",
                   "Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Bắt buộc", "Nếu có",
                   "3. PHÍ, LỆ PHÍ", "4.000.000 đ", "Thời gian giải quyết: 05 ngày làm việc",
                   PORTAL + "1.001029", "In ngày 23/11/2026"):
        assert needle in text, needle
    assert qr_codes(pdf) == [PORTAL + "1.001029"]


def test_the_fee_waived_online_says_so(db, tmp_path):
    with db.reading() as s:
        data = guide_sheet_data(s, "1.001193", NOW)
    fee = replace(data.fees[0], amount=8000, online_amount=0)
    pdf = tmp_path / "birth.pdf"
    guide_sheet_pdf(replace(data, fees=(fee,)), pdf)
    assert "Lệ phí đăng ký khai sinh: 8.000 đ (miễn khi nộp trực tuyến)" in text_of(pdf)


def test_the_office_s_own_portal_address_is_printed_and_encoded(db, tmp_path):
    change_setting(db, Actor.system(), "guide.online_url", "https://dichvucong.vinhlong.gov.vn/nop?thu_tuc={code}")
    pdf = print_guide_sheet(db, GUIDE, "1.004222", tmp_path, NOW)
    assert "https://dichvucong.vinhlong.gov.vn/nop?thu_tuc=1.004222" in text_of(pdf)
    assert qr_codes(pdf) == ["https://dichvucong.vinhlong.gov.vn/nop?thu_tuc=1.004222"]


def test_a_counter_only_procedure_sends_the_citizen_to_the_counter_without_qr(db, tmp_path):
    pdf = print_guide_sheet(db, GUIDE, "2.009201", tmp_path, NOW)  # level 2
    text = text_of(pdf)
    assert "chưa nộp được trực tuyến" in text and "1. CÁC BƯỚC NỘP HỒ SƠ TẠI QUẦY" in text
    assert "Đến nộp hồ sơ tại" in text and "50.000 đ" in text
    assert "dichvucong.gov.vn" not in text and "VNeID" not in text
    assert qr_codes(pdf) == []


def test_many_long_documents_still_fit_one_page_with_a_readable_qr(db, tmp_path):
    with db.reading() as s:
        data = guide_sheet_data(s, "1.001193", NOW)
    docs = tuple(SheetDocument(f"Giấy tờ số {i:02d}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, "
                               "quyền sở hữu nhà ở và tài sản khác gắn liền với đất", 1, 2, i % 3 == 0,
                               "Xuất trình bản chính để đối chiếu") for i in range(1, 41))
    pdf = tmp_path / "long.pdf"
    guide_sheet_pdf(replace(data, documents=docs), pdf)
    assert pages(pdf) == 1
    text = text_of(pdf)
    assert "Giấy tờ số 01" in text and "giấy tờ khác: xem đầy đủ" in text  # the rest is pointed to
    assert "Thời gian giải quyết" in text  # the end of the sheet is still there
    assert qr_codes(pdf) == [PORTAL + "1.001193"]


def test_a_handful_of_documents_are_all_listed(db, tmp_path):
    with db.reading() as s:
        data = guide_sheet_data(s, "1.001193", NOW)
    docs = tuple(SheetDocument(f"Giấy tờ số {i:02d}", 1, 0, True) for i in range(1, 13))
    pdf = tmp_path / "twelve.pdf"
    guide_sheet_pdf(replace(data, documents=docs), pdf)
    text = text_of(pdf)
    assert pages(pdf) == 1 and "Giấy tờ số 12" in text and "giấy tờ khác" not in text


def test_only_embedded_fonts(db, tmp_path):
    pdf = print_guide_sheet(db, GUIDE, "1.001193", tmp_path, NOW)
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all(" yes yes yes " in r for r in rows), rows


def test_unknown_procedure_is_not_found(db, tmp_path):
    with pytest.raises(NotFound, match="9.999999"):
        print_guide_sheet(db, GUIDE, "9.999999", tmp_path, NOW)
    assert not (tmp_path / "guides").exists()
