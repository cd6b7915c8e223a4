"""`motcua fees report`: the figures as text or JSON, the PDF and Excel files, one counter, and one
Vietnamese line for each mistake with nothing written (tests/helpers/fee_report.py's payments)."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from openpyxl import load_workbook

from app.cli.main import main
from app.services.bootstrap import DEMO_PASSWORD
from tests.helpers.fee_report import build_fees

OCT_NOV = ("--from", "01/10/2026", "--to", "2026-11-30")


@pytest.fixture
def paid(db, data_dir):
    return build_fees(db)


def run(capsys, url, *argv):
    """In process; argparse's own refusals (exit 2) come back as a code like the others."""
    try:
        code = main(["fees", "report", "--db", url, *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_text_and_json(paid, sqlite_url, capsys):
    code, out, err = run(capsys, sqlite_url, *OCT_NOV)
    assert (code, err) == (0, "")
    assert out.startswith("BÁO CÁO THU PHÍ, LỆ PHÍ từ 01/10/2026 đến 30/11/2026")
    for line in ("Tổng số tiền đã thu: 123.000 đ", "Khoản nộp trong kỳ đã hủy: 2 khoản, 22.000 đ",
                 "  Tiền mặt: 2 khoản, 25.000 đ", "  Quầy 2 – Quầy số 2: 3 khoản, 68.000 đ",
                 f"  {paid['D4']} · Tiền mặt · 10.000 đ · Ghi nhầm hồ sơ", "Trực tuyến 50,0 % (1/2)"):
        assert line in out, line
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--json")
    data = json.loads(out)
    assert (code, data["count"], data["amount"], data["voided"]["count"]) == (0, 6, 123_000, 2)
    assert data["receipts_waiting"]["by_state"] == {"pending": 1, "unissued": 1, "failed": 1}
    assert [r["reason"] for r in data["receipts_cancelled"]] == ["Sai tên người nộp"]


def test_one_counter_by_its_number(paid, sqlite_url, capsys):
    code, out, _err = run(capsys, sqlite_url, *OCT_NOV, "--counter", "2", "--json")
    data = json.loads(out)
    assert (code, data["counter"], data["count"], data["amount"]) == (0, "Quầy 2 – Quầy số 2", 3, 68_000)


def test_the_files(paid, sqlite_url, capsys, tmp_path):
    pdf, xlsx = tmp_path / "thu-phi.pdf", tmp_path / "thu-phi.xlsx"
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert (code, err) == (0, "")
    assert out == f"Đã ghi báo cáo thu phí, lệ phí ra {pdf}.\nĐã ghi báo cáo thu phí, lệ phí ra {xlsx}.\n"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Tổng số tiền đã thu" in text and "123.000 đ" in text
    assert load_workbook(xlsx)["Theo hình thức nộp tiền"]["D6"].value == 68_000
    # With --json the JSON alone is on stdout; what was written is said on stderr.
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--json", "--pdf", str(pdf))
    assert (code, json.loads(out)["amount"], err) == (0, 123_000, f"Đã ghi báo cáo thu phí, lệ phí ra {pdf}.\n")


@pytest.mark.parametrize(("argv", "message"), [
    (("--from", "31/11/2026", "--to", "30/11/2026"), "ngày «31/11/2026» không hợp lệ"),
    (("--from", "01/12/2026", "--to", "30/11/2026"), "Ngày cuối của kỳ báo cáo phải sau hoặc bằng ngày đầu."),
    ((*OCT_NOV, "--counter", "9"), "Không có quầy số 9."),
    ((*OCT_NOV, "--pdf", "{tmp}/bc.xlsx"), "cần có đuôi .pdf"),
    ((*OCT_NOV, "--xlsx", "{tmp}/khong-co/bc.xlsx"), "Không có thư mục"),
    ((*OCT_NOV, "--counter", "9", "--pdf", "{tmp}/bc.pdf"), "Không có quầy số 9."),
])
def test_each_mistake_is_one_line_and_nothing_is_written(paid, sqlite_url, capsys, tmp_path, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, sqlite_url, *argv)
    assert code in (1, 2) and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx")] == []


def test_only_who_may_see_reports(paid, sqlite_url, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--as", "canbo", "--password-stdin")
    assert (code, out) == (1, "")
    assert err == "motcua: lỗi: Vai trò «Cán bộ một cửa» không được phép xem báo cáo.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    code, out, err = run(capsys, sqlite_url, *OCT_NOV, "--as", "lanhdao", "--password-stdin", "--json")
    assert (code, json.loads(out)["amount"]) == (0, 123_000)
