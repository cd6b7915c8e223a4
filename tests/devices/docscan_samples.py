"""Small real files for the document-scanner tests: images made with Pillow at a given resolution,
PDFs made with ReportLab (text with an embedded font, as a citizen's PDF would have)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4, A5, letter
from reportlab.pdfgen import canvas

SIZES_PT = {"A4": A4, "A5": A5, "Letter": letter}


def image(fmt: str, *, mm=(210, 297), dpi: int | None = 200, mode: str = "L", text: str = "Trang") -> bytes:
    px = (round(mm[0] / 25.4 * (dpi or 200)), round(mm[1] / 25.4 * (dpi or 200)))
    im = Image.new(mode, px, "white" if mode != "1" else 1)
    ImageDraw.Draw(im).text((px[0] // 10, px[1] // 10), text, fill=0 if mode in ("L", "1") else (0, 0, 0))
    out = io.BytesIO()
    kw = {"dpi": (dpi, dpi)} if dpi else {}
    im.save(out, fmt, **kw)
    return out.getvalue()


def tiff_pages(count: int, *, dpi: int = 200) -> bytes:
    """A multi-page TIFF: black-and-white, grayscale and colour frames in turn (A5)."""
    modes = ["1", "L", "RGB"]
    frames = [Image.new(modes[i % 3], (1165, 1654), "white" if modes[i % 3] != "1" else 1)
              for i in range(count)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(dpi, dpi),
                   compression="tiff_lzw")
    return out.getvalue()


def pdf(*sizes: str) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pageCompression=1)
    for n, size in enumerate(sizes, 1):
        c.setPageSize(SIZES_PT[size])
        c.setFont("Helvetica", 14)
        c.drawString(72, 72, f"Trang {n} ({size})")
        c.showPage()
    c.save()
    return out.getvalue()
