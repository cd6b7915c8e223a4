"""The settings window: every tab shows what is stored, saves what is typed, shows the core's
Vietnamese message under the field it names and then saves nothing, and follows the roles
(an administrator changes everything, a supervisor the calendar only, others nothing)."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit

from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.calendar import DAY_OFF, add_override, load_calendar
from app.services.settings.office import add_counter, agency_profile, list_counters, update_agency
from app.services.settings.store import change_settings, load_settings
from app.services.trust.users import authenticate
from tests.helpers.keyboard import show_active, type_text
from ui.main import make_app
from ui.settings.page import SettingsPage


@pytest.fixture
def login(db):
    make_app()
    return lambda name: authenticate(db, name, DEMO_PASSWORD, 1 if name == "canbo" else None)


@pytest.fixture
def page_for(qtbot, db, login, data_dir):
    def make(name: str) -> SettingsPage:
        page = SettingsPage(db, login(name), clock=lambda: datetime(2026, 11, 20, 9, 0))
        qtbot.addWidget(page)
        return page
    return make


def _inputs(widget):
    """Every control a user could change something with (the tab bar and scroll bars aside)."""
    found = [w for cls in (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton) for w in widget.findChildren(cls)]
    return [w for w in found if w.objectName() not in ("qt_spinbox_lineedit", "qt_calendar_prevmonth",
                                                       "qt_calendar_nextmonth", "qt_calendar_monthbutton",
                                                       "qt_calendar_yearbutton", "qt_calendar_yearedit",
                                                       "qt_tableview_cornerbutton")
            and type(w).__name__ not in ("QTabBar", "QToolButton", "QScrollBar")
            and not isinstance(w.parent(), QAbstractSpinBox)]


def _changeable(widget) -> bool:
    return widget.isEnabled() and not (hasattr(widget, "isReadOnly") and widget.isReadOnly())


def test_every_tab_shows_what_is_stored(db, page_for, data_dir):
    from app.domain.permissions import Actor

    (data_dir / "forms").mkdir(parents=True)
    (data_dir / "forms" / "mau-rieng.json").write_text('{"forms": {}}', encoding="utf-8")  # the office's own set

    system = Actor.system()
    change_settings(db, system, {"idle_lock_minutes": 7, "receipt.paper": "A5", "receipt.copies": 3,
                                 "receipt.print_direct": True, "receipt.place": "Vĩnh Long",
                                 "bank.bin": "970436", "bank.account": "0011004455667", "forms.set": "2018",
                                 "portal.url": "https://dvc.example.gov.vn", "portal.token": "bi-mat-2026",
                                 "portal.lease_days": 5, "backup.daily": False, "backup.keep": 30,
                                 "backup.folder": str(data_dir / "sao-luu")})
    update_agency(db, system, phone="0270 3 999 999", office_hours="07:00-11:00")
    add_override(db, system, date(2026, 12, 31), DAY_OFF, "Nghỉ tổng kết năm")
    add_counter(db, system, 7, "Quầy thu phí")
    page = page_for("quantri")
    assert (page.general.idle.value(), page.receipt.paper.currentText(), page.receipt.copies.value()) == (7, "A5", 3)
    assert page.receipt.direct.isChecked() and page.receipt.header["receipt.place"].text() == "Vĩnh Long"
    assert page.receipt.bank["bank.account"].text() == "0011004455667"
    assert page.receipt.forms_set.currentText() == "2018"
    assert [page.receipt.forms_set.itemText(i) for i in range(page.receipt.forms_set.count())] == [
        "2025", "2018", "mau-rieng"]
    assert page.portal.url.text() == "https://dvc.example.gov.vn" and page.portal.token.text() == "bi-mat-2026"
    assert page.portal.token.echoMode() == QLineEdit.EchoMode.Password and page.portal.lease_days.value() == 5
    assert not page.backup.daily.isChecked() and page.backup.keep.value() == 30
    assert page.backup.folder.text() == str(data_dir / "sao-luu")
    agency = page.agency
    assert agency.edits["unit_code"].text() == "000.00.01.H62" and agency.edits["phone"].text() == "0270 3 999 999"
    assert agency.morning[0].time() == QTime(7, 0) and agency.morning[1].time() == QTime(11, 0)
    assert not agency.has_afternoon.isChecked() and not agency.afternoon[0].isEnabled()
    cal = page.calendar
    assert cal.year.value() == 2026
    rows = {cal.table.item(r, 0).text(): (cal.table.item(r, 1).text(), cal.table.item(r, 2).text())
            for r in range(cal.table.rowCount())}
    assert rows["Thứ 5 31/12/2026"] == ("Ngày nghỉ (cơ quan)", "Nghỉ tổng kết năm")
    assert rows["Thứ 5 01/01/2026"] == ("Ngày lễ, Tết", "Tết Dương lịch")
    assert any(kind == "Ngày làm bù (theo quyết định)" for kind, _ in rows.values())
    assert cal.calendar.dateTextFormat(QDate(2026, 12, 31)).background().color().name() == "#ffd699"
    counters = [(page.counters.table.item(r, 0).text(), page.counters.table.item(r, 1).text())
                for r in range(page.counters.table.rowCount())]
    assert counters[-1] == ("7", "Quầy thu phí") and len(counters) == 4
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Cơ quan", "Lịch làm việc", "Quầy", "Thiết bị", "Cổng dịch vụ công", "Giấy tiếp nhận", "Sao lưu", "Chung",
        "Thông báo", "Chữ ký số", "Phí, lệ phí"]


def test_the_settings_tabs_save_together(db, page_for, tmp_path):
    folder = str(tmp_path / "sao-luu-motcua")  # a folder that can hold a backup: others are refused
    page = page_for("quantri")
    saved = []
    page.changed.connect(saved.append)
    page.general.idle.setValue(3)
    page.receipt.paper.setCurrentText("A5")
    page.receipt.header["receipt.header_unit"].setText("Trung tâm Phục vụ hành chính công")
    page.portal.url.setText("https://dichvucong.example.gov.vn/motcua")
    page.portal.token.setText("ma-truy-cap")
    page.portal.lease_size.setValue(80)
    page.backup.ask_folder = lambda start: folder
    page.backup.browse.click()
    page.backup.keep.setValue(60)
    page.show_tab(page.calendar)
    assert not page.save_bar.isVisibleTo(page)  # the calendar saves itself: no shared button
    page.show_tab(page.backup)
    assert page.save_bar.isVisibleTo(page)
    assert page.save() and page.message.text() == "Đã lưu cài đặt."
    s = load_settings(db)
    assert (s["idle_lock_minutes"], s["receipt.paper"], s["receipt.header_unit"]) == (
        3, "A5", "Trung tâm Phục vụ hành chính công")
    assert (s["portal.url"], s["portal.token"], s["portal.lease_size"]) == (
        "https://dichvucong.example.gov.vn/motcua", "ma-truy-cap", 80)
    assert (s["backup.folder"], s["backup.keep"]) == (folder, 60)
    assert saved and saved[-1]["idle_lock_minutes"] == 3


def test_a_bad_value_shows_the_core_message_at_its_field_and_saves_nothing(db, page_for):
    page = page_for("quantri")
    page.show()
    page.general.idle.setValue(4)  # valid, on another tab: must not be saved alone
    page.receipt.lookup.setText("https://cong.example/tra-cuu")  # no {code}
    assert not page.save()
    _, _, error = page.receipt.bound["receipt.lookup_url"]
    assert error.isVisible() and "{code}" in error.text() and "Địa chỉ tra cứu hồ sơ" in error.text()
    assert page.tabs.currentWidget() is page.scrolls[page.receipt]
    assert page.message.text() == "Chưa lưu gì: hãy sửa ô có thông báo màu đỏ."
    assert load_settings(db)["idle_lock_minutes"] == 10 and load_settings(db)["receipt.lookup_url"] == ""
    page.receipt.lookup.setText("https://cong.example/tra-cuu?ma={code}")
    page.portal.url.setText("dichvucong.example")  # no http(s)
    assert not page.save()
    _, _, portal_error = page.portal.bound["portal.url"]
    assert "http" in portal_error.text() and not error.isVisible()  # the old message is gone
    assert page.tabs.currentWidget() is page.scrolls[page.portal]
    page.portal.url.setText("")
    assert page.save() and load_settings(db)["idle_lock_minutes"] == 4 and not portal_error.isVisible()


def test_the_agency_tab_saves_vietnamese_text_and_hours_and_refuses_bad_ones(qtbot, db, page_for):
    page = page_for("quantri")
    tab = page.agency
    show_active(qtbot, page)
    tab.edits["name"].clear()
    tab.edits["name"].setFocus()
    type_text("Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long")
    tab.afternoon[0].setTime(QTime(13, 0))
    assert tab.save() and tab.message.text() == "Đã lưu thông tin cơ quan."
    p = agency_profile(db)
    assert p.name == "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long" and p.office_hours == "07:30-11:30,13:00-17:00"

    tab.morning[1].setTime(QTime(13, 30))  # the morning runs into the afternoon
    tab.edits["phone"].setText("0270 3 111 111")
    assert not tab.save()
    assert tab.errors["office_hours"].isVisible() and "chồng lên nhau" in tab.errors["office_hours"].text()
    assert tab.message.text() == "Chưa lưu gì: hãy sửa ô có thông báo màu đỏ."
    assert agency_profile(db) == p  # the phone number was not saved alone
    tab.morning[1].setTime(QTime(7, 0))  # ends before it starts
    assert not tab.save() and "phải trước giờ kết thúc" in tab.errors["office_hours"].text()

    tab.load()
    tab.edits["unit_code"].setText("H62-18")
    asked = []
    tab.confirm = lambda title, text: asked.append(text) or True
    assert not tab.save() and "QCVN 102:2016" in tab.errors["unit_code"].text()
    assert "Quyết định 20/2020/QĐ-TTg" in tab.errors["unit_code"].text()
    assert agency_profile(db).unit_code == "000.00.01.H62"
    tab.edits["unit_code"].setText("000.00.09.h62")
    tab.confirm = lambda title, text: asked.append(text) or False  # the administrator thinks again
    assert not tab.save() and agency_profile(db).unit_code == "000.00.01.H62"
    assert "000.00.09.H62" in asked[-1] and "000.00.01.H62" in asked[-1]
    tab.confirm = lambda title, text: True
    assert tab.save() and agency_profile(db).unit_code == "000.00.09.H62"
    assert not tab.errors["unit_code"].isVisible() and tab.edits["unit_code"].text() == "000.00.09.H62"
    # A Decision 20/2020 agency e-identifier, as long as the form allows.
    tab.edits["unit_code"].setText("h62.18.05." + "1" * 30)
    assert tab.edits["unit_code"].text() == "h62.18.05." + "1" * 25  # the edit stops at 35 characters
    tab.edits["unit_code"].setText("h62.18.05")
    assert tab.save() and agency_profile(db).unit_code == "H62.18.05"


def test_counters_are_added_renamed_and_stopped_from_the_tab(db, page_for):
    page = page_for("quantri")  # kept: the tab lives as long as its page
    tab = page.counters
    assert tab.new_number.value() == 4  # the first free number
    tab.new_name.setText("Quầy ưu tiên")
    assert tab.add() and tab.message.text() == "Đã thêm quầy số 4."
    assert tab.current().number == 4 and tab.table.rowCount() == 4
    tab.new_number.setValue(2)
    assert not tab.add() and "Đã có quầy số 2" in tab.number_error.text()
    tab.name.setText("Quầy người cao tuổi")
    assert tab.rename() and tab.current().name == "Quầy người cao tuổi"
    assert tab.active_button.text() == "Ngừng dùng"
    assert tab.toggle_active() and not tab.current().active and tab.active_button.text() == "Dùng lại"
    assert tab.table.item(tab.table.currentRow(), 2).text() == "Ngừng dùng"
    assert tab.remove() and tab.message.text() == "Đã xóa quầy số 4."
    assert [c.number for c in list_counters(db)] == [1, 2, 3]
    tab.name.setText("  ")
    assert not tab.rename() and tab.name_error.text() == "Cần ghi tên quầy."


def test_the_calendar_tab_adds_and_removes_the_office_days(db, page_for):
    page = page_for("quantri")
    tab = page.calendar
    tab.calendar.setSelectedDate(QDate(2026, 12, 24))
    assert not tab.add(DAY_OFF) and tab.reason_error.text() == "Cần ghi lý do cho ngày nghỉ hoặc ngày làm bù."
    assert date(2026, 12, 24) not in load_calendar(db).days_off
    tab.reason.setText("Nghỉ bù ngày hội thao")
    assert tab.add_off.isEnabled() and not tab.remove_button.isEnabled()
    tab.add_off.click()
    assert load_calendar(db).days_off[date(2026, 12, 24)] == "Nghỉ bù ngày hội thao"
    assert tab.message.text() == "Đã ghi ngày 24/12/2026 là ngày nghỉ của cơ quan."
    assert "Ngày nghỉ (cơ quan): Nghỉ bù ngày hội thao" in tab.day_label.text()
    assert tab.remove_button.isEnabled() and tab.table.selectionModel().selectedRows()
    tab.calendar.setSelectedDate(QDate(2026, 12, 26))  # a Saturday made a working day
    tab.reason.setText("Làm bù cho ngày 24/12")
    tab.add_work.click()
    assert load_calendar(db).working_days[date(2026, 12, 26)] == "Làm bù cho ngày 24/12"
    tab.calendar.setSelectedDate(QDate(2026, 12, 24))
    tab.remove_button.click()
    assert date(2026, 12, 24) not in load_calendar(db).days_off
    assert tab.message.text() == "Đã bỏ điều chỉnh của cơ quan cho ngày 24/12/2026."
    tab.year.setValue(2027)
    assert tab.calendar.yearShown() == 2027 and tab.count.text().startswith("Năm 2027:")


@pytest.mark.parametrize("name", ["canbo", "huongdan"])
def test_an_officer_or_a_guide_sees_everything_read_only_and_never_the_token(db, page_for, name):
    from app.domain.permissions import Actor

    change_settings(db, Actor.system(), {"portal.token": "bi-mat-2026"})
    page = page_for(name)
    enabled = [w.objectName() or type(w).__name__ for w in _inputs(page) if _changeable(w)]
    # Looking at another year or another notice text and opening the Devices page change nothing here.
    assert enabled == ["calendarYear", "templateKind", "templatePart", "openDevices"]
    assert page.notice.text() == "Chỉ quản trị viên được thay đổi các cài đặt này."
    assert page.agency.edits["name"].isReadOnly() and page.agency.edits["name"].isEnabled()  # readable: not greyed
    assert page.portal.token.text() == "" and page.portal.token.placeholderText() == "(đã có)"
    assert not page.portal.reveal.isEnabled()


def test_a_supervisor_changes_the_calendar_only(db, page_for):
    page = page_for("lanhdao")
    assert page.tabs.currentWidget() is page.scrolls[page.calendar]
    assert "lãnh đạo được sửa lịch làm việc" in page.notice.text()
    enabled = {w.objectName() for w in _inputs(page) if _changeable(w)}
    calendar_inputs = {w.objectName() for w in _inputs(page.calendar)}
    assert enabled - calendar_inputs == {"openDevices", "templateKind", "templatePart"}  # which text is shown
    assert not page.save_button.isEnabled() and not page.agency.save_button.isEnabled()
    assert {"overrideReason", "addDayOff", "addWorkingDay", "calendarYear"} <= enabled
    page.calendar.calendar.setSelectedDate(QDate(2026, 12, 31))
    page.calendar.reason.setText("Tổng kết năm")
    assert page.calendar.add(DAY_OFF)
    assert load_calendar(db).days_off[date(2026, 12, 31)] == "Tổng kết năm"


def test_the_devices_tab_asks_for_the_devices_page_and_the_token_can_be_shown(qtbot, page_for):
    page = page_for("quantri")
    with qtbot.waitSignal(page.devices_requested):
        page.devices.button.click()
    page.portal.token.setText("abc")
    page.portal.reveal.click()
    assert page.portal.token.echoMode() == QLineEdit.EchoMode.Normal and page.portal.reveal.text() == "Ẩn"
    page.portal.reveal.click()
    assert page.portal.token.echoMode() == QLineEdit.EchoMode.Password and page.portal.reveal.text() == "Hiện"


@pytest.mark.parametrize("size", [(1130, 730), (1216, 690)], ids=["1280x800", "1366x768"])
def test_no_tab_needs_more_room_than_the_window_gives(qtbot, page_for, size):
    """In the window beside the navigation column: what does not fit scrolls, nothing is squeezed
    below the size it needs to show its text."""
    page = page_for("quantri")
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        area = page.tabs.currentWidget()
        inner = area.widget()
        assert inner.minimumSizeHint().width() <= area.viewport().width(), page.tabs.tabText(i)


def test_the_portal_tab_says_where_the_token_is_kept(os_keyring, page_for):
    page = page_for("quantri")
    assert page.portal.store.text() == f"Mã truy cập được cất giữ tại: {os_keyring.name}."
    assert not page.portal.store.isHidden()


def test_without_a_keyring_the_portal_tab_says_the_token_is_in_the_database(no_keyring, page_for):
    assert page_for("quantri").portal.store.text() == (
        "Máy này không có kho khóa của hệ điều hành: mã truy cập được lưu trong cơ sở dữ liệu của cơ quan.")


def test_the_portal_tab_sets_the_dossier_code_shape_and_refuses_04_2025_without_its_aa(db, page_for):
    page = page_for("quantri")
    page.show()
    page.tabs.setCurrentWidget(page.scrolls[page.portal])
    assert page.portal.code_shape.currentText() == "2018" and page.portal.system_id.text() == ""
    hint = page.portal.system_id
    assert hint.width() > hint.fontMetrics().horizontalAdvance(hint.placeholderText())  # read whole
    assert "H62.18-260125-010001" in " ".join(lbl.text() for lbl in page.portal.findChildren(QLabel))
    page.portal.code_shape.setCurrentText("04/2025")
    page.portal.system_id.setText("1x")
    assert not page.save()
    _, _, error = page.portal.bound["codes.system_id"]
    assert "04/2025" in error.text() and load_settings(db)["codes.shape"] == "2018"
    page.portal.system_id.setText("18")
    assert page.save()
    s = load_settings(db)
    assert (s["codes.shape"], s["codes.system_id"]) == ("04/2025", "18")
