"""The SANE adapter against SANE's own `test` backend: the real scanimage and libsane, no mocks.
The backend's feeder holds 10 pages; its `--read-return-value` option makes every read fail with
the status a jammed, busy, empty or unplugged scanner gives."""

import io
import signal
import subprocess
import tempfile

import pytest
from PIL import Image

from app.devices.docscan.assemble import assemble_pdf
from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.sane import SaneScanner, parse_options, sane_devices
from tests.helpers.sane import sane_test_backend, sane_test_config  # noqa: F401 (the fixture)

pytestmark = pytest.mark.usefixtures("sane_test_backend")

A4_200DPI = (1653, 2338)  # 210 × 297 mm at 200 dpi, as scanimage rounds it
GRID = ["--test-picture", "Grid"]
# 200 ms after every 32 KB: a 60 × 60 mm page at 200 dpi takes over a second, so page 2 is still
# being read when the scan is stopped as soon as page 1 arrives
SLOW = ["-x", "60", "-y", "60", "--read-delay=yes", "--read-delay-duration", "200000"]


def scan(scanner, settings=None, cancelled=lambda: False):
    pages = []
    count = scanner.scan(settings or ScanSettings(), pages.append, cancelled)
    return count, pages


def test_three_pages_from_the_feeder_at_200_dpi_gray_are_a4_jpegs_by_default():
    count, pages = scan(SaneScanner("test:0", options=GRID, page_limit=3))
    assert count == 3
    assert [p.index for p in pages] == [1, 2, 3]
    for page in pages:
        assert page.media_type == "image/jpeg"
        with Image.open(io.BytesIO(page.data)) as im:
            assert im.format == "JPEG"
            assert im.mode == "L"
            assert im.size == A4_200DPI
            assert round(im.info["dpi"][0]) == 200


def test_black_and_white_is_asked_as_png_and_refused_by_a_device_without_it():
    scanner = SaneScanner("test:0", options=GRID, page_limit=1)
    assert scanner.format_for(ScanSettings(color_mode="bw")) == "png"
    assert scanner.format_for(ScanSettings(color_mode="color")) == "jpeg"
    # SANE's test device has only Gray and Color: the officer is told before anything is scanned
    with pytest.raises(ScanError) as e:
        scan(scanner, ScanSettings(color_mode="bw"))
    assert e.value.kind == "failed"
    assert "không có chế độ màu «bw» (có: Gray, Color)" in str(e.value)


def test_the_scanners_jpegs_go_into_the_pdf_as_they_are():
    """img2pdf embeds each JPEG unchanged: the PDF is the pages plus a little structure. (SANE's
    synthetic pictures say nothing of a real page's size; that is measured on the eSCL
    emulator's text pages in tests/devices/test_escl.py.)"""
    _, pages = scan(SaneScanner("test:0", options=GRID, page_limit=3))
    pdf = assemble_pdf(pages)
    out = subprocess.run(["pdfinfo", "-", ], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Pages:           3" in out
    assert "595.08 x 841.68 pts (A4)" in out
    assert len(pdf) <= sum(len(p.data) for p in pages) + 3 * 2048
    for page in pages:
        assert page.data in pdf


def test_the_feeder_is_scanned_until_it_is_empty():
    count, pages = scan(SaneScanner("test:0"), ScanSettings(resolution=75))
    assert count == len(pages) == 10


def test_the_flatbed_gives_one_page():
    count, pages = scan(SaneScanner("test:1"), ScanSettings(resolution=75, source="flatbed"))
    assert count == len(pages) == 1


def test_a_page_larger_than_the_bed_is_clamped_to_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SANE_CONFIG_DIR", str(sane_test_config(tmp_path / "small", bed_mm=200)))
    _, pages = scan(SaneScanner("test:0", page_limit=1), ScanSettings(resolution=100))
    with Image.open(io.BytesIO(pages[0].data)) as im:
        assert im.size == (787, 787)  # 200 × 200 mm at 100 dpi, not a refused scan


def test_an_unknown_device_is_offline():
    with pytest.raises(ScanError) as e:
        scan(SaneScanner("test:9"))
    assert e.value.kind == "offline"
    assert "«test:9»" in e.value.message


@pytest.mark.parametrize(("status", "kind", "words"), [
    ("SANE_STATUS_JAMMED", "jam", "Kẹt giấy"),
    ("SANE_STATUS_NO_DOCS", "empty", "Khay nạp không có giấy"),
    ("SANE_STATUS_DEVICE_BUSY", "busy", "đang bận"),
    ("SANE_STATUS_IO_ERROR", "offline", "Mất kết nối"),
    ("SANE_STATUS_COVER_OPEN", "failed", "Nắp máy quét đang mở"),
])
def test_scanner_faults_become_one_vietnamese_line_of_their_kind(status, kind, words):
    # Twice in a full run on the shared CI machine, scanimage did not answer its option probe for
    # the 60 s the adapter waits ("timeout"), though it answers in milliseconds alone. What is
    # tested here is how each SANE status is told: a probe that timed out is asked once more, and
    # the status must then come out as its own kind.
    for _attempt in range(2):
        pages = []
        with pytest.raises(ScanError) as e:
            SaneScanner("test:0", options=["--read-return-value", status]).scan(
                ScanSettings(resolution=75), pages.append)
        if e.value.kind != "timeout":
            break
    assert e.value.kind == kind
    assert words in e.value.message
    assert "\n" not in e.value.message
    assert pages == []  # the half-read page is not delivered


def test_cancel_terminates_scanimage_and_keeps_the_pages_delivered():
    scanner = SaneScanner("test:0", options=SLOW)
    pages = []
    with pytest.raises(ScanError) as e:
        scanner.scan(ScanSettings(), pages.append, cancelled=lambda: len(pages) >= 1)
    assert e.value.kind == "cancelled"
    assert "Đã giữ 1 trang" in e.value.message
    assert [p.index for p in pages] == [1]
    assert scanner.last_returncode == -signal.SIGTERM  # stopped by us, not finished by itself


def test_a_failing_page_handler_stops_scanimage_and_leaves_no_temp_files(tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    scanner = SaneScanner("test:0", options=SLOW)

    def full_disk(page):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        scanner.scan(ScanSettings(), full_disk)
    assert scanner.last_returncode == -signal.SIGTERM
    assert list(temp.iterdir()) == []


def test_a_setting_the_device_lacks_is_refused_before_scanning():
    with pytest.raises(ScanError) as e:
        scan(SaneScanner("test:0"), ScanSettings(color_mode="bw"))
    assert (e.value.kind, "không có chế độ màu «bw»" in e.value.message) == ("failed", True)
    with pytest.raises(ScanError) as e:
        scan(SaneScanner("test:0"), ScanSettings(duplex=True))
    assert (e.value.kind, "không quét được hai mặt" in e.value.message) == ("failed", True)


def test_without_scanimage_the_officer_is_told_what_to_install():
    with pytest.raises(ScanError) as e:
        scan(SaneScanner("test:0", program="motcua-no-such-scanimage"))
    assert "sane-utils" in e.value.message


def test_the_test_devices_are_listed():
    assert [d for d, _ in sane_devices()] == ["test:0", "test:1"]


def test_options_are_read_from_scanimage_help():
    caps = parse_options(
        "  Scan Mode:\n"
        "    --mode Lineart|Gray|Color [Color]\n"
        "        Selects the scan mode.\n"
        "    --source Flatbed|ADF Front|ADF Duplex [Flatbed]\n"
        "    -x 0..215.9mm (in steps of 0.1) [215.9]\n"
        "    --resolution 75|150|300|600dpi [300]\n")
    assert caps.lists["--mode"] == ["Lineart", "Gray", "Color"]
    assert caps.lists["--source"] == ["Flatbed", "ADF Front", "ADF Duplex"]
    assert caps.ranges["-x"] == (0.0, 215.9)


def test_pages_can_be_asked_as_png():
    _, pages = scan(SaneScanner("test:0", file_format="png", page_limit=1))
    assert pages[0].media_type == "image/png"
    with Image.open(io.BytesIO(pages[0].data)) as im:
        assert (im.format, im.size, round(im.info["dpi"][0])) == ("PNG", A4_200DPI, 200)
