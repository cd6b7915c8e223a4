"""eSCL (AirScan) document scanning over real HTTP on loopback: the client (app/devices/docscan/
escl.py) against the emulator (escl_emulator.py), the same pair `motcua devices emulate escl` runs.
Faults come from the emulator's switches (a jam, an empty feeder, a connection cut mid-page, a
slow device); pages delivered before a fault stay delivered."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from PIL import Image

from app.devices.docscan import escl
from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.escl import EsclScanner, normalize_url, parse_capabilities, parse_status
from app.devices.docscan.escl_emulator import EsclEmulator, capabilities_xml, render_page
from app.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
A4_200 = (1654, 2339)  # 210 × 297 mm at 200 dpi


HTTP = httpx.Client(trust_env=False)  # straight to loopback, whatever proxy the machine has
DEFAULT = ScanSettings()  # 200 dpi grayscale A4 from the feeder


def scan(emulator: EsclEmulator, settings: ScanSettings = DEFAULT, **options):
    """Scan from `emulator`: (pages delivered, the ScanError or None)."""
    pages = []
    try:
        count = EsclScanner(emulator.url, **options).scan(settings, pages.append)
    except ScanError as exc:
        return pages, exc
    assert count == len(pages)
    return pages, None


def image(page):
    return Image.open(io.BytesIO(page.data))


def test_five_grayscale_pages_arrive_in_order_at_200_dpi_a4():
    with EsclEmulator(pages=5) as emulator:
        pages, error = scan(emulator)
    assert error is None and [p.index for p in pages] == [1, 2, 3, 4, 5]
    job = emulator.jobs[0]
    assert (job.source, job.resolution, job.color_mode, job.document_format, job.duplex) == \
        ("Feeder", 200, "Grayscale8", "image/jpeg", False)
    for number, page in enumerate(pages, 1):
        assert page.media_type == "image/jpeg"
        img = image(page)
        assert img.format == "JPEG" and img.mode == "L"
        assert abs(img.width - A4_200[0]) <= 2 and abs(img.height - A4_200[1]) <= 2
        assert page.data == render_page(number, job)  # "Trang N" drawn for N, so the order is the feeder's
    assert emulator.deleted == [job.uri]  # the clean-up after a job, as sane-airscan sends it


def test_the_scanners_jpeg_pages_go_into_the_pdf_unchanged():
    """img2pdf embeds each JPEG as the scanner made it (no re-encoding): the PDF's size is the
    scanner's pages plus a little structure; `make bench` reports the size per page."""
    from app.devices.docscan.assemble import assemble_pdf

    with EsclEmulator(pages=5) as emulator:
        pages, error = scan(emulator)
    assert error is None
    pdf = assemble_pdf(pages)
    assert len(pdf) <= sum(len(p.data) for p in pages) + 5 * 2048
    for page in pages:
        assert page.data in pdf


def test_colour_from_the_glass_is_one_page_at_300_dpi():
    with EsclEmulator(pages=5) as emulator:
        pages, error = scan(emulator, ScanSettings(resolution=300, color_mode="color", source="flatbed"))
    assert error is None and len(pages) == 1
    img = image(pages[0])
    assert img.mode == "RGB" and abs(img.width - 2480) <= 2 and abs(img.height - 3508) <= 2
    assert emulator.jobs[0].source == "Platen" and emulator.deleted == [emulator.jobs[0].uri]


def test_duplex_from_the_feeder_asks_for_both_sides():
    with EsclEmulator(pages=2) as emulator:
        pages, error = scan(emulator, ScanSettings(duplex=True))
    assert error is None and len(pages) == 4 and emulator.jobs[0].duplex


def test_a_resolution_the_device_lacks_is_refused_before_scanning():
    with EsclEmulator(pages=5) as emulator:
        pages, error = scan(emulator, ScanSettings(resolution=250))
    assert error.kind == "failed" and pages == []
    assert str(error) == ("Một Cửa eSCL Emulator (eSCL, 127.0.0.1) không hỗ trợ độ phân giải 250 dpi "
                          "(hỗ trợ: 100, 150, 200, 300, 600 dpi).")
    assert [m for m, _ in emulator.requests] == ["GET"]  # capabilities only: no job was started


def test_a_jam_at_page_3_keeps_pages_1_and_2():
    with EsclEmulator(pages=5, jam_at=3) as emulator:
        pages, error = scan(emulator)
        status = parse_status(HTTP.get(f"{emulator.url}/ScannerStatus").content)
    assert [p.index for p in pages] == [1, 2] and error.kind == "jam" and error.pages == 2
    assert "Kẹt giấy" in str(error) and "trang 3" in str(error) and "giữ 2 trang" in str(error)
    assert status[1] == "ScannerAdfJam"
    assert emulator.deleted == [emulator.jobs[0].uri]  # the failed job is not left on the device


def test_an_empty_feeder_refuses_the_job():
    with EsclEmulator(empty=True) as emulator:
        pages, error = scan(emulator)
    assert pages == [] and error.kind == "empty" and emulator.jobs == []
    assert str(error) == "Khay nạp giấy trống: đặt giấy tờ vào khay rồi quét lại."


def test_a_connection_cut_in_the_middle_of_page_2_is_offline_and_keeps_page_1():
    with EsclEmulator(pages=4, drop_at=2) as emulator:
        pages, error = scan(emulator)
    assert [p.index for p in pages] == [1] and error.kind == "offline" and error.pages == 1
    assert "Mất kết nối" in str(error) and "trang 2" in str(error) and "giữ 1 trang" in str(error)


def test_a_device_that_is_not_there_is_offline():
    emulator = EsclEmulator().start()
    emulator.stop()  # its port is closed now: nothing listens
    pages, error = scan(emulator)
    assert pages == [] and error.kind == "offline" and str(error).startswith("Không kết nối được Máy quét eSCL")


def test_cancelling_mid_job_deletes_the_job_on_the_device():
    pages = []
    with EsclEmulator(pages=5) as emulator:
        with pytest.raises(ScanError) as caught:
            EsclScanner(emulator.url).scan(ScanSettings(), pages.append, cancelled=lambda: len(pages) >= 2)
    assert caught.value.kind == "cancelled" and [p.index for p in pages] == [1, 2]
    assert emulator.deleted == [emulator.jobs[0].uri] and emulator.jobs[0].delivered == 2
    assert ("DELETE", emulator.jobs[0].uri) in emulator.requests


def test_a_slow_device_is_waited_for_and_a_stuck_one_times_out():
    with EsclEmulator(pages=2, slow_ms=100) as emulator:
        pages, error = scan(emulator, retry_pause=0.02)
    assert error is None and len(pages) == 2
    with EsclEmulator(pages=2, slow_ms=60_000) as emulator:  # not ready for a minute: 503 all along
        pages, error = scan(emulator, retry_pause=0.02, page_timeout=0.2)
    assert pages == [] and error.kind == "timeout" and "trang 1" in str(error)


def test_capabilities_with_a_resolution_range_and_duplex_as_an_option():
    caps = parse_capabilities(capabilities_xml())
    assert caps.feeder.resolutions == [100, 150, 200, 300, 600] and caps.duplex is not None
    xml = re.sub(rb"<scan:DiscreteResolutions>.*?</scan:DiscreteResolutions>",
                 b"<scan:ResolutionRange><scan:XResolution><scan:Min>75</scan:Min><scan:Max>1200</scan:Max>"
                 b"<scan:Step>25</scan:Step></scan:XResolution></scan:ResolutionRange>", capabilities_xml())
    src = parse_capabilities(xml).platen
    assert src.resolutions == [] and src.resolution_range == (75, 1200, 25)
    assert src.takes_resolution(250) and not src.takes_resolution(260) and not src.takes_resolution(1300)
    for bad in (b"", b"<html/>", b'<!DOCTYPE x [<!ENTITY a "a">]><x/>', capabilities_xml().replace(b"600<", b"6x0<")):
        with pytest.raises(ValueError):
            parse_capabilities(bad)


@pytest.mark.parametrize("text, url", [("http://192.168.1.20:8080/eSCL", "http://192.168.1.20:8080/eSCL"),
                                       ("https://192.168.1.20/", "https://192.168.1.20/eSCL"),
                                       (" http://[fe80::1]:80/eSCL/ ", "http://[fe80::1]:80/eSCL")])
def test_the_address_setting(text, url):
    assert normalize_url(text) == url


@pytest.mark.parametrize("text", ["", "192.168.1.20", "ftp://x/eSCL", "http://", "http://x:99999/", "http://máy/eSCL",
                                  "http://a b/", "http://u@x/eSCL"])
def test_a_bad_address_is_one_vietnamese_line(text):
    with pytest.raises(UserError) as caught:
        EsclScanner(text)
    assert str(caught.value).startswith("Địa chỉ máy quét eSCL «") and "\n" not in str(caught.value)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_cli_emulator_is_scanned_from_over_http(tmp_path):
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "app", "devices", "emulate", "escl", "--port", str(port), "--pages", "3",
                          "--data-dir", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, encoding="utf-8", env=os.environ.copy())
    try:
        first = p.stdout.readline()  # printed once the server listens
        assert first.startswith(f"Đang giả lập máy quét tài liệu eSCL tại http://127.0.0.1:{port}/eSCL (3 trang")
        pages = []
        scanner = EsclScanner(f"http://127.0.0.1:{port}/eSCL")
        assert scanner.scan(ScanSettings(), pages.append) == 3
        assert [abs(image(page).width - A4_200[0]) <= 2 for page in pages] == [True] * 3
        assert scanner.name == "Một Cửa eSCL Emulator (eSCL, 127.0.0.1)"
        if os.name != "nt":
            p.send_signal(signal.SIGINT)  # Ctrl+C
            assert p.wait(20) == 130
            out, err = p.communicate()
            assert "đã gửi trang 3" in out and err == "motcua: lỗi: đã dừng theo yêu cầu.\n"
    finally:
        if p.poll() is None:
            p.kill()
            p.communicate()


def test_the_cli_refuses_bad_switches_in_one_line(tmp_path):
    for options, named in ((["--pages", "0"], "--pages"), (["--jam-at", "0"], "--jam-at"),
                           (["--port", "70000"], "70000"), (["--slow", "60001"], "--slow")):
        r = subprocess.run([sys.executable, "-m", "app", "devices", "emulate", "escl", *options,
                            "--data-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and named in r.stderr, r.stderr
        assert r.stderr.startswith("motcua: lỗi: ") and "Đang giả lập" not in r.stdout


def test_the_emulator_refuses_a_ticket_it_cannot_do():
    with EsclEmulator() as emulator:
        jobs = f"{emulator.url}/ScanJobs"
        assert HTTP.post(jobs, content=b"<not xml").status_code == 400
        assert HTTP.post(jobs, content=b'<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>').status_code == 400
        ticket = (f'<scan:ScanSettings xmlns:scan="{escl.SCAN_NS}" xmlns:pwg="{escl.PWG_NS}">'
                  "<pwg:InputSource>Feeder</pwg:InputSource><scan:XResolution>{}</scan:XResolution>"
                  "</scan:ScanSettings>")
        assert HTTP.post(jobs, content=ticket.format(250).encode()).status_code == 409
        created = HTTP.post(jobs, content=ticket.format(200).encode())
        assert created.status_code == 201 and created.headers["Location"].endswith("/eSCL/ScanJobs/1")
        assert HTTP.get(f"{emulator.url}/ScanJobs/9/NextDocument").status_code == 404
    assert [job.id for job in emulator.jobs] == [1]
