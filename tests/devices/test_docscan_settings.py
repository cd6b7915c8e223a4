"""The document scanner of this PC in `<data>/devices.json` (`docscan`): every value checked, a bad
file one Vietnamese line, an old file without the section still loads; the factory builds the
adapter the settings name, and `probe` asks the real device (the eSCL emulator over TCP, SANE's
own test backend through scanimage, a real folder) without scanning."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.devices.config import (
    DeviceSettings,
    DisplaySettings,
    DocScanSettings,
    config_path,
    load_devices,
    save_devices,
)
from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.escl import EsclScanner
from app.devices.docscan.escl_emulator import EsclEmulator
from app.devices.docscan.factory import (
    document_scanner,
    open_document_scanner,
    probe,
    scan_settings,
)
from app.devices.docscan.folder import TAKEN, FolderSource
from app.devices.docscan.sane import SaneScanner
from app.errors import UserError
from tests.fuzz.strategies import any_text, assert_refusal, dumps, fuzz, json_value, mutations
from tests.helpers.sane import sane_test_backend  # noqa: F401 (the fixture)

ESCL = DocScanSettings(kind="escl", address="http://192.168.1.20/eSCL", resolution=300, color_mode="color",
                       duplex=True, page_size="A5", source="feeder")
NAMES = ("Máy quét tài liệu", "Cấu hình thiết bị", "cấu hình thiết bị", "Bảng LED", "Máy in", "Máy quét")


def test_an_old_file_without_the_section_loads_with_no_document_scanner(tmp_path):
    old = {"scanner": {"port": "/dev/ttyUSB0"}, "display": {"port": "COM3"}, "wedge": False}
    config_path(tmp_path).write_text(json.dumps(old), encoding="utf-8")
    loaded = load_devices(tmp_path)
    assert loaded.docscan == DocScanSettings() and loaded.display.port == "COM3"
    assert open_document_scanner(tmp_path) is None
    assert scan_settings(tmp_path) == ScanSettings(resolution=200, color_mode="gray", duplex=False,
                                                   page_size="A4", source="feeder")
    assert open_document_scanner(tmp_path / "nothing-here") is None  # no file at all: the same


def test_settings_round_trip_beside_the_serial_devices(tmp_path):
    settings = DeviceSettings(display=DisplaySettings(port="COM3"), docscan=ESCL)
    save_devices(tmp_path, settings)
    saved = json.loads(config_path(tmp_path).read_text(encoding="utf-8"))
    assert saved["docscan"] == {"kind": "escl", "address": "http://192.168.1.20/eSCL", "resolution": 300,
                                "color_mode": "color", "duplex": True, "page_size": "A5", "source": "feeder"}
    assert saved["display"]["port"] == "COM3"
    assert load_devices(tmp_path) == settings
    assert scan_settings(tmp_path) == ScanSettings(300, "color", True, "A5", "feeder")
    scanner = open_document_scanner(tmp_path)
    assert isinstance(scanner, EsclScanner) and scanner.url == "http://192.168.1.20/eSCL"


@pytest.mark.parametrize("docscan, kind, attribute, value", [
    (DocScanSettings(kind="sane", address=" test:0 "), SaneScanner, "device", "test:0"),
    (DocScanSettings(kind="escl", address="http://10.0.0.9:8080"), EsclScanner, "url", "http://10.0.0.9:8080/eSCL"),
    (DocScanSettings(kind="folder", address="/srv/quet"), FolderSource, "folder", Path("/srv/quet")),
])
def test_the_factory_builds_the_adapter_the_settings_name(tmp_path, docscan, kind, attribute, value):
    save_devices(tmp_path, DeviceSettings(docscan=docscan))
    scanner = open_document_scanner(tmp_path)
    assert type(scanner) is kind and getattr(scanner, attribute) == value
    assert json.loads(config_path(tmp_path).read_text(encoding="utf-8"))["docscan"]["address"] == \
        docscan.address.strip()  # kept without the blanks typed around it


@pytest.mark.parametrize("docscan, message", [
    ({"kind": "twain"}, "Máy quét tài liệu: loại «twain» không có (chọn none, escl, sane, wia, folder)."),
    ({"kind": "escl"}, "Máy quét tài liệu: thiếu địa chỉ eSCL (http://192.168.1.20/eSCL)."),
    ({"kind": "sane", "address": "  "}, "Máy quét tài liệu: thiếu tên thiết bị SANE (test:0)."),
    ({"kind": "escl", "address": "ftp://10.0.0.9"},
     "Máy quét tài liệu: Địa chỉ máy quét eSCL «ftp://10.0.0.9» không hợp lệ: cần dạng "
     "http://192.168.1.20/eSCL hoặc https://…"),
    ({"kind": "folder", "address": "quet"},
     r"Máy quét tài liệu: thư mục quét «quet» phải là đường dẫn đầy đủ (D:\Quet, \\may-chu\quet hoặc /srv/quet)."),
    ({"resolution": 1200}, "Máy quét tài liệu: độ phân giải 1200 dpi không hợp lệ (từ 75 đến 600)."),
    ({"resolution": 200.0}, "Máy quét tài liệu: giá trị «200.0» của resolution sai kiểu."),
    ({"color_mode": "sepia"}, "Máy quét tài liệu: chế độ màu «sepia» không có (chọn gray, color, bw)."),
    ({"page_size": "A3"}, "Máy quét tài liệu: khổ giấy «A3» không có (chọn A4, A5, Letter)."),
    ({"source": "tray"}, "Máy quét tài liệu: nguồn giấy «tray» không có (chọn feeder, flatbed)."),
    ({"duplex": "yes"}, "Máy quét tài liệu: giá trị «yes» của duplex sai kiểu."),
    ({"contrast": 5}, "Máy quét tài liệu: không có mục cấu hình contrast."),
    ([1], "Cấu hình thiết bị: mục «docscan» phải là một đối tượng JSON."),
    ({"kind": "sane", "address": "test:0\u0000"},
     "Máy quét tài liệu: địa chỉ «test:0\\x00» có ký tự điều khiển hoặc không phải chữ."),
])
def test_a_bad_value_in_the_file_is_one_vietnamese_line(tmp_path, docscan, message):
    config_path(tmp_path).write_text(json.dumps({"docscan": docscan}), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_devices(tmp_path)
    assert refused.value.message == message
    with pytest.raises(UserError) as again:  # the capture dialog asks through here: the same line
        open_document_scanner(tmp_path)
    assert again.value.message == message


def test_a_refused_save_leaves_the_file_as_it_was(tmp_path):
    save_devices(tmp_path, DeviceSettings(docscan=ESCL))
    before = config_path(tmp_path).read_bytes()
    with pytest.raises(UserError, match="độ phân giải 9000 dpi"):
        save_devices(tmp_path, DeviceSettings(docscan=replace(ESCL, resolution=9000)))
    assert config_path(tmp_path).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["devices.json"]


SAMPLE = {"display": {"port": "COM3"}, "docscan": {"kind": "escl", "address": "http://192.168.1.20/eSCL",
                                                   "resolution": 200, "color_mode": "gray", "duplex": False,
                                                   "page_size": "A4", "source": "feeder"}}


@fuzz(200)
@given(st.one_of(mutations(SAMPLE).map(dumps), st.builds(lambda v: dumps({"docscan": v}), json_value)))
@example(dumps({"docscan": {"resolution": 10**40}}))
@example(dumps({"docscan": {"kind": ["escl"]}}))  # unhashable: was a TypeError in `in`
def test_any_docscan_section_loads_or_is_one_line(tmp_path, data):
    config_path(tmp_path).write_bytes(data)
    try:
        loaded = load_devices(tmp_path)
    except UserError as exc:
        assert_refusal(exc.message, names=NAMES)
    else:
        assert loaded.check() == loaded
        assert loaded.docscan.scan_settings().resolution == loaded.docscan.resolution


@fuzz(100)
@given(st.sampled_from(["kind", "address", "resolution", "color_mode", "duplex", "page_size", "source"]),
       st.one_of(any_text, st.integers(), json_value, st.sampled_from([75, 600, 74, 601, True, "gray", "A4"])))
def test_a_changed_value_saves_or_is_refused_whole(tmp_path, name, value):
    save_devices(tmp_path, DeviceSettings(docscan=ESCL))
    before = config_path(tmp_path).read_bytes()
    changed = DeviceSettings(docscan=replace(ESCL, **{name: value}))
    try:
        save_devices(tmp_path, changed)
    except UserError as exc:
        assert_refusal(exc.message, names=NAMES)
        assert config_path(tmp_path).read_bytes() == before
    else:
        assert load_devices(tmp_path).docscan.check() == load_devices(tmp_path).docscan


# ---- the test button's question, to real devices --------------------------------------------------
def test_probe_asks_the_escl_emulator_without_scanning():
    with EsclEmulator(pages=3) as emulator:
        said = probe(DocScanSettings(kind="escl", address=emulator.url))
        assert said == "Đã kết nối Một Cửa eSCL Emulator (eSCL, 127.0.0.1): sẵn sàng, khay nạp có giấy."
        assert [m for m, _ in emulator.requests] == ["GET", "GET"] and emulator.jobs == []


def test_probe_says_an_empty_feeder_and_refuses_a_setting_the_device_lacks():
    with EsclEmulator(empty=True) as emulator:
        assert probe(DocScanSettings(kind="escl", address=emulator.url)).endswith(": sẵn sàng, khay nạp chưa có giấy.")
        with pytest.raises(ScanError) as refused:
            probe(DocScanSettings(kind="escl", address=emulator.url, resolution=250))
    assert refused.value.message == ("Một Cửa eSCL Emulator (eSCL, 127.0.0.1) không hỗ trợ độ phân giải 250 dpi "
                                     "(hỗ trợ: 100, 150, 200, 300, 600 dpi).")


def test_probe_of_a_scanner_that_is_not_there_is_offline():
    emulator = EsclEmulator().start()
    emulator.stop()  # nothing listens on its port now
    with pytest.raises(ScanError) as refused:
        probe(DocScanSettings(kind="escl", address=emulator.url))
    assert refused.value.kind == "offline" and "Không kết nối được Máy quét eSCL (127.0.0.1)" in refused.value.message


@pytest.mark.usefixtures("sane_test_backend")
def test_probe_asks_sane_test_device_and_names_a_source_it_lacks():
    assert probe(DocScanSettings(kind="sane", address="test:0")) == \
        "Đã kết nối test:0 (SANE): nhận được các chế độ quét đã chọn."
    with pytest.raises(ScanError) as refused:
        probe(DocScanSettings(kind="sane", address="test:0", duplex=True))
    assert refused.value.message.startswith("Máy quét «test:0» không quét được hai mặt")
    with pytest.raises(ScanError) as missing:
        probe(DocScanSettings(kind="sane", address="test:7"))
    assert missing.value.kind == "offline"


def test_probe_of_a_folder_counts_what_waits_and_needs_the_right_to_move_it(tmp_path):
    folder = tmp_path / "quet"
    with pytest.raises(ScanError) as refused:
        probe(DocScanSettings(kind="folder", address=str(folder)))
    assert refused.value.message == f"Không thấy thư mục quét «{folder}»: kiểm tra ổ mạng hoặc đường dẫn."
    folder.mkdir()
    (folder / "scan_0001.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "ghi-chu.txt").write_text("không phải tệp quét")
    assert probe(DocScanSettings(kind="folder", address=str(folder))) == \
        f"Thư mục quét «{folder}» dùng được; đang có 1 tệp chờ lấy."
    assert (folder / TAKEN).is_dir() and (folder / "scan_0001.pdf").exists()  # nothing taken


def test_probe_with_no_scanner_says_so():
    assert probe(DocScanSettings()) == "Chưa chọn máy quét tài liệu cho máy này."
    assert document_scanner(DocScanSettings(kind="none", address="http://kept/eSCL")) is None
