"""The counter's closing (app/services/fees/closing.py) on ONE A4 page, whatever the number of
payments: totals by method, the cash counted and the difference, totals by procedure (the largest
first, the rest in one line), the receipts' number ranges and how many payments still lack an
issued receipt, then both signatures. The payment-by-payment list is the XLSX's second sheet, and
the page says so. A closing with very many procedures or receipt series is set with shorter lists
until it fits: never a second page, so never a signature alone on one."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from app.formatting import day, moment, money, number
from printing.fonts import serif_fonts
from printing.forms import PORTRAIT_MARGINS, Signature, _signature
from printing.layout import bold, header, para, styles, table

TITLE = "BẢNG CHỐT SỔ THU PHÍ, LỆ PHÍ"
CORRECTION_TITLE = "PHIẾU ĐIỀU CHỈNH CHỐT SỔ THU PHÍ, LỆ PHÍ"
CLOSER = "NGƯỜI CHỐT SỔ"
CHECKER = "KẾ TOÁN / NGƯỜI KIỂM TRA"
METHODS = (("cash", "Tiền mặt"), ("transfer", "Chuyển khoản"), ("online", "Thanh toán trực tuyến trên cổng"))
# (procedures, receipt series, corrections) listed before "the rest": tried in turn until one page holds it.
LIMITS = ((10, 4, 4), (8, 3, 3), (6, 3, 3), (4, 2, 2), (3, 2, 2), (1, 1, 1))
XLSX_NOTE = ("Danh sách từng khoản nộp ({n} khoản: thời gian, mã hồ sơ, người nộp, hình thức, mã giao dịch, "
             "số tiền, biên lai) ở trang thứ hai của tệp XLSX của lần chốt sổ này.")


def difference_words(diff: int) -> str:
    """"Khớp", "Thừa 20.000 đ", "Thiếu 20.000 đ"."""
    if diff == 0:
        return "Khớp (không chênh lệch)"
    return f"{'Thừa' if diff > 0 else 'Thiếu'} {money(abs(diff))}"


def _st(scale: float) -> dict[str, ParagraphStyle]:
    st = styles(scale)
    st["section"] = ParagraphStyle("section", st["body"], fontName=serif_fonts().bold, spaceBefore=5 * scale,
                                   spaceAfter=2 * scale)
    st["cellr"] = ParagraphStyle("cellr", st["cell"], alignment=TA_RIGHT)
    return st


def _grid(rows: list[list], widths: list[float], st, *, right=(), strong=()) -> object:
    cells = []
    for r, row in enumerate(rows):
        line = []
        for c, value in enumerate(row):
            style = st["cellc"] if r == 0 else (st["cellr"] if c in right else st["cell"])
            text = bold(value) if r == 0 or r in strong else escape(value)
            line.append(Paragraph(text, style))
        cells.append(line)
    return table(cells, widths, [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)])


def _method_rows(sheet) -> list[list[str]]:
    v = sheet.view
    counts = {m: 0 for m, _ in METHODS}
    for line in sheet.lines:
        counts[line.method] = counts.get(line.method, 0) + 1
    totals = {"cash": v.cash_total, "transfer": v.transfer_total, "online": v.online_total}
    rows = [["Hình thức nộp", "Số khoản", "Số tiền"]]
    rows += [[label, number(counts[m]), money(totals[m])] for m, label in METHODS]
    rows.append(["Tổng cộng", number(v.payments), money(v.total)])
    return rows


def _procedure_rows(sheet, limit: int) -> list[list[str]]:
    rows = [["Thủ tục", "Số khoản", "Số tiền"]]
    shown, rest = sheet.by_procedure[:limit], sheet.by_procedure[limit:]
    rows += [[name or "(không rõ thủ tục)", number(n), money(a)] for name, n, a in shown]
    if rest:
        rows.append([f"Các thủ tục khác ({len(rest)} thủ tục)", number(sum(n for _, n, _ in rest)),
                     money(sum(a for _, _, a in rest))])
    return rows


def _receipt_lines(sheet, limit: int) -> list[str]:
    v = sheet.view
    lines = []
    shown, rest = sheet.receipt_ranges[:limit], sheet.receipt_ranges[limit:]
    for template, symbol, first, last, count in shown:
        span = f"số {first}" if first == last else f"từ số {first} đến số {last}"
        lines.append(f"Mẫu số {template} Ký hiệu {symbol}: {span} ({number(count)} biên lai).")
    if rest:
        lines.append(f"Và {len(rest)} ký hiệu khác: {number(sum(r[4] for r in rest))} biên lai (xem tệp XLSX).")
    if not sheet.receipt_ranges:
        lines.append("Chưa có biên lai nào đã phát hành cho các khoản nộp của lần chốt sổ này.")
    lines.append(f"Số khoản nộp chưa có biên lai đã phát hành: {number(v.receipts_pending)}"
                 + (" (biên lai sẽ được phát hành sau: danh sách «Biên lai chờ phát hành»)."
                    if v.receipts_pending else "."))
    return lines


def _correction_lines(sheet, limit: int) -> list[str]:
    if not sheet.corrections:
        return []
    total = sum(c.difference for c in sheet.corrections)
    lines = [f"Điều chỉnh các lần chốt sổ trước, ghi nhận từ lần chốt sổ trước đến nay: {len(sheet.corrections)} "
             f"điều chỉnh, cộng {_signed(total)} (đã giao kế toán, không tính vào tiền mặt của lần chốt này)."]
    for c in sheet.corrections[:limit]:
        lines.append(f"– Ngày {day(c.day)}, điều chỉnh lần chốt sổ số {c.corrects_id}: {_signed(c.difference)}; "
                     f"lý do: {c.note or ''}")
    if len(sheet.corrections) > limit:
        lines.append(f"– Và {len(sheet.corrections) - limit} điều chỉnh khác.")
    return lines


def _signed(amount: int) -> str:
    return ("+" if amount > 0 else "−") + money(abs(amount))


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _closing_story(sheet, st, w: float, limits: tuple[int, int, int]) -> list:
    v = sheet.view
    period = (f"Kỳ chốt sổ: từ {moment(v.period_from)} đến {moment(v.period_to)} (khoản nộp đầu và cuối)."
              if v.period_from else "")
    cash = [["Tiền mặt", "Số tiền"], ["Tiền mặt thu theo sổ", money(v.cash_total)],
            ["Tiền mặt đếm được", money(v.cash_counted or 0)], ["Chênh lệch (đếm được − theo sổ)",
                                                                difference_words(v.difference)]]
    story = [
        para(escape(f"Quầy số {v.counter_number} · Ngày làm việc {day(v.day)} · Chốt sổ lúc {moment(v.closed_at)} "
                    f"· Số chốt sổ {v.id}"), st["center"]),
        para(f"<i>{escape(period)}</i>", st["center"]) if period else Spacer(1, 0),
        para("I. TỔNG HỢP THEO HÌNH THỨC NỘP", st["section"]),
        _grid(_method_rows(sheet), [w * 0.54, w * 0.18, w * 0.28], st, right=(1, 2), strong=(4,)),
        para("II. TIỀN MẶT TẠI QUẦY", st["section"]),
        _grid(cash, [w * 0.56, w * 0.44], st, right=(1,), strong=(3,)),
    ]
    if v.corrected:
        story.append(para(escape(f"Đã điều chỉnh sau khi chốt: {_signed(v.corrected)}; chênh lệch còn lại "
                                 f"{difference_words(v.difference + v.corrected).lower()}."), st["cell"]))
    story += [para(escape(x), st["cell"]) for x in _correction_lines(sheet, limits[2])]
    story += [para("III. THEO THỦ TỤC", st["section"]),
              _grid(_procedure_rows(sheet, limits[0]), [w * 0.56, w * 0.18, w * 0.26], st, right=(1, 2))]
    story.append(para("IV. BIÊN LAI THU PHÍ, LỆ PHÍ", st["section"]))
    story += [para(escape(x), st["cell"]) for x in _receipt_lines(sheet, limits[1])]
    story.append(Spacer(1, 3))
    story.append(para(f"<i>{escape(XLSX_NOTE.format(n=number(v.payments)))}</i>", st["cell"]))
    if v.note:
        story.append(para(escape(f"Ghi chú: {_clip(v.note, 300)}"), st["cell"]))
    return story


def _correction_story(sheet, st, w: float) -> list:
    v, target = sheet.view, sheet.corrected_closing
    rows = [["Nội dung", "Giá trị"],
            ["Lần chốt sổ được điều chỉnh", f"Số {target.id}, quầy số {target.counter_number}, ngày {day(target.day)}"],
            ["Chênh lệch khi chốt sổ", difference_words(target.difference)],
            ["Số tiền điều chỉnh", _signed(v.difference)],
            ["Tổng các điều chỉnh của lần chốt sổ đó", _signed(target.corrected) if target.corrected else money(0)],
            ["Chênh lệch còn lại", difference_words(target.difference + target.corrected)]]
    return [para(escape(f"Quầy số {v.counter_number} · Ngày {day(v.day)} · Ghi lúc {moment(v.closed_at)} "
                        f"· Số {v.id}"), st["center"]),
            Spacer(1, 6), _grid(rows, [w * 0.5, w * 0.5], st),
            Spacer(1, 4), para(escape(f"Lý do: {_clip(v.note or '', 600)}"), st["body"])]


def _build(sheet, limits: tuple[int, int, int]) -> tuple[bytes, int]:
    fonts = serif_fonts()
    v = sheet.view
    out = io.BytesIO()
    title = TITLE if v.kind == "closing" else CORRECTION_TITLE
    doc = SimpleDocTemplate(out, pagesize=A4, **PORTRAIT_MARGINS, invariant=1, initialFontName=fonts.regular,
                            title=f"{title} – Quầy {v.counter_number} – {day(v.day)}", creator="Một Cửa")
    st = _st(0.9)
    w = doc.width - 12
    story = [header(st, w, sheet.parent, sheet.unit, sheet.place, v.closed_at), para(escape(title), st["title"])]
    story += _closing_story(sheet, st, w, limits) if v.kind == "closing" else _correction_story(sheet, st, w)
    signs = [Signature(CLOSER if v.kind == "closing" else "NGƯỜI GHI ĐIỀU CHỈNH", v.closed_by), Signature(CHECKER)]
    cells = [[_signature(s, st) for s in signs]]
    story.append(KeepTogether([Spacer(1, 6), table(cells, [w / 2, w / 2], [("VALIGN", (0, 0), (-1, -1), "TOP")])]))
    doc.build(story)
    return out.getvalue(), doc.page


def build_closing_pdf(sheet) -> bytes:
    """`sheet`: app/services/fees/closing.py ClosingSheet."""
    pdf = b""
    for limits in LIMITS:
        pdf, pages = _build(sheet, limits)
        if pages == 1:
            return pdf
    return pdf  # the shortest lists: a note of 300 characters at most still fits (tests/printing)
