"""The guide desk's handout: one A4 page for the citizen with how to file one procedure online
(numbered steps and the QR code of the online form), the documents to prepare, the fee and the
processing time. A procedure that cannot be filed online gets the counter's steps and no QR.
Plain data in, PDF bytes out, like the receipt: no database here."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from app.domain.fees import amount_for, online_note
from app.domain.vocab import Channel
from app.files import write_atomically
from app.formatting import day, money
from printing.barcodes import QrCode
from printing.fonts import serif_fonts
from printing.layout import bold, para, styles, table

TITLE = "HƯỚNG DẪN NỘP HỒ SƠ THỦ TỤC HÀNH CHÍNH"
# Smaller type first, then fewer document rows: the sheet is one page whatever the catalog holds.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66)


@dataclass(frozen=True)
class SheetDocument:
    name: str
    originals: int
    copies: int
    mandatory: bool
    note: str | None = None


@dataclass(frozen=True)
class SheetFee:
    name: str
    amount: int
    online_amount: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class GuideSheetData:
    procedure_name: str
    procedure_code: str
    sector_name: str
    documents: tuple[SheetDocument, ...]
    fees: tuple[SheetFee, ...]
    processing_time: str  # "05 ngày làm việc"
    result_return: str  # "Trực tuyến, Qua bưu chính công ích"
    online: bool  # can be filed online (level 3/4, or a Decree 42 class)
    whole_process: bool  # level 4 / toàn trình: fee paid and result received without coming in
    online_url: str | None  # the online form; None when it cannot be filed online
    level_text: str  # "mức độ 4, toàn trình"
    office_name: str  # the receiving unit
    office_address: str
    office_phone: str
    office_hours: str  # "07:30-11:30,13:30-17:00"
    printed_at: datetime


def online_steps(d: GuideSheetData) -> list[str]:
    fee_step = ("Nộp phí, lệ phí trực tuyến ngay trên cổng (thẻ ngân hàng, ví điện tử hoặc chuyển khoản)."
                if d.whole_process else "Nộp phí, lệ phí tại Bộ phận Một cửa khi đến nhận kết quả.")
    result = ("Kết quả được trả trực tuyến hoặc gửi qua bưu chính công ích theo lựa chọn của ông/bà."
              if d.whole_process else
              "Khi hồ sơ có kết quả, mang bản chính giấy tờ (để đối chiếu nếu được yêu cầu) đến Bộ phận "
              "Một cửa nhận kết quả.")
    steps = ["Quét mã QR bằng camera điện thoại, hoặc gõ địa chỉ in bên dưới vào trình duyệt trên máy tính.",
             "Đăng nhập bằng tài khoản định danh điện tử VNeID hoặc tài khoản Cổng Dịch vụ công quốc gia.",
             "Chọn «Nộp trực tuyến» rồi điền tờ khai theo hướng dẫn trên màn hình.",
             "Đính kèm ảnh chụp hoặc bản quét rõ nét của các giấy tờ ở mục 2."]
    if any(amount_for(f.amount, f.online_amount, Channel.ONLINE) for f in d.fees):  # nothing to pay: no step
        steps.append(fee_step)
    steps += ["Ghi lại mã hồ sơ do cổng cấp sau khi nộp; theo dõi tiến độ bằng mã đó ở mục «Tra cứu hồ sơ» "
              "trên cổng, hoặc qua tin nhắn, thư điện tử do cổng gửi.", result]
    return steps


def counter_steps(d: GuideSheetData) -> list[str]:
    where = d.office_name + (f", {d.office_address}" if d.office_address else "")
    steps = ["Chuẩn bị đủ các giấy tờ ở mục 2.",
             f"Đến nộp hồ sơ tại {where}" + (f" (giờ làm việc: {hours_text(d.office_hours)})"
                                             if d.office_hours else "") + ".",
             "Nhận Giấy tiếp nhận hồ sơ và hẹn trả kết quả; giữ giấy này để tra cứu và nhận kết quả."]
    if any(f.amount for f in d.fees):
        steps.append("Nộp phí, lệ phí theo hướng dẫn của cán bộ tiếp nhận.")
    return steps


def hours_text(hours: str) -> str:
    """'07:30-11:30,13:30-17:00' -> 'sáng 07:30–11:30, chiều 13:30–17:00'."""
    parts = [p.strip().replace("-", "–") for p in hours.split(",") if p.strip()]
    if len(parts) == 2:
        return f"sáng {parts[0]}, chiều {parts[1]}"
    return ", ".join(parts)


def _styles(scale: float) -> dict[str, ParagraphStyle]:
    st = styles(scale)
    f = serif_fonts()
    st["name"] = ParagraphStyle("name", st["body"], fontName=f.bold, fontSize=15 * scale, leading=19 * scale,
                                alignment=TA_CENTER, spaceBefore=2 * scale, spaceAfter=2 * scale)
    st["section"] = ParagraphStyle("section", st["body"], fontName=f.bold, fontSize=13 * scale,
                                   leading=16 * scale, spaceBefore=7 * scale, spaceAfter=3 * scale)
    st["note"] = ParagraphStyle("note", st["body"], fontName=f.italic, fontSize=10 * scale, leading=12.5 * scale,
                                spaceAfter=0)
    return st


def _url_paragraph(url: str, width: float, scale: float):
    """The address on one line when it can be (a citizen may type it in): the type shrinks to fit,
    down to 7 points; a longer address wraps."""
    f = serif_fonts()
    size = 11 * scale
    while size > 7 and stringWidth(url, f.regular, size) > width:
        size -= 0.5
    style = ParagraphStyle("url", fontName=f.regular, fontSize=size, leading=size * 1.25, alignment=TA_CENTER)
    return para(escape(url), style)


def _steps_block(d: GuideSheetData, st, width: float, scale: float) -> list:
    steps = online_steps(d) if d.online else counter_steps(d)
    rows = [[para(f"{i}.", st["cellc"]), para(escape(s), st["cell"])] for i, s in enumerate(steps, 1)]
    plain = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5 * scale), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * scale)]
    if not (d.online and d.online_url):
        return [table(rows, [9 * mm, width - 9 * mm], plain)]
    qr_size = 38 * mm * max(scale, 0.8)
    side = qr_size + 6 * mm
    list_width = width - side
    steps_table = table(rows, [9 * mm, list_width - 9 * mm], plain)
    qr = [QrCode(d.online_url, qr_size), para("Quét mã để mở trang nộp hồ sơ", st["small"])]
    both = table([[steps_table, qr]], [list_width, side],
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                  ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return [both, Spacer(1, 2 * scale), _url_paragraph(d.online_url, width, scale)]


def _documents(docs: tuple[SheetDocument, ...], hidden: int, st, width: float, scale: float):
    rows = [[para(bold(h), st["cellc"]) for h in ("TT", "Giấy tờ", "Bản chính", "Bản sao", "Yêu cầu")]]
    for i, doc in enumerate(docs, 1):
        name = escape(doc.name) + (f" <i>({escape(doc.note)})</i>" if doc.note else "")
        rows.append([para(str(i), st["cellc"]), para(name, st["cell"]), para(str(doc.originals), st["cellc"]),
                     para(str(doc.copies), st["cellc"]),
                     para("Bắt buộc" if doc.mandatory else "Nếu có", st["cellc"])])
    if not docs:
        rows.append(["", para("(Không cần giấy tờ kèm theo.)", st["cell"]), "", "", ""])
    if hidden:
        rows.append(["", para(f"… và {hidden} giấy tờ khác: xem đầy đủ trên trang nộp hồ sơ hoặc hỏi cán bộ "
                              "tại quầy.", st["cell"]), "", "", ""])
    return table(rows, [width * 0.07, width * 0.57, width * 0.12, width * 0.11, width * 0.13],
                 [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                  ("TOPPADDING", (0, 0), (-1, -1), 1.5 * scale), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * scale)],
                 repeatRows=1)


def _fee_lines(d: GuideSheetData, st) -> list:
    if not d.fees:
        return [para("Không mất phí, lệ phí.", st["body"])]
    lines = []
    for f in d.fees:
        text = f"{escape(f.name)}: {bold(money(f.amount))}"
        change = online_note(f.amount, f.online_amount) if d.online else None
        if change:
            text += f" ({escape(change)})"
        if f.note:
            text += f" <i>({escape(f.note)})</i>"
        lines.append(para("• " + text, st["body"]))
    return lines


def _story(d: GuideSheetData, st, width: float, scale: float, docs: tuple[SheetDocument, ...], hidden: int) -> list:
    if d.online:
        status = (f"Thủ tục này {bold('nộp được trực tuyến')} ({escape(d.level_text)}): ông/bà có thể tự nộp "
                  "hồ sơ tại nhà, không cần xếp hàng tại quầy.")
    else:
        status = (f"Thủ tục này {bold('chưa nộp được trực tuyến')}: ông/bà nộp hồ sơ trực tiếp tại "
                  "Bộ phận Một cửa theo các bước dưới đây.")
    story = [para(bold(d.office_name.upper()), st["head"]),
             para(escape(TITLE), st["title"]),
             para(escape(d.procedure_name), st["name"]),
             para(f"Mã thủ tục: {escape(d.procedure_code)} · Lĩnh vực: {escape(d.sector_name)}", st["center"]),
             Spacer(1, 5 * scale),
             table([[para(status, st["cell"])]], [width],
                   [("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4 * scale), ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * scale)]),
             para("1. CÁC BƯỚC NỘP HỒ SƠ TRỰC TUYẾN" if d.online else "1. CÁC BƯỚC NỘP HỒ SƠ TẠI QUẦY",
                  st["section"]),
             *_steps_block(d, st, width, scale),
             para("2. GIẤY TỜ CẦN CHUẨN BỊ", st["section"]),
             _documents(docs, hidden, st, width, scale),
             para("3. PHÍ, LỆ PHÍ", st["section"]),
             *_fee_lines(d, st),
             para("4. THỜI GIAN GIẢI QUYẾT VÀ NHẬN KẾT QUẢ", st["section"]),
             para(f"Thời gian giải quyết: {bold(d.processing_time)}, kể từ khi nhận đủ hồ sơ hợp lệ.", st["body"])]
    if d.result_return:
        story.append(para(f"Hình thức nhận kết quả: {escape(d.result_return)}.", st["body"]))
    contact = " · ".join(x for x in (d.office_address, f"Điện thoại: {d.office_phone}" if d.office_phone else "",
                                      f"Giờ làm việc: {hours_text(d.office_hours)}" if d.office_hours else "") if x)
    story += [Spacer(1, 6 * scale),
              para(f"Cần hỗ trợ? Bàn hướng dẫn, {escape(d.office_name)}" + (f": {escape(contact)}" if contact else "")
                   + ".", st["note"]),
              para(f"In ngày {day(d.printed_at)}. Tờ hướng dẫn phát miễn phí; quy định chính thức của thủ tục "
                   "được công bố trên Cổng Dịch vụ công.", st["note"])]
    return story


def _build(d: GuideSheetData, scale: float, docs: tuple[SheetDocument, ...], hidden: int) -> tuple[bytes, int]:
    fonts = serif_fonts()
    out = io.BytesIO()
    margin = 16 * mm
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin * 1.2, rightMargin=margin, topMargin=margin * 0.8,
                            bottomMargin=margin * 0.8, invariant=1, initialFontName=fonts.regular,
                            title=f"Hướng dẫn: {d.procedure_name}", author=d.office_name,
                            subject=d.procedure_code, creator="Một Cửa")
    doc.build(_story(d, _styles(scale), doc.width, scale, docs, hidden))
    return out.getvalue(), doc.page


def guide_sheet_pdf(data: GuideSheetData, path: Path | None = None) -> bytes:
    """The sheet as PDF bytes, also written to `path` when given. Always one page: the type shrinks
    first; a catalog entry too long even then lists its first documents and says how many more."""
    pdf, pages = b"", 0
    for scale in SCALES:
        pdf, pages = _build(data, scale, data.documents, 0)
        if pages == 1:
            break
    if pages > 1:
        # The most documents that still fit, found by halving (a build takes tens of milliseconds).
        docs, fits, lo, hi = data.documents, None, 0, len(data.documents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            attempt = _build(data, SCALES[-1], docs[:mid], len(docs) - mid)
            if attempt[1] == 1:
                fits, lo = attempt, mid + 1
            else:
                hi = mid - 1
        if fits is not None:
            pdf, pages = fits
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(Path(path), pdf)
    return pdf
