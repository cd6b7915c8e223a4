"""Pages from a file: one chosen by hand at the desk, or one a copier left in a watched folder.

A PDF is split into one-page PDFs (pikepdf, nothing re-rendered) so that each page can be turned,
moved or dropped like a scanned one and the page count is the real one. A JPEG or PNG is a page as
it is, byte for byte; a TIFF with several pages is cut into frames. Everything is read and checked
before the first page is handed over: a bad file delivers nothing.

What the bytes are decides, not the name: a phone's «scan.jpg» that is really a PNG is taken as the
PNG it is; a «.jpg» that is no image at all is refused, naming what it seems to be."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf
from PIL import Image

from app.devices.docscan.base import ScanError, ScannedPage, ScanSettings
from app.oserrors import os_reason

MAX_PAGES = 200  # one paper document; a bigger file is split by the officer, not swallowed
MAX_BYTES = 200 * 1024 * 1024
SUFFIXES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
            ".jpe": "image/jpeg", ".jfif": "image/jpeg", ".png": "image/png",
            ".tif": "image/tiff", ".tiff": "image/tiff"}
# What a refused file seems to be, for the message (magic bytes → Vietnamese name).
_OTHER = ((b"PK\x03\x04", "tệp nén hoặc Word/Excel"), (b"\xd0\xcf\x11\xe0", "tệp Word/Excel cũ"),
          (b"GIF8", "ảnh GIF"), (b"BM", "ảnh BMP"), (b"RIFF", "ảnh WebP"), (b"%!PS", "tệp PostScript"),
          (b"<", "trang web hoặc XML"), (b"{", "tệp văn bản JSON"))


def sniff(data: bytes) -> str | None:
    """The media type the content is, whatever the name says; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if b"%PDF-" in data[:1024]:  # the header may follow some junk (PDF 1.7, §7.5.2 implementation note)
        return "application/pdf"
    return None


def _seems(data: bytes) -> str:
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "ảnh HEIC của điện thoại: hãy lưu lại thành JPEG"
    for magic, what in _OTHER:
        if data.lstrip()[:len(magic)] == magic:
            return what
    return "không rõ loại"


def pages_from_bytes(data: bytes, label: str, *, max_pages: int = MAX_PAGES) -> list[ScannedPage]:
    """The pages of one file's content, checked whole. `label` names the file in messages."""
    kind = sniff(data)
    if not data:
        raise ScanError(f"Tệp «{label}» rỗng (0 byte).", kind="bad_image")
    if kind is None:
        raise ScanError(f"Tệp «{label}» không phải PDF hay ảnh JPEG, PNG, TIFF ({_seems(data)}).",
                        kind="bad_image")
    parts = _pdf_pages(data, label, max_pages) if kind == "application/pdf" else \
        _image_pages(data, label, kind, max_pages)
    return [ScannedPage(index=i, data=d, media_type=t) for i, (d, t) in enumerate(parts, 1)]


def _too_many(label: str, count: int, most: int) -> ScanError:
    return ScanError(f"Tệp «{label}» có {count} trang, quá giới hạn {most} trang cho một giấy tờ: "
                     "hãy tách tệp hoặc quét từng phần.", kind="failed")


def _pdf_pages(data: bytes, label: str, most: int) -> list[tuple[bytes, str]]:
    # No recovery: qpdf would rebuild a truncated file into plausible but missing pages.
    try:
        with pikepdf.open(io.BytesIO(data), attempt_recovery=False) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise ScanError(f"Tệp «{label}» không có trang nào.", kind="bad_image")
            if count > most:
                raise _too_many(label, count, most)
            parts = []
            for page in pdf.pages:
                one = pikepdf.new()
                one.pages.append(page)  # qpdf copies what the page inherits from the page tree
                one.remove_unreferenced_resources()  # not every page's fonts and images in each page
                out = io.BytesIO()
                one.save(out, deterministic_id=True)
                parts.append((out.getvalue(), "application/pdf"))
            return parts
    except pikepdf.PasswordError:
        raise ScanError(f"Tệp «{label}» có mật khẩu: hãy xin bản không đặt mật khẩu.",
                        kind="bad_image") from None
    except pikepdf.PdfError as e:
        raise ScanError(f"Tệp PDF «{label}» bị hỏng hoặc không đầy đủ ({e}).", kind="bad_image") from None


def _image_pages(data: bytes, label: str, kind: str, most: int) -> list[tuple[bytes, str]]:
    try:
        with Image.open(io.BytesIO(data)) as im:
            count = getattr(im, "n_frames", 1) if kind == "image/tiff" else 1  # an APNG is its first frame
            if count > most:
                raise _too_many(label, count, most)
            parts = []
            for i in range(count):
                im.seek(i)
                im.load()  # decodes the whole frame: a truncated file fails here, not in the PDF
                if count > 1:
                    parts.append(_frame(im))
            return parts or [(data, kind)]
    except Image.DecompressionBombError:
        raise ScanError(f"Ảnh «{label}» quá lớn (quá nhiều điểm ảnh).", kind="bad_image") from None
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        raise ScanError(f"Ảnh «{label}» bị hỏng hoặc không đầy đủ ({e}).", kind="bad_image") from None


def _frame(im: Image.Image) -> tuple[bytes, str]:
    """One frame of a multi-page TIFF as its own lossless file: black-and-white stays CCITT G4
    (the PDF embeds it as it is), the rest becomes PNG, or a one-frame TIFF for CMYK."""
    out = io.BytesIO()
    dpi = im.info.get("dpi")
    extra = {"dpi": dpi} if dpi else {}
    if im.mode == "1":
        im.save(out, "TIFF", compression="group4", **extra)
        return out.getvalue(), "image/tiff"
    if im.mode in ("L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        im.save(out, "PNG", **extra)
        return out.getvalue(), "image/png"
    im.save(out, "TIFF", compression="tiff_lzw", **extra)
    return out.getvalue(), "image/tiff"


def pages_from_file(path: Path, *, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES) -> list[ScannedPage]:
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise ScanError(f"Tệp «{path.name}»: chỉ nhận PDF, JPEG, PNG hoặc TIFF.", kind="bad_image")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ScanError(f"Tệp «{path.name}» nặng {size / 2**20:.0f} MB, quá giới hạn "
                            f"{max_bytes / 2**20:.0f} MB.", kind="failed")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScanError(f"Không tìm thấy tệp «{path}».", kind="failed") from None
    except IsADirectoryError:
        raise ScanError(f"«{path}» là thư mục, không phải tệp.", kind="failed") from None
    except OSError as e:  # Windows: another program holds it, or no right to read it
        raise ScanError(f"Không đọc được tệp «{path}» ({os_reason(e)}).", kind="failed") from None
    return pages_from_bytes(data, path.name, max_pages=max_pages)


class FileSource:
    """A document from file(s) chosen by hand, in the order given, as a scanner would deliver it."""

    def __init__(self, paths: Path | Sequence[Path], *, max_pages: int = MAX_PAGES,
                 max_bytes: int = MAX_BYTES, name: str | None = None):
        self.paths = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.name = name or ", ".join(p.name for p in self.paths)

    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        pages: list[ScannedPage] = []
        for path in self.paths:  # all read and checked before the first page goes out
            pages += pages_from_file(path, max_pages=self.max_pages, max_bytes=self.max_bytes)
            if len(pages) > self.max_pages:
                raise _too_many(self.name, len(pages), self.max_pages)
        for n, page in enumerate(pages, 1):
            if cancelled():
                kept = f" Đã giữ {n - 1} trang." if n > 1 else ""
                raise ScanError(f"Đã dừng lấy trang từ tệp.{kept}", kind="cancelled")
            on_page(ScannedPage(index=n, data=page.data, media_type=page.media_type))
        return len(pages)
