"""The report as a workbook: real numbers in the cells, shares and totals as formulas over them.
No spreadsheet engine is installed, so formulas are checked as text (and evaluated by hand here)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.report import Counts, QueueRow, Report, ReportFilter, Row, TimeStats, YearRow
from printing.report_xlsx import write_report_xlsx

SHEETS = ["Tổng hợp", "Theo tháng", "Theo thủ tục", "Theo lĩnh vực", "Theo cán bộ", "Theo quầy", "Hàng chờ",
          "Qua các năm"]


def counts(received=0, online=0, in_person=0, post=0, early=0, on_time=0, late=0, returned=0, by_post=0,
           **more) -> Counts:
    """Level 3 / 4 split the online dossiers the way the seed office did (2021: the historical series)."""
    level4 = online * 71 // 221
    return Counts(received=received, online=online, in_person=in_person, post=post, level3=online - level4,
                  level4=level4,
                  resolved=early + on_time + late, early=early, on_time=on_time, late=late, returned=returned,
                  returned_by_post=by_post, **more)


MONTHS = [  # Vĩnh Long, H1 2021: received, online, in person, post, early, on time, returned, by post
    (38, 35, 2, 1, 8, 30, 38, 25), (35, 32, 2, 1, 7, 28, 35, 23), (42, 39, 2, 1, 9, 33, 42, 28),
    (41, 38, 2, 1, 9, 32, 41, 27), (44, 41, 2, 1, 10, 34, 44, 30), (40, 36, 2, 2, 9, 31, 40, 27)]


def seed_report(*, queue: bool = True, **filter_kw) -> Report:
    """DOMAIN.md §2: 240 received, 221 online, 19 in person or by post, 100 % on time, 160 of the
    240 results returned by post (about 67 %); the Cần Thơ series for the years."""
    by_month = [Row(f"2021-{m:02d}", f"Tháng {m:02d}/2021",
                    counts(r, o, i, p, early=e, on_time=t, returned=ret, by_post=bp))
                for m, (r, o, i, p, e, t, ret, bp) in enumerate(MONTHS, 1)]
    total = Counts(waiting_online=3, refused=2, carried_over=15, open=15, open_overdue=1, returned_online=30,
                   guided=45)
    for row in by_month:
        total.add(row.counts)
    procedures = [Row("1.001766", "Cấp giấy phép tổ chức biểu diễn nghệ thuật",
                      counts(150, 141, 6, 3, early=30, on_time=120, returned=150, by_post=100)),
                  Row("1.003622", "Cấp giấy phép kinh doanh dịch vụ karaoke",
                      counts(90, 80, 6, 4, early=22, on_time=68, returned=90, by_post=60))]
    stats = TimeStats(count=40, mean=12.5, p50=10.0, p90=25.0)
    service = TimeStats(count=40, mean=6.25, p50=5.0, p90=11.0)
    q = [QueueRow("A", "Văn hóa – Thể thao", None, 60, 55, 5, stats, service),
         QueueRow("B", "Du lịch, gia đình", None, 30, 28, 2, stats, service),
         *(QueueRow("A", "Văn hóa – Thể thao", h, 10, 9, 1, TimeStats(9, 5.0 + 3 * i, 4.0, 12.0), service)
           for i, h in enumerate((7, 8, 9, 10, 13, 14))),
         *(QueueRow("B", "Du lịch, gia đình", h, 10, 9, 1, TimeStats(9, 20.0 - 2 * i, 15.0, 30.0), service)
           for i, h in enumerate((8, 9, 14)))]
    return Report(
        filter=ReportFilter(date(2021, 1, 1), date(2021, 6, 30), **filter_kw),
        generated_at=datetime(2021, 7, 5, 9, 30), agency_name="Sở Văn hóa, Thể thao và Du lịch tỉnh Vĩnh Long",
        unit_code="000.00.01.H62", total=total, by_month=by_month, by_procedure=procedures,
        by_sector=[Row("VH", "Văn hóa", counts(240, 221, 12, 7, early=52, on_time=188))],
        by_officer=[Row("canbo", "Nguyễn Thị Lan", counts(130, 120, 6, 4, returned=130, by_post=90)),
                    Row("huongdan", "Trần Văn Bình", counts(110, 101, 6, 3, returned=110, by_post=70, guided=45))],
        by_counter=[Row("1", "Quầy số 1", counts(130, 120, 6, 4, returned=130, by_post=90, returned_online=20)),
                    Row("2", "Quầy số 2", counts(110, 101, 6, 3, returned=110, by_post=70, returned_online=10))],
        queue=q if queue else [],
        years=[YearRow(2016, 1179, 65, 65, 0), YearRow(2017, 1408, 246, 246, 0), YearRow(2018, 1377, 801, 760, 41),
               YearRow(2019, 1434, 881, 804, 77)],
    )


@pytest.fixture
def book(tmp_path):
    path = write_report_xlsx(seed_report(), tmp_path / "bao-cao.xlsx")
    assert path == tmp_path / "bao-cao.xlsx"
    return load_workbook(path)


def _find(ws, text: str) -> int:
    """Row of the first cell in column A holding `text`."""
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == text)


def _heading_col(ws, row: int, text: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value == text)


def test_sheets_have_vietnamese_names_in_order(book):
    assert book.sheetnames == SHEETS


def test_summary_holds_real_numbers_and_share_formulas(book):
    ws = book["Tổng hợp"]
    assert ws["B3"].value == "Sở Văn hóa, Thể thao và Du lịch tỉnh Vĩnh Long"
    assert ws["B5"].value == datetime(2021, 1, 1) and ws["B5"].number_format == "dd/mm/yyyy"
    assert ws["B6"].value == datetime(2021, 6, 30) and ws["B6"].number_format == "dd/mm/yyyy"
    assert ws.cell(_find(ws, "Phạm vi"), 2).value == "Toàn bộ hồ sơ của cơ quan"
    received, online = _find(ws, "Hồ sơ tiếp nhận trong kỳ"), _find(ws, "Nộp trực tuyến")
    assert ws.cell(received, 2).value == 240 and isinstance(ws.cell(received, 2).value, int)
    assert ws.cell(online, 2).value == 221
    assert ws.cell(_find(ws, "Nộp trực tiếp"), 2).value + ws.cell(_find(ws, "Nộp qua bưu chính công ích"), 2).value == 19
    share = ws.cell(online, 3)
    assert share.value == f'=IF(B{received}=0,"",B{online}/B{received})' and share.number_format == "0.0%"
    returned, post = _find(ws, "Kết quả đã trả"), _find(ws, "Trả qua bưu chính công ích")
    assert (ws.cell(returned, 2).value, ws.cell(post, 2).value) == (240, 160)
    assert ws.cell(post, 3).value == f'=IF(B{returned}=0,"",B{post}/B{returned})'
    resolved, early, on_time = (_find(ws, t) for t in ("Hồ sơ đã giải quyết", "Trước hạn", "Đúng hạn"))
    both = _find(ws, "Trước hạn và đúng hạn")
    assert ws.cell(both, 2).value == f"=B{early}+B{on_time}"
    assert ws.cell(both, 3).value == f'=IF(B{resolved}=0,"",B{both}/B{resolved})'
    assert ws.cell(early, 2).value + ws.cell(on_time, 2).value == ws.cell(resolved, 2).value == 240
    assert ws.freeze_panes == f"A{received}"


def test_filters_are_written_in_words(tmp_path):
    report = seed_report(procedure_code="1.001766")
    report.filter_labels = {"procedure": "1.001766 – Cấp giấy phép tổ chức biểu diễn nghệ thuật"}
    ws = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))["Tổng hợp"]
    row = _find(ws, "Thủ tục")
    assert ws.cell(row, 2).value == "1.001766 – Cấp giấy phép tổ chức biểu diễn nghệ thuật"


SUM = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


@pytest.mark.parametrize("sheet, rows, count_cols", [("Theo tháng", 6, 4), ("Theo thủ tục", 2, 21),
                                                     ("Theo lĩnh vực", 1, 21), ("Theo cán bộ", 2, 5),
                                                     ("Theo quầy", 2, 7)])
def test_slice_tables_total_with_sums_over_exactly_the_data_rows(book, sheet, rows, count_cols):
    ws = book[sheet]
    head = 4
    assert ws.cell(head, 1).font.b and ws.freeze_panes is not None
    total = _find(ws, "Tổng cộng")
    assert total == head + rows + 1
    received = _heading_col(ws, head, "Tiếp nhận")
    sums = 0
    for c in range(received, ws.max_column + 1):
        formula = ws.cell(total, c).value
        m = SUM.match(formula)
        if m is None:  # a share: a formula over the total row itself
            assert formula.startswith("=IF(") and f"{total}" in formula
            continue
        letter = ws.cell(head, c).column_letter
        assert m.groups() == (letter, str(head + 1), letter, str(total - 1))
        sums += 1
        assert all(isinstance(ws.cell(r, c).value, int) for r in range(head + 1, total))
    assert sums == count_cols


def test_month_sheet_holds_real_dates_and_the_online_share_formula(book):
    ws = book["Theo tháng"]
    assert ws["A5"].value == datetime(2021, 1, 1) and ws["A5"].number_format == "mm/yyyy"
    received, online = _heading_col(ws, 4, "Tiếp nhận"), _heading_col(ws, 4, "Trực tuyến")
    share = _heading_col(ws, 4, "Tỷ lệ trực tuyến")
    r, o = ws.cell(5, received).column_letter, ws.cell(5, online).column_letter
    assert ws.cell(5, share).value == f'=IF({r}5=0,"",{o}5/{r}5)' and ws.cell(5, share).number_format == "0.0%"
    assert [ws.cell(row, received).value for row in range(5, 11)] == [m[0] for m in MONTHS]
    assert sum(ws.cell(row, received).value for row in range(5, 11)) == 240


def test_procedure_sheet_on_time_share_sums_early_and_on_time(book):
    ws = book["Theo thủ tục"]
    assert (ws["A5"].value, ws["B5"].value) == ("1.001766", "Cấp giấy phép tổ chức biểu diễn nghệ thuật")
    on_time = _heading_col(ws, 4, "Tỷ lệ trước hạn và đúng hạn")
    e, t, res = (ws.cell(5, _heading_col(ws, 4, h)).column_letter for h in ("Trước hạn", "Đúng hạn", "Đã giải quyết"))
    assert ws.cell(5, on_time).value == f'=IF({res}5=0,"",({e}5+{t}5)/{res}5)'
    assert ws.cell(5, on_time).number_format == "0.0%"


def test_counter_numbers_are_numbers(book):
    ws = book["Theo quầy"]
    assert [ws["A5"].value, ws["A6"].value] == [1, 2]


def _evaluate_year_share(ws, row: int) -> float:
    """Evaluate =IF(Bn=0,"",(Dn+En)/Bn) by hand, after checking it is exactly that formula."""
    assert ws.cell(row, 6).value == f'=IF(B{row}=0,"",(D{row}+E{row})/B{row})'
    return (ws.cell(row, 4).value + ws.cell(row, 5).value) / ws.cell(row, 2).value


def test_years_sheet_gives_the_can_tho_ratios(book):
    ws = book["Qua các năm"]
    assert [ws.cell(r, 1).value for r in range(5, 9)] == [2016, 2017, 2018, 2019]
    assert round(_evaluate_year_share(ws, 5) * 100, 1) == 5.5  # 65 / 1,179
    assert round(_evaluate_year_share(ws, 8) * 100, 1) == 61.4  # (804 + 77) / 1,434
    assert ws["A9"].value == "Tổng cộng" and ws["B9"].value == "=SUM(B5:B8)" and ws["E9"].value == "=SUM(E5:E8)"


def test_queue_sheet_has_group_then_hourly_tables_with_sums(book):
    ws = book["Hàng chờ"]
    top = _find(ws, "Theo nhóm dịch vụ (cả ngày)")
    assert [ws.cell(top + 2, 1).value, ws.cell(top + 3, 1).value] == ["A", "B"]
    issued = _heading_col(ws, top + 1, "Số vé phát")
    assert ws.cell(top + 2, issued).value == 60
    letter = ws.cell(1, issued).column_letter
    total = top + 4
    assert ws.cell(total, 1).value == "Tổng cộng"
    assert ws.cell(total, issued).value == f"=SUM({letter}{top + 2}:{letter}{top + 3})"
    mean = _heading_col(ws, top + 1, "Chờ: trung bình (phút)")
    assert ws.cell(top + 2, mean).value == 12.5 and ws.cell(top + 2, mean).number_format == "0.0"
    assert "SUMPRODUCT" in ws.cell(total, mean).value
    hourly = _find(ws, "Theo nhóm dịch vụ và giờ lấy số")
    hour = _heading_col(ws, hourly + 1, "Giờ")
    assert ws.cell(hourly + 2, hour).value == 7 and ws.cell(hourly + 2, hour).number_format == '00":00"'
    served = _heading_col(ws, hourly + 1, "Đã phục vụ")  # one column right: the hourly table has "Giờ"
    first, last, s = hourly + 2, hourly + 1 + 9, ws.cell(1, served).column_letter
    assert ws.cell(last + 1, 1).value == "Tổng cộng"
    assert ws.cell(last + 1, served).value == f"=SUM({s}{first}:{s}{last})"


def test_empty_sections_say_so_and_have_no_total_row(tmp_path):
    report = seed_report(queue=False)
    report.by_officer = []
    book = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    assert book["Theo cán bộ"]["A5"].value == "Không có số liệu trong kỳ báo cáo."
    assert all(c.value != "Tổng cộng" for c in book["Theo cán bộ"]["A"])
    assert any(c.value == "Không có vé xếp hàng trong kỳ báo cáo." for c in book["Hàng chờ"]["A"])


def test_failed_export_leaves_nothing(tmp_path):
    target = tmp_path / "la-thu-muc"
    target.mkdir()
    with pytest.raises(OSError):
        write_report_xlsx(seed_report(), target)  # a folder cannot be replaced by a file
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []
    with pytest.raises(OSError):
        write_report_xlsx(seed_report(), tmp_path / "khong-co" / "r.xlsx")
    assert list(tmp_path.iterdir()) == [target]


def test_a_year_of_an_empty_office_from_the_report_service(db, tmp_path):
    """The service's shape: every month listed even when empty, five years, no division by zero."""
    from app.domain.permissions import Actor
    from app.services.reports.report import build_report

    report = build_report(db, Actor.system(), ReportFilter(date(2025, 1, 1), date(2025, 12, 31)))
    book = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    ws = book["Theo tháng"]
    assert [ws.cell(r, 1).value for r in (5, 16)] == [datetime(2025, 1, 1), datetime(2025, 12, 1)]
    assert ws["B4"].value == "Tiếp nhận" and all(ws.cell(r, 2).value == 0 for r in range(5, 17))
    assert ws["A17"].value == "Tổng cộng" and ws["B17"].value == "=SUM(B5:B16)"
    assert ws["F4"].value == "Tỷ lệ trực tuyến"
    assert ws["F17"].value == '=IF(B17=0,"",C17/B17)'  # empty, not #DIV/0!, when nothing was received
    years = book["Qua các năm"]
    assert [years.cell(r, 1).value for r in range(5, 10)] == [2021, 2022, 2023, 2024, 2025]
