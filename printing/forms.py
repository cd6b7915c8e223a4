"""The one-stop forms after the receipt (DOMAIN.md §4): supplement request, refusal, apology and
extension, stop notice, control sheet, tracking ledger. Numbers, titles and fixed wording come from
a template set (resources/forms/*.json); each letter carries the dossier code as Code128.

Page: Decree 30/2020 Annex I for documents on A4 portrait: left 30 mm (binding side), right 15 mm,
top and bottom 20 mm. The ledger (Form 07) is a register on A4 landscape, not a document that
Decree 30 governs: it keeps 20 mm on its bound side and 15 mm elsewhere, so its eleven columns
hold a date on one line and at least 15 entries fit a page."""

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
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from app.signing.base import SignatureBox
from printing.barcodes import Code128Bars, QrCode
from printing.esign import E_COPY_NOTE, E_FORM_LINE, SignatureSpot, only_box
from printing.fonts import serif_fonts
from printing.layout import MASKED_TITLE, bold, para, styles, table

# The page frame pads its content by 6 pt on every side: the margins below are where text starts.
FRAME_PAD = 6


def _margins(left: float, right: float, top: float, bottom: float) -> dict[str, float]:
    return {"leftMargin": left * mm - FRAME_PAD, "rightMargin": right * mm - FRAME_PAD,
            "topMargin": top * mm - FRAME_PAD, "bottomMargin": bottom * mm - FRAME_PAD}


PORTRAIT_MARGINS = _margins(30, 15, 20, 20)
LANDSCAPE_MARGINS = _margins(20, 15, 15, 15)
DOTS = "……"


@dataclass(frozen=True)
class Letterhead:
    parent: str
    unit: str
    place: str
    day: datetime


@dataclass(frozen=True)
class Signature:
    title: str  # "NGƯỜI HƯỚNG DẪN", "GIÁM ĐỐC" …
    name: str = ""
    above: str = ""  # "KT. GIÁM ĐỐC", "TL. …": signing on someone's behalf


@dataclass(frozen=True)
class FormData:
    """A letter-like form: fixed wording from the template, the facts of one dossier."""

    number: str  # "Mẫu số 02"; may be empty
    title: str
    letterhead: Letterhead
    code: str | None
    fields: tuple[tuple[str, str], ...] = ()  # label, value
    paragraphs: tuple[str, ...] = ()  # plain text: the first before `points`, the rest after
    points: tuple[str, ...] = ()  # a numbered list (documents to add, reasons …)
    grid: tuple[tuple[str, ...], ...] = ()  # first row: the headings; "\n" breaks a line in a cell
    grid_widths: tuple[float, ...] = ()  # fractions of the text width
    grid_right: tuple[int, ...] = ()  # columns aligned right (amounts)
    grid_strong: tuple[int, ...] = ()  # rows in bold (totals), counted from the first under the headings
    grid_sign: tuple[int, ...] = ()  # rows (as grid_strong) whose `grid_sign_col` cell ends with room for
    grid_sign_col: int = 1  # the giver's and the taker's signatures ("Người giao / Người nhận")
    grid_max_lines: int = 0  # a cell longer than this many lines is cut with "…" (0: never)
    signatures: tuple[Signature | tuple[str, str], ...] = ()  # Signature, or (title, name)
    trailer: tuple[str, ...] = ()  # plain text after the grid
    qr: str | None = None  # a VietQR payload (the fee notice), drawn with `qr_text` beside it
    qr_text: str = ""
    wide: bool = False  # A4 landscape (the ledger)
    note: str = ""
    extra: dict = field(default_factory=dict)
    masked_note: str = ""  # a copy with the applicant's personal data masked says so at its top
    number_line: str = ""  # "Số: 12/PBS", under the issuer's name
    code_label: str = "Mã hồ sơ"
    addressee: str = ""  # "Kính gửi: …"
    lead: tuple[str, ...] = ()  # plain text before `fields`
    subtitle: str = ""  # a line under the title (the ledger's book and period)
    page_numbers: bool = False  # "Trang n" at the foot of every page


def build_form(data: FormData) -> bytes:
    return build_forms([data])


def build_e_form(data: FormData) -> tuple[bytes, SignatureBox]:
    """Forms 02–05 as e-forms for an online dossier: the applicant signs nothing, the issuer's
    digital signature stands in the signer's place, whose box is returned as drawn."""
    spot: list[SignatureBox] = []
    pdf = build_forms([data], spot)
    return pdf, only_box(spot)


# The e-form's room for the visible signature, in the signer's column.
E_BOX = (62 * mm, 18 * mm)
APPLICANT = "NGƯỜI NỘP HỒ SƠ"


def build_forms(items: list[FormData], spot: list | None = None) -> bytes:
    """One PDF of several forms of the same page kind (a ledger's books), each from a new page.
    Its title and page kind are those of the first. `spot`: an e-form (see `build_e_form`)."""
    first = items[0]
    fonts = serif_fonts()
    size = landscape(A4) if first.wide else A4
    margins = LANDSCAPE_MARGINS if first.wide else PORTRAIT_MARGINS
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, **margins, invariant=1, initialFontName=fonts.regular,
                            title=f"{first.title} {first.code or ''}".strip() + (MASKED_TITLE if first.masked_note else ""),
                            creator="Một Cửa")
    story: list = []
    for i, data in enumerate(items):
        if i:
            story.append(PageBreak())
        story += _story(data, doc.width - 2 * FRAME_PAD, spot)
    foot = _page_number if first.page_numbers else (lambda canvas, doc: None)
    doc.build(story, onFirstPage=foot, onLaterPages=foot)
    return out.getvalue()


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(serif_fonts().italic, 8)
    canvas.drawRightString(doc.pagesize[0] - doc.rightMargin - FRAME_PAD, doc.bottomMargin / 2, f"Trang {doc.page}")
    canvas.restoreState()


def _story(data: FormData, width: float, spot: list | None = None) -> list:
    st = styles(0.65 if data.wide else 1.0)
    lh = data.letterhead
    story: list = []
    # The form's number and a masked copy's note share its top line (small, like the receipt's
    # "Liên"), so a masked copy takes no more room than the form it stands for.
    top = [f"<i>{escape(data.number)}</i>"] if data.number else []
    if spot is not None:
        top.append(f"<i>{escape(E_COPY_NOTE)}</i>")
    if data.masked_note:
        top.append(bold(data.masked_note))
    if top:
        story.append(para(" · ".join(top), st["copy"]))
    story += [_header(st, width, lh, data.number_line), para(escape(data.title), st["title"])]
    if data.subtitle:
        story.append(para(f"<i>{escape(data.subtitle)}</i>", st["center"]))
    if data.addressee:
        story.append(para(escape(data.addressee), st["center"]))
    if data.code:
        story += [para(f"{escape(data.code_label)}: {bold(data.code)}", st["center"]), Spacer(1, 4),
                  table([[Code128Bars(data.code, height=10 * mm)]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER")])]
    story.append(Spacer(1, 6))
    for text in data.lead:
        story.append(para(escape(text), st["body"]))
    for label, value in data.fields:
        story.append(para(f"{escape(label)}: {escape(value or DOTS)}", st["body"]))
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
        signs = [s if isinstance(s, Signature) else Signature(*s) for s in data.signatures]
        if spot is not None:  # an e-form: the applicant signs nothing; the issuer signs digitally
            signs = [s for s in signs if s.title != APPLICANT] or signs[-1:]
        cols = len(signs)
        cells = [[_signature(s, st, spot if spot is not None and i == cols - 1 else None, width / max(cols, 2))
                  for i, s in enumerate(signs)]]
        # One signature sits on the right, as the signer's block of an official letter does.
        widths = [width / cols] * cols if cols > 1 else [width * 0.45, width * 0.55]
        if cols == 1:
            cells = [["", cells[0][0]]]
        align = [("ALIGN", (0, 0), (-1, -1), "CENTER")] if spot is not None else []
        story.append(KeepTogether([Spacer(1, 8), table(cells, widths, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                                         *align])]))
    return story


def _header(st, width: float, lh: Letterhead, number_line: str):
    """Issuer on the left (its parent above it), with "Số: …/<symbol>" under its rule; the national
    motto and "<place>, ngày … tháng … năm …" (the date of the event the form reports) on the right."""
    left = [*([para(escape(lh.parent.upper()), st["head"])] if lh.parent else []),
            para(bold(lh.unit.upper()), st["head"]), para("―――――――", st["head"])]
    if number_line:
        left.append(para(escape(number_line), st["head"]))
    day = lh.day
    place_date = f"{lh.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}" if lh.place else \
        f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    right = [para(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), st["head"]),
             para("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", st["head"]), Spacer(1, 4),
             para(f"<i>{escape(place_date)}</i>", st["head"])]
    return table([[left, right]], [width * 0.4, width * 0.6],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _signature(s: Signature, st, spot: list | None = None, column: float = 0) -> list:
    """A signer's block; `spot`: the digital signature's box in place of the handwritten one."""
    if spot is not None:
        return [*([para(bold(s.above), st["center"])] if s.above else []), para(bold(s.title), st["center"]),
                para(f"<i>{escape(E_FORM_LINE)}</i>", st["center"]), Spacer(1, 2),
                SignatureSpot(min(E_BOX[0], column - 12), E_BOX[1], spot), Spacer(1, 2),
                para(bold(s.name) if s.name else "", st["center"])]
    return [*([para(bold(s.above), st["center"])] if s.above else []), para(bold(s.title), st["center"]),
            para("<i>(Ký và ghi rõ họ tên)</i>", st["center"]), Spacer(1, 16 * mm),
            para(bold(s.name) if s.name else "", st["center"])]


PAD_LEFT, PAD_RIGHT = 3, 4


def _clip(text: str, style: ParagraphStyle, width: float, lines: int) -> str:
    """`text` cut to `lines` lines of `width` points, ending in "…" when cut. A cell's last line
    after a "\n" (a phone under an address) is kept whole if it fits; what comes before is cut."""
    if "\n" in text:
        head, tail = text.rsplit("\n", 1)
        tail_lines = len(simpleSplit(tail, style.fontName, style.fontSize, width))
        if tail_lines < lines:
            return _clip(head, style, width, lines - tail_lines) + "\n" + tail
    kept = []
    for part in text.split("\n"):
        kept += simpleSplit(part, style.fontName, style.fontSize, width) or [""]
    if len(kept) <= lines:
        return text
    last = kept[lines - 1]
    while last and len(simpleSplit(last + "…", style.fontName, style.fontSize, width)) > 1:
        last = last[:-1]
    return "\n".join([*kept[:lines - 1], last.rstrip() + "…"])


def _cell_text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _grid(data: FormData, st, width: float):
    head, *rows = data.grid
    right = ParagraphStyle("cellr", st["cell"], alignment=TA_RIGHT)
    widths = [width * w for w in data.grid_widths] if data.grid_widths else None
    cells = [[Paragraph(bold(h).replace("\n", "<br/>"), st["cellc"]) for h in head]]
    for r, row in enumerate(rows, 1):
        line = []
        for c, value in enumerate(row):
            style = right if c in data.grid_right else st["cell"]
            if data.grid_max_lines and widths:
                value = _clip(value, style, widths[c] - PAD_LEFT - PAD_RIGHT, data.grid_max_lines)
            cell = Paragraph(bold(value) if r in data.grid_strong else _cell_text(value), style)
            signed = r in data.grid_sign and c == data.grid_sign_col
            line.append([cell, _sign_space(st, widths[c] if widths else 0)] if signed else cell)
        cells.append(line)
    return table(cells, widths, [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), PAD_LEFT),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), PAD_RIGHT)],
                 repeatRows=1)


def _sign_space(st, width: float):
    """Room under a hand-over's time for the giver's and the taker's signatures."""
    small = ParagraphStyle("signc", st["small"], fontName=serif_fonts().italic)
    inner = max(width - PAD_LEFT - PAD_RIGHT, 20 * mm)
    return table([[Paragraph("Người giao", small), Paragraph("Người nhận", small)], ["", ""]],
                 [inner / 2, inner / 2], [("TOPPADDING", (0, 0), (-1, -1), 1), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
                 rowHeights=[None, 12 * mm])
