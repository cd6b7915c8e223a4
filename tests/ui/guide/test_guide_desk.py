"""The guide desk as a volunteer uses it: find a procedure without diacritics, see where it is filed
online with its QR code, record a citizen helped (the phone only after consent), print the guide."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from db.models import GuidanceRecord, User
from tests.helpers.keyboard import type_text
from ui.guide.desk import GuideDeskPage
from ui.main import make_app

NOW = datetime(2026, 11, 23, 9, 30)
PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="


@pytest.fixture
def guide(db):
    with db.reading() as s:
        user_id = s.scalar(select(User.id).where(User.login == "huongdan"))
    return Actor(login="huongdan", role=Role.GUIDE, user_id=user_id, full_name="Trần Văn Bình")


@pytest.fixture
def opened():
    return []


def desk(qtbot, db, guide, data_dir, opened, opens: bool = True) -> GuideDeskPage:
    make_app()

    def opener(path):
        opened.append(path)
        return opens

    page = GuideDeskPage(db, guide, lambda: NOW, data_dir, open_file=opener)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def records(db) -> list[tuple]:
    with db.reading() as s:
        return [(r.procedure_id, r.phone, r.phone_consent, r.at) for r in s.scalars(select(GuidanceRecord))]


def test_find_without_diacritics_shows_the_online_address_and_qr(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    qtbot.keyClicks(page.explorer.search, "dang ky khai sinh")
    assert page.explorer.list.count() == 2  # khai sinh, and đăng ký lại khai sinh
    page.explorer.list.setCurrentRow(0)
    assert page.procedure.code == "1.001193" and page.procedure.name == "Đăng ký khai sinh"
    assert page.status.text() == "<b>Nộp được trực tuyến (mức độ 4, toàn trình)</b>"
    assert page.online_url == PORTAL + "1.001193"
    assert PORTAL + "1.001193" in page.url.text().replace("\u200b", "")
    assert page.qr.isVisible() and page.qr.value == PORTAL + "1.001193"
    assert page.log_button.isEnabled() and page.print_button.isEnabled()


def test_a_vietnamese_query_finds_the_same_procedure(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    page.explorer.search.setFocus()
    type_text("khai tử", page.explorer.search)
    assert page.procedure.code == "1.000656"


def test_helped_with_consent_and_phone_is_recorded_and_counted(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    assert page.today.text() == "Hôm nay bạn đã hướng dẫn: 0 người\nCả cơ quan hôm nay: 0 người"
    qtbot.keyClicks(page.explorer.search, "dang ky khai sinh")
    page.select("1.001193")
    assert not page.phone.isEnabled()  # no number before the citizen agrees
    qtbot.mouseClick(page.consent, Qt.MouseButton.LeftButton)
    assert page.consent.isChecked() and page.phone.isEnabled()
    qtbot.keyClicks(page.phone, "0912 345 678")
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    ((_, phone, consent, at),) = records(db)
    assert (phone, consent, at) == ("0912345678", True, NOW)
    assert page.log_message.text() == "Đã ghi nhận lúc 09:30: Đăng ký khai sinh."
    assert page.today.text() == "Hôm nay bạn đã hướng dẫn: 1 người\nCả cơ quan hôm nay: 1 người"
    assert page.recent.item(0).text() == "09:30 23/11 · Đăng ký khai sinh · có số điện thoại"
    # Ready for the next citizen: no consent, no number.
    assert not page.consent.isChecked() and page.phone.text() == "" and not page.phone.isEnabled()


def test_helped_without_a_phone_keeps_no_number(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    page.select("1.004222")
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    ((_, phone, consent, _),) = records(db)
    assert phone is None and consent is False
    assert page.recent.item(0).text() == "09:30 23/11 · Đăng ký thường trú"


def test_a_bad_phone_is_shown_in_vietnamese_and_nothing_written(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    page.select("1.001193")
    page.consent.setChecked(True)
    qtbot.keyClicks(page.phone, "12345")
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)
    assert records(db) == []
    assert page.log_message.text().startswith("Số điện thoại phải có 10 chữ số")
    assert page.phone.text() == "12345" and page.consent.isChecked()  # kept, to correct
    assert page.recent.item(0).text() == "Chưa ghi nhận ai."


def test_a_counter_only_procedure_has_no_qr_and_is_not_logged(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    qtbot.keyClicks(page.explorer.search, "2.009201")
    assert page.procedure.code == "2.009201"
    assert page.status.text() == "<b>Chỉ nộp tại quầy: thủ tục này chưa nộp được trực tuyến.</b>"
    assert not page.qr.isVisible() and page.online_url is None and page.url.text() == ""
    assert not page.log_button.isEnabled() and page.print_button.isEnabled()
    assert page.log_helped() is False and records(db) == []


def test_print_guide_writes_the_pdf_and_opens_it(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    page.select("1.001193")
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    path = data_dir / "guides" / "1.001193.pdf"
    assert opened == [path] and path.read_bytes().startswith(b"%PDF")
    assert page.print_message.text() == f"Đã mở tờ hướng dẫn để in (lưu tại {path})."


def test_print_guide_says_where_it_was_saved_when_nothing_opens_it(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened, opens=False)
    page.select("1.000656")
    assert page.print_guide() == data_dir / "guides" / "1.000656.pdf"
    assert page.print_message.text() == (f"Đã lưu tờ hướng dẫn tại {data_dir / 'guides' / '1.000656.pdf'}: "
                                         "mở tệp trong thư mục đó để in.")


def test_no_match_disables_the_actions(qtbot, db, guide, data_dir, opened):
    page = desk(qtbot, db, guide, data_dir, opened)
    qtbot.keyClicks(page.explorer.search, "zzzz")
    assert page.procedure is None and page.status.text() == "Chọn một thủ tục trong danh sách."
    assert not page.print_button.isEnabled() and not page.log_button.isEnabled() and not page.qr.isVisible()
