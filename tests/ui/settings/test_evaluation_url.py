"""Cài đặt › Giấy tiếp nhận: the address of the portal's evaluation page (rating.evaluation_url,
the QR on the receipt): refused in Vietnamese under its field unless https with {code}, then saved."""

from __future__ import annotations

from datetime import datetime

from app.services.bootstrap import DEMO_PASSWORD
from app.services.settings.store import load_settings
from app.services.trust.users import authenticate
from ui.main import make_app
from ui.settings.page import SettingsPage


def test_the_receipt_tab_takes_the_evaluation_address(qtbot, db, data_dir):
    make_app()
    page = SettingsPage(db, authenticate(db, "quantri", DEMO_PASSWORD, None), clock=lambda: datetime(2026, 11, 20, 9))
    qtbot.addWidget(page)
    page.show()
    edit = page.receipt.evaluation
    assert edit.text() == "" and edit.placeholderText() == "Để trống: giấy tiếp nhận không in mã QR đánh giá"
    edit.setText("http://cong.example/danh-gia?ma={code}")  # not https
    assert not page.save()
    _, _, error = page.receipt.bound["rating.evaluation_url"]
    assert error.isVisible() and "một địa chỉ https có chứa {code}" in error.text()
    assert load_settings(db)["rating.evaluation_url"] == ""
    edit.setText("https://cong.example/danh-gia?ma={code}")
    assert page.save() and not error.isVisible()
    assert load_settings(db)["rating.evaluation_url"] == "https://cong.example/danh-gia?ma={code}"
