"""The supervisor's reports page: a month of a small office, every dossier moved through the real
services, and the exact figures checked where the supervisor reads them: the tiles, the tables,
the charts' series; the report built off the GUI thread, a stale result dropped, the exports
written where the (injected) save dialog says, and a role without reports refused in Vietnamese."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime

import pytest
from PySide6.QtCharts import QXYSeries
from PySide6.QtCore import Qt

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Channel, Role
from app.portal.contract import OnlineDossier
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers import online_inbox
from app.services.dossiers.lifecycle import Facts, act
from app.services.guide.guidance import log_guidance
from app.services.intake.registration import register
from app.services.queue import tickets as q
from db.models import Dossier
from tests.helpers.factories import OFFICER, request
from ui.main import make_app
from ui.reports.page import ReportsPage, period_range
from ui.reports.tables import two_lines

# A report is built off the GUI thread while the page stays usable: these tests watch that, on
# ui/ops.py's real threads.
pytestmark = pytest.mark.usefixtures("thread_ops")

BOSS = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3, full_name="Lê Hoàng Nam")
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=2, full_name="Trần Văn Bình")
NOW = datetime(2026, 11, 20, 9, 0)  # Friday
MARRIAGE = "1.000894"  # within the day (cutoff 15:00)
SINGLE = "1.004873"  # 3 working days; level 4 online
SHOW = "2.009101"  # 5 working days
HAND = dict(division="Phòng Tư pháp", giver="Mai", taker="Bình")


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


def walk_in(db, procedure: str, received: datetime, channel=Channel.IN_PERSON, ready: datetime | None = None) -> str:
    code = register(db, OFFICER, request(procedure, received_at=received, channel=channel)).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(**HAND, at=received))
    if ready:
        act(db, OFFICER, code, Action.RESULT_READY, Facts(at=ready))
    return code


def filed_online(db, procedure: str, filed: datetime) -> str:
    item = OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-{filed:%y%m%d}-9001", procedure_code=procedure,
        applicant_kind=1, applicant_name="Lê Thị Hồng Đào", applicant_id_number="079190012345",
        applicant_phone="0987654321", applicant_email=None, applicant_address="5 Trần Phú, Vĩnh Long",
        summary=None, submitted_at=filed, online_level=4, whole_process=True, result_method="post",
        result_address="5 Trần Phú, Vĩnh Long")
    with db.writing() as s:
        online_inbox.save_pulled(s, [item])
    return item.code


@pytest.fixture
def office(db):
    """November 2026 up to Friday 20/11, 09:00."""
    make_app()
    # In person, ready the same day: on time; collected at the counter.
    a = walk_in(db, MARRIAGE, at(2), ready=at(2, 10))
    act(db, OFFICER, a, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                    collector_id_number="079090012345", at=at(3)))
    # In person, due Thu 05/11, ready Tue 03/11: early; its result sent by post.
    b = walk_in(db, SINGLE, at(2), ready=at(3))
    act(db, OFFICER, b, Action.RETURN_RESULT, Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa",
                                                    at=at(4)))
    # By post, due Mon 09/11, ready Thu 12/11: late.
    walk_in(db, SHOW, at(2), channel=Channel.POST, ready=at(12))
    # In person on Mon 16/11, due that day: still open, overdue; the filer showed a VNeID account,
    # and a supplement was asked twice (the second approved by the supervisor beside the officer).
    d = walk_in(db, MARRIAGE, at(16))
    with db.writing() as s:  # as the intake screen records it
        s.query(Dossier).filter(Dossier.code == d).update({"identity_check": "vneid"})
    for day, more in ((16, {}), (17, {"ground": "Kết quả xác minh mới", "approver_login": "lanhdao",
                                      "approver_password": DEMO_PASSWORD})):
        act(db, OFFICER, d, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Thiếu chữ ký",
                                                             at=at(day, 10), **more))
        act(db, OFFICER, d, Action.RECEIVE_SUPPLEMENT, Facts(at=at(day, 11)))
    # Online at level 4, received Tue 17/11 (due Fri 20/11 17:00): open, not overdue yet.
    e = filed_online(db, SINGLE, at(16, 22))
    act(db, OFFICER, e, Action.RECEIVE, Facts(at=at(17, 8)))
    # One citizen helped to file online at the guide desk.
    log_guidance(db, GUIDE, SINGLE, at=at(18, 10))
    # The queue on Mon 02/11: A001 waits 6 minutes, A002 waits 14.
    q.issue_ticket(db, "TP", at=at(2, 8, 0))
    q.issue_ticket(db, "TP", at=at(2, 8, 2))
    q.call_next(db, OFFICER, 1, ["TP"], at=at(2, 8, 6))
    q.call_next(db, OFFICER, 1, ["TP"], at=at(2, 8, 16))
    q.done(db, OFFICER, 1, at=at(2, 8, 20))
    return db


def open_page(qtbot, db, data_dir, actor=BOSS, **kw) -> ReportsPage:
    page = ReportsPage(db, actor, lambda: NOW, data_dir, **kw)
    qtbot.addWidget(page)
    page.resize(1110, 730)
    page.show()
    qtbot.waitExposed(page)
    return page


def settled(qtbot, page: ReportsPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def table(page: ReportsPage, key: str) -> tuple[list[str], list[list[str]]]:
    """Headings and cells as shown (headings on one line)."""
    model = page.tables[key].model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ") for c in range(model.columnCount())]
    return heads, [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def row_of(page: ReportsPage, key: str, first: str) -> dict[str, str]:
    heads, rows = table(page, key)
    (row,) = [r for r in rows if r[0] == first]
    return dict(zip(heads, row, strict=True))


def run_for(qtbot, page: ReportsPage) -> None:
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.busy and page.progress.isVisible()  # off the GUI thread: the page is still here
    settled(qtbot, page)


def test_the_month_shows_its_exact_figures(qtbot, office, data_dir):
    page = open_page(qtbot, office, data_dir)
    settled(qtbot, page)  # the first show asks for this month at once
    assert (page.report.filter.start, page.report.filter.end) == (date(2026, 11, 1), date(2026, 11, 20))
    # Other dates, typed: the quick choice follows.
    page.set_period("this_year")
    page.set_dates(date(2026, 11, 1), date(2026, 11, 20))
    assert page.period.currentText() == "Chọn ngày khác"
    run_for(qtbot, page)
    assert page.caption.text().startswith("Từ ngày 01/11/2026 đến ngày 20/11/2026 · lập lúc 09:00 20/11/2026")

    shown = {k: (t.value.text(), t.detail.text()) for k, t in page.tiles.items()}
    assert shown == {
        "received": ("5", "trực tuyến 1 · trực tiếp 3 · BCCI 1"),
        # A current period: online dossiers by the catalog's class (data), not by level.
        "online": ("20,0 %", "1/5 hồ sơ · toàn trình: 1 · một phần: 0"),
        "on_time": ("66,7 %", "trước hạn 1 · đúng hạn 1 · trễ hạn 1"),
        "post": ("50,0 %", "1/2 kết quả đã trả"),
        "open": ("2", "quá hạn 1 · kỳ trước chuyển sang 0"),
        "guided": ("1", "lượt công dân tại bàn hướng dẫn"),
        "vneid": ("20,0 %", "1/5 hồ sơ · QR thẻ 0 · xuất trình thẻ 0 · hộ chiếu 0 · chưa ghi nhận 4"),
    }
    assert page.tiles["received"].title.text() == "Hồ sơ tiếp nhận"

    marriage = row_of(page, "procedures", MARRIAGE)
    assert marriage["Thủ tục"].startswith("Đăng ký kết hôn")
    assert {k: marriage[k] for k in ("Tiếp nhận", "Trực tuyến", "Tỷ lệ trực tuyến", "Đã giải quyết", "Trước hạn",
                                     "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn", "Đang giải quyết", "Quá hạn",
                                     "Đã trả kết quả", "Trả qua BCCI", "Yêu cầu bổ sung từ lần 2",
                                     "Tỷ lệ xác thực VNeID")} == {
        "Tiếp nhận": "2", "Trực tuyến": "0", "Tỷ lệ trực tuyến": "0 %", "Đã giải quyết": "1", "Trước hạn": "0",
        "Đúng hạn": "1", "Trễ hạn": "0", "Tỷ lệ đúng hạn": "100 %", "Đang giải quyết": "1", "Quá hạn": "1",
        "Đã trả kết quả": "1", "Trả qua BCCI": "0", "Yêu cầu bổ sung từ lần 2": "1", "Tỷ lệ xác thực VNeID": "50,0 %"}
    single = row_of(page, "procedures", SINGLE)
    assert (single["Tiếp nhận"], single["Trực tuyến"], single["Tỷ lệ trực tuyến"], single["Trước hạn"]) == \
        ("2", "1", "50,0 %", "1")
    show = row_of(page, "procedures", SHOW)
    assert (show["Tiếp nhận"], show["Trễ hạn"], show["Tỷ lệ đúng hạn"], show["Đã trả kết quả"]) == ("1", "1", "0 %", "0")
    # Numbers right-aligned, names left.
    model = page.tables["procedures"].model()
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is None

    sectors = {r[1]: r[2] for r in table(page, "sectors")[1]}
    assert sum(int(n) for n in sectors.values()) == 5
    officer = row_of(page, "officers", "Nguyễn Thị Mai")
    assert (officer["Tên đăng nhập"], officer["Tiếp nhận"], officer["Trực tuyến"], officer["Trực tiếp"],
            officer["Bưu chính"]) == ("canbo", "5", "1", "3", "1")
    assert row_of(page, "officers", "Trần Văn Bình")["Hướng dẫn nộp trực tuyến"] == "1"
    counter = row_of(page, "counters", "Quầy số 1")
    assert (counter["Tiếp nhận"], counter["Đã trả kết quả"], counter["Trả qua BCCI"], counter["Tỷ lệ trả qua BCCI"]) \
        == ("5", "2", "1", "50,0 %")
    heads, queue = table(page, "queue")
    day = dict(zip(heads, queue[0], strict=True))
    assert (day["Giờ lấy số"], day["Số đã phát"], day["Đã phục vụ"], day["Chờ, trung vị"], day["Chờ, phân vị 90"]) \
        == ("cả ngày", "2", "2", "6", "14")
    # Served 10 minutes (A001, finished by the next call) and 4 (A002).
    assert (day["Phục vụ trung bình (phút)"], day["Phục vụ, trung vị"], day["Phục vụ, phân vị 90"]) == ("7", "4", "10")
    assert dict(zip(heads, queue[1], strict=True))["Giờ lấy số"] == "08:00–09:00"
    years = {r[0]: r for r in table(page, "years")[1]}
    assert list(years) == ["2022", "2023", "2024", "2025", "2026"]
    # Levels only in the historical years (up to 2022); after them "–", and the share of every online one.
    assert years["2026"][1:] == ["5", "1", "–", "–", "20,0 %"] and years["2022"][1:] == ["0", "0", "0", "0", "–"]

    # The charts draw the same figures.
    pie = page.channel_chart.chart().series()[0]
    assert [(s.value(), s.label()) for s in pie.slices()] == [(1, "20,0 %"), (3, "60,0 %"), (1, "20,0 %")]
    assert [m.label() for m in page.channel_chart.chart().legend().markers(pie)] == ["Trực tuyến", "Trực tiếp",
                                                                                      "Bưu chính"]
    resolved = page.resolved_chart.chart()
    assert resolved.title() == "Đã giải quyết 3 hồ sơ, đúng hạn 66,7 %"
    assert [(b.label(), b.at(0)) for b in resolved.series()[0].barSets()] == [
        ("Trước hạn", 1), ("Đúng hạn", 1), ("Trễ hạn", 1)]
    months = page.monthly_chart.chart()
    assert [(b.label(), list(b.at(i) for i in range(b.count()))) for b in months.series()[0].barSets()] == [
        ("Trực tuyến", [1]), ("Trực tiếp", [3]), ("Bưu chính", [1])]
    assert months.axes(Qt.Orientation.Horizontal)[0].categories() == ["T11"]
    levels = page.years_chart.chart().series()[0].barSets()
    assert [b.label() for b in levels] == ["Mức độ 3", "Mức độ 4", "Trực tuyến"]
    assert [b.at(4) for b in levels] == [0, 0, 20.0] and [b.at(0) for b in levels] == [0, 0, 0]
    totals = page.years_chart.chart().series()[1]  # the share written above each bar, as in the tables
    labels = [totals.pointConfiguration(i)[QXYSeries.PointConfiguration.LabelFormat] for i in range(5)]
    assert labels == ["–", "–", "–", "–", "20,0 %"]
    waits = page.summary_queue.chart().series()[0].barSets()
    assert [(b.label(), b.at(0)) for b in waits] == [("Trung vị", 6), ("Phân vị 90", 14)]
    assert page.summary_queue.chart().axes(Qt.Orientation.Horizontal)[0].categories() == ["8"]


def test_a_narrower_report_by_procedure_typed_without_diacritics(qtbot, office, data_dir):
    page = open_page(qtbot, office, data_dir)
    settled(qtbot, page)
    page.procedure.setFocus()
    qtbot.keyClicks(page.procedure, SINGLE)
    qtbot.keyClick(page.procedure, Qt.Key.Key_Return)  # Enter takes the one procedure offered
    assert page.procedure.current.code == SINGLE
    page.channel.setCurrentIndex(page.channel.findData(Channel.IN_PERSON))
    run_for(qtbot, page)
    assert page.report.filter.procedure_code == SINGLE and page.report.filter.channel is Channel.IN_PERSON
    assert page.tiles["received"].value.text() == "1"
    assert [r[0] for r in table(page, "procedures")[1]] == [SINGLE]
    assert "Trực tiếp" in page.caption.text()  # the filters in words
    page.procedure.clear()
    qtbot.keyClicks(page.procedure, "dang ky")  # many procedures: the page asks to choose
    assert not page.run()
    assert page.notice.text() == ("Hãy chọn một thủ tục trong danh sách gợi ý, hoặc xóa ô thủ tục để xem tất cả "
                                  "thủ tục.")


def test_a_result_for_filters_changed_meanwhile_is_not_shown(qtbot, office, data_dir):
    page = open_page(qtbot, office, data_dir)
    settled(qtbot, page)
    shown = []
    page.show_report = lambda r, original=page.show_report: (shown.append(r.filter), original(r))
    page.set_period("last_month")
    assert page.run()
    page.set_period("this_month")  # before the result reaches the page (it is an event of this thread)
    settled(qtbot, page)
    assert shown == [] and page.report.filter.start == date(2026, 11, 1)
    assert "Bộ lọc đã thay đổi trong lúc lập báo cáo" in page.caption.text()
    # Two requests: the first one's result is dropped, the newest fills the page.
    page.set_period("last_month")
    assert page.run()
    page.set_period("last_year")
    assert page.run()
    settled(qtbot, page)
    assert shown == [page.current_filter()] and page.report.filter.start == date(2025, 1, 1)
    assert page.tiles["received"].value.text() == "0"
    assert page.channel_chart.chart() is None
    assert page.channel_chart.message.text() == "Không có hồ sơ nào được tiếp nhận trong kỳ."
    page.set_period("this_month")  # the figures shown are last year's: the page says so
    assert "Bộ lọc đã thay đổi: bấm «Xem báo cáo»" in page.caption.text()


def test_exports_go_where_the_dialog_says(qtbot, office, data_dir, tmp_path):
    answers: list[str] = []
    asked: list[tuple[str, str]] = []

    def dialog(_parent, caption, suggested, _filters):
        asked.append((caption, suggested))
        return answers.pop(0)

    page = open_page(qtbot, office, data_dir, save_dialog=dialog)
    assert not page.xlsx_button.isEnabled()  # nothing to export before the first report
    settled(qtbot, page)
    answers.append(str(tmp_path / "thang-11"))  # no extension typed
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    xlsx = tmp_path / "thang-11.xlsx"
    # Written off the GUI thread (ui/ops.py's real pool here): the notice says when it is done.
    qtbot.waitUntil(lambda: page.notice.text() == f"Đã lưu {xlsx}", timeout=20_000)
    assert xlsx.read_bytes()[:2] == b"PK"
    assert asked[0] == ("Lưu báo cáo thành tệp Excel", str(data_dir / "reports" / "bao-cao-20261101-20261120.xlsx"))
    answers.append(str(tmp_path / "bao-cao.pdf"))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.notice.text() == f"Đã lưu {tmp_path / 'bao-cao.pdf'}", timeout=20_000)
    assert (tmp_path / "bao-cao.pdf").read_bytes()[:5] == b"%PDF-"
    assert asked[1][1] == str(tmp_path / "bao-cao-20261101-20261120.pdf")  # where the last one went
    answers.append("")  # cancelled: nothing written, nothing said
    assert page.export("pdf") is None and page.notice.text() == f"Đã lưu {tmp_path / 'bao-cao.pdf'}"
    missing = tmp_path / "khong-co" / "bao-cao.pdf"
    answers.append(str(missing))
    page.export("pdf")
    qtbot.waitUntil(lambda: page.notice.text() == f"Không lưu được tệp {missing}: thư mục không tồn tại.",
                    timeout=20_000)
    assert not missing.exists()


def test_the_export_is_written_off_the_gui_thread(qtbot, office, data_dir, tmp_path, monkeypatch):
    import ui.reports.page as page_module

    threads = []
    real = page_module.write_report

    def noting(*args):
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(page_module, "write_report", noting)
    target = tmp_path / "bao-cao.pdf"
    page = open_page(qtbot, office, data_dir, save_dialog=lambda *_a: str(target))
    settled(qtbot, page)
    page.export("pdf")
    qtbot.waitUntil(lambda: page.notice.text() == f"Đã lưu {target}", timeout=20_000)
    assert threads and threading.main_thread() not in threads
    assert target.read_bytes()[:5] == b"%PDF-"


def test_a_role_without_reports_is_refused_in_vietnamese(qtbot, db, data_dir):
    make_app()
    page = open_page(qtbot, db, data_dir, actor=OFFICER)
    refusal = "Vai trò «Cán bộ một cửa» không được phép xem báo cáo."
    assert page.notice.text() == refusal and not page.busy  # no report asked for on show
    assert page.run()
    settled(qtbot, page)
    assert page.notice.text() == refusal and page.report is None
    assert not page.xlsx_button.isEnabled() and not page.pdf_button.isEnabled()


def test_a_period_ending_before_it_starts_is_refused(qtbot, db, data_dir):
    make_app()
    page = open_page(qtbot, db, data_dir)
    settled(qtbot, page)
    page.set_dates(date(2026, 11, 30), date(2026, 11, 1))
    run_for(qtbot, page)
    assert page.notice.text() == "Ngày cuối của kỳ báo cáo phải sau hoặc bằng ngày đầu."
    assert page.report.filter.end == date(2026, 11, 20)  # the figures shown stay those of their period
    assert page.caption.text().startswith("Từ ngày 01/11/2026 đến ngày 20/11/2026")
    assert "Bộ lọc đã thay đổi" in page.caption.text()


def test_quick_periods_and_headings():
    assert period_range("this_month", date(2026, 11, 20)) == (date(2026, 11, 1), date(2026, 11, 20))
    assert period_range("last_month", date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert period_range("last_month", date(2024, 3, 31)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_range("this_quarter", date(2026, 11, 20)) == (date(2026, 10, 1), date(2026, 11, 20))
    assert period_range("first_half", date(2026, 11, 20)) == (date(2026, 1, 1), date(2026, 6, 30))
    assert period_range("first_half", date(2026, 3, 2)) == (date(2026, 1, 1), date(2026, 3, 2))
    assert period_range("this_year", date(2026, 11, 20)) == (date(2026, 1, 1), date(2026, 11, 20))
    assert period_range("last_year", date(2026, 11, 20)) == (date(2025, 1, 1), date(2025, 12, 31))
    assert two_lines("Tỷ lệ đúng hạn") == "Tỷ lệ\nđúng hạn" and two_lines("Quầy") == "Quầy"


def test_a_historical_period_shows_levels_not_classes(qtbot, office, data_dir):
    """A period before the online classes (resources/data/online_classes.json) is the historical
    series: its online tile counts levels 3 / 4; the current month's counts the classes."""
    page = open_page(qtbot, office, data_dir)
    settled(qtbot, page)
    assert page.tiles["online"].detail.text().endswith("toàn trình: 1 · một phần: 0")
    page.set_dates(date(2022, 1, 1), date(2022, 12, 31))
    run_for(qtbot, page)
    assert page.report.historical
    assert page.tiles["online"].detail.text() == "0/0 hồ sơ · mức 3: 0 · mức 4: 0"
