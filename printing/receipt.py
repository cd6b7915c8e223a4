"""Form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (DOMAIN.md §4): one copy (liên) per page
run, A4 or A5, with the dossier code as Code128 and the portal's look-up address as a QR code.
Plain data in, PDF bytes out: no database here, so the same data always gives the same bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.formatting import money
from printing.barcodes import Code128Bars, QrCode
from printing.fonts import serif_fonts

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_NOTES = {1: "Liên 1: lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ",
              2: "Liên 2: giao người nộp hồ sơ", 3: "Liên 3: lưu tại Bộ phận Một cửa"}


@dataclass(frozen=True)
class ReceiptDocument:
    name: str
    originals: int
    copies: int


@dataclass(frozen=True)
class ReceiptData:
    code: str
    agency_parent: str  # "UBND TỈNH VĨNH LONG"
    agency_name: str  # the receiving unit
    place_name: str  # "Vĩnh Long"
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    procedure_name: str
    documents: tuple[ReceiptDocument, ...]
    sets: int
    processing_time: str  # "05 ngày làm việc"
    received_at: datetime
    due_at: datetime
    result_place: str
    officer_name: str
    lookup_url: str
    ledger_book: str = ""  # "Quyển số 2026"
    ledger_number: str = ""  # "0007"
    fees: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def time_words(moment: datetime) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def _styles(scale: float) -> dict[str, ParagraphStyle]:
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


def _table(rows, widths, commands, **kw) -> Table:
    # Tables set each cell's font even for flowable cells: keep it ours, never Helvetica.
    t = Table(rows, colWidths=widths, **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), serif_fonts().regular), *commands]))
    return t


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def _b(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def _header(d: ReceiptData, st, width: float) -> Table:
    left = [_p(escape(d.agency_parent.upper()), st["head"]), _p(_b(d.agency_name.upper()), st["head"]),
            _p("―――――――", st["head"])]
    place_date = f"{d.place_name}, ngày {d.received_at:%d} tháng {d.received_at:%m} năm {d.received_at:%Y}"
    right = [_p(_b("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), st["head"]),
             _p("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", st["head"]), Spacer(1, 4),
             _p(f"<i>{escape(place_date)}</i>", st["head"])]
    return _table([[left, right]], [width * 0.4, width * 0.6],
                  [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _documents(d: ReceiptData, st, width: float) -> Table:
    rows = [[_p(_b("TT"), st["cellc"]), _p(_b("Tên giấy tờ"), st["cellc"]), _p(_b("Bản chính"), st["cellc"]),
             _p(_b("Bản sao"), st["cellc"])]]
    for i, doc in enumerate(d.documents, 1):
        rows.append([_p(str(i), st["cellc"]), _p(escape(doc.name), st["cell"]),
                     _p(str(doc.originals), st["cellc"]), _p(str(doc.copies), st["cellc"])])
    if not d.documents:
        rows.append(["", _p("(không có giấy tờ kèm theo)", st["cell"]), "", ""])
    return _table(rows, [width * 0.07, width * 0.59, width * 0.17, width * 0.17],
                  [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)], repeatRows=1)


def _codes(d: ReceiptData, st, width: float, scale: float) -> Table:
    bars = [Code128Bars(d.code, height=11 * mm * max(scale, 0.85)), _p(escape(d.code), st["center"])]
    qr = [QrCode(d.lookup_url, 22 * mm * max(scale, 0.85)), _p("Quét mã để tra cứu hồ sơ", st["small"])]
    return _table([[bars, qr]], [width * 0.72, width * 0.28],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _signatures(d: ReceiptData, st, width: float, scale: float) -> Table:
    def block(title: str, name: str):
        return [_p(_b(title), st["center"]), _p("<i>(Ký và ghi rõ họ tên)</i>", st["center"]),
                Spacer(1, 13 * mm * scale), _p(_b(name) if name else "", st["center"])]

    return _table([[block("NGƯỜI NỘP HỒ SƠ", d.applicant_name), block("NGƯỜI TIẾP NHẬN HỒ SƠ", d.officer_name)]],
                  [width / 2, width / 2], [("VALIGN", (0, 0), (-1, -1), "TOP")])


def _copy(d: ReceiptData, number: int, st, width: float, scale: float) -> list:
    body = st["body"]

    def line(label: str, value: str) -> Paragraph:
        return _p(f"{escape(label)} {escape(value or '…………………………')}", body)

    story = [_p(escape(COPY_NOTES.get(number, f"Liên {number}")), st["copy"]), Spacer(1, 3 * scale),
             _header(d, st, width), _p(TITLE, st["title"]),
             _p(f"Mã hồ sơ: {_b(d.code)}", st["center"]), Spacer(1, 6 * scale),
             _p(f"{escape(d.agency_name)} tiếp nhận hồ sơ của: {_b(d.applicant_name)}", body),
             line("Địa chỉ:", d.applicant_address), line("Số điện thoại:", d.applicant_phone),
             line("Email:", d.applicant_email),
             _p(f"Nội dung yêu cầu giải quyết: {escape(d.procedure_name)}", body),
             _p("1. Hồ sơ gồm:", body), _documents(d, st, width), Spacer(1, 4 * scale),
             _p(f"2. Số lượng hồ sơ: {d.sets:02d} (bộ)", body),
             _p(f"3. Thời gian giải quyết hồ sơ theo quy định là: {escape(d.processing_time)}", body),
             _p(f"4. Thời gian nhận hồ sơ: {time_words(d.received_at)}", body),
             _p(f"5. Thời gian trả kết quả giải quyết hồ sơ: {_b(time_words(d.due_at))}", body),
             _p(f"6. Nhận kết quả tại: {escape(d.result_place)}", body)]
    if d.fees:
        total = sum(amount for _, amount in d.fees)
        detail = "; ".join(f"{escape(name)}: {money(amount)}" for name, amount in d.fees)
        story.append(_p(f"7. Phí, lệ phí: {_b(money(total))}" + (f" ({detail})" if len(d.fees) > 1 else ""),
                        body))
    story.append(_p(f"Vào Sổ theo dõi hồ sơ, {escape(d.ledger_book)}, Số thứ tự {escape(d.ledger_number)}",
                    body))
    # The signatures and codes stay together, on a new page if they do not fit.
    story.append(CondPageBreak(62 * mm * scale))
    story.append(KeepTogether([Spacer(1, 4 * scale), _signatures(d, st, width, scale), Spacer(1, 4 * scale),
                               _codes(d, st, width, scale)]))
    return story


def warm_up() -> None:
    """Load the fonts and run the layout once: the first receipt of the day then builds as fast
    as the others (the app calls this in a background thread after log-in)."""
    from datetime import datetime as dt

    moment = dt(2026, 1, 5, 8, 0)
    build_receipt(ReceiptData(
        code="000.00.00.H00-260105-0001", agency_parent="Ủy ban", agency_name="Bộ phận Một cửa", place_name="",
        applicant_name="Đặng", applicant_address="", applicant_phone="", applicant_email="", procedure_name="",
        documents=(ReceiptDocument("Tờ khai", 1, 0),), sets=1, processing_time="", received_at=moment,
        due_at=moment, result_place="", officer_name="", lookup_url="https://example.vn"), copies=1)


def build_receipt(data: ReceiptData, paper: str = "A4", copies: int = 2) -> bytes:
    size, margin, scale = (A5, 11 * mm, 0.7) if paper == "A5" else (A4, 20 * mm, 1.0)
    fonts = serif_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin * 1.25, rightMargin=margin,
                            topMargin=margin * 0.8, bottomMargin=margin * 0.8, invariant=1,
                            initialFontName=fonts.regular, title=f"{TITLE} {data.code}",
                            author=data.agency_name, subject=data.code, creator="Một Cửa")
    st = _styles(scale)
    story: list = []
    for number in range(1, copies + 1):
        if number > 1:
            story.append(PageBreak())
        story += _copy(data, number, st, doc.width, scale)
    doc.build(story)
    return out.getvalue()
