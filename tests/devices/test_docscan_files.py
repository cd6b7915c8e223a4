"""A file chosen by hand at the desk (app/devices/docscan/files.py): real PDFs, JPEGs, PNGs and
TIFFs written to disk; whatever is wrong with one is found before any page is handed over."""

import io

import pikepdf
import pytest
from PIL import Image

from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.files import FileSource, pages_from_bytes, sniff
from tests.devices import docscan_samples as samples


def take(tmp_path, name, data, **kw):
    path = tmp_path / name
    path.write_bytes(data)
    pages = []
    count = FileSource(path, **kw).scan(ScanSettings(), pages.append)
    assert count == len(pages)
    return pages


def refused(tmp_path, name, data, **kw):
    path = tmp_path / name
    path.write_bytes(data)
    pages = []
    with pytest.raises(ScanError) as e:
        FileSource(path, **kw).scan(ScanSettings(), pages.append)
    assert pages == []  # nothing half-delivered
    assert "\n" not in e.value.message
    return e.value


def test_a_jpeg_is_one_page_byte_for_byte(tmp_path):
    data = samples.image("JPEG")
    pages = take(tmp_path, "cccd.jpg", data)
    assert [(p.index, p.media_type, p.data) for p in pages] == [(1, "image/jpeg", data)]


def test_a_png_named_jpg_is_taken_as_the_png_it_is(tmp_path):
    data = samples.image("PNG")
    pages = take(tmp_path, "scan.jpg", data)
    assert [(p.media_type, p.data) for p in pages] == [("image/png", data)]


def test_a_pdf_becomes_one_page_pdf_per_page_in_order(tmp_path):
    pages = take(tmp_path, "giay-to.pdf", samples.pdf("A4", "A5", "Letter"))
    assert [p.media_type for p in pages] == ["application/pdf"] * 3
    boxes = []
    for page in pages:
        with pikepdf.open(io.BytesIO(page.data)) as one:
            assert len(one.pages) == 1
            boxes.append([round(float(v)) for v in one.pages[0].mediabox])
    assert boxes == [[0, 0, 595, 842], [0, 0, 420, 595], [0, 0, 612, 792]]


def test_a_multi_page_tiff_becomes_its_frames(tmp_path):
    pages = take(tmp_path, "ho-so.tiff", samples.tiff_pages(3))
    assert [p.media_type for p in pages] == ["image/tiff", "image/png", "image/png"]
    modes = []
    for page in pages:
        with Image.open(io.BytesIO(page.data)) as im:
            assert im.size == (1165, 1654)
            assert round(im.info["dpi"][0]) == 200
            modes.append(im.mode)
    assert modes == ["1", "L", "RGB"]


def test_a_single_page_tiff_is_kept_as_it_is(tmp_path):
    data = samples.image("TIFF")
    assert [(p.media_type, p.data) for p in take(tmp_path, "a.tif", data)] == [("image/tiff", data)]


@pytest.mark.parametrize(("name", "data", "words"), [
    ("anh.jpg", b"Xin chao, day la van ban", "không phải PDF hay ảnh JPEG, PNG, TIFF (không rõ loại)"),
    ("to-khai.pdf", b"PK\x03\x04" + b"\0" * 64, "(tệp nén hoặc Word/Excel)"),
    ("dt.jpg", b"\0\0\0\x18ftypheic" + b"\0" * 64, "HEIC"),
    ("rong.png", b"", "rỗng"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_naming_it(tmp_path, name, data, words):
    e = refused(tmp_path, name, data)
    assert e.kind == "bad_image"
    assert f"«{name}»" in e.message
    assert words in e.message


@pytest.mark.parametrize(("name", "fmt"), [("cat.jpg", "JPEG"), ("cat.png", "PNG"), ("cat.tif", "TIFF")])
def test_a_truncated_image_is_refused(tmp_path, name, fmt):
    whole = samples.image(fmt, mode="RGB", text="Nguyễn Văn A" * 20)
    e = refused(tmp_path, name, whole[: len(whole) * 2 // 3])
    assert e.kind == "bad_image"
    assert f"Ảnh «{name}» bị hỏng hoặc không đầy đủ" in e.message


def test_a_truncated_pdf_is_refused(tmp_path):
    whole = samples.pdf("A4", "A4", "A4")
    e = refused(tmp_path, "cut.pdf", whole[: len(whole) // 2])
    assert e.kind == "bad_image"
    assert "Tệp PDF «cut.pdf» bị hỏng hoặc không đầy đủ" in e.message


def test_a_500_page_pdf_is_refused_over_the_limit(tmp_path):
    big = pikepdf.new()
    for _ in range(500):
        big.add_blank_page()
    buf = io.BytesIO()
    big.save(buf)
    e = refused(tmp_path, "so-dia-chinh.pdf", buf.getvalue())
    assert e.kind == "failed"
    assert "Tệp «so-dia-chinh.pdf» có 500 trang, quá giới hạn 200 trang" in e.message


def test_the_page_limit_is_configurable(tmp_path):
    data = samples.pdf("A4", "A4", "A4")
    assert len(take(tmp_path, "ba.pdf", data, max_pages=3)) == 3
    assert "quá giới hạn 2 trang" in refused(tmp_path, "ba.pdf", data, max_pages=2).message


def test_a_pdf_with_a_password_is_refused(tmp_path):
    src = pikepdf.open(io.BytesIO(samples.pdf("A4")))
    buf = io.BytesIO()
    src.save(buf, encryption=pikepdf.Encryption(user="1234", owner="5678"))
    assert "có mật khẩu" in refused(tmp_path, "khoa.pdf", buf.getvalue()).message


def test_a_file_type_not_taken_is_refused_by_its_name(tmp_path):
    assert "chỉ nhận PDF, JPEG, PNG hoặc TIFF" in refused(tmp_path, "don.docx", b"PK\x03\x04").message


def test_a_missing_file_is_named(tmp_path):
    pages = []
    with pytest.raises(ScanError) as e:
        FileSource(tmp_path / "khong-co.pdf").scan(ScanSettings(), pages.append)
    assert "Không tìm thấy tệp" in e.value.message and "khong-co.pdf" in e.value.message


def test_several_files_are_one_document_and_one_bad_file_delivers_nothing(tmp_path):
    (tmp_path / "1.jpg").write_bytes(samples.image("JPEG"))
    (tmp_path / "2.pdf").write_bytes(samples.pdf("A4", "A5"))
    (tmp_path / "3.png").write_bytes(b"not a png")
    pages = []
    assert FileSource([tmp_path / "1.jpg", tmp_path / "2.pdf"]).scan(ScanSettings(), pages.append) == 3
    assert [(p.index, p.media_type) for p in pages] == [
        (1, "image/jpeg"), (2, "application/pdf"), (3, "application/pdf")]
    pages.clear()
    with pytest.raises(ScanError):
        FileSource([tmp_path / "1.jpg", tmp_path / "3.png"]).scan(ScanSettings(), pages.append)
    assert pages == []


def test_cancel_stops_between_pages(tmp_path):
    (tmp_path / "a.pdf").write_bytes(samples.pdf("A4", "A4", "A4"))
    pages = []
    with pytest.raises(ScanError) as e:
        FileSource(tmp_path / "a.pdf").scan(ScanSettings(), pages.append, cancelled=lambda: len(pages) == 2)
    assert (e.value.kind, len(pages)) == ("cancelled", 2)


def test_content_not_name_decides_the_type():
    assert sniff(samples.image("PNG")) == "image/png"
    assert sniff(b"junk" + samples.pdf("A4")) == "application/pdf"
    assert sniff(b"GIF89a") is None
    assert [p.media_type for p in pages_from_bytes(samples.image("JPEG"), "x")] == ["image/jpeg"]


def test_a_pdf_page_keeps_what_it_inherits_from_the_page_tree(tmp_path):
    src = pikepdf.open(io.BytesIO(samples.pdf("A5", "A5")))
    tree = src.Root.Pages
    tree.MediaBox, tree.Resources, tree.Rotate = src.pages[0].MediaBox, src.pages[0].Resources, 90
    for page in src.pages:
        for key in ("/MediaBox", "/Resources", "/Rotate"):
            del page.obj[key]
    buf = io.BytesIO()
    src.save(buf)
    for n, page in enumerate(take(tmp_path, "ke-thua.pdf", buf.getvalue()), 1):
        with pikepdf.open(io.BytesIO(page.data)) as one:
            assert int(one.pages[0].obj.Rotate) == 90
            assert [round(float(v)) for v in one.pages[0].mediabox] == [0, 0, 420, 595]
            assert f"(Trang {n} ".encode() in one.pages[0].Contents.read_bytes()
