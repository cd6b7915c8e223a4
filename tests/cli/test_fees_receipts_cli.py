"""`motcua fees receipts list | send | cancel | retry | number` and `motcua fees sandbox`: the
receipts listed as text or JSON, sent to the provider now, cancelled and replaced, a paper number
typed; one Vietnamese line on stderr for each mistake, with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from app.cli.main import main
from app.fees.sandbox import serve
from app.services.dossiers.payments import record_payment
from tests.helpers.factories import OFFICER
from tests.services.fees.receipt_steps import NOW, dossier, rows, switch_on

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, url, *argv):
    try:
        code = main(["fees", *argv, "--db", url])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sandbox(db):
    server, thread = serve("127.0.0.1", 0)
    switch_on(db, server.url)
    yield server
    server.stop(thread)


def test_list_send_cancel_and_retry(capsys, db, sqlite_url, data_dir, sandbox):
    code = dossier(db)
    paid = record_payment(db, OFFICER, code, 38000, "cash", at=NOW)
    status, out, _ = run(capsys, sqlite_url, "receipts", "list", "--state", "pending")
    assert status == 0 and out.startswith(f"{paid.receipt_id}\t{code}\tChờ phát hành\tNguyễn Văn An\t38.000 đ")
    status, out, _ = run(capsys, sqlite_url, "receipts", "send")
    assert (status, out) == (0, "Đã phát hành 1 biên lai, đã hủy 0, bị từ chối 0, còn chờ 0.\n")
    status, out, _ = run(capsys, sqlite_url, "receipts", "list", "--json")
    [item] = json.loads(out)
    assert (item["state"], item["identifier"]) == ("issued", "Mẫu số 01BLP0-001 Ký hiệu BL-26E Số 0000001")
    status, out, _ = run(capsys, sqlite_url, "receipts", "cancel", str(paid.receipt_id), "--reason", "Sai tên",
                         "--payer", "Trần Thị Bích")
    new_id = rows(db)[1].id
    assert (status, out) == (0, f"Đã hủy biên lai {paid.receipt_id}; biên lai thay thế {new_id}: Chờ phát hành.\n")
    status, out, _ = run(capsys, sqlite_url, "receipts", "retry", str(new_id))
    assert (status, out) == (0, f"Biên lai {new_id} sẽ được gửi lại ngay (chờ phát hành).\n")
    assert run(capsys, sqlite_url, "receipts", "send")[1] == \
        "Đã phát hành 1 biên lai, đã hủy 1, bị từ chối 0, còn chờ 0.\n"
    assert [(r.state, r.number, r.payer_name) for r in rows(db)] == [
        ("cancelled", "0000001", "Nguyễn Văn An"), ("issued", "0000002", "Trần Thị Bích")]


def test_a_paper_number_and_each_mistake_in_one_line(capsys, db, sqlite_url, data_dir):
    paid = record_payment(db, OFFICER, dossier(db), 38000, "cash", at=NOW)
    rid = str(paid.receipt_id)
    for argv, problem in [
        (("receipts", "number", "x", "--template", "01BLP0-001", "--symbol", "AA-26P", "--number", "1"),
         "Mã biên lai «x» phải là một số nguyên dương"),
        (("receipts", "number", rid, "--template", "01BLP0-001", "--symbol", "AA 26P", "--number", "1"),
         "Ký hiệu «AA 26P» chỉ gồm"),
        (("receipts", "retry", rid), "không có gì để gửi lại"),
        (("receipts", "cancel", "99", "--reason", "Sai"), "Không có biên lai số 99"),
        (("receipts", "list", "--state", "lost"), "Trạng thái biên lai «lost» không có"),
        (("receipts", "send"), "Chưa bật dịch vụ biên lai điện tử"),
    ]:
        status, out, err = run(capsys, sqlite_url, *argv)
        assert (status, out) == (1, "") and problem in err and err.count("\n") == 1, (argv, err)
    assert [r.state for r in rows(db)] == ["unissued"]
    status, out, _ = run(capsys, sqlite_url, "receipts", "number", rid, "--template", "01BLP0-001",
                         "--symbol", "AA-26P", "--number", "0000012")
    assert status == 0 and out.startswith("Đã ghi biên lai giấy Mẫu số 01BLP0-001 Ký hiệu AA-26P Số 0000012")


def test_the_sandbox_command_serves_the_generic_protocol(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MOTCUA_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from app.cli.main import main; sys.exit(main())",
                             "fees", "sandbox", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = proc.stdout.readline()
        assert line.startswith("Dịch vụ biên lai thử nghiệm đang chạy tại http://127.0.0.1:"), proc.stderr.read()
        url = line.split("tại ")[1].split(" ")[0]
        with urllib.request.urlopen(url + "/status", timeout=10) as r:
            assert json.loads(r.read())["name"] == "Dịch vụ biên lai thử nghiệm"
    finally:
        proc.kill()
        proc.wait(30)
