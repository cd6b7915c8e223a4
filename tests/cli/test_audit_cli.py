"""`motcua audit verify` on a real SQLite file: one line for a sound log, one line naming the
first tampered record otherwise, and the anchor it leaves in the data folder."""

import json
import os
import sqlite3

import pytest

from app.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_then_tamper_then_verify(capsys, data_dir):
    assert run(capsys, "demo-data", "--dossiers", "3")[0] == 0
    code, out, err = run(capsys, "audit", "verify")
    assert code == 0 and err == ""
    assert "Nhật ký kiểm tra toàn vẹn" in out and "Mã băm cuối" in out
    assert (data_dir / "audit-anchors.json").exists()

    con = sqlite3.connect(data_dir / "motcua.sqlite3")
    second, actor = con.execute("SELECT id, actor FROM audit_log ORDER BY id LIMIT 1 OFFSET 1").fetchone()
    con.execute("UPDATE audit_log SET actor = 'ai-do' WHERE id = ?", (second,))
    con.commit()
    code, out, err = run(capsys, "audit", "verify")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("motcua: lỗi: ")
    assert f"#{second} đã bị sửa" in err and "KHÔNG còn toàn vẹn" in err

    # Put it back, then cut the last record off: the chain that is left is whole, and only the
    # head anchored by the first run tells that records are gone. (A whole rewrite by a forger who
    # knows the recipe is caught the same way: tests/services/trust/test_audit_chain.py.)
    con.execute("UPDATE audit_log SET actor = ? WHERE id = ?", (actor, second))
    con.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1 and "viết lại" in err


def _cut_tail(database) -> None:
    con = sqlite3.connect(database)
    con.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()


@pytest.mark.parametrize("spelling", ["dot", "double-slash", "link", "env"])
def test_the_same_file_spelled_another_way_keeps_its_anchor(capsys, data_dir, tmp_path, monkeypatch, spelling):
    """The anchor belongs to the file, not to how its address was typed: a cut tail checked through
    another spelling of the same file is still refused (keyed by spelling, it found no anchor)."""
    assert run(capsys, "demo-data", "--dossiers", "2")[0] == 0
    assert run(capsys, "audit", "verify")[0] == 0  # the default address, in the data folder
    _cut_tail(data_dir / "motcua.sqlite3")
    link = tmp_path / "lien-ket"
    link.symlink_to(data_dir, target_is_directory=True)
    other = {"dot": ["--db", f"sqlite:///{data_dir}/./motcua.sqlite3"],
             "double-slash": ["--db", f"sqlite:///{data_dir}//motcua.sqlite3"],
             "link": ["--db", f"sqlite:///{link}/motcua.sqlite3"],
             "env": []}[spelling]
    if spelling == "env":
        monkeypatch.setenv("MOTCUA_DB", f"sqlite:///{tmp_path}/data/../data/motcua.sqlite3")
    code, out, err = run(capsys, "audit", "verify", *other)
    assert (code, out) == (1, "")
    assert "viết lại" in err and "KHÔNG còn toàn vẹn" in err


def test_anchors_kept_by_spelling_by_an_older_version_still_count(capsys, data_dir):
    """An audit-anchors.json of format 1 (keyed by the address as typed) is read by the file's
    identity: an upgrade loses no anchor, and the next sound check rewrites it in format 2."""
    assert run(capsys, "demo-data", "--dossiers", "2")[0] == 0
    database = data_dir / "motcua.sqlite3"
    con = sqlite3.connect(database)
    head = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    old = {f"sqlite:///{data_dir}/./motcua.sqlite3": [{"id": head[0], "hash": head[1]}],
           "postgresql+psycopg://motcua:***@db.example:5432/motcua": [{"id": 7, "hash": "ab" * 32}]}
    (data_dir / "audit-anchors.json").write_text(json.dumps(old), encoding="utf-8")

    assert run(capsys, "audit", "verify")[0] == 0
    kept = json.loads((data_dir / "audit-anchors.json").read_text(encoding="utf-8"))
    assert kept["format"] == 2
    assert kept["databases"][f"sqlite:{os.path.realpath(database)}"]["anchors"][0] == \
        {"id": head[0], "hash": head[1]}
    assert kept["spelled"] == {"postgresql://db.example:5432/motcua": [{"id": 7, "hash": "ab" * 32}]}

    (data_dir / "audit-anchors.json").write_text(json.dumps(old), encoding="utf-8")
    _cut_tail(database)
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1 and f"#{head[0]} không còn khớp mốc" in err


def test_a_restore_starts_the_anchors_again_from_the_restored_log(capsys, data_dir, tmp_path):
    assert run(capsys, "demo-data", "--dossiers", "2")[0] == 0
    copy = tmp_path / "sao-luu.sqlite3"
    assert run(capsys, "backup", "-o", str(copy))[0] == 0
    assert run(capsys, "demo-data", "--dossiers", "1")[0] == 0
    assert run(capsys, "audit", "verify")[0] == 0  # an anchor past the backup
    code, _, err = run(capsys, "restore", str(copy), "--yes")
    assert code == 0, err
    code, out, err = run(capsys, "audit", "verify")  # the restored, older log is the one judged now
    assert code == 0 and err == "" and "toàn vẹn" in out
    _cut_tail(data_dir / "motcua.sqlite3")
    code, _, err = run(capsys, "audit", "verify", "--db", f"sqlite:///{data_dir}/./motcua.sqlite3")
    assert code == 1 and "viết lại" in err
