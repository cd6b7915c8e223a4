"""`motcua fees pay | payments | void | owed` against a real SQLite file through --db: money printed
as 15.000 đ, every mistake one Vietnamese line on stderr with nothing written, never a traceback."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.services.intake.registration import FeeLine, register
from db.models import Counter, DossierPayment, FeeReceipt
from tests.cli.test_cli import motcua, run
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)


@pytest.fixture
def office(db, sqlite_url, data_dir):
    code = register(db, OFFICER, request("1.000894", received_at=MON, fees=[FeeLine("Lệ phí", 15000)])).code
    return db, sqlite_url, code


def payments_count(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(DossierPayment))


def test_pay_list_void_and_owed(capsys, office):
    db, url, code = office
    status, out, err = run(capsys, "fees", "owed", "--db", url)
    assert status == 0 and code in out and "còn phải nộp 15.000 đ" in out
    status, out, err = run(capsys, "fees", "pay", code, "--amount", "10.000", "--method", "transfer",
                           "--reference", "ft2632712345", "--payer", "Trần Thị Bích", "--counter", "2", "--db", url)
    assert (status, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"Đã ghi nhận 10.000 đ (chuyển khoản) cho hồ sơ {code}: khoản nộp số 1.",
        "Đã nộp 10.000 đ / 15.000 đ; còn phải nộp 5.000 đ."]
    assert out.splitlines()[2] == "Biên lai: Chưa có số (chờ ghi số biên lai giấy)."
    status, out, _ = run(capsys, "fees", "pay", code, "--amount", "5000", "--method", "cash", "--receipt-template",
                         "01BLP0-001", "--receipt-symbol", "AB-26E", "--receipt-number", "0000012", "--db", url)
    assert status == 0 and "còn phải nộp 0 đ" in out and "Biên lai: Đã phát hành." in out
    with db.reading() as s:
        counters = s.execute(select(Counter.number).select_from(DossierPayment)
                             .outerjoin(Counter, Counter.id == DossierPayment.counter_id).order_by(DossierPayment.id))
        assert list(counters.scalars()) == [2, None]  # the system account sits at no counter
    status, out, _ = run(capsys, "fees", "payments", code, "--db", url)
    lines = out.splitlines()
    assert status == 0 and lines[0] == f"Hồ sơ {code}: phải nộp 15.000 đ, đã nộp 15.000 đ, còn phải nộp 0 đ."
    first = lines[1].split("\t")
    assert [first[0], *first[2:6]] == ["1", "10.000 đ", "Chuyển khoản", "FT2632712345", "Trần Thị Bích"]
    assert lines[2].endswith("Mẫu số 01BLP0-001 Ký hiệu AB-26E Số 0000012")
    status, out, _ = run(capsys, "fees", "void", "1", "--reason", "Ghi nhầm", "--db", url)
    assert (status, out) == (0, "Đã hủy khoản nộp số 1. Hồ sơ còn phải nộp 10.000 đ.\n")
    status, out, _ = run(capsys, "fees", "payments", code, "--json", "--db", url)
    data = json.loads(out)
    assert (data["fees_paid"], data["outstanding"]) == (5000, 10000)
    assert [(p["id"], p["void_reason"]) for p in data["payments"]] == [(1, "Ghi nhầm"), (2, None)]
    assert [r["state"] for r in data["receipts"]] == ["cancelled", "issued"]
    status, out, _ = run(capsys, "fees", "owed", "--json", "--db", url)
    assert [(o["code"], o["outstanding"]) for o in json.loads(out)] == [(code, 10000)]


@pytest.mark.parametrize("argv, message", [
    (["--amount", "15000,5", "--method", "cash"], "Số tiền nộp phải là một số nguyên đồng, không có phần lẻ (ví dụ 15.000)."),
    (["--amount", "-5", "--method", "cash"], "Số tiền nộp phải lớn hơn 0 đồng, không nhận -5 đ."),
    (["--amount", "20.000", "--method", "cash"], "Hồ sơ chỉ còn phải nộp 15.000 đ, không nhận 20.000 đ."),
    (["--amount", "1000", "--method", "bitcoin"], "Hình thức nộp «bitcoin» không có: chọn tiền mặt (cash), "
                                                 "chuyển khoản (transfer) hoặc trực tuyến (online)."),
    (["--amount", "1000", "--method", "transfer"], "Chuyển khoản và thanh toán trực tuyến cần mã giao dịch của "
                                                  "ngân hàng hoặc của cổng."),
    (["--amount", "1000", "--method", "cash", "--counter", "99"], "Không có quầy số 99 đang hoạt động."),
    (["--amount", "1000", "--method", "cash", "--receipt-number", "12"],
     "Số biên lai giấy cần đủ cả ba: --receipt-template (mẫu số), --receipt-symbol (ký hiệu) và --receipt-number (số)."),
])
def test_bad_payments_are_one_line_and_write_nothing(capsys, office, argv, message):
    db, url, code = office
    status, out, err = run(capsys, "fees", "pay", code, *argv, "--db", url)
    assert (status, out, err) == (1, "", f"motcua: lỗi: {message}\n")
    assert payments_count(db) == 0


def test_unknown_dossier_and_payment(capsys, office):
    db, url, _ = office
    status, _, err = run(capsys, "fees", "pay", "KHONG-CO", "--amount", "1000", "--method", "cash", "--db", url)
    assert (status, err) == (1, "motcua: lỗi: Không có hồ sơ mã «KHONG-CO».\n")
    status, _, err = run(capsys, "fees", "void", "7", "--reason", "x", "--db", url)
    assert (status, err) == (1, "motcua: lỗi: Không có khoản nộp số 7.\n")


def test_a_supervisor_may_not_take_a_payment(capsys, monkeypatch, office):
    from app.services.bootstrap import DEMO_PASSWORD

    db, url, code = office
    status, out, err = run(capsys, "fees", "pay", code, "--amount", "1000", "--method", "cash", "--as", "lanhdao",
                           "--password-stdin", "--db", url, stdin=DEMO_PASSWORD + "\n", monkeypatch=monkeypatch)
    assert status == 1 and "không được phép thu phí, lệ phí" in err
    assert payments_count(db) == 0


def test_a_real_process_exits_cleanly(office):
    db, url, code = office
    r = motcua("fees", "pay", code, "--amount", "15.000 đ", "--method", "cash", "--db", url)
    assert (r.returncode, r.stderr) == (0, "") and "còn phải nộp 0 đ" in r.stdout
    r = motcua("fees", "pay", code, "--amount", "1", "--method", "cash", "--db", url)
    assert r.returncode == 1 and r.stderr == f"motcua: lỗi: Hồ sơ {code} đã nộp đủ 15.000 đ phí, lệ phí: không còn " \
                                             "khoản nào phải nộp.\n"
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(FeeReceipt)) == 1
