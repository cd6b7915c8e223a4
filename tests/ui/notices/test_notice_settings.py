"""Cài đặt › Thông báo: the texts per event and part with the fields listed and a live preview,
saved with the other office settings; a {field} no dossier has is refused in Vietnamese and nothing
is saved; the channels' settings and their secret keys go through change_settings."""

from datetime import datetime

import pytest

from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.store import load_settings
from app.services.trust.users import authenticate
from tests.helpers.keyboard import type_text
from ui.main import make_app
from ui.settings.page import SettingsPage


@pytest.fixture
def page(qtbot, db):
    make_app()
    admin = authenticate(db, "quantri", DEMO_PASSWORD, None)
    p = SettingsPage(db, admin, clock=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(p)
    p.show_tab(p.notices)
    p.show()
    qtbot.waitExposed(p)
    return p


def choose(editor, kind: str, part: str) -> None:
    editor.kind.setCurrentIndex(editor.kind.findData(kind))
    editor.part.setCurrentIndex(editor.part.findData(part))


def test_the_tab_lists_the_fields_and_previews_as_the_text_is_typed(page):
    editor = page.notices.templates
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Thông báo"
    fields = [editor.fields.item(i).text() for i in range(editor.fields.count())]
    assert "{code}  Mã hồ sơ" in fields and "{collect_until}  Nhận kết quả trước ngày (dd/MM/yyyy)" in fields
    choose(editor, "result_ready", "text")
    editor.text.setFocus()
    editor.text.selectAll()
    type_text("Hồ sơ {code} đã có kết quả.")
    assert editor.preview.toPlainText() == "Ho so 000.00.01.H62-261206-0001 da co ket qua."  # SMS: unaccented
    assert "1 tin" in editor.preview_note.text()
    choose(editor, "result_ready", "subject")
    assert editor.preview.toPlainText().startswith("Tiêu đề: Hồ sơ 000.00.01.H62-261206-0001: đã có kết quả")
    assert page.save() and page.message.text() == "Đã lưu cài đặt."
    assert load_settings(page.db)["notices.templates"] == [
        {"kind": "result_ready", "part": "text", "text": "Hồ sơ {code} đã có kết quả."}]


def test_an_unknown_field_is_said_as_typed_and_refused_on_save(page):
    editor = page.notices.templates
    choose(editor, "supplement", "email")
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(" {ma_bi_mat}")
    assert editor.problem.text().startswith(
        "Mẫu «Yêu cầu bổ sung hồ sơ – nội dung thư điện tử» có trường {ma_bi_mat} không có trong danh sách trường")
    assert not page.save()
    assert page.message.text() == "Chưa lưu gì: hãy sửa ô có thông báo màu đỏ."
    assert editor.problem.text().startswith(  # the core's refusal (app/services/settings/store.py)
        "Không dùng được «một danh sách» cho «Mẫu nội dung thông báo gửi người nộp»: mẫu «Yêu cầu bổ sung hồ sơ – "
        "nội dung thư điện tử» có trường {ma_bi_mat} không có trong danh sách trường")
    assert load_settings(page.db)["notices.templates"] == []


def test_the_channels_are_saved_with_their_secret(no_keyring, page):
    tab = page.notices
    fields = {key: widget for key, (widget, _row, _error) in tab.bound.items()}
    fields["notices.sms.enabled"].setChecked(True)
    fields["notices.sms.provider"].setCurrentIndex(fields["notices.sms.provider"].findData("sandbox"))
    fields["notices.sms.url"].setText("http://127.0.0.1:8765/sms")
    fields["notices.sms.sender"].setText("UBND-PHUOCHAU")
    fields["notices.sms.api_key"].setText("khoa-bi-mat-123")
    fields["notices.email.host"].setText("smtp.example.vn")
    fields["notices.email.security"].setCurrentIndex(fields["notices.email.security"].findData("tls"))
    fields["notices.zalo.template_ids"].setText("result_ready=231234; supplement=231235")
    assert page.save()
    s = load_settings(page.db)
    assert (s["notices.sms.enabled"], s["notices.sms.provider"], s["notices.sms.url"], s["notices.sms.sender"],
            s["notices.sms.api_key"]) == (True, "sandbox", "http://127.0.0.1:8765/sms", "UBND-PHUOCHAU",
                                          "khoa-bi-mat-123")
    assert (s["notices.email.host"], s["notices.email.security"]) == ("smtp.example.vn", "tls")
    assert s["notices.zalo.template_ids"] == ["result_ready=231234", "supplement=231235"]
    assert fields["notices.sms.api_key"].echoMode() == fields["notices.sms.api_key"].EchoMode.Password
