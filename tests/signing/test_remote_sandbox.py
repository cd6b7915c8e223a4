"""The remote signing sandbox run standalone (`python -m app.signing.remote_sandbox`): a real
process that prints where it listens, serves its root certificate, signs through the app's own
client, stops on Ctrl+C with exit 0, and says in one Vietnamese line what is wrong with its
arguments."""

from __future__ import annotations

import io
import queue
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from app.signing.remote import open_remote
from app.signing.remote_sandbox import BANNER, DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from tests.signing.test_remote import a_pdf, sign

ROOT = Path(__file__).resolve().parents[2]


def launch(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app.signing.remote_sandbox", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def first_line(proc: subprocess.Popen, deadline_s: float = 60) -> str:
    """The process's first line of output (a generous deadline, not a timing assertion)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    return lines.get(timeout=deadline_s)


def test_the_standalone_sandbox_serves_its_root_signs_and_stops_on_ctrl_c():
    proc = launch("--port", "0", "--confirm-after", "0")
    try:
        line = first_line(proc)
        assert line.startswith(BANNER), line + proc.stderr.read()
        url = line.removeprefix(BANNER).split()[0]
        root_pem = httpx.get(url + "/root.pem", timeout=10).content
        _, _, der = pem.unarmor(root_pem)
        root = x509.Certificate.load(der)

        settings = {"signing.remote.provider": "sandbox", "signing.remote.url": url,
                    "signing.remote.client_id": DEFAULT_CLIENT_ID, "signing.remote.api_key": DEFAULT_API_KEY,
                    "signing.remote.wait_s": 60}
        signer = open_remote(settings, user="an.nguyen")
        signed = sign(signer, a_pdf())
        signer.close()
        sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
        assert validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False)).bottom_line
    finally:
        proc.send_signal(signal.SIGINT if sys.platform != "win32" else signal.CTRL_C_EVENT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_a_key_without_its_certificate_is_one_vietnamese_line():
    proc = launch("--port", "0", "--key", "officer.key.pem")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip() == "Cần cả --key và --cert, hoặc không cái nào."


def test_a_busy_port_is_one_vietnamese_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = launch("--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip() == f"Cổng {port} đang được dùng."


@pytest.mark.parametrize("made, words", [(False, "không mở được tệp"), (True, "không phải khóa PEM")],
                         ids=["missing-files", "not-a-key"])
def test_unreadable_key_material_is_one_vietnamese_line(made, words, tmp_path):
    key, cert = tmp_path / "officer.key.pem", tmp_path / "officer.der"
    if made:  # files that are there but hold no key nor certificate
        key.write_text("not a key")
        cert.write_bytes(b"not a certificate")
    proc = launch("--port", "0", "--key", str(key), "--cert", str(cert))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.startswith("Không đọc được khóa hoặc chứng thư số cho dịch vụ thử nghiệm: ")
    assert words in err
    assert len(err.strip().splitlines()) == 1
