"""The report as a PDF: the figures as text (pdftotext), the charts as drawn objects (pdfium's
page objects and their colours), set in the Vietnamese serif only."""

from __future__ import annotations

import ctypes
import re
import subprocess
from collections import Counter
from datetime import date, datetime

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from app.domain.report import Counts, Report, ReportFilter
from app.formatting import percent
from printing.report_charts import PALETTE
from printing.report_pdf import write_report_pdf
from tests.printing.test_report_xlsx import seed_report

BLUE, ORANGE, GREEN = (f"#{c.hexval()[2:]}" for c in PALETTE[:3])


def text(path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def colours(path, page: int, stroke: bool = False) -> Counter:
    """How many path objects on a page are filled (or stroked) with each colour."""
    get = raw.FPDFPageObj_GetStrokeColor if stroke else raw.FPDFPageObj_GetFillColor
    found: Counter = Counter()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for obj in pdf[page - 1].get_objects():
            if obj.type == raw.FPDF_PAGEOBJ_PATH:
                r, g, b, a = (ctypes.c_uint() for _ in range(4))
                get(obj.raw, r, g, b, a)
                found[f"#{r.value:02x}{g.value:02x}{b.value:02x}"] += 1
    finally:
        pdf.close()
    return found


@pytest.fixture
def seed_pdf(tmp_path):
    return write_report_pdf(seed_report(), tmp_path / "bao-cao.pdf")


def test_percent_is_written_the_vietnamese_way():
    assert [percent(v) for v in (0.975, 1.0, 160 / 240, 0.05, 0, None)] == [
        "97,5 %", "100 %", "66,7 %", "5,0 %", "0 %", "–"]


def test_the_seed_articles_figures_are_printed(seed_pdf):
    page1 = text(seed_pdf, 1)
    assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT" in page1 and "HỒ SƠ THỦ TỤC HÀNH CHÍNH" in page1
    assert "SỞ VĂN HÓA, THỂ THAO VÀ DU" in page1 and "LỊCH TỈNH VĨNH LONG" in page1 and "Từ ngày 01/01/2021 đến ngày 30/06/2021" in page1
    assert "Phạm vi: toàn bộ hồ sơ của cơ quan." in page1
    for pattern in (r"Hồ sơ tiếp nhận trong kỳ\s+240\n", r"Nộp trực tuyến\s+221\s+92,1 %",
                    r"Nộp trực tiếp\s+12\s+5,0 %", r"Nộp qua bưu chính công ích\s+7\s+2,9 %",
                    r"Trước hạn và đúng hạn\s+240\s+100 %", r"Quá hạn\s+0\s+0 %",
                    r"Trả qua bưu chính công ích\s+160\s+66,7 %\s+kết quả đã trả"):
        assert re.search(pattern, page1), pattern
    whole = text(seed_pdf)
    for heading in ("I. SỐ LIỆU TỔNG HỢP", "II. THEO THÁNG", "III. QUA CÁC NĂM", "IV. THEO THỦ TỤC",
                    "V. THEO LĨNH VỰC", "VI. THEO CÁN BỘ", "VII. THEO QUẦY", "VIII. HÀNG CHỜ"):
        assert heading in whole
    assert re.search(r"Tổng cộng\s+240\s+221\s+12\s+7\s+92,1 %", whole)  # the months' total row
    assert re.search(r"2019\s+1.434\s+881\s+804\s+77\s+61,4 %", whole)  # Cần Thơ, thousands with a dot
    assert "1.001766 – Cấp giấy phép tổ chức" in whole and "Nguyễn Thị Lan (canbo)" in whole


def test_the_charts_are_drawn_with_vietnamese_labels(seed_pdf):
    page1, page2 = text(seed_pdf, 1), text(seed_pdf, 2)
    # Page 1: the channel pie's legend and the resolved bars' categories and values.
    for label in ("Trực tuyến: 221 (92,1 %)", "Trực tiếp: 12 (5,0 %)", "Qua bưu chính: 7 (2,9 %)"):
        assert label in page1
    assert re.search(r"Trước hạn\s+Đúng hạn\s+Quá hạn", page1) and re.search(r"\b188\b", page1.split("Chỉ tiêu")[1])
    fills = colours(seed_pdf, 1)
    assert fills[BLUE] >= 3 and fills[ORANGE] >= 2 and fills[GREEN] >= 3  # slices, swatches, bars
    # Page 2: a bar per month and series, and the years' shares written on their bars.
    assert all(f"{m:02d}/2021" in page2 for m in range(1, 7))
    assert "Hồ sơ tiếp nhận" in page2 and "Trong đó trực tuyến" in page2
    assert all(s in page2 for s in ("5,5 %", "17,5 %", "58,2 %", "61,4 %"))
    fills = colours(seed_pdf, 2)
    assert fills[BLUE] >= 6 + 4 and fills[ORANGE] >= 6  # months (received), years; months (online)
    # The queue: one line per group, hours on the axis.
    queue_page = next(p for p in range(1, 8) if "VIII. HÀNG CHỜ" in text(seed_pdf, p))
    queue = text(seed_pdf, queue_page)
    assert "A – Văn hóa – Thể thao" in queue and "B – Du lịch, gia đình" in queue
    assert re.search(r"7h\s+8h\s+9h\s+10h\s+11h\s+12h\s+13h\s+14h", queue)
    strokes = colours(seed_pdf, queue_page, stroke=True)
    assert strokes[BLUE] >= 1 and strokes[ORANGE] >= 1


def test_every_letter_is_set_in_the_vietnamese_serif(seed_pdf):
    """Chart labels included: a Helvetica label would print boxes for "ư", "ơ", "ạ"…"""
    fonts: Counter = Counter()
    pdf = pdfium.PdfDocument(str(seed_pdf))
    try:
        for page in pdf:
            for obj in page.get_objects():
                if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                    name = ctypes.create_string_buffer(128)
                    raw.FPDFFont_GetBaseFontName(raw.FPDFTextObj_GetFont(obj.raw), name, 128)
                    fonts[name.value.decode().split("+")[-1]] += 1
    finally:
        pdf.close()
    assert sum(fonts.values()) > 500, fonts
    assert all(name.startswith(("NotoSerif", "TimesNewRoman")) for name in fonts), fonts


def test_empty_queue_prints_a_sentence_not_a_chart(tmp_path):
    path = write_report_pdf(seed_report(queue=False), tmp_path / "r.pdf")
    whole = text(path)
    assert re.search(r"VIII\. HÀNG CHỜ\s+Không có vé xếp hàng trong kỳ báo cáo\.", whole)
    assert "A – Văn hóa" not in whole and "Trung bình" not in whole


def test_a_period_with_nothing_says_so_and_draws_no_chart(tmp_path):
    report = Report(filter=ReportFilter(date(2026, 1, 1), date(2026, 1, 31)), generated_at=datetime(2026, 2, 1, 8),
                    agency_name="Ủy ban nhân dân xã Vĩnh Lộc", unit_code="000.00.01.H56", total=Counts(),
                    by_month=[], by_procedure=[], by_sector=[], by_officer=[], by_counter=[], queue=[], years=[])
    path = write_report_pdf(report, tmp_path / "r.pdf")
    whole = text(path)
    assert "Không có hồ sơ tiếp nhận trong kỳ báo cáo." in whole
    assert "Không có hồ sơ giải quyết xong trong kỳ báo cáo." in whole
    assert "Không có số liệu các năm." in whole and "Không có vé xếp hàng trong kỳ báo cáo." in whole
    assert re.search(r"Hồ sơ tiếp nhận trong kỳ\s+0\n", whole) and re.search(r"Nộp trực tuyến\s+0\s+–", whole)
    drawn = sum(n for pages in range(1, len(pdfium.PdfDocument(str(path))) + 1)
                for c, n in colours(path, pages).items() if c in (BLUE, ORANGE, GREEN))
    assert drawn == 0


def test_filters_are_printed_in_words(tmp_path):
    report = seed_report()
    report.filter_labels = {"procedure": "Cấp giấy phép tổ chức biểu diễn nghệ thuật (1.001766)", "counter": "Quầy số 1"}
    page1 = text(write_report_pdf(report, tmp_path / "r.pdf"), 1)
    assert "Thủ tục: Cấp giấy phép tổ chức biểu diễn nghệ thuật (1.001766); Quầy: Quầy số 1." in page1


def test_failed_export_leaves_nothing(tmp_path):
    target = tmp_path / "la-thu-muc"
    target.mkdir()
    with pytest.raises(OSError):
        write_report_pdf(seed_report(), target)
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []


def test_a_year_of_an_empty_office_from_the_report_service(db, tmp_path):
    from app.domain.permissions import Actor
    from app.services.reports.report import build_report

    report = build_report(db, Actor.system(), ReportFilter(date(2025, 1, 1), date(2025, 12, 31)))
    whole = text(write_report_pdf(report, tmp_path / "r.pdf"))
    assert "Từ ngày 01/01/2025 đến ngày 31/12/2025" in whole
    assert "Không có hồ sơ tiếp nhận trong kỳ báo cáo." in whole  # twelve empty months: no chart
    assert re.search(r"Tổng cộng\s+0\s+0\s+0\s+0\s+–", whole)  # the months' table, shares "–"
    assert "Không có vé xếp hàng trong kỳ báo cáo." in whole
