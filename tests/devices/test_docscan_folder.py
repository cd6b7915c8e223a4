"""The watched "scan to folder" source on a real folder. Between two polls the source calls its
`sleep`; here that is where the "copier" writes its next chunk, so a slow writer is simulated
poll by poll, deterministically, with no real waiting."""

import io

import pikepdf
import pytest

from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.files import pages_from_bytes
from app.devices.docscan.folder import REJECTED, TAKEN, FolderSource
from tests.devices import docscan_samples as samples


def source(folder, between_polls=lambda: None, **kw):
    kw.setdefault("wait_first", 0)
    return FolderSource(folder, sleep=lambda _s: between_polls(), **kw)


def test_a_file_written_slowly_is_taken_only_once_it_is_complete(tmp_path):
    whole = samples.pdf("A4", "A5", "A4", "Letter")
    chunks = [whole[i:i + 700] for i in range(0, len(whole), 700)]
    assert len(chunks) > 3
    appends = len(chunks) - 1
    target = tmp_path / "scan_0001.pdf"
    target.write_bytes(chunks.pop(0))
    polls_while_writing = 0

    def copier_writes_on():
        nonlocal polls_while_writing
        if chunks:
            polls_while_writing += 1
            with target.open("ab") as f:
                f.write(chunks.pop(0))

    seen = []

    def on_page(page):
        seen.append((page, bool(chunks)))  # was the copier still writing?

    count = source(tmp_path, copier_writes_on).scan(ScanSettings(), on_page)
    expected = pages_from_bytes(whole, "scan_0001.pdf")
    assert count == 4
    assert [(p.index, p.data) for p, _ in seen] == [(p.index, p.data) for p in expected]
    assert [writing for _, writing in seen] == [False] * 4
    assert polls_while_writing == appends  # the source polled through the whole write
    assert (tmp_path / TAKEN / "scan_0001.pdf").read_bytes() == whole
    assert not target.exists()


def test_a_fake_jpg_is_set_aside_named_and_the_others_are_taken(tmp_path):
    good = samples.image("PNG")
    (tmp_path / "a_gia.jpg").write_bytes(b"day khong phai anh")
    (tmp_path / "b_that.png").write_bytes(good)
    pages = []
    with pytest.raises(ScanError) as e:
        source(tmp_path).scan(ScanSettings(), pages.append)
    assert e.value.kind == "bad_image"
    assert "«a_gia.jpg»" in e.value.message
    assert f"«{REJECTED}»" in e.value.message
    assert "Đã lấy 1 trang từ các tệp khác" in e.value.message
    assert [(p.index, p.data) for p in pages] == [(1, good)]
    assert (tmp_path / REJECTED / "a_gia.jpg").read_bytes() == b"day khong phai anh"
    assert (tmp_path / TAKEN / "b_that.png").read_bytes() == good


def test_a_file_is_never_taken_twice(tmp_path):
    first, second = samples.image("JPEG", text="1"), samples.image("JPEG", text="2")
    (tmp_path / "scan.jpg").write_bytes(first)
    pages = []
    assert source(tmp_path).scan(ScanSettings(), pages.append) == 1
    with pytest.raises(ScanError) as e:
        source(tmp_path).scan(ScanSettings(), pages.append)
    assert e.value.kind == "empty"
    assert [p.data for p in pages] == [first]
    (tmp_path / "scan.jpg").write_bytes(second)  # the copier restarted its numbering
    assert source(tmp_path).scan(ScanSettings(), pages.append) == 1
    assert [p.data for p in pages] == [first, second]
    assert (tmp_path / TAKEN / "scan.jpg").read_bytes() == first
    assert (tmp_path / TAKEN / "scan (2).jpg").read_bytes() == second


def test_files_are_taken_in_name_order_and_half_written_names_are_left(tmp_path):
    for n in (10, 9, 1):
        (tmp_path / f"scan_{n}.png").write_bytes(samples.image("PNG", text=str(n)))
    (tmp_path / "scan_11.pdf.part").write_bytes(b"%PDF-1.7 half")
    (tmp_path / "~$scan_12.pdf").write_bytes(b"%PDF-1.7 lock")
    (tmp_path / "Thumbs.db").write_bytes(b"x")
    (tmp_path / "scan_13.pdf").write_bytes(b"")  # created by the copier, not yet written
    pages = []
    assert source(tmp_path).scan(ScanSettings(), pages.append) == 3
    expected = [samples.image("PNG", text=str(n)) for n in (1, 9, 10)]
    assert [p.data for p in pages] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [TAKEN, "scan_11.pdf.part", "~$scan_12.pdf", "Thumbs.db", "scan_13.pdf"])


def test_a_file_that_appears_while_taking_is_waited_for(tmp_path):
    (tmp_path / "scan_1.pdf").write_bytes(samples.pdf("A4"))
    later = samples.pdf("A5", "A5")
    state = {"polls": 0}

    def copier():
        state["polls"] += 1
        if state["polls"] == 2:  # after scan_1 was taken, the copier starts the next file
            (tmp_path / "scan_2.pdf").write_bytes(later)

    pages = []
    assert source(tmp_path, copier).scan(ScanSettings(), pages.append) == 3


def test_an_empty_folder_says_so(tmp_path):
    with pytest.raises(ScanError) as e:
        source(tmp_path).scan(ScanSettings(), lambda p: None)
    assert e.value.kind == "empty"
    assert "Chưa có tệp nào" in e.value.message


def test_a_missing_folder_is_offline(tmp_path):
    with pytest.raises(ScanError) as e:
        source(tmp_path / "o-mang-Z").scan(ScanSettings(), lambda p: None)
    assert e.value.kind == "offline"
    assert "o-mang-Z" in e.value.message


def test_cancel_is_honoured_while_waiting(tmp_path):
    with pytest.raises(ScanError) as e:
        source(tmp_path, wait_first=3600).scan(ScanSettings(), lambda p: None, cancelled=lambda: True)
    assert e.value.kind == "cancelled"


def test_a_multi_page_file_is_numbered_on_from_the_previous_one(tmp_path):
    (tmp_path / "a.tif").write_bytes(samples.tiff_pages(2))
    (tmp_path / "b.pdf").write_bytes(samples.pdf("A4", "A4"))
    pages = []
    assert source(tmp_path).scan(ScanSettings(), pages.append) == 4
    assert [(p.index, p.media_type) for p in pages] == [
        (1, "image/tiff"), (2, "image/png"), (3, "application/pdf"), (4, "application/pdf")]
    with pikepdf.open(io.BytesIO(pages[3].data)) as one:
        assert len(one.pages) == 1
