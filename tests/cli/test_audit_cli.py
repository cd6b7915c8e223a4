"""`motcua audit verify` on a real SQLite file: one line for a sound log, one line naming the
first tampered record otherwise, and the anchor it leaves in the data folder."""

import sqlite3

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
    # knows the recipe is caught the same way: tests/services/test_audit_chain.py.)
    con.execute("UPDATE audit_log SET actor = ? WHERE id = ?", (actor, second))
    con.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1 and "viết lại" in err
