"""The fee report's exports (printing/report_fees.py): the PDF read back with pdftotext and
pdffonts, the workbook with openpyxl, over the payments of tests/helpers/fee_report.py."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.fee_report import RULES
from app.domain.permissions import Actor
from app.services.reports.fees import fee_report
from db.models import Procedure
from printing.report_fees import fee_report_pdf, fee_report_xlsx
from tests.helpers.fee_report import END, MARRIAGE, NOW, START, build_fees

LONG_REASON = ("Người nộp đề nghị ghi lại họ tên theo căn cước mới cấp sau khi sắp xếp đơn vị hành chính, "
               "kèm địa chỉ thường trú tại phường Long Châu tỉnh Vĩnh Long cuối cùng")


@pytest.fixture
def report(db):
    codes = build_fees(db)
    r = fee_report(db, Actor.system(), START, END, now=NOW)
    with db.reading() as s:
        name = s.scalar(select(Procedure.name).where(Procedure.code == MARRIAGE))
    # A reason longer than its column: wrapped over lines, never cut.
    r = replace(r, cancelled=[replace(r.cancelled[0], reason=LONG_REASON)])
    return r, codes, name


def pdf_text(data: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "bc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_the_pdf_says_every_figure_in_vietnamese(report, tmp_path):
    r, codes, procedure_name = report
    data = fee_report_pdf(r)
    text = pdf_text(data, tmp_path, "-layout")
    assert data.startswith(b"%PDF")
    for line in ("BÁO CÁO THU PHÍ, LỆ PHÍ", "Từ ngày 01/10/2026 đến ngày 30/11/2026", "Tổng số tiền đã thu",
                 "123.000 đ", "2 khoản, 22.000 đ", "16,7 % (1/6 hồ sơ có phí, lệ phí)", "Quầy 1 – Quầy số 1",
                 "Thanh toán trực tuyến trên cổng", "Không rõ người thu", "TỶ LỆ HỒ SƠ THANH TOÁN TRỰC TUYẾN (CHỈ SỐ 3.6)",
                 "Đỗ Văn Khoa (canbo2)"):
        assert line in text, line
    for code in (codes["D2"], codes["D3"], codes["D4"], codes["D7"]):
        assert code in text  # on one line, never broken at a hyphen
    # Nothing cut: every word of the long texts is on the page, in order (a cell's lines are drawn
    # one after the other: pdftotext -raw reads them so).
    flowing = " ".join(words(pdf_text(data, tmp_path, "-raw")))
    for long_text in (procedure_name, LONG_REASON, "Chưa có số (chờ ghi số biên lai giấy)", "Nhà cung cấp từ chối: sai mã số thuế",
                      "Cổng báo giao dịch không thành công"):
        assert " ".join(words(long_text)) in flowing, long_text
    rules = words(RULES)  # over a page break, the page's foot between its two halves
    assert " ".join(rules[:40]) in flowing and " ".join(rules[-40:]) in flowing
    fonts = subprocess.run(["pdffonts", str(tmp_path / "bc.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts  # the serif fonts with Vietnamese letters, embedded
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # "emb" column


def test_an_empty_period_prints_its_words(db, tmp_path):
    build_fees(db)
    r = fee_report(db, Actor.system(), date(2026, 1, 1), date(2026, 1, 31), now=NOW)
    text = pdf_text(fee_report_pdf(r), tmp_path, "-layout")
    for line in ("Không có khoản nộp nào trong kỳ báo cáo.", "Không có biên lai nào chờ phát hành.",
                 "Không có biên lai nào bị hủy trong kỳ báo cáo.", "Không có khoản nộp nào bị hủy."):
        assert line in text
    book = load_workbook(io.BytesIO(fee_report_xlsx(r)))
    assert book["Biên lai chưa phát hành"]["A5"].value == "Không có biên lai nào chờ phát hành."


def test_the_workbook_has_a_sheet_per_table(report):
    r, codes, procedure_name = report
    book = load_workbook(io.BytesIO(fee_report_xlsx(r)))
    assert book.sheetnames == ["Tổng hợp", "Theo hình thức nộp tiền", "Theo hình thức nộp hồ sơ", "Theo tháng",
                               "Theo thủ tục", "Theo quầy", "Theo cán bộ thu", "Thanh toán trực tuyến",
                               "Biên lai chưa phát hành", "Biên lai đã hủy", "Khoản nộp đã hủy"]
    summary = {row[0].value: row[1].value for row in book["Tổng hợp"].iter_rows(min_row=5, max_row=10)}
    assert summary["Tổng số tiền đã thu"] == "123.000 đ"
    method = [[c.value for c in row] for row in book["Theo hình thức nộp tiền"].iter_rows(min_row=4)]
    assert method == [["Mã", "Hình thức nộp tiền", "Số khoản", "Số tiền"],
                      ["cash", "Tiền mặt", 2, 25_000], ["transfer", "Chuyển khoản", 3, 68_000],
                      ["online", "Thanh toán trực tuyến trên cổng", 1, 30_000],
                      [None, "Tổng cộng", "=SUM(C5:C7)", "=SUM(D5:D7)"]]
    proc = [[c.value for c in row] for row in book["Theo thủ tục"].iter_rows(min_row=5)]
    assert proc[0][:2] == [MARRIAGE, f"{MARRIAGE} – {procedure_name}"] and proc[0][2:] == [2, 65_000]
    online = [[c.value for c in row] for row in book["Thanh toán trực tuyến"].iter_rows(min_row=5)]
    assert online[1][:3] == ["Trực tuyến", 2, 1] and online[-1] == ["Tổng cộng", "=SUM(B5:B7)", "=SUM(C5:C7)",
                                                                      '=IF(B8=0,"",C8/B8)']
    waiting = [[c.value for c in row] for row in book["Biên lai chưa phát hành"].iter_rows(min_row=5)]
    assert [(w[0], w[1], w[2], w[5]) for w in waiting] == [
        (codes["D2"], "Chờ phát hành", 10_000, 32), (codes["D2"], "Chưa có số (chờ ghi số biên lai giấy)", 10_000, 31),
        (codes["D3"], "Bị từ chối phát hành", 30_000, 23)]
    cancelled = book["Biên lai đã hủy"]
    assert cancelled["F5"].value == LONG_REASON and cancelled["F5"].alignment.wrap_text  # whole, wrapped
    voided = [[c.value for c in row] for row in book["Khoản nộp đã hủy"].iter_rows(min_row=5)]
    assert [(v[0], v[2], v[5]) for v in voided] == [(codes["D4"], 10_000, "Ghi nhầm hồ sơ"),
                                                    (codes["D7"], 12_000, "Cổng báo giao dịch không thành công")]
