"""The 2025 figures of the report as printed: a current period counts online dossiers by the
catalog's online-service class (no levels), and the report counts dossiers asked for a supplement
again (Decree 118/2025 Art. 11) and how the filers' identity was checked (VNeID share, Decision 766
item 4.5): built by the service from real dossiers, read back from the PDF (pdftotext) and the
workbook; a historical period still prints its levels."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.report import ReportFilter
from app.domain.vocab import Role
from app.services.dossiers.lifecycle import Facts, act
from app.services.reports.report import build_report
from db.models import Dossier
from printing.report_pdf import write_report_pdf
from printing.report_xlsx import write_report_xlsx
from tests.printing.test_report_xlsx import seed_report
from tests.services.reports.test_reports import MARRIAGE, SINGLE, at, filed_online, walk_in

BOSS = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3)
ADMIN = Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=1, full_name="Phạm Quốc Huy")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def november(db):
    """Four dossiers received: three at the counter (VNeID twice, the card's QR once), one filed
    online as toàn trình; one of them asked for a supplement twice."""
    codes = [walk_in(db, MARRIAGE, at(2, 8, i)) for i in range(3)]
    online = filed_online(db, SINGLE, at(3, 6), None, True)
    act(db, ADMIN, online, Action.RECEIVE, Facts(at=at(3, 8)))
    with db.writing() as s:
        for code, check in zip(codes, ("vneid", "vneid", "card_qr"), strict=True):
            s.query(Dossier).filter(Dossier.code == code).update({"identity_check": check})
    first = Facts(items=["Tờ khai"], reason="Thiếu chữ ký")
    act(db, ADMIN, codes[0], Action.REQUEST_SUPPLEMENT, Facts(**{**first.__dict__, "at": at(4)}))
    act(db, ADMIN, codes[0], Action.RECEIVE_SUPPLEMENT, Facts(at=at(5)))
    act(db, ADMIN, codes[0], Action.REQUEST_SUPPLEMENT,
        Facts(**{**first.__dict__, "at": at(6), "ground": "Kết quả xác minh mới"}))
    return build_report(db, BOSS, ReportFilter(date(2026, 11, 1), date(2026, 11, 30)), now=datetime(2026, 12, 1, 8))


def test_the_figures(november):
    t = november.total
    assert (t.received, t.online, t.level3, t.level4, t.online_class) == (4, 1, 0, 0, {"toan_trinh": 1})
    assert (t.repeat_supplement, t.id_vneid, t.id_card_qr, t.id_unrecorded, t.vneid_share) == (1, 2, 1, 1, 0.5)


def test_the_pdf_prints_classes_repeats_and_identity_checks(november, tmp_path):
    whole = pdf_text(write_report_pdf(november, tmp_path / "r.pdf"))
    assert re.search(r"Trực tuyến toàn trình\s+1\s+25,0 %\s+hồ sơ tiếp nhận", whole)
    assert re.search(r"Trực tuyến một phần\s+0\s+0 %", whole)
    assert "mức độ 3" not in whole.split("II. THEO THÁNG")[0]  # no level in a current period's summary
    section = whole.split("IX. YÊU CẦU BỔ SUNG NHIỀU LẦN, KIỂM TRA DANH TÍNH NGƯỜI NỘP")[1]
    for pattern in (r"Hồ sơ yêu cầu bổ sung từ lần thứ hai\s+1\n",
                    r"Tài khoản định danh điện tử VNeID mức 2\s+2\s+50,0 %\s+hồ sơ tiếp nhận",
                    r"Đọc mã QR trên thẻ\s+1\s+25,0 %", r"Chưa ghi nhận\s+1\s+25,0 %"):
        assert re.search(pattern, section), pattern
    # The years: levels are the historical series' (2022), none after; the share is every online one.
    assert re.search(r"2022\s+0\s+0\s+0\s+0\s+–", whole)
    assert re.search(r"2026\s+4\s+1\s+–\s+–\s+25,0 %", whole)
    assert "mức độ 3, 4 đến năm 2022" in " ".join(whole.split())
    # By procedure: the marriage procedure's repeated request, in the table's last column.
    assert re.search(r"1\.000894 – Đăng ký kết hôn\s+3\s+0\s+0\s?%\s+0\s+0\s+0\s+–\s+0\s+1\n", whole)


def test_the_workbook_holds_the_same_figures(november, tmp_path):
    book = load_workbook(write_report_xlsx(november, tmp_path / "r.xlsx"))
    ws = book["Tổng hợp"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    received = labels["Hồ sơ tiếp nhận trong kỳ"]
    assert "Trực tuyến mức độ 3" not in labels
    assert ws.cell(labels["Trực tuyến toàn trình"], 2).value == 1
    assert ws.cell(labels["Hồ sơ yêu cầu bổ sung từ lần thứ hai"], 2).value == 1
    vneid = labels["Tài khoản định danh điện tử VNeID mức 2"]
    assert ws.cell(vneid, 2).value == 2 and ws.cell(vneid, 3).value == f'=IF(B{received}=0,"",B{vneid}/B{received})'
    checked = labels["Hồ sơ tiếp nhận theo cách kiểm tra danh tính người nộp"]
    assert ws.cell(checked, 2).value.count("+") == 4  # the sum of the five ways, a formula
    procs = book["Theo thủ tục"]
    heads = {procs.cell(4, c).value: c for c in range(1, procs.max_column + 1)}
    assert "Mức độ 3" not in heads and {"Toàn trình", "Một phần", "Yêu cầu bổ sung từ lần thứ hai"} <= set(heads)
    rows = {procs.cell(r, 1).value: r for r in range(5, procs.max_row + 1)}
    assert procs.cell(rows[MARRIAGE], heads["Yêu cầu bổ sung từ lần thứ hai"]).value == 1
    assert procs.cell(rows[SINGLE], heads["Toàn trình"]).value == 1
    years = book["Qua các năm"]
    last = 5 + len(november.years) - 1
    assert (years.cell(last, 1).value, years.cell(last, 4).value) == (2026, None)
    assert years.cell(last, 6).value == f'=IF(B{last}=0,"",C{last}/B{last})'
    assert years.cell(5, 6).value == '=IF(B5=0,"",(D5+E5)/B5)'  # 2022: the historical series


def test_a_historical_period_prints_its_levels_and_no_class(tmp_path):
    report = seed_report()  # H1 2021
    assert report.historical
    whole = pdf_text(write_report_pdf(report, tmp_path / "r.pdf"))
    summary = whole.split("II. THEO THÁNG")[0]
    assert re.search(r"Trực tuyến mức độ 4\s+69\s+28,7 %", summary) and "toàn trình" not in summary.lower()
