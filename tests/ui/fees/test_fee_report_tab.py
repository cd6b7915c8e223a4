"""The reports page's "Phí, lệ phí" tab (ui/reports/fees_tab.py): the payments and receipts of
tests/helpers/fee_report.py, built off the GUI thread beside the report for the page's period and
counter, read where the supervisor reads them, in Vietnamese; and exported on its own buttons."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.helpers.fee_report import END, MARRIAGE, NOW, START, build_fees
from tests.ui.reports.test_reports_page import BOSS, row_of, run_for, settled, table
from ui.main import make_app
from ui.reports.page import ReportsPage

pytestmark = pytest.mark.usefixtures("thread_ops")


@pytest.fixture
def page(qtbot, db, tmp_path, data_dir):
    make_app()
    codes = build_fees(db)
    chosen = {}
    page = ReportsPage(db, BOSS, lambda: NOW, data_dir, save_dialog=lambda _p, _c, suggested, _f: chosen["path"])
    page.chosen, page.codes = chosen, codes
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    settled(qtbot, page)
    page.set_dates(START, END)
    run_for(qtbot, page)
    return page


def test_the_tab_leads_with_the_money_collected(page):
    tab = page.fees
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Phí, lệ phí"
    assert page.tabs.tabText(page.tabs.count() - 1) == "Qua các năm"  # still last
    page.tabs.setCurrentWidget(tab)
    shown = {k: (t.title.text(), t.value.text(), t.detail.text()) for k, t in tab.tiles.items()}
    assert shown == {
        "collected": ("Phí, lệ phí đã thu", "123.000 đ", "6 khoản; đã hủy 2 khoản (22.000 đ)"),
        "online": ("Hồ sơ thanh toán trực tuyến", "16,7 %", "1/6 hồ sơ tiếp nhận có phí, lệ phí"),
        "waiting": ("Biên lai chưa phát hành", "3", "chờ phát hành 1 · chờ số biên lai giấy 1 · bị từ chối 1"),
        "cancelled": ("Biên lai đã hủy", "1", "trong kỳ, mỗi biên lai có lý do hủy"),
    }
    assert [tab.slices.tabText(i) for i in range(tab.slices.count())] == [
        "Theo hình thức nộp tiền", "Theo hình thức nộp hồ sơ", "Theo tháng", "Theo thủ tục", "Theo quầy",
        "Theo cán bộ", "Thanh toán trực tuyến", "Biên lai chưa phát hành", "Biên lai đã hủy", "Khoản nộp đã hủy"]
    assert tab.rules.text().startswith("Cách tính: số đã thu là các khoản nộp ghi nhận trong kỳ")
    assert tab.xlsx_button.text() == "Xuất báo cáo thu phí ra Excel" and tab.xlsx_button.isEnabled()


def test_the_tables_show_every_slice(page):
    heads, rows = table(page, "fees_methods")
    assert heads == ["Hình thức nộp tiền", "Số khoản", "Số tiền"]
    assert rows == [["Tiền mặt", "2", "25.000 đ"], ["Chuyển khoản", "3", "68.000 đ"],
                    ["Thanh toán trực tuyến trên cổng", "1", "30.000 đ"]]
    assert row_of(page, "fees_channels", "Qua bưu chính công ích") == {
        "Hình thức nộp hồ sơ": "Qua bưu chính công ích", "Số khoản": "1", "Số tiền": "8.000 đ"}
    assert [r[0] for r in table(page, "fees_months")[1]] == ["10/2026", "11/2026"]
    assert row_of(page, "fees_procedures", MARRIAGE)["Số tiền"] == "65.000 đ"
    assert [r[0] for r in table(page, "fees_counters")[1]] == ["Quầy số 1", "Quầy số 2", "Không gắn với quầy nào"]
    assert row_of(page, "fees_officers", "Đỗ Văn Khoa")["Tên đăng nhập"] == "canbo2"
    heads, rows = table(page, "fees_online")
    assert heads == ["Hình thức nộp hồ sơ", "Hồ sơ có phí, lệ phí", "Thanh toán trực tuyến",
                     "Tỷ lệ thanh toán trực tuyến"]
    assert rows == [["Trực tiếp", "3", "0", "0 %"], ["Trực tuyến", "2", "1", "50,0 %"],
                    ["Qua bưu chính công ích", "1", "0", "0 %"], ["Tổng cộng", "6", "1", "16,7 %"]]
    heads, rows = table(page, "fees_waiting")
    assert heads == ["Hồ sơ", "Trạng thái", "Số tiền", "Người nộp", "Lập lúc", "Số ngày chờ", "Lỗi"]
    assert rows[2] == [page.codes["D3"], "Bị từ chối phát hành", "30.000 đ", "Nguyễn Văn An", "09:00 12/11/2026", "23",
                       "Nhà cung cấp từ chối: sai mã số thuế"]
    assert table(page, "fees_cancelled")[1][0][1:3] == ["Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000007", "Đã hủy"]
    assert [r[5] for r in table(page, "fees_voided")[1]] == ["Ghi nhầm hồ sơ", "Cổng báo giao dịch không thành công"]


def test_one_counter_narrows_it(qtbot, page):
    page.counter.setCurrentIndex(page.counter.findData(2))
    run_for(qtbot, page)
    assert page.fees.figures.counter_label == "Quầy 2 – Quầy số 2"
    assert page.fees.tiles["collected"].value.text() == "68.000 đ"
    assert table(page, "fees_counters")[1] == [["Quầy số 2", "3", "68.000 đ"]]


def test_an_empty_period(qtbot, page):
    page.set_dates(date(2026, 1, 1), date(2026, 1, 31))
    run_for(qtbot, page)
    assert page.fees.tiles["collected"].value.text() == "0 đ"
    assert page.fees.tiles["online"].value.text() == "–"  # nothing to divide, never 0 %
    assert table(page, "fees_waiting")[1] == [] and table(page, "fees_procedures")[1] == []


def test_the_exports(qtbot, page, tmp_path):
    page.tabs.setCurrentWidget(page.fees)
    page.chosen["path"] = str(tmp_path / "thu-phi")  # no suffix typed: the format's is added
    qtbot.mouseClick(page.fees.xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.fees.notice.text() == f"Đã lưu {tmp_path / 'thu-phi.xlsx'}", timeout=20_000)
    book = load_workbook(tmp_path / "thu-phi.xlsx")
    assert book["Theo hình thức nộp tiền"]["D6"].value == 68_000
    page.chosen["path"] = str(tmp_path / "thu-phi.pdf")
    qtbot.mouseClick(page.fees.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.fees.notice.text() == f"Đã lưu {tmp_path / 'thu-phi.pdf'}", timeout=20_000)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "thu-phi.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "BÁO CÁO THU PHÍ, LỆ PHÍ" in text and "123.000 đ" in text
    # A folder that cannot be written: one line in words, nothing written.
    page.chosen["path"] = str(tmp_path / "khong-co" / "thu-phi.pdf")
    qtbot.mouseClick(page.fees.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.fees.notice.text().startswith("Không lưu được tệp"), timeout=20_000)
    assert page.fees.notice.text().endswith("thư mục không tồn tại.")
    assert not (tmp_path / "khong-co").exists()
