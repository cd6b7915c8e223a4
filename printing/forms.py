"""The one-stop forms after the receipt (DOMAIN.md §4): supplement request, refusal, apology and
extension, stop notice, control sheet, tracking ledger. Numbers, titles and fixed wording come from
a template set (resources/forms/*.json); each document carries the dossier code as Code128."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from printing.barcodes import Code128Bars, QrCode
from printing.fonts import serif_fonts
from printing.layout import MASKED_TITLE, bold, header, para, styles, table


@dataclass(frozen=True)
class Letterhead:
    parent: str
    unit: str
    place: str
    day: datetime


@dataclass(frozen=True)
class FormData:
    """A letter-like form: fixed wording from the template, the facts of one dossier."""

    number: str  # "Mẫu số 02"; may be empty
    title: str
    letterhead: Letterhead
    code: str | None
    fields: tuple[tuple[str, str], ...] = ()  # label, value
    paragraphs: tuple[str, ...] = ()  # plain text, in order
    points: tuple[str, ...] = ()  # a numbered list (documents to add, reasons …)
    grid: tuple[tuple[str, ...], ...] = ()  # first row: the headings
    grid_widths: tuple[float, ...] = ()  # fractions of the text width
    grid_right: tuple[int, ...] = ()  # columns aligned right (amounts)
    grid_strong: tuple[int, ...] = ()  # rows in bold (totals), counted from the first under the headings
    signatures: tuple[tuple[str, str], ...] = ()  # title, name
    trailer: tuple[str, ...] = ()  # plain text after the grid
    qr: str | None = None  # a VietQR payload (the fee notice), drawn with `qr_text` beside it
    qr_text: str = ""
    wide: bool = False  # A4 landscape (the ledger)
    note: str = ""
    extra: dict = field(default_factory=dict)
    masked_note: str = ""  # a copy with the applicant's personal data masked says so at its top


def build_form(data: FormData) -> bytes:
    fonts = serif_fonts()
    size = landscape(A4) if data.wide else A4
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=25 * mm, rightMargin=18 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, invariant=1, initialFontName=fonts.regular,
                            title=f"{data.title} {data.code or ''}".strip() + (MASKED_TITLE if data.masked_note else ""),
                            creator="Một Cửa")
    st = styles(0.7 if data.wide else 1.0)
    width = doc.width
    lh = data.letterhead
    story: list = []
    # The form's number and a masked copy's note share its top line (small, like the receipt's
    # "Liên"), so a masked copy takes no more room than the form it stands for.
    top = [f"<i>{escape(data.number)}</i>"] if data.number else []
    if data.masked_note:
        top.append(bold(escape(data.masked_note)))
    if top:
        story.append(para(" · ".join(top), st["copy"]))
    story += [header(st, width, lh.parent, lh.unit, lh.place, lh.day), para(escape(data.title), st["title"])]
    if data.code:
        story += [para(f"Mã hồ sơ: {bold(data.code)}", st["center"]), Spacer(1, 4),
                  table([[Code128Bars(data.code, height=10 * mm)]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER")])]
    story.append(Spacer(1, 6))
    for label, value in data.fields:
        story.append(para(f"{escape(label)}: {escape(value or '…………')}", st["body"]))
    for text in data.paragraphs[:1]:
        story.append(para(escape(text), st["body"]))
    for i, point in enumerate(data.points, 1):
        story.append(para(f"{i}. {escape(point)}", st["body"]))
    for text in data.paragraphs[1:]:
        story.append(para(escape(text), st["body"]))
    if data.grid:
        story.append(Spacer(1, 4))
        story.append(_grid(data, st, width))
    if data.trailer:
        story.append(Spacer(1, 4))
    for text in data.trailer:
        story.append(para(escape(text), st["body"]))
    if data.qr:
        story.append(table([[QrCode(data.qr, 30 * mm), [para(escape(data.qr_text), st["cell"])]]],
                           [34 * mm, width - 34 * mm],
                           [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    if data.note:
        story.append(para(f"<i>{escape(data.note)}</i>", st["small"]))
    if data.signatures:
        cols = len(data.signatures)
        cells = [[_signature(t, n, st) for t, n in data.signatures]]
        story.append(KeepTogether([Spacer(1, 8), table(cells, [width / cols] * cols,
                                                         [("VALIGN", (0, 0), (-1, -1), "TOP")])]))
    doc.build(story)
    return out.getvalue()


def _signature(title: str, name: str, st) -> list:
    return [para(bold(title), st["center"]), para("<i>(Ký và ghi rõ họ tên)</i>", st["center"]),
            Spacer(1, 16 * mm), para(bold(name) if name else "", st["center"])]


def _grid(data: FormData, st, width: float):
    head, *rows = data.grid
    right = ParagraphStyle("cellr", st["cell"], alignment=TA_RIGHT)
    cells = [[Paragraph(bold(h), st["cellc"]) for h in head]]
    cells += [[Paragraph(bold(v) if r in data.grid_strong else escape(v), right if c in data.grid_right else st["cell"])
               for c, v in enumerate(row)] for r, row in enumerate(rows, 1)]
    widths = [width * w for w in data.grid_widths] if data.grid_widths else None
    return table(cells, widths, [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 4)],
                 repeatRows=1)
