"""Device settings per PC: checked whole before saving; a bad file is one clear message."""

import json

import pytest

from app.devices.config import (
    DeviceSettings,
    DisplaySettings,
    ScannerSettings,
    load_devices,
    save_devices,
)
from app.errors import UserError


def test_defaults_save_and_load(tmp_path):
    assert load_devices(tmp_path) == DeviceSettings()  # no file: nothing configured
    s = DeviceSettings(scanner=ScannerSettings(port="/dev/ttyUSB0", suffix="crlf"),
                       display=DisplaySettings(port="/dev/ttyUSB1", protocol="modbus", address=12), wedge=False)
    save_devices(tmp_path, s)
    assert load_devices(tmp_path) == s
    assert json.loads((tmp_path / "devices.json").read_text())["display"]["address"] == 12


@pytest.mark.parametrize("data, needle", [
    ({"scanner": {"baud": 1234}}, "tốc độ 1234"),
    ({"scanner": {"parity": "X"}}, "chẵn lẻ"),
    ({"scanner": {"suffix": "semicolon"}}, "hậu tố"),
    ({"display": {"protocol": "vendorx"}}, "giao thức"),
    ({"display": {"address": 0}}, "từ 1 đến 247"),
    ({"printer": {"code_page": 300}}, "bảng mã"),
    ({"printer": {"raster": "yes"}}, "sai kiểu"),
    ({"printer": {"colour": True}}, "không có mục"),
    ({"scanner": {"port": "/dev/ttyS0"}, "printer": {"port": "/dev/ttyS0"}}, "chung một cổng"),
    ({"wedge": 1}, "true hoặc false"),
    ([], "đối tượng JSON"),
])
def test_bad_settings_name_the_problem(tmp_path, data, needle):
    (tmp_path / "devices.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match=needle):
        load_devices(tmp_path)


PORTS = ["COM3", "COM12", "/dev/ttyUSB0", "/tmp/scanner", "socket://192.168.1.50:4001",
         "socket://led-hall.local:4001", "socket://[fe80::1]:4001", "rfc2217://10.0.0.7:2217",
         "RFC2217://10.0.0.7:2217", "loop://"]


@pytest.mark.parametrize("port", PORTS)
def test_port_names_and_serial_urls_are_accepted(tmp_path, port):
    s = DeviceSettings(display=DisplaySettings(port=port))
    save_devices(tmp_path, s)
    assert load_devices(tmp_path) == s


@pytest.mark.parametrize("port, message", [
    ("socket:192.168.1.50:4001",
     "Bảng LED quầy: địa chỉ «socket:192.168.1.50:4001» thiếu «//» sau «socket:» (viết socket://MÁY:CỔNG)."),
    ("tcp://192.168.1.50:4001",
     "Bảng LED quầy: kiểu địa chỉ «tcp://» không hỗ trợ (dùng socket://MÁY:CỔNG, rfc2217://MÁY:CỔNG, loop://)."),
    ("socket://:4001",
     "Bảng LED quầy: địa chỉ «socket://:4001» thiếu tên hoặc địa chỉ IP của máy (viết socket://MÁY:CỔNG)."),
    ("socket://192.168.1.50",
     "Bảng LED quầy: địa chỉ «socket://192.168.1.50» thiếu số cổng TCP (viết socket://MÁY:CỔNG)."),
    ("rfc2217://10.0.0.7:70000",
     "Bảng LED quầy: số cổng TCP «70000» trong địa chỉ «rfc2217://10.0.0.7:70000» phải là một số từ 1 đến 65535."),
    ("socket://10.0.0.7:4001?logging=debug",
     "Bảng LED quầy: số cổng TCP «4001?logging=debug» trong địa chỉ «socket://10.0.0.7:4001?logging=debug» "
     "phải là một số từ 1 đến 65535."),
    ("socket://bảng-led:4001",
     "Bảng LED quầy: tên máy «bảng-led» trong địa chỉ «socket://bảng-led:4001» không hợp lệ "
     "(chỉ chữ không dấu, số, dấu chấm và gạch ngang, hoặc địa chỉ IP)."),
    ("socket://[fe80::zz]:4001",
     "Bảng LED quầy: tên máy «[fe80::zz]» trong địa chỉ «socket://[fe80::zz]:4001» không hợp lệ "
     "(chỉ chữ không dấu, số, dấu chấm và gạch ngang, hoặc địa chỉ IP)."),
    ("loop://x", "Bảng LED quầy: địa chỉ «loop://» không có gì phía sau (thừa «x»)."),
])
def test_malformed_serial_urls_are_one_message_and_nothing_saved(tmp_path, port, message):
    with pytest.raises(UserError) as refused:
        save_devices(tmp_path, DeviceSettings(display=DisplaySettings(port=port)))
    assert refused.value.message == message
    assert not (tmp_path / "devices.json").exists()
    (tmp_path / "devices.json").write_text(json.dumps({"display": {"port": port}}), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_devices(tmp_path)
    assert refused.value.message == message


def test_unreadable_file(tmp_path):
    (tmp_path / "devices.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="không đọc được"):
        load_devices(tmp_path)


def test_every_kind_of_url_accepted_is_in_the_build():
    """The link names the pyserial URL handlers (so PyInstaller bundles them) for every scheme the
    settings accept."""
    from app.devices.config import URL_SCHEMES
    from app.devices.link import URL_HANDLERS

    assert tuple(URL_HANDLERS) == URL_SCHEMES
