"""Cài đặt › Chữ ký số: the office's signing.* keys are saved with the page's one button and a bad
value is refused in Vietnamese under its field (nothing saved); this PC's token library is kept in
devices.json (`token`), a path that is not a file on this PC refused under its field; "Tìm thiết bị
ký" lists the SoftHSM2 token, "Thử ký" signs and checks a test PDF with it, and the trusted roots
are added and removed."""

from __future__ import annotations

import json
import re
from datetime import datetime

from PySide6.QtCore import QTimer

from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.store import load_settings
from app.services.trust.users import authenticate
from tests.helpers.pki import OFFICER_CN
from tests.helpers.softhsm import softhsm_token  # noqa: F401 - fixture
from ui.main import make_app
from ui.settings.page import SettingsPage
from ui.widgets import DONE_STYLE, ERROR_STYLE

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


def settings_page(qtbot, db, data_dir) -> SettingsPage:
    make_app()
    page = SettingsPage(db, authenticate(db, "quantri", DEMO_PASSWORD, None), data_dir=data_dir,
                        clock=lambda: datetime(2026, 11, 20, 9))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.show_tab(page.signing)
    return page


def test_the_office_keys_are_saved_and_a_bad_address_refused_in_vietnamese(qtbot, db, data_dir):
    page = settings_page(qtbot, db, data_dir)
    tab = page.signing
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Chữ ký số"
    enabled, method, stamp = (tab.bound[k][0] for k in ("signing.enabled", "signing.method", "signing.timestamp_url"))
    assert not enabled.isChecked() and method.currentText() == "Thiết bị ký số USB (token)"
    enabled.setChecked(True)
    method.setCurrentIndex(method.findData("remote"))
    stamp.setText("tsa.example.vn")  # no scheme: not an address
    assert page.save() is False
    error = tab.bound["signing.timestamp_url"][2]
    assert error.isVisible() and error.text().startswith("Giá trị «tsa.example.vn» không hợp lệ cho «Máy chủ cấp dấu")
    assert page.message.text() == "Chưa lưu gì: hãy sửa ô có thông báo màu đỏ."
    assert load_settings(db)["signing.enabled"] is False  # nothing half-saved

    stamp.setText("http://tsa.example.vn/tsr")
    tab.bound["signing.location"][0].setText("Vĩnh Long")
    assert page.save() is True
    saved = load_settings(db)
    assert saved["signing.enabled"] is True and saved["signing.method"] == "remote"
    assert saved["signing.timestamp_url"] == "http://tsa.example.vn/tsr" and saved["signing.location"] == "Vĩnh Long"
    assert not error.isVisible()


def test_this_pcs_token_library_goes_to_devices_json_and_a_missing_file_is_refused(qtbot, db, data_dir):
    page = settings_page(qtbot, db, data_dir)
    tab = page.signing
    tab.library.setText(str(data_dir / "khong-co.dll"))
    tab.save_token()
    assert tab.library_error.isVisible()
    assert tab.library_error.text().startswith("Không thấy thư viện PKCS#11 «")
    assert not (data_dir / "devices.json").exists()

    tab.library.setText(SOFTHSM)
    tab.label.setText("Quầy 2")
    tab.save_token()
    assert tab.token_message.text() == "Đã lưu cho máy này."
    kept = json.loads((data_dir / "devices.json").read_text(encoding="utf-8"))
    assert kept["token"] == {"library": SOFTHSM, "label": "Quầy 2"}
    again = settings_page(qtbot, db, data_dir)  # read back by a new page
    assert again.signing.library.text() == SOFTHSM and again.signing.label.text() == "Quầy 2"


def test_find_tokens_and_test_signing_with_the_pin_then_the_trusted_roots(qtbot, db, data_dir,
                                                                          softhsm_token):  # noqa: F811
    page = settings_page(qtbot, db, data_dir)
    tab = page.signing
    tab.library.setText(softhsm_token.library)
    tab.find_tokens()
    labels = [tab.tokens.item(i).text() for i in range(tab.tokens.count())]
    assert any(text.startswith(f"{softhsm_token.label} (số sê-ri ") for text in labels)
    assert tab.token_message.text().startswith("Tìm thấy ")

    def give_pin() -> None:  # "Thử ký" asks the PIN in its own modal dialog
        dialog = tab.pin_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, give_pin)
            return
        dialog.pin.setText(softhsm_token.pin)
        dialog.sign_button.click()

    tab.label.setText(softhsm_token.label)
    QTimer.singleShot(0, give_pin)
    tab.try_signing()
    text = tab.token_message.text()
    # Not trusted yet: the test root is not among the office's roots, and the check says so.
    assert text.startswith(f"Đã ký bằng chứng thư số của {OFFICER_CN} (") and "Test Intermediate CA" in text
    assert re.search(r"hiệu lực từ \d\d/\d\d/\d{4} đến \d\d/\d\d/\d{4}\. Kiểm tra văn bản thử: ", text)
    assert tab.token_message.styleSheet() == ERROR_STYLE

    root_file = str(softhsm_token.pki.paths["root.pem"])
    tab.add_root(root_file)
    assert tab.roots_message.text() == "Đã thêm chứng thư gốc."
    names = [tab.roots.item(i).text() for i in range(tab.roots.count())]
    assert any(n.startswith("Test Root CA Một Cửa (hiệu lực đến ") for n in names)
    QTimer.singleShot(0, give_pin)
    tab.try_signing()
    assert tab.token_message.styleSheet() == DONE_STYLE  # now the test document checks out

    row = next(i for i, n in enumerate(names) if n.startswith("Test Root CA Một Cửa"))
    tab.roots.setCurrentRow(row)
    assert tab.remove_root_button.isEnabled()
    tab.remove_root()
    assert tab.roots_message.text() == "Đã bỏ chứng thư gốc."
    assert not any(tab.roots.item(i).text().startswith("Test Root CA") for i in range(tab.roots.count()))
