"""`motcua fees slip | close | closings | closing | correct`: a counter closed from the command
line (previewed first), its closings listed as text or JSON, printed to PDF and XLSX, corrected;
one Vietnamese line on stderr for each mistake, with nothing written."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli.main import main
from app.clock import now_local
from app.services.dossiers.payments import record_payment
from app.services.intake.registration import FeeLine, register
from db.models import CounterClosing
from tests.helpers.factories import OFFICER, request

TODAY = now_local().date().strftime("%d/%m/%Y")


@pytest.fixture
def paid(db, data_dir):
    """Counter 1 took 30.000 in cash and a transfer of 8.000 today."""
    at = now_local().replace(hour=8, minute=30, second=0, microsecond=0)
    if at > now_local():  # before 08:30: an hour ago
        at = now_local().replace(microsecond=0)
    code = register(db, OFFICER, request("1.000894", received_at=at, fees=[FeeLine("Lệ phí", 38000)])).code
    first = record_payment(db, OFFICER, code, 30000, "cash", at=at)
    record_payment(db, OFFICER, code, 8000, "transfer", reference="FT2632712345", at=at)
    return {"code": code, "payment": first.payment_id}


def run(capsys, url, *argv):
    try:
        code = main(["fees", *argv, "--db", url])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def closings_count(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(CounterClosing))


def test_close_a_counter_list_print_and_correct(db, paid, sqlite_url, capsys, tmp_path):
    code, out, err = run(capsys, sqlite_url, "close", "--counter", "1", "--dry-run", "--cash", "25.000")
    assert (code, err) == (0, "")
    assert ("Quầy 1: 2 khoản chưa chốt sổ; tiền mặt 30.000 đ; chuyển khoản 8.000 đ; trực tuyến 0 đ; "
            "tổng 38.000 đ.") in out
    assert "Nếu đếm được 25.000 đ: Thiếu 5.000 đ." in out
    assert closings_count(db) == 0

    code, out, err = run(capsys, sqlite_url, "close", "--counter", "1", "--cash", "25.000", "--note", "Thiếu tiền lẻ")
    assert (code, err) == (0, "")
    assert "Chốt sổ số 1, quầy 1" in out and "người chốt: Tài khoản hệ thống." in out
    assert "Tiền mặt đếm được 25.000 đ; chênh lệch: Thiếu 5.000 đ." in out

    code, out, _ = run(capsys, sqlite_url, "closings", "--from", TODAY, "--to", TODAY, "--json")
    data = json.loads(out)
    assert code == 0
    assert [(x["id"], x["counter_number"], x["payments"], x["cash_counted"], x["difference"], x["open"])
            for x in data] == [(1, 1, 2, 25000, -5000, True)]
    code, out, _ = run(capsys, sqlite_url, "closings", "--open")
    assert code == 0 and out.startswith("1\t") and "chênh lệch −5.000 đ\tcòn −5.000 đ" in out

    code, out, err = run(capsys, sqlite_url, "correct", "1", "--amount", "5.000", "--reason", "Tìm thấy tiền")
    assert (code, err) == (0, "")
    assert "Điều chỉnh số 2 của lần chốt sổ số 1 (quầy 1)" in out and "+5.000 đ" in out
    code, out, _ = run(capsys, sqlite_url, "closings", "--open")
    assert (code, out) == (0, "Không có chênh lệch nào chưa xử lý.\n")

    pdf, xlsx = tmp_path / "chot-so.pdf", tmp_path / "chot-so.xlsx"
    code, out, err = run(capsys, sqlite_url, "closing", "1", "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert (code, err) == (0, "")
    assert f"Đã ghi bảng chốt sổ (PDF) vào «{pdf}»." in out and "Đã điều chỉnh sau khi chốt: +5.000 đ" in out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "BẢNG CHỐT SỔ THU PHÍ, LỆ PHÍ" in text
    rows = list(load_workbook(io.BytesIO(xlsx.read_bytes()))["Các khoản nộp"].iter_rows(values_only=True))
    assert [r[7] for r in rows[1:3]] == [30000, 8000]


def test_slip_to_a_file(db, paid, sqlite_url, capsys, tmp_path):
    out_file = tmp_path / "phieu.pdf"
    code, out, err = run(capsys, sqlite_url, "slip", str(paid["payment"]), "-o", str(out_file))
    assert (code, err) == (0, "")
    text = subprocess.run(["pdftotext", str(out_file), "-"], capture_output=True, text=True, check=True).stdout
    assert "PHIẾU GHI NHẬN NỘP TIỀN" in text and "KHÔNG PHẢI BIÊN LAI" in text and paid["code"] in text


@pytest.mark.parametrize("argv, needle", [
    (("close", "--counter", "1", "--cash", "-5"), "không thể âm"),
    (("close", "--counter", "1", "--cash", "25000,5"), "Số tiền mặt đếm được «25000,5» phải là một số nguyên đồng"),
    (("close", "--counter", "1"), "--cash SỐ_TIỀN"),
    (("close", "--counter", "9", "--cash", "0"), "Không có quầy số 9."),
    (("close", "--counter", "2", "--cash", "0"), "Quầy 2 chưa thu khoản nào từ lần chốt sổ trước: không có gì để chốt."),
    (("correct", "7", "--amount", "1000", "--reason", "x"), "Không có lần chốt sổ số 7."),
    (("correct", "7", "--amount", "abc", "--reason", "x"), "Số tiền điều chỉnh «abc» phải là một số nguyên đồng"),
    (("closing", "7"), "Không có lần chốt sổ số 7."),
    (("slip", "999", "-o", "x.pdf"), "Không có khoản nộp số 999."),
    (("closings", "--from", "31/12/2026", "--to", "01/12/2026"), "Ngày kết thúc phải sau ngày bắt đầu."),
])
def test_mistakes_are_one_vietnamese_line_and_write_nothing(db, paid, sqlite_url, capsys, tmp_path, argv, needle):
    code, out, err = run(capsys, sqlite_url, *argv)
    assert code not in (0, 70)
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err
    assert closings_count(db) == 0
    assert not (tmp_path / "x.pdf").exists()


def test_a_closing_file_that_cannot_be_written(db, paid, sqlite_url, capsys, tmp_path):
    assert run(capsys, sqlite_url, "close", "--counter", "1", "--cash", "30000")[0] == 0
    code, out, err = run(capsys, sqlite_url, "closing", "1", "--pdf", str(tmp_path / "no" / "such" / "dir" / "a.pdf"))
    assert code not in (0, 70) and "Không ghi được bảng chốt sổ (PDF)" in err and err.count("\n") == 1


_ = datetime  # dates come from the clock here: the command line's defaults are "today"
