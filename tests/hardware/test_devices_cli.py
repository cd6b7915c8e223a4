"""`motcua devices`: the port list, and an emulated scanner that another program reads as a real
serial port; a bad path is one line on stderr."""

import os
import subprocess
import sys
import time
from pathlib import Path

import serial

from tests.cli.test_cli import motcua

ROOT = Path(__file__).resolve().parents[2]


def test_list_prints_one_line_per_port():
    r = motcua("devices", "list")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.strip()  # the ports this machine has, or the sentence saying there are none


def test_emulated_scanner_is_read_through_a_real_serial_port(tmp_path):
    link = tmp_path / "scanner"
    p = subprocess.Popen([sys.executable, "-m", "app", "devices", "emulate", "scanner", "--link", str(link),
                          "--pause", "0"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert p.stdout.readline().startswith(f"Đang giả lập máy quét mã vạch tại cổng {link}")
        port = serial.Serial(str(link), 9600, timeout=5)
        p.stdin.write("000.00.01.H62-261123-0001\nĐỗ Văn Đức\n")
        p.stdin.flush()
        got = b""
        deadline = time.monotonic() + 5
        while got.count(b"\r") < 2 and time.monotonic() < deadline:
            got += port.read(64)
        assert got.decode() == "000.00.01.H62-261123-0001\rĐỗ Văn Đức\r"
        port.close()
        p.stdin.close()
        assert p.wait(10) == 0 and not link.exists()  # the port goes away with the emulator
    finally:
        p.kill()


def test_bad_link_path_is_one_line(tmp_path):
    r = motcua("devices", "emulate", "printer", "--link", str(tmp_path / "no" / "such" / "printer"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Không có thư mục" in r.stderr
    (tmp_path / "file").write_text("x")
    r = motcua("devices", "emulate", "display", "--link", str(tmp_path / "file"))
    assert r.returncode == 1 and "đã là một tệp" in r.stderr and "Traceback" not in r.stderr
