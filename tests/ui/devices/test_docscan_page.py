"""The devices page's "Máy quét tài liệu": kind, address, resolution, colour, duplex, page size and
source saved for this PC beside the serial devices; a bad value is one line and nothing saved;
"Thử kết nối" asks the eSCL emulator over real TCP on a real worker thread and says the answer."""

import json

import pytest

from app.devices.config import DocScanSettings, load_devices
from app.devices.docscan.escl import EsclScanner
from app.devices.docscan.escl_emulator import EsclEmulator
from app.devices.docscan.factory import open_document_scanner, scan_settings
from tests.helpers.factories import OFFICER
from tests.helpers.sane import sane_test_backend  # noqa: F401 (the fixture)
from ui.devices.desk import DeskDevices
from ui.devices.settings_page import DeviceSettingsPage
from ui.intents import DeskIntents
from ui.main import make_app

WAIT_MS = 20_000


@pytest.fixture
def page(qtbot, db, tmp_path):
    make_app()
    data = tmp_path / "pc"
    data.mkdir()
    intents = DeskIntents()
    devices = DeskDevices(db, OFFICER, data, intents)
    page = DeviceSettingsPage(devices, data)
    qtbot.addWidget(page)
    yield page
    devices.stop()


def choose(box, value):
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def test_the_section_offers_the_scanners_and_starts_unused(page):
    f = page.docscan_fields
    assert page.findChild(type(page.docscan_test), "test_docscan").text() == "Thử kết nối"
    assert [f["kind"].itemText(i) for i in range(f["kind"].count())] == [
        "Không dùng", "Máy quét mạng (eSCL, AirScan)", "Máy quét SANE (Linux)", "Máy quét USB qua WIA (Windows)",
        "Thư mục quét của máy photocopy"]
    assert f["resolution"].currentText() == "200 dpi" and f["color_mode"].currentText() == "Xám"
    assert not f["address"].isEnabled() and not page.docscan_test.isEnabled()
    choose(f["kind"], "escl")
    assert f["address"].isEnabled() and page.docscan_test.isEnabled()
    assert f["address"].placeholderText() == "http://192.168.1.20/eSCL"
    choose(f["kind"], "folder")
    assert f["address"].placeholderText() == "D:\\Quet hoặc \\\\may-chu\\quet"


def test_settings_are_saved_for_this_pc_and_read_back(qtbot, page):
    f = page.docscan_fields
    choose(f["kind"], "escl")
    f["address"].setText("  http://192.168.1.20/eSCL ")
    choose(f["resolution"], 300)
    choose(f["color_mode"], "color")
    choose(f["page_size"], "A5")
    f["duplex"].setChecked(True)
    assert page.save() and page.message.text() == "Đã lưu cho máy này và áp dụng."
    saved = json.loads((page.data_dir / "devices.json").read_text(encoding="utf-8"))
    assert saved["docscan"] == {"kind": "escl", "address": "http://192.168.1.20/eSCL", "resolution": 300,
                                "color_mode": "color", "duplex": True, "page_size": "A5", "source": "feeder"}
    assert isinstance(open_document_scanner(page.data_dir), EsclScanner)
    assert scan_settings(page.data_dir).resolution == 300
    again = DeviceSettingsPage(page.devices, page.data_dir)  # the page as the desk builds it next time
    qtbot.addWidget(again)
    assert again.docscan_settings() == load_devices(page.data_dir).docscan


def test_a_bad_address_is_one_line_and_nothing_is_saved(page):
    f = page.docscan_fields
    choose(f["kind"], "folder")
    f["address"].setText("quet")
    assert not page.save()
    assert page.message.text() == ("Máy quét tài liệu: thư mục quét «quet» phải là đường dẫn đầy đủ "
                                   "(D:\\Quet, \\\\may-chu\\quet hoặc /srv/quet).")
    assert not (page.data_dir / "devices.json").exists()
    page.docscan_test.click()  # the test checks the form first: the same line, nothing asked
    assert page.results["docscan"].text() == page.message.text()


def test_the_test_button_asks_the_escl_emulator_in_the_background(qtbot, page, thread_ops):
    f = page.docscan_fields
    choose(f["kind"], "escl")
    with EsclEmulator(pages=2) as emulator:
        f["address"].setText(emulator.url)
        page.docscan_test.click()
        qtbot.waitUntil(lambda: page.docscan_test.isEnabled(), timeout=WAIT_MS)
        assert page.results["docscan"].text() == \
            "Đã kết nối Một Cửa eSCL Emulator (eSCL, 127.0.0.1): sẵn sàng, khay nạp có giấy."
        assert emulator.jobs == []  # asked, nothing scanned
        choose(f["resolution"], 400)  # the emulator offers 100, 150, 200, 300, 600
        page.docscan_test.click()
        qtbot.waitUntil(lambda: page.docscan_test.isEnabled(), timeout=WAIT_MS)
        assert page.results["docscan"].text() == ("Một Cửa eSCL Emulator (eSCL, 127.0.0.1) không hỗ trợ độ phân "
                                                  "giải 400 dpi (hỗ trợ: 100, 150, 200, 300, 600 dpi).")
    choose(f["resolution"], 200)
    page.docscan_test.click()  # the emulator is gone: nothing listens there now
    qtbot.waitUntil(lambda: page.docscan_test.isEnabled(), timeout=WAIT_MS)
    assert page.results["docscan"].text().startswith("Không kết nối được Máy quét eSCL (127.0.0.1)")
    assert not (page.data_dir / "devices.json").exists()  # a test saves nothing
    assert load_devices(page.data_dir).docscan == DocScanSettings()


@pytest.mark.usefixtures("sane_test_backend")
def test_find_lists_what_sane_sees_and_fills_an_empty_address(qtbot, page):
    f = page.docscan_fields
    assert page.docscan_find.isHidden()
    choose(f["kind"], "sane")
    assert not page.docscan_find.isHidden() and page.docscan_find.text() == "Tìm máy quét SANE"
    page.docscan_find.click()
    assert f["address"].text() == "test:0"
    assert page.results["docscan"].text() == ("Tìm thấy: test:0 (Noname frontend-tester (virtual device)); "
                                              "test:1 (Noname frontend-tester (virtual device))")
    page.docscan_test.click()  # then asked as a scan would ask it
    assert page.results["docscan"].text() == "Đã kết nối test:0 (SANE): nhận được các chế độ quét đã chọn."
