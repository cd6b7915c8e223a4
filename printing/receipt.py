"""Form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 03/2025 Annex I, DOMAIN.md §4):
one copy (liên) per page run, A4 or A5, with the dossier code as Code128 and, when the office has
set its portal's look-up address, a QR code of it. Plain data in, PDF bytes out: no database here,
so the same data always gives the same bytes.

Each paper has its own layout (font sizes, column widths, code sizes), not the A4 one scaled. A
copy is set at the paper's largest size that keeps it on one sheet, down to a legible floor (10 pt
on A4, 8.5 pt on A5); what still does not fit runs onto continuation pages (printing/receipt_pages.py)."""

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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from app.formatting import money
from app.signing.base import SignatureBox
from printing.barcodes import Code128Bars, QrCode
from printing.esign import E_COPY_NOTE, E_RECEIPT_LINE, SignatureSpot, only_box
from printing.fonts import serif_fonts
from printing.layout import MASKED_TITLE, bold, header, para, table, time_words
from printing.receipt_pages import (
    CopyStart,
    ReceiptDoc,
    TableWithTail,
    band_height,
    draw_band,
    next_copy,
)

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_NOTES = {1: "Liên 1: lưu cùng Phiếu kiểm soát quá trình giải quyết hồ sơ",
              2: "Liên 2: giao người nộp hồ sơ", 3: "Liên 3: lưu tại Bộ phận Một cửa"}
DOTS = "…………………………"
E_SIGNATURE = "(Chữ ký số của người tiếp nhận hồ sơ nếu là biểu mẫu điện tử)"


@dataclass(frozen=True)
class ReceiptDocument:
    name: str
    originals: int
    copies: int


@dataclass(frozen=True)
class Principal:
    """The person or organisation a dossier is filed for, when someone else files it."""

    name: str
    address: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    paper: str = ""  # the authorisation paper: "Giấy ủy quyền số 12/GUQ ngày 20/11/2026"


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
    result_place: str  # where the citizen registered to get the result
    officer_name: str
    lookup_url: str  # "" : no look-up QR (the office has not set its portal's address)
    ledger_book: str = ""  # "" : the form's dotted placeholder
    ledger_number: str = ""  # "0007"; "" : the dotted placeholder
    fees: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    transfer_qr: str | None = None  # VietQR for the fees, when the office has a bank account
    bank_line: str = ""  # "Vietcombank 0011… – Bộ phận Một cửa"
    title: str = TITLE  # from the office's template set
    form_number: str = ""  # "Mẫu số 01"
    provisional: bool = False  # issued offline with no leased number: the code will be replaced
    applicant_id_number: str = ""  # số định danh cá nhân / tổ chức (CCCD or tax code)
    # A copy for a role that may not see the applicant's personal data whole: the data comes
    # masked, and this line replaces the copy's "Liên" note, so the paper says what it is.
    masked_note: str = ""
    principal: Principal | None = None
    # The portal's evaluation page for this dossier (setting rating.evaluation_url): "" no QR.
    evaluation_url: str = ""


@dataclass(frozen=True)
class Paper:
    size: tuple[float, float]
    # Margins: Decree 30/2020 Annex I for A4 (left 30–35, top and bottom 20–25, right 15–20 mm),
    # the low end of each range to leave the form room. A5 is A4 scaled by 1/√2 and so are its
    # margins: left 21, top and bottom 14, right 10.5 mm.
    left: float
    right: float
    top: float
    bottom: float
    steps: tuple[tuple[float, float, float], ...]  # (body, national header, title) in pt, largest first
    bar_height: float
    qr: float
    sign_space: float  # room to sign, above the signer's name
    header_left: float  # the agency's share of the header's width


PAPERS = {
    "A4": Paper(A4, 30 * mm, 15 * mm, 20 * mm, 20 * mm, ((12, 12, 14), (11, 11.5, 13), (10, 11, 12)),
                bar_height=10 * mm, qr=18 * mm, sign_space=14 * mm, header_left=0.4),
    "A5": Paper(A5, 21 * mm, 10.5 * mm, 14 * mm, 14 * mm, ((10, 10, 12), (9.25, 9.5, 11), (8.5, 8.5, 10.5)),
                bar_height=7 * mm, qr=12.5 * mm, sign_space=9.5 * mm, header_left=0.42),
}


def receipt_styles(body: float, head: float, title: float) -> dict[str, ParagraphStyle]:
    f = serif_fonts()
    small = body - 1.5
    base = ParagraphStyle("body", fontName=f.regular, fontSize=body, leading=body * 1.18, alignment=TA_LEFT,
                          spaceAfter=body * 0.12)
    return {
        "body": base,
        "center": ParagraphStyle("center", base, alignment=TA_CENTER, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontSize=head, leading=head * 1.15, alignment=TA_CENTER, spaceAfter=0),
        "title": ParagraphStyle("title", base, fontName=f.bold, fontSize=title, leading=title * 1.2,
                                alignment=TA_CENTER, spaceBefore=body * 0.3, spaceAfter=body * 0.25),
        "cell": ParagraphStyle("cell", base, leading=body * 1.15, spaceAfter=0),
        "cellc": ParagraphStyle("cellc", base, leading=body * 1.15, alignment=TA_CENTER, spaceAfter=0),
        "small": ParagraphStyle("small", base, fontName=f.italic, fontSize=small, leading=small * 1.18,
                                alignment=TA_CENTER, spaceAfter=0),
        "copy": ParagraphStyle("copy", base, fontName=f.italic, fontSize=small, leading=small * 1.2, spaceAfter=0),
        "band": ParagraphStyle("band", base, fontName=f.italic, fontSize=small, leading=small * 1.2,
                               alignment=TA_CENTER, spaceAfter=0),
    }


def _documents(d: ReceiptData, st, width: float, tail: list, fresh_height) -> TableWithTail:
    f, size = serif_fonts(), st["cell"].fontSize
    pad = 3
    # The count columns as narrow as their two-line headings, the name column takes the rest.
    count = stringWidth("chính", f.bold, size) + 2 * pad + 2
    number = stringWidth("TT", f.bold, size) + 2 * pad + 2
    heading = [para(bold("TT"), st["cellc"]), para(bold("Tên giấy tờ"), st["cellc"]),
               para("<b>Bản<br/>chính</b>", st["cellc"]), para("<b>Bản<br/>sao</b>", st["cellc"])]
    rows = [[para(str(i), st["cellc"]), para(escape(doc.name), st["cell"]), para(str(doc.originals), st["cellc"]),
             para(str(doc.copies), st["cellc"])] for i, doc in enumerate(d.documents, 1)]
    if not rows:
        rows = [["", para("(không có giấy tờ kèm theo)", st["cell"]), "", ""]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0.08 * size), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.2 * size)]
    return TableWithTail(heading, rows, [number, width - number - 2 * count, count, count], commands, tail,
                         fresh_height)


def _codes(d: ReceiptData, st, width: float, paper: Paper) -> list:
    """The barcode with the code under it and, when the office has set the look-up address, the
    QR beside it with its caption at its side (a caption under it would cost a line)."""
    bars = [Code128Bars(d.code, height=paper.bar_height), Spacer(1, 1.5),
            para(f"Mã hồ sơ: {bold(d.code)}", st["center"])]
    if not d.lookup_url:
        return [table([[bars]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER"), *_NO_PADDING])]
    caption = stringWidth("tra cứu hồ", serif_fonts().italic, st["small"].fontSize) + 4
    qr = QrCode(d.lookup_url, paper.qr)
    return [table([[bars, qr, para("Quét mã để tra cứu hồ sơ", st["small"])]],
                  [width - paper.qr - caption - 4, paper.qr + 4, caption],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (1, 0), "CENTER"), *_NO_PADDING])]


_NO_PADDING = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
EVALUATION_CAPTION = "Quét để đánh giá mức độ hài lòng"


def _evaluation_qr(url: str, st, qr_size: float, room: float) -> tuple[list, float]:
    """The evaluation QR with its caption under it, and the column it takes between the two
    signatures: as wide as the caption on two lines, but never so wide that a signer's heading
    would wrap (`room`: what the middle may take)."""
    caption = stringWidth("Quét để đánh giá", serif_fonts().italic, st["small"].fontSize) + 4  # + its padding
    column = max(qr_size + 2 * mm, min(caption, room))
    qr = QrCode(url, qr_size)
    qr.hAlign = "CENTER"
    return [qr, Spacer(1, 1), para(EVALUATION_CAPTION, st["small"])], column


# The e-receipt's room for the visible signature: the stamp's name and time on two lines or three.
E_BOX = {"A4": (62 * mm, 18 * mm), "A5": (46 * mm, 13.5 * mm)}


def _e_signatures(d: ReceiptData, st, width: float, paper: Paper, spot: list) -> object:
    """The e-receipt's signature block: only the receiving officer, whose digital signature
    stands for the handwritten one (Form 01's note), the box for its visible stamp where the
    signature would be; the evaluation QR, if any, in the applicant's place."""
    box_w, box_h = E_BOX["A4" if paper.size == A4 else "A5"]
    officer = [para(bold("NGƯỜI TIẾP NHẬN HỒ SƠ"), st["center"]), para(escape(E_RECEIPT_LINE), st["small"]),
               Spacer(1, 2), SignatureSpot(min(box_w, width / 2 - 4 * mm), box_h, spot), Spacer(1, 2),
               para(bold(d.officer_name) if d.officer_name else "", st["center"])]
    left: object = ""
    if d.evaluation_url:
        qr, _ = _evaluation_qr(d.evaluation_url, st, paper.qr, width / 2)
        left = qr
    return table([[left, officer]], [width / 2, width / 2],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                  ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


def _signatures(d: ReceiptData, st, width: float, paper: Paper):
    def head(title: str, note: str = ""):
        return [para(bold(title), st["center"]), para("<i>(Ký và ghi rõ họ tên)</i>", st["center"]),
                *([para(escape(note), st["small"])] if note else [])]

    def name(text: str):
        return [Spacer(1, paper.sign_space), para(bold(text) if text else "", st["center"])]

    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 0),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    if not d.evaluation_url:
        return table([[head("NGƯỜI NỘP HỒ SƠ"), head("NGƯỜI TIẾP NHẬN HỒ SƠ", E_SIGNATURE)],
                      [name(d.applicant_name), name(d.officer_name)]], [width / 2, width / 2], style)
    # The evaluation QR stands between the signers, in the room left above their names: the copy
    # grows by nothing, so it never pushes the signatures onto another page.
    widest = stringWidth("NGƯỜI TIẾP NHẬN HỒ SƠ", serif_fonts().bold, st["body"].fontSize) + 5 * mm  # + padding
    qr, middle = _evaluation_qr(d.evaluation_url, st, paper.qr, width - 2 * widest)
    side = (width - middle) / 2
    return table([[head("NGƯỜI NỘP HỒ SƠ"), qr, head("NGƯỜI TIẾP NHẬN HỒ SƠ", E_SIGNATURE)],
                  [name(d.applicant_name), "", name(d.officer_name)]], [side, middle, side],
                 [*style, ("SPAN", (1, 0), (1, 1)), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                  ("TOPPADDING", (1, 0), (1, 0), 2), ("LEFTPADDING", (1, 0), (1, 0), 1),
                  ("RIGHTPADDING", (1, 0), (1, 0), 1)])


def _contact(st, address: str, id_number: str, phone: str, email: str) -> list[Paragraph]:
    body = st["body"]

    def value(v: str) -> str:
        return escape(v) if v else DOTS

    return [para(f"Số định danh cá nhân/tổ chức: {value(id_number)}", body),
            para(f"Địa chỉ: {value(address)}", body),
            para(f"Số điện thoại: {value(phone)}&nbsp;&nbsp;&nbsp;&nbsp; Email: {value(email)}", body)]


def _principal(p: Principal, st) -> list[Paragraph]:
    body = st["body"]
    return [para(f"{bold('Trường hợp nộp thay/ủy quyền')} – người ủy quyền, Ông (Bà)/Tổ chức: {bold(p.name)}", body),
            *_contact(st, p.address, p.id_number, p.phone, p.email),
            para(f"Giấy tờ ủy quyền: {escape(p.paper) if p.paper else DOTS}", body)]


def _ledger_line(d: ReceiptData) -> str:
    if d.ledger_book and d.ledger_number:
        return f"Vào Sổ theo dõi hồ sơ, Quyển số: {escape(d.ledger_book)}, Số thứ tự: {escape(d.ledger_number)}"
    return "Vào Sổ theo dõi hồ sơ, Quyển số ………… Số thứ tự ………… (nếu có)"


def _copy(d: ReceiptData, number: int, st, width: float, paper: Paper, fresh_height,
          spot: list | None = None) -> list:
    """One copy; `spot` (a list): the e-receipt, its signature box's position noted there."""
    body = st["body"]
    gap = body.fontSize * 0.2
    mark = (E_COPY_NOTE if spot is not None else COPY_NOTES.get(number, f"Liên {number}")) + \
        (f" · {d.form_number}" if d.form_number else "")
    # The masked copy's note takes the "Liên" line's place and size: one line, so the signatures
    # stay on the page with the rest.
    label = "Bản che thông tin cá nhân" if d.masked_note else ("Bản điện tử" if spot is not None else f"Liên {number}")
    story = [CopyStart(number, label),
             para(bold(escape(d.masked_note)) if d.masked_note else escape(mark), st["copy"]),
             Spacer(1, gap),
             header(st, width, d.agency_parent, d.agency_name, d.place_name, d.received_at, left=paper.header_left),
             para(escape(d.title), st["title"]),
             *_codes(d, st, width, paper),
             *([para(bold("MÃ TẠM") + " (cấp khi mất kết nối cổng dịch vụ công): cơ quan sẽ báo mã chính thức "
                     "cho ông/bà; giấy này vẫn có giá trị để nhận kết quả.", st["center"])] if d.provisional else []),
             Spacer(1, gap),
             para(f"{escape(d.agency_name)} tiếp nhận hồ sơ của Ông (Bà)/Tổ chức: {bold(d.applicant_name)}", body),
             *_contact(st, d.applicant_address, d.applicant_id_number, d.applicant_phone, d.applicant_email),
             *(_principal(d.principal, st) if d.principal else []),
             para(f"Nội dung yêu cầu giải quyết: {escape(d.procedure_name)}", body),
             para("1. Hồ sơ gồm:", body)]
    tail = [Spacer(1, gap),
            para(f"2. Số lượng hồ sơ: {d.sets:02d} (bộ)", body),
            para(f"3. Thời gian giải quyết hồ sơ theo quy định là: {escape(d.processing_time)}", body),
            para(f"4. Thời gian nhận hồ sơ: {time_words(d.received_at)}", body),
            para(f"5. Thời gian trả kết quả giải quyết hồ sơ: {bold(time_words(d.due_at))}", body),
            para(f"6. Đăng ký nhận kết quả tại: {escape(d.result_place)}", body)]
    if d.fees:
        total = sum(amount for _, amount in d.fees)
        detail = "; ".join(f"{escape(name)}: {money(amount)}" for name, amount in d.fees)
        tail.append(para(f"7. Phí, lệ phí: {bold(money(total))}" + (f" ({detail})" if len(d.fees) > 1 else ""),
                         body))
    if d.transfer_qr:
        side = paper.qr + 4 * mm
        tail.append(table([[QrCode(d.transfer_qr, paper.qr),
                            [para("Nộp phí, lệ phí bằng chuyển khoản: quét mã VietQR bằng ứng dụng ngân hàng "
                                  f"(số tiền và nội dung chuyển khoản là mã hồ sơ đã có sẵn). {escape(d.bank_line)}",
                                  st["cell"])]]], [side, width - side],
                          [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_NO_PADDING]))
    signatures = _signatures(d, st, width, paper) if spot is None else _e_signatures(d, st, width, paper, spot)
    tail += [para(_ledger_line(d), body), Spacer(1, 2 * gap), signatures]
    story.append(_documents(d, st, width, tail, fresh_height))
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


def _build(data: ReceiptData, paper: Paper, step: tuple[float, float, float], copies: int,
           totals: dict[int, int] | None, spot: list | None = None) -> tuple[bytes, dict[int, int]]:
    st = receipt_styles(*step)
    width = paper.size[0] - paper.left - paper.right
    bar = paper.bar_height * 0.9
    gap = 3 * mm
    out = io.BytesIO()
    doc = ReceiptDoc(out, code=data.code, band_height=band_height(st, bar, gap, width),
                     band=draw_band(st, bar, gap), totals=totals, pagesize=paper.size,
                     leftMargin=paper.left, rightMargin=paper.right, topMargin=paper.top,
                     bottomMargin=paper.bottom, invariant=1, initialFontName=serif_fonts().regular,
                     title=f"{data.title} {data.code}" + (MASKED_TITLE if data.masked_note else ""),
                     author=data.agency_name, subject=data.code, creator="Một Cửa")
    story: list = []
    for number in range(1, copies + 1):
        if number > 1:
            story += next_copy()
        story += _copy(data, number, st, doc.width, paper, lambda: doc.continuation_height, spot)
    doc.build(story)
    return out.getvalue(), dict(doc.pages)


def build_receipt(data: ReceiptData, paper: str = "A4", copies: int = 2) -> bytes:
    """Each copy at the largest of the paper's sizes that keeps it on one sheet; if even the
    smallest does not, at the smallest, with continuation pages numbered per copy (a second build,
    now that the pages of each copy are known)."""
    layout = PAPERS["A5" if paper == "A5" else "A4"]
    copies = 1 if data.masked_note else copies  # a masked copy is for looking at, not a "liên" to hand out
    for step in layout.steps:
        pdf, pages = _build(data, layout, step, copies, None)
        if all(n == 1 for n in pages.values()):
            return pdf
    return _build(data, layout, layout.steps[-1], copies, pages)[0]


def build_e_receipt(data: ReceiptData, paper: str = "A4") -> tuple[bytes, SignatureBox]:
    """Form 01 as an e-form for an online dossier: one copy, no applicant's signature line, the
    receiving officer's digital signature in place of the handwritten one. Returns the PDF and
    where its visible signature goes, as drawn. Sized like `build_receipt`."""
    layout = PAPERS["A5" if paper == "A5" else "A4"]
    for step in layout.steps:
        spot: list[SignatureBox] = []
        pdf, pages = _build(data, layout, step, 1, None, spot)
        if all(n == 1 for n in pages.values()):
            return pdf, only_box(spot)
    spot = []
    pdf, _ = _build(data, layout, layout.steps[-1], 1, pages, spot)
    return pdf, only_box(spot)
