"""A scan of a Vietnamese paper, made for real: a page set in the forms' serif with ReportLab,
rasterized by pdftoppm (poppler-utils) to a grayscale PNG as a scanner delivers it, and assembled
into a PDF by the counter's own code (app/devices/docscan/assemble.py). No text layer: what OCR
finds in it, it read from the pixels. Used by the OCR tests and `bench/ocr.py`. And small scans
(real PNGs, a real assembled PDF) on a dossier line, for the backup and copy tests."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
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


def png(label: str) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("L", (420, 594), 255)  # a small A-format page at 50 dpi
    ImageDraw.Draw(im).text((30, 40), label, fill=0)
    out = io.BytesIO()
    im.save(out, format="PNG", dpi=(50, 50))
    return out.getvalue()


def scanned_dossier(db, data_dir, label: str) -> tuple[str, dict[str, bytes]]:
    """A dossier whose first line was scanned: a two-page PDF and a photo. Returns its code and
    its files by SHA-256."""
    from app.devices.docscan.assemble import Page, assemble_pdf
    from app.services.dossiers.digitization import FileInput, record_digitization
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, procedure_code, request

    code = register(db, OFFICER, request(procedure_code(db), datetime(2026, 11, 20, 9, 0))).code
    pdf = assemble_pdf([Page(png(f"{label} trang 1"), "image/png"), Page(png(f"{label} trang 2"), "image/png")])
    photo = png(f"{label} anh")
    done = record_digitization(db, OFFICER, code, 0, "scanned", data_dir=data_dir,
                               files=[FileInput(pdf, "to-khai.pdf", 2), FileInput(photo, "anh.png", 1)])
    return code, dict(zip(done.sha256s, (pdf, photo), strict=True))
