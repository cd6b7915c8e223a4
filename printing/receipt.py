"""Form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (DOMAIN.md §4): one copy (liên) per page
run, A4 or A5, with the dossier code as Code128 and the portal's look-up address as a QR code.
Plain data in, PDF bytes out: no database here, so the same data always gives the same bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from app.formatting import money
from printing.barcodes import Code128Bars, QrCode
from printing.fonts import serif_fonts
from printing.layout import MASKED_TITLE, bold, header, para, styles, table, time_words

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
    transfer_qr: str | None = None  # VietQR for the fees, when the office has a bank account
    bank_line: str = ""  # "Vietcombank 0011… – Bộ phận Một cửa"
    title: str = TITLE  # from the office's template set
    form_number: str = ""  # "Mẫu số 01"
    provisional: bool = False  # issued offline with no leased number: the code will be replaced
    applicant_id_number: str = ""  # số định danh cá nhân / tổ chức (CCCD or tax code)
    # A copy for a role that may not see the applicant's personal data whole: the data comes
    # masked, and this line replaces the copy's "Liên" note, so the paper says what it is.
    masked_note: str = ""


def _documents(d: ReceiptData, st, width: float) -> Table:
    rows = [[para(bold("TT"), st["cellc"]), para(bold("Tên giấy tờ"), st["cellc"]), para(bold("Bản chính"), st["cellc"]),
             para(bold("Bản sao"), st["cellc"])]]
    for i, doc in enumerate(d.documents, 1):
        rows.append([para(str(i), st["cellc"]), para(escape(doc.name), st["cell"]),
                     para(str(doc.originals), st["cellc"]), para(str(doc.copies), st["cellc"])])
    if not d.documents:
        rows.append(["", para("(không có giấy tờ kèm theo)", st["cell"]), "", ""])
    return table(rows, [width * 0.07, width * 0.59, width * 0.17, width * 0.17],
                  [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)], repeatRows=1)


def _codes(d: ReceiptData, st, width: float, scale: float) -> Table:
    bars = [Code128Bars(d.code, height=11 * mm * max(scale, 0.85)), para(escape(d.code), st["center"])]
    qr = [QrCode(d.lookup_url, 22 * mm * max(scale, 0.85)), para("Quét mã để tra cứu hồ sơ", st["small"])]
    return table([[bars, qr]], [width * 0.72, width * 0.28],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _signatures(d: ReceiptData, st, width: float, scale: float) -> Table:
    def block(title: str, name: str):
        return [para(bold(title), st["center"]), para("<i>(Ký và ghi rõ họ tên)</i>", st["center"]),
                Spacer(1, 13 * mm * scale), para(bold(name) if name else "", st["center"])]

    return table([[block("NGƯỜI NỘP HỒ SƠ", d.applicant_name), block("NGƯỜI TIẾP NHẬN HỒ SƠ", d.officer_name)]],
                  [width / 2, width / 2], [("VALIGN", (0, 0), (-1, -1), "TOP")])


def _copy(d: ReceiptData, number: int, st, width: float, scale: float) -> list:
    body = st["body"]

    def line(label: str, value: str) -> Paragraph:
        return para(f"{escape(label)} {escape(value or '…………………………')}", body)

    mark = COPY_NOTES.get(number, f"Liên {number}") + (f" · {d.form_number}" if d.form_number else "")
    # The masked copy's note takes the "Liên" line's place and size: one line, so the signatures
    # and codes stay on the page with the rest.
    story = [para(bold(escape(d.masked_note)) if d.masked_note else escape(mark), st["copy"]),
             Spacer(1, 3 * scale),
             header(st, width, d.agency_parent, d.agency_name, d.place_name, d.received_at),
             para(escape(d.title), st["title"]),
             para(f"Mã hồ sơ: {bold(d.code)}", st["center"]),
             *([para(bold("MÃ TẠM") + " (cấp khi mất kết nối cổng dịch vụ công): cơ quan sẽ báo mã chính thức "
                     "cho ông/bà; giấy này vẫn có giá trị để nhận kết quả.", st["center"])] if d.provisional else []),
             Spacer(1, 6 * scale),
             para(f"{escape(d.agency_name)} tiếp nhận hồ sơ của: {bold(d.applicant_name)}", body),
             line("Số định danh cá nhân/tổ chức:", d.applicant_id_number),
             line("Địa chỉ:", d.applicant_address), line("Số điện thoại:", d.applicant_phone),
             line("Email:", d.applicant_email),
             para(f"Nội dung yêu cầu giải quyết: {escape(d.procedure_name)}", body),
             para("1. Hồ sơ gồm:", body), _documents(d, st, width), Spacer(1, 4 * scale),
             para(f"2. Số lượng hồ sơ: {d.sets:02d} (bộ)", body),
             para(f"3. Thời gian giải quyết hồ sơ theo quy định là: {escape(d.processing_time)}", body),
             para(f"4. Thời gian nhận hồ sơ: {time_words(d.received_at)}", body),
             para(f"5. Thời gian trả kết quả giải quyết hồ sơ: {bold(time_words(d.due_at))}", body),
             para(f"6. Nhận kết quả tại: {escape(d.result_place)}", body)]
    if d.fees:
        total = sum(amount for _, amount in d.fees)
        detail = "; ".join(f"{escape(name)}: {money(amount)}" for name, amount in d.fees)
        story.append(para(f"7. Phí, lệ phí: {bold(money(total))}" + (f" ({detail})" if len(d.fees) > 1 else ""),
                        body))
    if d.transfer_qr:
        story.append(table([[QrCode(d.transfer_qr, 24 * mm * max(scale, 0.85)),
                             [para("Nộp phí, lệ phí bằng chuyển khoản: quét mã VietQR bằng ứng dụng ngân hàng "
                                   f"(số tiền và nội dung chuyển khoản là mã hồ sơ đã có sẵn). {escape(d.bank_line)}",
                                   st["cell"])]]], [28 * mm * max(scale, 0.85), width - 28 * mm * max(scale, 0.85)],
                           [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(para(f"Vào Sổ theo dõi hồ sơ, {escape(d.ledger_book)}, Số thứ tự {escape(d.ledger_number)}",
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
    copies = 1 if data.masked_note else copies  # a masked copy is for looking at, not a "liên" to hand out
    fonts = serif_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin * 1.25, rightMargin=margin,
                            topMargin=margin * 0.8, bottomMargin=margin * 0.8, invariant=1,
                            initialFontName=fonts.regular,
                            title=f"{data.title} {data.code}" + (MASKED_TITLE if data.masked_note else ""),
                            author=data.agency_name, subject=data.code, creator="Một Cửa")
    st = styles(scale)
    story: list = []
    for number in range(1, copies + 1):
        if number > 1:
            story.append(PageBreak())
        story += _copy(data, number, st, doc.width, scale)
    doc.build(story)
    return out.getvalue()
