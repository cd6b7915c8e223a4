"""`motcua signing` with a real SoftHSM2 token (tests/helpers/softhsm.py): the PIN from the
environment variable MOTCUA_TOKEN_PIN (never an argument), the token's library from the PC's
devices.json. A wrong PIN, a missing token or an expired certificate: one Vietnamese line, exit 1,
and the document pending with that message."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from app.cli.main import main
from app.devices.config import DeviceSettings, TokenSettings, save_devices
from tests.helpers import softhsm
from tests.helpers.pki import OFFICER_CN

from .signing_kit import received, rows, switch_on

expired_token = softhsm.expired_token  # the fixture (tests/helpers/softhsm.py)
softhsm_token = softhsm.softhsm_token  # the fixture (tests/helpers/softhsm.py)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def office(db, sqlite_url, data_dir, monkeypatch):
    monkeypatch.setenv("MOTCUA_DB", sqlite_url)
    monkeypatch.delenv("MOTCUA_TOKEN_PIN", raising=False)
    switch_on(db)
    return db


def use_token(data_dir, library: str, label: str = "") -> None:
    save_devices(data_dir, replace(DeviceSettings(), token=TokenSettings(library=library, label=label)))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def one_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("motcua: lỗi: "), err
    return lines[0].removeprefix("motcua: lỗi: ")


def test_signs_a_dossier_with_the_pin_from_the_environment(office, data_dir, softhsm_token, monkeypatch, capsys):
    code = received(office)
    use_token(data_dir, softhsm_token.library, softhsm_token.label)
    monkeypatch.setenv("MOTCUA_TOKEN_PIN", softhsm_token.pin)
    status, out, err = run(capsys, "signing", "sign", "--dossier", code)
    assert (status, err) == (0, "")
    assert f"Đã ký: {code}\tGiấy tiếp nhận (Mẫu 01)\t{OFFICER_CN}\t" in out and "Đã ký 1 văn bản." in out
    assert softhsm_token.pin not in out
    assert [(r.state, r.signer_name) for r in rows(office, code)] == [("signed", OFFICER_CN)]
    assert run(capsys, "signing", "list")[1] == "Không có văn bản nào chờ ký số.\n"


def test_a_wrong_pin_leaves_it_pending_with_the_message(office, data_dir, softhsm_token, monkeypatch, capsys):
    code = received(office)
    use_token(data_dir, softhsm_token.library, softhsm_token.label)
    monkeypatch.setenv("MOTCUA_TOKEN_PIN", "000000" if softhsm_token.pin != "000000" else "999999")
    status, out, err = run(capsys, "signing", "sign", "--all")
    message = one_error(err)
    assert status == 1 and "PIN" in message
    [doc] = rows(office, code)
    assert (doc.state, doc.attempts, doc.last_error, doc.signed_sha256) == ("pending", 1, message, None)
    listed = run(capsys, "signing", "list")[1]
    assert listed.startswith(f"{doc.id}\t{code}\tGiấy tiếp nhận (Mẫu 01)\t23/11/2026 09:00\t{message}")


def test_no_token_leaves_it_pending_with_the_message(office, data_dir, tmp_path, monkeypatch, capsys):
    code = received(office)
    use_token(data_dir, str(tmp_path / "khong-co-thu-vien.so"))
    monkeypatch.setenv("MOTCUA_TOKEN_PIN", "123456")
    status, _, err = run(capsys, "signing", "sign", "--dossier", code)
    message = one_error(err)
    assert status == 1
    [doc] = rows(office, code)
    assert (doc.state, doc.attempts, doc.last_error) == ("pending", 1, message)


def test_an_expired_certificate_leaves_it_pending_with_the_message(office, data_dir, expired_token, monkeypatch,
                                                                    capsys):
    code = received(office)
    use_token(data_dir, expired_token.library, expired_token.label)
    monkeypatch.setenv("MOTCUA_TOKEN_PIN", expired_token.pin)
    status, _, err = run(capsys, "signing", "sign", "--dossier", code)
    message = one_error(err)
    assert status == 1 and "hết hạn" in message
    [doc] = rows(office, code)
    assert (doc.state, doc.attempts, doc.last_error) == ("pending", 1, message)


def test_the_pin_is_never_taken_from_the_command_line(office, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["signing", "sign", "--all", "--pin", "123456"])
    assert usage.value.code == 2 and "123456" not in capsys.readouterr().out


def test_without_a_keyboard_or_the_variable_nothing_is_tried(office, data_dir, softhsm_token, capsys):
    code = received(office)
    use_token(data_dir, softhsm_token.library, softhsm_token.label)
    status, _, err = run(capsys, "signing", "sign", "--all")  # pytest's stdin is not a terminal
    assert status == 1 and "MOTCUA_TOKEN_PIN" in one_error(err)
    assert [(r.state, r.attempts) for r in rows(office, code)] == [("pending", 0)]


def test_sign_asks_which_and_nothing_pending_is_said(office, capsys):
    status, _, err = run(capsys, "signing", "sign")
    assert status == 1 and "--dossier" in one_error(err)
    assert run(capsys, "signing", "sign", "--all") == (0, "Không có văn bản nào chờ ký số.\n", "")


def test_tokens_lists_what_the_library_sees(office, softhsm_token, capsys):
    status, out, err = run(capsys, "signing", "tokens", "--library", softhsm_token.library)
    assert (status, err) == (0, "")
    assert out.startswith(f"{softhsm_token.label}\t")


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C as SIGINT is POSIX")
@pytest.mark.parametrize("which, path", [("sandbox", "/generic/certificate?user=x"), ("tsa", "/")])
def test_the_sandboxes_serve_until_ctrl_c(data_dir, which, path):
    """`motcua signing sandbox|tsa --port 0`: says where it listens, answers there, ends on Ctrl-C."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "MOTCUA_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "app", "signing", which, "--port", "0"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + proc.stderr.read()
        with socket.create_connection(("127.0.0.1", int(found.group(1))), timeout=30) as conn:
            conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            answer = b""
            while chunk := conn.recv(65536):  # HTTP/1.0: the server closes when it has answered
                answer += chunk
        assert answer.startswith(b"HTTP/1.")  # an HTTP server answers, whatever it says to a GET
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
