"""The satisfaction ratings and notices in the report's exports (printing/report_satisfaction.py):
the workbook read back with openpyxl, the PDF with pdftotext, and `motcua report` carrying them
(JSON, Excel, PDF, and its --officer filter), over the hand-counted figures of
tests/helpers/satisfaction.py."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from app.cli.main import main
from app.domain.permissions import Actor
from app.services.reports.report import build_report
from app.services.reports.satisfaction import build_satisfaction
from printing.report_pdf import write_report_pdf
from printing.report_xlsx import write_report_xlsx
from tests.helpers.satisfaction import MARRIAGE, NOW, PERIOD, build_ratings

OCT_NOV = ("--from", "01/10/2026", "--to", "30/11/2026")


@pytest.fixture
def rated(db):
    build_ratings(db)
    return db


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_workbook_carries_a_sheet_of_formulas(rated, tmp_path):
    report = build_report(rated, Actor.system(), PERIOD, now=NOW)
    book = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx",
                                           build_satisfaction(rated, Actor.system(), PERIOD)))
    ws = book["Hài lòng"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert cells[2][0] == "Tỷ lệ hài lòng trở lên: 50,0 % (3/6 đánh giá; điểm trung bình 3,33)"
    heads = next(r for r in cells if r[0] == "Tên đăng nhập")
    assert heads[:14] == ["Tên đăng nhập", "Họ tên", "Đề nghị đánh giá", "Đã đánh giá", "Không đánh giá", "Đang chờ",
                          "5 – Rất hài lòng", "4 – Hài lòng", "3 – Bình thường", "2 – Không hài lòng",
                          "1 – Rất không hài lòng", "Hài lòng trở lên", "Tỷ lệ hài lòng trở lên", "Điểm trung bình"]
    canbo = next(r for r in cells if r[0] == "canbo")
    r = cells.index(canbo) + 1
    assert canbo[1:11] == ["Nguyễn Thị Mai", 4, 3, 1, 0, 1, 1, 0, 1, 0]
    assert canbo[11:14] == [f"=G{r}+H{r}", f'=IF(D{r}=0,"",L{r}/D{r})',
                            f'=IF(D{r}=0,"",(5*G{r}+4*H{r}+3*I{r}+2*J{r}+1*K{r})/D{r})']
    assert next(x for x in cells if x[0] == MARRIAGE)[2:4] == [2, 2]
    assert next(x for x in cells if x[0] == "staff_attitude")[1:3] == ["Thái độ của cán bộ", 2]
    email = next(x for x in cells if x[0] == "email")
    assert email[2:8] == [4, 2, 0, 1, 0, 1]  # written, sent, delivered, failed, cancelled, pending
    totals = [x for x in cells if x[0] == "Tổng cộng"]
    assert len(totals) == 5 and all(str(t[2]).startswith("=SUM(C") for t in totals)
    assert any(str(x[0]).startswith("Cách tính: đánh giá tính theo thời điểm") for x in cells)


def test_a_report_without_them_has_no_sheet(rated, tmp_path):
    report = build_report(rated, Actor.system(), PERIOD, now=NOW)
    assert "Hài lòng" not in load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx")).sheetnames


def test_the_pdf_prints_the_share_the_tables_and_the_notices(rated, tmp_path):
    report = build_report(rated, Actor.system(), PERIOD, now=NOW)
    path = write_report_pdf(report, tmp_path / "r.pdf", build_satisfaction(rated, Actor.system(), PERIOD))
    text = pdf_text(path)
    assert "XI. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN VÀ THÔNG BÁO ĐÃ GỬI" in text
    assert "Tỷ lệ hài lòng trở lên: 50,0 % (3/6 đánh giá) · điểm trung bình 3,33" in text
    # asked, rated, no rating, scores 5..1, satisfied, share, average
    assert re.search(r"Nguyễn Thị Mai \(canbo\)\s+4\s+3\s+1\s+1\s+1\s+0\s+1\s+0\s+2\s+66,7 %\s+3,67", text)
    assert re.search(r"Không rõ cán bộ\s+1\s+1\s+0\s+0\s+0\s+0\s+0\s+1\s+0\s+0 ?%\s+1,00", text)
    # A procedure nothing was rated for: no share and no average, never 0.
    assert re.search(r"1\.004873 – .*\s+1\s+0\s+1\s+0\s+0\s+0\s+0\s+0\s+0\s+–\s+–", text)
    assert re.search(r"10/2026\s+3\s+3\s+0\s+1\s+1\s+0\s+1\s+0\s+2\s+66,7 %\s+3,67", text)
    assert re.search(r"Thư điện tử\s+4\s+2\s+0\s+1\s+0\s+1\s+0 ?%", text)
    assert re.search(r"Tin nhắn SMS\s+4\s+0\s+2\s+1\s+1\s+0\s+66,7 %", text)
    assert re.search(r"Tổng cộng\s+8\s+2\s+2\s+2\s+1\s+1\s+33,3 %", text)
    assert "Cách tính: đánh giá tính theo thời điểm" in text


def run(capsys, url, *argv):
    try:
        code = main(["report", "--db", url, *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_prints_and_exports_them(capsys, rated, sqlite_url, tmp_path):
    code, out, err = run(capsys, sqlite_url, *OCT_NOV)
    assert code == 0, err
    sat = json.loads(out)["satisfaction"]
    assert (sat["total"]["asked"], sat["total"]["satisfied"], sat["total"]["satisfied_share"]) == (8, 3, 0.5)
    assert {r["key"]: r["written"] for r in sat["notices"]} == {"email": 4, "sms": 4, "zalo": 0}
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--officer", "canbo2")
    assert code == 0, err
    assert json.loads(out)["satisfaction"]["total"]["asked"] == 3
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "-o", str(tmp_path / "r.xlsx"))
    assert code == 0, err
    assert next(r[2] for r in load_workbook(tmp_path / "r.xlsx")["Hài lòng"].iter_rows(values_only=True)
                if r[0] == "canbo") == 4
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert "Tỷ lệ hài lòng trở lên: 50,0 %" in pdf_text(tmp_path / "r.pdf")


def test_an_unknown_officer_is_one_line_and_no_file(capsys, rated, sqlite_url, tmp_path):
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--officer", "ai_do", "-o", str(tmp_path / "r.pdf"))
    assert (code, out) == (1, "")
    assert err == "motcua: lỗi: Không có cán bộ với tên đăng nhập «ai_do».\n"
    assert list(tmp_path.glob("r.*")) == []
