"""The visible signature's appearance: a small PDF page drawn by ReportLab in the forms' serif
(printing/fonts.py), which has the Vietnamese letters, used as the signature field's appearance
through pyHanko's StaticStampStyle."""

from __future__ import annotations

import io

from pyhanko.pdf_utils import content
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle

MAX_SIZE = 9.0
MIN_SIZE = 5.0
PAD = 3.0


class _PdfBytesPage(content.PdfContent):
    """pyHanko's ImportedPdfPage, from bytes instead of a file."""

    def __init__(self, pdf: bytes):
        super().__init__()
        self.pdf = pdf

    def render(self) -> bytes:
        xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.pdf)), page_ix=0)
        self.resources.xobject["/ChuKyNen"] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return b"/ChuKyNen Do"


def stamp_pdf(width: float, height: float, lines: list[str]) -> bytes:
    """One page of the box's size: a thin blue frame and the lines, as large as fits (≤ 9 pt)."""
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from printing.fonts import serif_fonts

    font = serif_fonts().regular
    widest = max(stringWidth(line, font, 1.0) for line in lines)
    size = min(MAX_SIZE, (width - 2 * PAD) / widest if widest else MAX_SIZE,
               (height - 2 * PAD) / (1.25 * len(lines)))
    size = max(size, MIN_SIZE)  # a box too small still shows the name, clipped by the frame
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), pageCompression=1)
    blue = Color(0.05, 0.2, 0.6)
    c.setStrokeColor(blue)
    c.setLineWidth(0.8)
    c.rect(0.4, 0.4, width - 0.8, height - 0.8)
    c.setFillColor(blue)
    c.setFont(font, size)
    lead = size * 1.25
    y = height / 2 + lead * (len(lines) - 1) / 2 - size * 0.35
    for line in lines:
        c.drawString(PAD, y, line)
        y -= lead
    c.showPage()
    c.save()
    return buf.getvalue()


def stamp_style(rect: tuple[float, float, float, float], lines: list[str]) -> StaticStampStyle:
    width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
    return StaticStampStyle(background=_PdfBytesPage(stamp_pdf(width, height, lines)),
                            background_opacity=1.0, border_width=0)
