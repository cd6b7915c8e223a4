"""The reports page's "Số hóa" tab: the office of tests/services/test_report_digitization.py (every
digitization state, two officers, two months) built through the real services, the report built
off the GUI thread, and the figures read where the supervisor reads them, in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from tests.services.test_report_digitization import MARRIAGE, SINGLE, build_office
from tests.ui.reports.test_reports_page import BOSS, row_of, run_for, settled, table
from ui.main import make_app
from ui.reports.page import ReportsPage

pytestmark = pytest.mark.usefixtures("thread_ops")
NOW = datetime(2026, 11, 30, 18, 0)


@pytest.fixture
def page(qtbot, db, tmp_path, data_dir):
    make_app()
    build_office(db, tmp_path / "files")
    page = ReportsPage(db, BOSS, lambda: NOW, data_dir)
    qtbot.addWidget(page)
    page.resize(1110, 730)
    page.show()
    qtbot.waitExposed(page)
    settled(qtbot, page)
    return page


def test_the_tab_shows_each_share_with_its_parts(qtbot, page):
    page.set_dates(date(2026, 10, 1), date(2026, 11, 30))
    run_for(qtbot, page)
    tab = page.digitization
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Số hóa"
    page.tabs.setCurrentWidget(tab)
    shown = {k: (t.title.text(), t.value.text(), t.detail.text()) for k, t in tab.tiles.items()}
    assert shown == {
        "intake": ("Hồ sơ số hóa khi tiếp nhận", "60,0 %",
                   "3/5 hồ sơ phải số hóa; nộp trực tuyến 1 · không có giấy phải số hóa 1"),
        "results": ("Kết quả được số hóa", "75,0 %", "3/4 hồ sơ có kết quả có tệp kết quả"),
        "reuse": ("Thành phần tái sử dụng", "25,0 %", "2/8 thành phần đã số hóa; từ kho dữ liệu trên Cổng DVCQG 1"),
    }
    assert [tab.slices.tabText(i) for i in range(tab.slices.count())] == ["Theo cán bộ", "Theo thủ tục", "Theo tháng"]
    heads, _rows = table(page, "digitization_officers")
    assert heads == ["Cán bộ", "Tên đăng nhập", "Tiếp nhận", "Nộp trực tuyến (không phải số hóa)",
                     "Không có giấy phải số hóa", "Phải số hóa khi tiếp nhận", "Số hóa đủ khi tiếp nhận",
                     "Tỷ lệ số hóa khi tiếp nhận", "Có kết quả", "Kết quả có tệp", "Tỷ lệ kết quả được số hóa",
                     "Thành phần đã số hóa", "Thành phần tái sử dụng", "Từ kho dữ liệu trên Cổng DVCQG",
                     "Tỷ lệ tái sử dụng"]
    mai = row_of(page, "digitization_officers", "Nguyễn Thị Mai")
    assert [mai[h] for h in heads[1:]] == ["canbo", "5", "1", "0", "4", "3", "75,0 %", "4", "3", "75,0 %", "7", "2",
                                           "1", "28,6 %"]
    khoa = row_of(page, "digitization_officers", "Đỗ Văn Khoa")
    # No result ready: no share, "–", never 0 %; none of four lines digitized is 0 %.
    assert (khoa["Có kết quả"], khoa["Tỷ lệ kết quả được số hóa"], khoa["Tỷ lệ số hóa khi tiếp nhận"]) == \
        ("0", "–", "0 %")
    marriage = row_of(page, "digitization_procedures", MARRIAGE)
    assert (marriage["Thủ tục"], marriage["Phải số hóa khi tiếp nhận"], marriage["Số hóa đủ khi tiếp nhận"],
            marriage["Tỷ lệ tái sử dụng"]) == ("Đăng ký kết hôn", "4", "3", "28,6 %")
    assert row_of(page, "digitization_procedures", SINGLE)["Nộp trực tuyến (không phải số hóa)"] == "1"
    months = {r[0]: r for r in table(page, "digitization_months")[1]}
    assert list(months) == ["10/2026", "11/2026"]
    assert months["10/2026"][1:8] == ["1", "0", "0", "1", "1", "100 %", "0"]
    assert months["10/2026"][9] == "–"
    # Numbers right-aligned, as in the other tables.
    model = page.tables["digitization_months"].model()
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert tab.rules.text().startswith("Cách tính: (1) Số hóa khi tiếp nhận: hồ sơ tiếp nhận trong kỳ")


def test_a_period_with_nothing_shows_dashes_not_zero(qtbot, page):
    page.set_dates(date(2026, 1, 1), date(2026, 1, 31))
    run_for(qtbot, page)
    tab = page.digitization
    assert [t.value.text() for t in tab.tiles.values()] == ["–", "–", "–"]
    assert table(page, "digitization_officers")[1] == []
    (january,) = table(page, "digitization_months")[1]
    assert (january[0], january[6], january[9], january[13]) == ("01/2026", "–", "–", "–")
