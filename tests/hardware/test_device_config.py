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


def test_unreadable_file(tmp_path):
    (tmp_path / "devices.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="không đọc được"):
        load_devices(tmp_path)
