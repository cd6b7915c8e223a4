"""`motcua notices`: list, send one round, the failed list with its reason, retry and cancel, a
test message, and the sandbox gateway as its own process, each bad input one Vietnamese line."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

from app.cli.main import main
from app.domain.lifecycle import Action
from app.notify.sandbox import SandboxGateway
from app.services.dossiers.lifecycle import Facts, act
from tests.helpers.factories import OFFICER
from tests.services.notices.helpers import NOW, dossier, notices, switch_on


def run(capsys, db, *argv):
    code = main([*argv, "--db", db.url.render_as_string(hide_password=False)])
    out, err = capsys.readouterr()
    return code, out, err


def test_send_list_retry_and_cancel(capsys, data_dir, db):
    with SandboxGateway() as gw:
        switch_on(db, "sms", url=gw.url, provider="sandbox")
        good, bad = dossier(db, ["sms"]), dossier(db, ["sms"], phone="0009876543")
        for code in (good, bad):
            act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Chưa ký", at=NOW))
        code, out, err = run(capsys, db, "notices", "send")
        assert (code, err) == (0, "") and out.startswith("Đã gửi 1 thông báo (1 đã nhận), 0 sẽ gửi lại, 1 không gửi được")
        code, out, _ = run(capsys, db, "notices", "list", "--failed")
        [line] = out.splitlines()
        failed = next(n for n in notices(db) if n.state == "failed")
        assert line.startswith(f"{failed.uuid}\t{bad}\tYêu cầu bổ sung hồ sơ\tTin nhắn SMS\t000****543\tKhông gửi được\t")
        assert line.endswith("\tsố điện thoại không hợp lệ; số thuê bao không tồn tại")
        assert "0009876543" not in run(capsys, db, "notices", "list")[1]  # masked, even for the administrator
        assert run(capsys, db, "notices", "cancel", failed.uuid)[:2] == (0, "Đã hủy thông báo.\n")
        code, _, err = run(capsys, db, "notices", "retry", failed.uuid)
        assert code == 1 and err == "motcua: lỗi: Thông báo đang ở trạng thái «Đã hủy»: không gửi lại được.\n"
        code, _, err = run(capsys, db, "notices", "retry", "khong-co")
        assert code == 1 and err == "motcua: lỗi: Không có thông báo «khong-co».\n"


def test_a_test_message_on_a_channel_not_set_up_is_one_line(capsys, data_dir, db):
    code, _, err = run(capsys, db, "notices", "test", "--channel", "sms", "--to", "0912345678")
    assert code == 1 and err == "motcua: lỗi: Kênh «Tin nhắn SMS» chưa bật hoặc chưa có địa chỉ máy chủ / cổng gửi.\n"
    with SandboxGateway() as gw:
        switch_on(db, "sms", url=gw.url, provider="sandbox")
        assert run(capsys, db, "notices", "test", "--channel", "sms", "--to", "0912345678")[:2] == (
            0, "Đã gửi thử qua Tin nhắn SMS.\n")
        [m] = gw.recorded()
        code, _, err = run(capsys, db, "notices", "test", "--channel", "sms", "--to", "0001")
        assert code == 1 and err == ("motcua: lỗi: Gửi thử qua Tin nhắn SMS không được: số điện thoại không hợp lệ; "
                                     "số thuê bao không tồn tại.\n")
    assert m["to"] == "0912345678" and "tin nhắn thử" in m["text"]


def test_the_sandbox_gateway_runs_as_a_command(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "app", "notices", "sandbox", "--port", "0",
                             "--data-dir", str(tmp_path / "data")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = proc.stdout.readline()
        assert "Cổng SMS/Zalo thử nghiệm đang chạy tại http://127.0.0.1:" in line, proc.stderr.read()
        url = line.split("tại ")[1].split(" ")[0]
        req = urllib.request.Request(url + "/sms/messages", method="POST", data=json.dumps(
            {"to": "0912345678", "text": "Xin chào"}).encode(), headers={"Idempotency-Key": "k-1"})
        for _ in range(2):  # the same key twice: one message
            with urllib.request.urlopen(req, timeout=10) as r:
                assert json.load(r) == {"id": "sb-1", "status": "delivered"}
        with urllib.request.urlopen(url + "/__sandbox/messages", timeout=10) as r:
            data = json.load(r)
        assert [m["key"] for m in data["messages"]] == ["k-1"] and data["requests"] == {"k-1": 2}
    finally:
        proc.terminate()
        proc.wait(10)
