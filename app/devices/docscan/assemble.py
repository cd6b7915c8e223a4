"""A document line's pages → one PDF, losslessly: img2pdf embeds a JPEG as it is and a PNG's pixels
unchanged, at the page size the image's resolution gives; PDF pages (from a chosen file) are
copied as they are with pikepdf. Turning a page sets the PDF page's /Rotate: no pixel is
re-encoded, so a JPEG loses nothing however often it is turned.

The desk edits pages in a PageList (turn, move, delete, rescan one) before assembling. The same
pages in the same order give the same bytes (no dates, a deterministic ID), so a file stored by
its SHA-256 is stored once however often it is assembled."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import img2pdf
import pikepdf
from PIL import Image

from app.devices.docscan.base import IMAGE_TYPES, ScanError, ScannedPage
from app.errors import UserError

A4_PT = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
# An image whose resolution says it is smaller than this, or larger than A3, is a photo or a
# screenshot (72/96 dpi): it is fitted into A4 instead of becoming a poster-sized page.
MIN_DPI = 100
MAX_SIDE_MM = 430.0
_IMG2PDF_ERRORS = (img2pdf.ImageOpenError, img2pdf.PdfTooLargeError, img2pdf.AlphaChannelError,
                   img2pdf.ExifOrientationError, img2pdf.JpegColorspaceError,
                   img2pdf.NegativeDimensionError, img2pdf.UnsupportedColorspaceError)


@dataclass(frozen=True)
class Page:
    data: bytes
    media_type: str  # one of IMAGE_TYPES
    rotation: int = 0  # clockwise, in degrees: 0, 90, 180, 270

    @classmethod
    def of(cls, scanned: ScannedPage) -> Page:
        return cls(data=scanned.data, media_type=scanned.media_type)


class PageList:
    """The pages of one document line as the officer arranges them; positions are 0-based."""

    def __init__(self, pages: Iterable[Page | ScannedPage] = ()):
        self._pages = [_page(p) for p in pages]

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[Page]:
        return iter(self._pages)

    def __getitem__(self, i: int) -> Page:
        return self._pages[i]

    def add(self, page: Page | ScannedPage) -> int:
        self._pages.append(_page(page))
        return len(self._pages) - 1

    def rotate(self, i: int, degrees: int = 90) -> None:
        if degrees % 90:
            raise ValueError("pages turn by quarter turns")
        page = self._pages[i]
        self._pages[i] = replace(page, rotation=(page.rotation + degrees) % 360)

    def move(self, i: int, j: int) -> None:
        self._pages.insert(j, self._pages.pop(i))

    def delete(self, i: int) -> Page:
        return self._pages.pop(i)

    def replace(self, i: int, page: Page | ScannedPage) -> None:
        """A page scanned again takes the old one's place (its rotation starts afresh)."""
        self._pages[i] = _page(page)

    def to_pdf(self) -> bytes:
        return assemble_pdf(self._pages)


def _page(p: Page | ScannedPage) -> Page:
    return Page.of(p) if isinstance(p, ScannedPage) else p


def page_count_warning(scanned: int, originals: int) -> str | None:
    """The line the officer sees when the pages do not match the paper received (Circular
    01/2023/TT-VPCP Art. 8: all pages, checked against the originals)."""
    if originals <= 0 or scanned == originals:
        return None
    return f"Đã quét {scanned} trang nhưng bản giấy có {originals} trang: kiểm tra lại trước khi lưu."


def _layout(data: bytes, label: str) -> object:
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
            dpi = im.info.get("dpi")
    except (OSError, SyntaxError, ValueError) as e:
        raise ScanError(f"{label} không phải ảnh đọc được ({e}).", kind="bad_image") from None
    if dpi:
        x, y = float(dpi[0]), float(dpi[1])
        if x >= MIN_DPI and y >= MIN_DPI and max(width / x, height / y) * 25.4 <= MAX_SIDE_MM:
            return img2pdf.default_layout_fun  # the page is the paper that was scanned
    return img2pdf.get_layout_fun(pagesize=A4_PT, fit=img2pdf.FitMode.into, auto_orient=True)


def _image_pdf(page: Page, label: str) -> bytes:
    try:  # a file object: img2pdf would take short bytes for a file name
        return img2pdf.convert(io.BytesIO(page.data), layout_fun=_layout(page.data, label),
                               rotation=img2pdf.Rotation.ifvalid, nodate=True, first_frame_only=True)
    except (*_IMG2PDF_ERRORS, OSError, ValueError) as e:
        raise ScanError(f"{label} không đưa vào PDF được ({e}).", kind="bad_image") from None


def assemble_pdf(pages: Sequence[Page | ScannedPage]) -> bytes:
    """One PDF with these pages in this order. Raises ScanError for a page that cannot be used;
    nothing is returned unless the result has exactly one PDF page per page given."""
    if not pages:
        raise UserError("Chưa có trang nào để ghép thành PDF.")
    out = pikepdf.new()
    sources = []  # kept open until the save: their objects are copied then
    for n, p in enumerate(map(_page, pages), 1):
        label = f"Trang {n}"
        if p.media_type not in IMAGE_TYPES:
            raise ScanError(f"{label}: loại «{p.media_type}» không ghép vào PDF được.", kind="bad_image")
        one = p.data if p.media_type == "application/pdf" else _image_pdf(p, label)
        try:
            src = pikepdf.open(io.BytesIO(one))
        except pikepdf.PdfError as e:
            raise ScanError(f"{label}: PDF hỏng ({e}).", kind="bad_image") from None
        sources.append(src)
        if len(src.pages) != 1:
            raise ScanError(f"{label} là một PDF {len(src.pages)} trang, không phải một trang.",
                            kind="bad_image")
        out.pages.append(src.pages[0])
        if p.rotation:
            out.pages[-1].rotate(p.rotation, relative=True)
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for src in sources:
        src.close()
    data = buf.getvalue()
    if pdf_page_count(data) != len(pages):  # the count the officer checked is the count stored
        raise UserError(f"PDF ghép ra có {pdf_page_count(data)} trang, khác {len(pages)} trang đã quét: chưa lưu.")
    return data


def pdf_page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
