"""The reports page's "Hài lòng & thông báo" tab: the hand-counted ratings and notices of
tests/helpers/satisfaction.py, built off the GUI thread beside the report, read where the
supervisor reads them, in Vietnamese; and the page's exports carry them."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.helpers.satisfaction import MARRIAGE, NOW, build_ratings
from tests.ui.reports.test_reports_page import BOSS, row_of, run_for, settled, table
from ui.main import make_app
from ui.reports.page import ReportsPage

pytestmark = pytest.mark.usefixtures("thread_ops")


@pytest.fixture
def page(qtbot, db, tmp_path, data_dir):
    make_app()
    build_ratings(db)
    chosen = {}
    page = ReportsPage(db, BOSS, lambda: NOW, data_dir, save_dialog=lambda _p, _c, suggested, _f: chosen["path"])
    page.chosen = chosen
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    settled(qtbot, page)
    page.set_dates(date(2026, 10, 1), date(2026, 11, 30))
    run_for(qtbot, page)
    return page


def test_the_tab_leads_with_the_share_satisfied(page):
    tab = page.satisfaction
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Hài lòng && thông báo"  # shown "Hài lòng & thông báo"
    page.tabs.setCurrentWidget(tab)
    shown = {k: (t.title.text(), t.value.text(), t.detail.text()) for k, t in tab.tiles.items()}
    assert shown == {
        "satisfied": ("Hài lòng trở lên", "50,0 %", "3/6 lượt đánh giá; điểm trung bình 3,33"),
        "ratings": ("Lượt phục vụ được đánh giá", "75,0 %", "6/8 lượt đề nghị; không đánh giá 1 · đang chờ 1"),
        "notices": ("Thông báo đến người nhận", "33,3 %", "đã lập 8 · đã gửi 2 · đã đến 2 · thất bại 2"),
    }
    # Larger than the other tiles' figures: the one the office is scored on.
    assert tab.tiles["satisfied"].value.font().pointSize() > tab.tiles["ratings"].value.font().pointSize()
    assert [tab.slices.tabText(i) for i in range(tab.slices.count())] == [
        "Theo cán bộ", "Theo quầy", "Theo thủ tục", "Theo tháng", "Lý do khi đánh giá thấp", "Thông báo theo kênh"]


def test_the_tables_show_every_slice(page):
    heads, _rows = table(page, "satisfaction_officers")
    assert heads == ["Cán bộ", "Tên đăng nhập", "Đề nghị đánh giá", "Đã đánh giá", "Không đánh giá",
                     "5 – Rất hài lòng", "4 – Hài lòng", "3 – Bình thường", "2 – Không hài lòng",
                     "1 – Rất không hài lòng", "Hài lòng trở lên", "Tỷ lệ hài lòng trở lên", "Điểm trung bình"]
    mai = row_of(page, "satisfaction_officers", "Nguyễn Thị Mai")
    assert [mai[h] for h in heads[1:]] == ["canbo", "4", "3", "1", "1", "1", "0", "1", "0", "2", "66,7 %", "3,67"]
    assert row_of(page, "satisfaction_counters", "Quầy số 2")["Tỷ lệ hài lòng trở lên"] == "33,3 %"
    single = next(r for r in table(page, "satisfaction_procedures")[1] if r[0] == "1.004873")
    assert single[-3:] == ["0", "–", "–"]  # nothing rated: no share, no average
    assert row_of(page, "satisfaction_procedures", MARRIAGE)["Tỷ lệ hài lòng trở lên"] == "100 %"
    assert [r[0] for r in table(page, "satisfaction_months")[1]] == ["10/2026", "11/2026"]
    reasons = table(page, "satisfaction_reasons")
    assert reasons[0] == ["Lý do", "Số lần được chọn", "Tỷ lệ trên số đánh giá dưới mức hài lòng"]
    assert reasons[1] == [["Giải quyết đúng hẹn", "2", "66,7 %"], ["Thái độ của cán bộ", "2", "66,7 %"]]
    heads, rows = table(page, "satisfaction_notices")
    assert heads == ["Kênh", "Đã lập", "Đã gửi", "Đã đến người nhận", "Thất bại", "Đã hủy", "Đang chờ gửi",
                     "Tỷ lệ đến người nhận"]
    assert rows == [["Thư điện tử", "4", "2", "0", "1", "0", "1", "0 %"],
                    ["Tin nhắn SMS", "4", "0", "2", "1", "1", "0", "66,7 %"],
                    ["Zalo", "0", "0", "0", "0", "0", "0", "–"]]
    assert page.satisfaction.rules.text().startswith("Cách tính: đánh giá tính theo thời điểm")


def test_the_page_exports_carry_them(qtbot, page, tmp_path):
    page.chosen["path"] = str(tmp_path / "bao-cao.xlsx")
    page.export("xlsx")
    qtbot.waitUntil(lambda: page.notice.text() == f"Đã lưu {tmp_path / 'bao-cao.xlsx'}", timeout=20_000)
    rows = list(load_workbook(tmp_path / "bao-cao.xlsx")["Hài lòng"].iter_rows(values_only=True))
    assert next(r for r in rows if r[0] == "canbo")[2:4] == (4, 3)
    page.chosen["path"] = str(tmp_path / "bao-cao.pdf")
    page.export("pdf")
    qtbot.waitUntil(lambda: page.notice.text() == f"Đã lưu {tmp_path / 'bao-cao.pdf'}", timeout=20_000)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bao-cao.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Tỷ lệ hài lòng trở lên: 50,0 % (3/6 đánh giá)" in text


def test_one_officers_ratings_are_chosen_in_the_tab(qtbot, page, tmp_path):
    tab = page.satisfaction
    choices = [tab.officer.itemText(i) for i in range(tab.officer.count())]
    assert choices == ["Tất cả cán bộ", "Nguyễn Thị Mai (canbo)", "Đỗ Văn Khoa (canbo2)"]
    tab.officer.setCurrentIndex(2)  # built off the GUI thread, under the report's filters
    qtbot.waitUntil(lambda: not page.busy and page.satisfaction_figures.officer_login == "canbo2", timeout=20_000)
    assert tab.tiles["satisfied"].value.text() == "50,0 %"
    assert tab.tiles["ratings"].detail.text() == "2/3 lượt đề nghị; không đánh giá 0 · đang chờ 1"
    assert [r[0] for r in table(page, "satisfaction_officers")[1]] == ["Đỗ Văn Khoa"]
    assert tab.officer.currentText() == "Đỗ Văn Khoa (canbo2)"  # the choice stays while its figures show
    page.chosen["path"] = str(tmp_path / "mot-can-bo.xlsx")
    page.export("xlsx")  # the export carries what is shown
    qtbot.waitUntil(lambda: (tmp_path / "mot-can-bo.xlsx").exists(), timeout=20_000)
    rows = list(load_workbook(tmp_path / "mot-can-bo.xlsx")["Hài lòng"].iter_rows(values_only=True))
    assert [r[0] for r in rows if r[0] in ("canbo", "canbo2")] == ["canbo2"]
    tab.officer.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.busy and page.satisfaction_figures.officer_login is None, timeout=20_000)
    assert tab.tiles["ratings"].detail.text() == "6/8 lượt đề nghị; không đánh giá 1 · đang chờ 1"
