"""`motcua settings`: list, set, export and import, with one clear line for a bad file."""

import json

from app.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_export_import_round_trip(capsys, data_dir, tmp_path):
    assert run(capsys, "settings", "set", "receipt.copies", "3")[0] == 0
    assert run(capsys, "settings", "set", "portal.token", "bi-mat")[0] == 0
    code, out, _ = run(capsys, "settings", "list")
    assert code == 0 and "receipt.copies\t3\t" in out and "portal.token\t(đã đặt)" in out and "bi-mat" not in out
    f = tmp_path / "caidat.json"
    assert run(capsys, "settings", "export", str(f))[0] == 0
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert doc["motcua_settings"] == 2 and doc["settings"]["receipt.copies"] == 3
    assert "portal.token" not in doc["settings"]  # a secret never leaves
    assert run(capsys, "settings", "set", "receipt.copies", "1")[0] == 0
    code, out, _ = run(capsys, "settings", "import", str(f))
    assert code == 0 and "Đã áp dụng" in out
    assert "receipt.copies\t3\t" in run(capsys, "settings", "list")[1]


def test_bad_settings_files_change_nothing_and_say_why(capsys, data_dir, tmp_path):
    cases = {
        "hong.json": (b'{"motcua_settings": 2, "settings": {', "không phải JSON hợp lệ: dòng 1"),
        "la.json": (b'{"a": 1}', "không phải tệp cài đặt của Một Cửa"),
        "moi.json": (b'{"motcua_settings": 9, "settings": {}}', "phiên bản Một Cửa mới hơn"),
        "thua.json": (b'{"motcua_settings": 2, "settings": {"receipt.copy": 2}}', "mục không tồn tại: «receipt.copy»"),
        "sai.json": (b'{"motcua_settings": 2, "settings": {"receipt.paper": "A5", "receipt.copies": 9}}',
                     "Số liên giấy tiếp nhận"),
        "nhiphan.json": (b"\xff\xfe\x00", "không phải văn bản UTF-8"),
    }
    before = run(capsys, "settings", "list")[1]
    for name, (data, problem) in cases.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = run(capsys, "settings", "import", str(tmp_path / name))
        assert code == 1 and out == "" and problem in err and err.count("\n") == 1, (name, err)
    assert run(capsys, "settings", "list")[1] == before  # not even receipt.paper from sai.json
    code, _, err = run(capsys, "settings", "set", "receipt.copies", "nhiều")
    assert code == 1 and "Số liên giấy tiếp nhận" in err
