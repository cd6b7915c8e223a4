"""The token of this PC in devices.json (app/devices/config.py `token`): saved and read back,
checked like the other entries (one Vietnamese line, nothing written), and a file from before
issue 24 still loads with no token."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.devices.config import (
    DeviceSettings,
    TokenSettings,
    config_path,
    load_devices,
    save_devices,
)
from app.errors import UserError


def test_the_token_is_saved_and_read_back(tmp_path):
    library = r"C:\Windows\System32\vnpt-ca_csp11.dll"
    settings = replace(DeviceSettings(), token=TokenSettings(library=library, label="VNPT-CA"))
    save_devices(tmp_path, settings)
    on_disk = json.loads(config_path(tmp_path).read_text(encoding="utf-8"))
    assert on_disk["token"] == {"library": library, "label": "VNPT-CA"}
    assert load_devices(tmp_path).token == TokenSettings(library=library, label="VNPT-CA")


def test_a_file_from_before_the_token_loads_with_no_token(tmp_path):
    old = DeviceSettings().to_json()
    del old["token"]
    config_path(tmp_path).write_text(json.dumps(old), encoding="utf-8")
    assert load_devices(tmp_path).token == TokenSettings(library="", label="")


@pytest.mark.parametrize(("token", "words"), [
    ({"library": "/usr/lib/soft\x07hsm.so"}, "ký tự điều khiển"),
    ({"library": "token.dll"}, "phải là đường dẫn đầy đủ"),
    ({"library": 5}, "sai kiểu"),
    ({"label": "x" * 33}, "dài quá 32"),
    ({"driver": "/x.so"}, "không có mục cấu hình driver"),
], ids=["control-char", "relative", "not-text", "long-label", "unknown-key"])
def test_a_bad_token_entry_is_refused_in_vietnamese_and_nothing_is_written(tmp_path, token, words):
    data = {**DeviceSettings().to_json(), "token": token}
    path = config_path(tmp_path)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(UserError) as e:
        load_devices(tmp_path)
    assert e.value.message.startswith("Token ký số")
    assert words in e.value.message
    assert "\x07" not in e.value.message
    assert path.read_bytes() == before


def test_saving_a_bad_library_path_leaves_the_file_as_it_was(tmp_path):
    save_devices(tmp_path, DeviceSettings())
    before = config_path(tmp_path).read_bytes()
    with pytest.raises(UserError):
        save_devices(tmp_path, replace(DeviceSettings(), token=TokenSettings(library="/lib/a\nb.so")))
    assert config_path(tmp_path).read_bytes() == before
