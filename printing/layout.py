"""What every one-stop form shares: the serif styles, the two-column national header, tables
that never fall back to Helvetica, and the wording of times ("09 giờ 15 phút, ngày 23/11/2026")."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from printing.fonts import serif_fonts

# Added to the PDF title of a copy whose applicant's personal data is masked.
MASKED_TITLE = " (bản che thông tin cá nhân)"


def time_words(moment: datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def styles(scale: float) -> dict[str, ParagraphStyle]:
    f = serif_fonts()
    size, lead = 13 * scale, 15.3 * scale
    base = ParagraphStyle("body", fontName=f.regular, fontSize=size, leading=lead, alignment=TA_LEFT,
                          spaceAfter=1.5 * scale)
    return {
        "body": base,
        "center": ParagraphStyle("center", base, alignment=TA_CENTER, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontSize=12 * scale, leading=14.5 * scale, alignment=TA_CENTER,
                               spaceAfter=0),
        "title": ParagraphStyle("title", base, fontName=f.bold, fontSize=14 * scale, leading=18 * scale,
                                alignment=TA_CENTER, spaceBefore=8 * scale, spaceAfter=2 * scale),
        "cell": ParagraphStyle("cell", base, fontSize=12 * scale, leading=14.5 * scale, spaceAfter=0),
        "cellc": ParagraphStyle("cellc", base, fontSize=12 * scale, leading=14.5 * scale, alignment=TA_CENTER,
                                spaceAfter=0),
        "small": ParagraphStyle("small", base, fontName=f.italic, fontSize=10 * scale, leading=12 * scale,
                                alignment=TA_CENTER, spaceAfter=0),
        "copy": ParagraphStyle("copy", base, fontName=f.italic, fontSize=10.5 * scale, leading=13 * scale,
                               alignment=TA_LEFT, spaceAfter=0),
    }


def table(rows, widths, commands, **kw) -> Table:
    # Tables set each cell's font even for flowable cells: keep it ours, never Helvetica.
    t = Table(rows, colWidths=widths, **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), serif_fonts().regular), *commands]))
    return t


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def header(st, width: float, parent: str, unit: str, place: str | None, day: datetime,
           note: str | None = None, *, left: float = 0.4) -> Table:
    """Agency on the left (its parent, if any, above it; a `note` such as its unit code under it),
    the national motto and "<place>, ngày … tháng … năm …" on the right; `left`: the agency's
    share of the width (a narrow page gives it a little more, the motto still on one line)."""
    agency = [*([para(escape(parent.upper()), st["head"])] if parent else []), para(bold(unit.upper()), st["head"]),
              *([para(escape(note), st["head"])] if note else []), para("―――――――", st["head"])]
    place_date = f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}" if place else \
        f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    right = [para(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), st["head"]),
             para("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", st["head"]), Spacer(1, 4),
             para(f"<i>{escape(place_date)}</i>", st["head"])]
    return table([[agency, right]], [width * left, width * (1 - left)],
                  [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
