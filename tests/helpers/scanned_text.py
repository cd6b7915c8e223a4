"""A scan of a Vietnamese paper, made for real: a page set in the forms' serif with ReportLab,
rasterized by pdftoppm (poppler-utils) to a grayscale PNG as a scanner delivers it, and assembled
into a PDF by the counter's own code (app/devices/docscan/assemble.py). No text layer: what OCR
finds in it, it read from the pixels. Used by the OCR tests and `bench/ocr.py`."""

from __future__ import annotations

import subprocess
from pathlib import Path

# Words with the marks OCR must get right (dấu hỏi, ngã, nặng; ơ, ư, đ).
LINES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TỜ KHAI ĐĂNG KÝ KHAI SINH",
         "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hương", "Nơi cư trú: xã Tân Hưng, tỉnh Vĩnh Long",
         "Quan hệ với người được khai sinh: mẹ đẻ")
WORDS = ("Nguyễn", "Hương", "KHAI SINH", "Vĩnh Long")  # each must come out of OCR as it is printed


def text_page_pdf(path: Path, *, lines: int = 6) -> Path:
    """A vector A4 page of `lines` lines of Vietnamese (repeated to fill a page when many)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from printing.fonts import serif_fonts

    fonts = serif_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780
    for i in range(lines):
        c.setFont(fonts.regular, 13)
        c.drawString(60, y, LINES[i % len(LINES)])
        y -= 24
        if y < 60:
            break
    c.save()
    return path


def scanned_png(folder: Path, *, lines: int = 6, dpi: int = 200) -> bytes:
    """The page as a grayscale PNG at `dpi`, as the scanner would send it."""
    pdf = text_page_pdf(folder / "trang.pdf", lines=lines)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(folder / "trang")],
                   check=True, capture_output=True)
    return (folder / "trang.png").read_bytes()


def scanned_pdf(folder: Path, *, lines: int = 6, pages: int = 1) -> bytes:
    """The scan as the desk keeps it: one image-only PDF page per scanned page."""
    from app.devices.docscan.assemble import Page, assemble_pdf

    png = scanned_png(folder, lines=lines)
    return assemble_pdf([Page(png, "image/png")] * pages)


def pdf_text(data: bytes, folder: Path) -> str:
    """What pdftotext reads from the PDF (its text layer)."""
    path = folder / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
