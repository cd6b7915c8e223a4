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
    """A new process lists exactly the ports pyserial finds on this machine, one line each."""
    from app.cli.commands_devices import list_ports

    r = motcua("devices", "list")
    assert r.returncode == 0 and r.stderr == ""
    ports = list_ports()
    expected = ["\t".join(x for x in port if x) for port in ports] if ports else [NONE]
    assert r.stdout.splitlines() == expected


NONE = "Không thấy cổng nối tiếp nào trên máy này."


def fake_port(device, description="n/a", vid=None, pid=None):
    from serial.tools.list_ports_common import ListPortInfo

    info = ListPortInfo(device, skip_link_detection=True)
    info.description, info.vid, info.pid = description, vid, pid
    return info


def test_list_lines_are_port_description_and_vid_pid(capsys, monkeypatch):
    # USB-serial adapters cannot be plugged into this machine: the system's list is replaced.
    from serial.tools import list_ports

    from tests.cli.test_cli import run

    monkeypatch.setattr(list_ports, "comports", lambda: [
        fake_port("COM4", "Prolific USB-to-Serial Comm Port (COM4)", 0x067B, 0x2303),
        fake_port("COM1", "Communications Port (COM1)"),
        fake_port("COM3", "USB-SERIAL CH340 (COM3)", 0x1A86, 0x7523),
        fake_port("/dev/ttyS4"),  # no description ("n/a"), no USB ids
    ])
    assert run(capsys, "devices", "list") == (0, "/dev/ttyS4\n"
                                                 "COM1\tCommunications Port (COM1)\n"
                                                 "COM3\tUSB-SERIAL CH340 (COM3)\t1A86:7523\n"
                                                 "COM4\tProlific USB-to-Serial Comm Port (COM4)\t067B:2303\n", "")
    monkeypatch.setattr(list_ports, "comports", lambda: [])
    assert run(capsys, "devices", "list") == (0, NONE + "\n", "")


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
