"""Pages → one PDF per document line (app/devices/docscan/assemble.py), checked with poppler's
pdfinfo, as a reader other than the one that wrote it."""

import io
import re
import subprocess

import pikepdf
import pytest
from PIL import Image

from app.devices.docscan.assemble import (
    Page,
    PageList,
    assemble_pdf,
    page_count_warning,
    pdf_page_count,
)
from app.devices.docscan.base import ScanError, ScannedPage
from app.devices.docscan.files import pages_from_bytes
from app.errors import UserError
from tests.devices import docscan_samples as samples

A4, A5, LETTER = "A4", "A5", "Letter"
PAPER_PT = {A4: (595.3, 841.9), A5: (419.5, 595.3), LETTER: (612.0, 792.0)}


def paper(w: float, h: float) -> str:
    """The paper a page is, within a point (pixel counts round a 148 mm side either way)."""
    for name, (pw, ph) in PAPER_PT.items():
        for a, b in ((pw, ph), (ph, pw)):
            if abs(w - a) <= 1 and abs(h - b) <= 1:
                return name if a < b else f"{name} ngang"
    return f"{w} x {h}"


def pdfinfo(data: bytes) -> list[tuple[str, int]]:
    """(paper, rotation) of every page, as poppler reads them."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", "-"], input=data,
                         capture_output=True, check=True).stdout.decode()
    count = int(re.search(r"^Pages:\s+(\d+)$", out, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    rots = re.findall(r"^Page\s+\d+ rot:\s+(\d+)$", out, re.M)
    assert count == len(sizes) == len(rots)
    return [(paper(float(w), float(h)), int(r)) for (w, h), r in zip(sizes, rots, strict=True)]


def png_a4():
    return Page(samples.image("PNG", mm=(210, 297), dpi=200), "image/png")


def jpeg_a5():
    return Page(samples.image("JPEG", mm=(148, 210), dpi=300), "image/jpeg")


def pdf_letter():
    (page,) = pages_from_bytes(samples.pdf("Letter"), "x.pdf")
    return Page.of(page)


def test_images_and_pdf_pages_become_one_pdf_with_each_page_its_paper_size():
    bw = Page(samples.image("TIFF", mm=(148, 210), dpi=200, mode="1"), "image/tiff")
    pdf = assemble_pdf([png_a4(), jpeg_a5(), pdf_letter(), bw])
    assert pdfinfo(pdf) == [(A4, 0), (A5, 0), (LETTER, 0), (A5, 0)]
    assert pdf_page_count(pdf) == 4


def test_nothing_is_re_encoded():
    jpeg, png = jpeg_a5(), png_a4()
    with pikepdf.open(io.BytesIO(assemble_pdf([jpeg, png]))) as pdf:
        images = [next(iter(page.get_images().values())) for page in pdf.pages]
        assert images[0].read_raw_bytes() == jpeg.data  # the JPEG as the scanner made it
        with Image.open(io.BytesIO(png.data)) as original:
            assert pikepdf.PdfImage(images[1]).as_pil_image().tobytes() == original.tobytes()


def test_the_officer_turns_moves_deletes_and_rescans_pages():
    pages = PageList([ScannedPage(1, png_a4().data, "image/png"), jpeg_a5(), pdf_letter()])
    pages.rotate(0, 90)
    pages.move(2, 0)
    assert pdfinfo(pages.to_pdf()) == [(LETTER, 0), (A4, 90), (A5, 0)]
    pages.delete(1)
    pages.rotate(0, -90)
    assert pdfinfo(pages.to_pdf()) == [(LETTER, 270), (A5, 0)]
    pages.replace(1, png_a4())
    pages.rotate(0, 90)
    assert pdfinfo(pages.to_pdf()) == [(LETTER, 0), (A4, 0)]
    assert len(pages) == 2


def test_a_pdf_page_turned_keeps_its_own_rotation_and_adds_to_it():
    src = pikepdf.open(io.BytesIO(samples.pdf("A4")))
    src.pages[0].rotate(90, relative=False)
    buf = io.BytesIO()
    src.save(buf)
    pages = PageList([Page(buf.getvalue(), "application/pdf")])
    pages.rotate(0, 180)
    assert pdfinfo(pages.to_pdf()) == [(A4, 270)]


@pytest.mark.parametrize("dpi", [None, 72])
def test_a_photo_without_a_scanner_resolution_is_fitted_into_a4(dpi):
    photo = Image.new("RGB", (4000, 3000), "white")
    buf = io.BytesIO()
    photo.save(buf, "JPEG", **({"dpi": (dpi, dpi)} if dpi else {}))
    assert pdfinfo(assemble_pdf([Page(buf.getvalue(), "image/jpeg")])) == [("A4 ngang", 0)]


def test_the_same_pages_give_the_same_bytes():
    assert assemble_pdf([png_a4(), jpeg_a5()]) == assemble_pdf([png_a4(), jpeg_a5()])


def test_a_bad_page_is_named_and_nothing_is_returned():
    with pytest.raises(ScanError) as e:
        assemble_pdf([png_a4(), Page(b"\x89PNG\r\n\x1a\n broken", "image/png")])
    assert (e.value.kind, e.value.message.startswith("Trang 2")) == ("bad_image", True)
    with pytest.raises(ScanError) as e:
        assemble_pdf([Page(samples.pdf("A4", "A4"), "application/pdf")])
    assert "PDF 2 trang" in e.value.message
    with pytest.raises(UserError):
        assemble_pdf([])


def test_the_page_count_is_checked_against_the_originals():
    assert page_count_warning(5, 5) is None
    assert page_count_warning(5, 0) is None  # the count of originals not entered
    assert page_count_warning(4, 6) == "Đã quét 4 trang nhưng bản giấy có 6 trang: kiểm tra lại trước khi lưu."
