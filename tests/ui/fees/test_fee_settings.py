"""Cài đặt › Phí, lệ phí: the fees.* keys saved with the page's one button, a bad address refused in
Vietnamese under its field with nothing saved; the provider's key a secret a supervisor only sees as
set or not; "Thử kết nối" asks the real sandbox provider off the GUI thread, and says in one line
why a provider that does not answer cannot be used."""

from __future__ import annotations

import socket
from datetime import datetime

from app.domain.permissions import Actor
from app.fees.sandbox import serve
from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.store import change_settings, load_settings
from app.services.trust.users import authenticate
from tests.helpers.keyboard import type_text
from ui.main import make_app
from ui.settings.page import SettingsPage


def settings_page(qtbot, db, login: str = "quantri") -> SettingsPage:
    make_app()
    page = SettingsPage(db, authenticate(db, login, DEMO_PASSWORD, None), clock=lambda: datetime(2026, 11, 20, 9))
    qtbot.addWidget(page)
    page.resize(1216, 690)
    page.show()
    page.show_tab(page.fees)
    return page


def widgets(tab):
    return {key: widget for key, (widget, _row, _error) in tab.bound.items()}


def test_the_fee_keys_are_saved_together_and_a_bad_address_refused(qtbot, db):
    page = settings_page(qtbot, db)
    tab = page.fees
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Phí, lệ phí"
    w = widgets(tab)
    assert w["fees.block_unpaid_return"].isChecked() and not w["fees.receipts.enabled"].isChecked()
    assert w["fees.receipts.provider"].currentText() == "Dịch vụ biên lai điện tử HTTP JSON chung (docs/fees.md)"
    assert w["fees.receipts.timeout_s"].value() == 15 and w["fees.receipts.timeout_s"].suffix() == " giây"
    assert w["fees.receipts.symbol"].text() == "" and w["fees.receipts.template_code"].text() == ""

    w["fees.receipts.enabled"].setChecked(True)
    w["fees.receipts.provider"].setCurrentIndex(w["fees.receipts.provider"].findData("sandbox"))
    type_text("bienlai.example.vn", w["fees.receipts.url"])  # no scheme: not an address
    type_text("01BLP0-001", w["fees.receipts.template_code"])
    type_text("BL-26E", w["fees.receipts.symbol"])
    type_text("UBND phường Phước Hậu", w["fees.receipts.unit_name"])
    type_text("khoa-bi-mat-2026", w["fees.receipts.api_key"])
    assert not page.save()
    error = tab.bound["fees.receipts.url"][2]
    assert error.isVisible() and error.text().startswith(
        "Giá trị «bienlai.example.vn» không hợp lệ cho «Địa chỉ dịch vụ biên lai điện tử»")
    assert page.message.text() == "Chưa lưu gì: hãy sửa ô có thông báo màu đỏ."
    assert load_settings(db)["fees.receipts.enabled"] is False  # nothing half-saved

    w["fees.receipts.url"].setText("https://bienlai.example.vn/api")
    w["fees.block_unpaid_return"].setChecked(False)
    assert page.save() is True
    saved = load_settings(db)
    assert (saved["fees.receipts.enabled"], saved["fees.receipts.provider"], saved["fees.receipts.url"]) == (
        True, "sandbox", "https://bienlai.example.vn/api")
    assert (saved["fees.receipts.template_code"], saved["fees.receipts.symbol"], saved["fees.receipts.unit_name"],
            saved["fees.receipts.api_key"], saved["fees.block_unpaid_return"]) == (
        "01BLP0-001", "BL-26E", "UBND phường Phước Hậu", "khoa-bi-mat-2026", False)
    assert not error.isVisible()


def test_a_supervisor_reads_the_settings_but_never_the_key(qtbot, db):
    change_settings(db, Actor.system(), {"fees.receipts.api_key": "khoa-bi-mat-2026",
                                         "fees.receipts.url": "https://bienlai.example.vn/api"})
    page = settings_page(qtbot, db, "lanhdao")
    w = widgets(page.fees)
    key = w["fees.receipts.api_key"]
    assert key.text() == "" and key.placeholderText() == "(đã có)" and key.isReadOnly()
    assert w["fees.receipts.url"].isReadOnly() and not w["fees.receipts.enabled"].isEnabled()
    assert not page.fees.check_button.isEnabled()
    assert page.fees.values()["fees.receipts.api_key"] == "khoa-bi-mat-2026"  # what is saved stays


def test_test_the_connection_asks_the_provider_off_the_gui_thread(qtbot, db, thread_ops):
    server, thread = serve("127.0.0.1", 0)
    try:
        page = settings_page(qtbot, db)
        w = widgets(page.fees)
        w["fees.receipts.provider"].setCurrentIndex(w["fees.receipts.provider"].findData("sandbox"))
        w["fees.receipts.url"].setText(server.url)
        page.fees.check_button.click()
        assert page.fees.check_message.text() == "Đang hỏi nhà cung cấp…"
        qtbot.waitUntil(lambda: page.fees.check_button.isEnabled(), timeout=30_000)
        assert page.fees.check_message.text() == ("Kết nối được dịch vụ biên lai điện tử (chưa bật phát hành biên lai "
                                                  "điện tử).")
    finally:
        server.stop(thread)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    w["fees.receipts.url"].setText(closed)
    page.fees.check_button.click()
    qtbot.waitUntil(lambda: page.fees.check_button.isEnabled(), timeout=30_000)
    assert page.fees.check_message.text().startswith("Không kết nối được dịch vụ biên lai điện tử: ")
    assert load_settings(db)["fees.receipts.url"] == ""  # trying saves nothing
