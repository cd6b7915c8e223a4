"""`motcua print receipt CODE -o FILE.pdf`: the same receipt as the counter, headless."""

import sqlite3
import subprocess

from tests.cli.test_cli import motcua, run


def test_print_receipt_writes_the_archived_pdf(capsys, data_dir, tmp_path):
    assert run(capsys, "demo-data", "--dossiers", "3")[0] == 0
    code = sqlite3.connect(data_dir / "motcua.sqlite3").execute(
        "SELECT code FROM dossiers ORDER BY id LIMIT 1").fetchone()[0]
    out_pdf = tmp_path / "giay-tiep-nhan.pdf"
    rc, out, err = run(capsys, "print", "receipt", code, "-o", str(out_pdf))
    assert rc == 0, err
    assert out.strip() == f"Đã in giấy tiếp nhận hồ sơ {code} ra {out_pdf}."
    archived = list((data_dir / "receipts").rglob("*.pdf"))
    assert len(archived) == 1 and archived[0].read_bytes() == out_pdf.read_bytes()
    text = subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text
    rc, out, _ = run(capsys, "print", "receipt", code, "-o", str(tmp_path / "lan2.pdf"))
    assert rc == 0 and "bản in lại" in out
    assert (tmp_path / "lan2.pdf").read_bytes() == out_pdf.read_bytes()


def test_bad_folder_and_unknown_code_give_one_line(data_dir, tmp_path):
    env = {"MOTCUA_DATA_DIR": str(data_dir)}
    assert motcua("demo-data", "--dossiers", "1", env=env).returncode == 0
    r = motcua("print", "receipt", "000.00.01.H62-991231-0001", "-o", str(tmp_path / "x.pdf"), env=env)
    assert r.returncode == 1 and r.stderr == "motcua: lỗi: Không có hồ sơ mã «000.00.01.H62-991231-0001».\n"
    code = sqlite3.connect(data_dir / "motcua.sqlite3").execute("SELECT code FROM dossiers").fetchone()[0]
    r = motcua("print", "receipt", code, "-o", str(tmp_path / "khong-co" / "x.pdf"), env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("motcua: lỗi: Không có thư mục") and r.stderr.count("\n") == 1
    assert not (tmp_path / "khong-co").exists()
    r = motcua("print", "receipt", code, env=env)
    assert r.returncode == 2 and "-o" in r.stderr and "Traceback" not in r.stderr


def test_print_forms_and_ledger(capsys, data_dir, tmp_path):
    from app.services.intake.registration import register
    from db.engine import Database
    from tests.helpers.factories import OFFICER, request

    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "catalog", "list")[0] == 0
    db = Database(f"sqlite:///{data_dir / 'motcua.sqlite3'}")
    from app.services.bootstrap import seed_demo_office

    seed_demo_office(db)
    from datetime import datetime

    code = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 23, 8, 30))).code
    db.dispose()
    rc, out, err = run(capsys, "print", "control", code, "-o", str(tmp_path / "control.pdf"))
    assert rc == 0, err
    text = subprocess.run(["pdftotext", str(tmp_path / "control.pdf"), "-"], capture_output=True, text=True).stdout
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    rc, out, err = run(capsys, "print", "supplement", code, "-o", str(tmp_path / "s.pdf"))
    assert rc == 1 and "chưa có yêu cầu bổ sung" in err and not (tmp_path / "s.pdf").exists()
    rc, out, err = run(capsys, "print", "ledger", "--from", "23/11/2026", "--to", "30/11/2026",
                       "-o", str(tmp_path / "so.pdf"))
    assert rc == 0, err
    text = subprocess.run(["pdftotext", str(tmp_path / "so.pdf"), "-"], capture_output=True, text=True).stdout
    assert "SỔ THEO DÕI HỒ SƠ" in text and code in text
    rc, out, err = run(capsys, "print", "ledger", "--from", "23/11/2026", "--to", "30/11/2026",
                       "-o", str(tmp_path / "so.xlsx"))
    assert rc == 0, err
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "so.xlsx").active
    assert sheet["B2"].value == "Mã hồ sơ" and sheet["B3"].value == code and sheet["D3"].value == "Nguyễn Văn An"
    rc, out, err = run(capsys, "print", "ledger", "--from", "30/11/2026", "--to", "23/11/2026",
                       "-o", str(tmp_path / "x.pdf"))
    assert rc == 1 and "Ngày cuối" in err
