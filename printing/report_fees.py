"""The fee report (app/domain/fee_report.py) as an A4 PDF and as an Excel workbook with one sheet
per table. Plain data in, bytes out: no database. Names, reasons and errors sit in wrapping
paragraphs (PDF) or wrapped cells (workbook): a long procedure name takes more lines, never
loses its end. In the workbook amounts are numbers and each total a formula over its column."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

from app.domain.fee_report import NO_PAYMENT, RULES, FeeReport, FeeRow, OnlineShareRow
from app.formatting import day, moment, money, number, percent
from printing.fonts import serif_fonts
from printing.layout import header
from printing.report_pdf import _grid, _styles

TITLE = "BÁO CÁO THU PHÍ, LỆ PHÍ"
ONLINE_HEAD = "Tỷ lệ hồ sơ thanh toán trực tuyến (chỉ số 3.6)"
NO_WAITING = "Không có biên lai nào chờ phát hành."
NO_CANCELLED = "Không có biên lai nào bị hủy trong kỳ báo cáo."
NO_VOIDED = "Không có khoản nộp nào bị hủy."
# (section / sheet caption, key heading, report attribute): the slices of the money collected.
SLICES = (("Theo hình thức nộp tiền", "Hình thức nộp tiền", "by_method"),
          ("Theo hình thức nộp hồ sơ", "Hình thức nộp hồ sơ", "by_channel"),
          ("Theo tháng", "Tháng", "by_month"),
          ("Theo thủ tục", "Thủ tục", "by_procedure"),
          ("Theo quầy", "Quầy", "by_counter"),
          ("Theo cán bộ thu", "Cán bộ", "by_officer"))
WAITING_HEADS = ("Hồ sơ", "Trạng thái", "Số tiền", "Người nộp", "Lập lúc", "Số ngày chờ", "Lỗi")
CANCELLED_HEADS = ("Hồ sơ", "Biên lai", "Trạng thái", "Số tiền", "Hủy lúc", "Lý do", "Người hủy")
VOIDED_HEADS = ("Hồ sơ", "Hình thức", "Số tiền", "Nộp lúc", "Hủy lúc", "Lý do", "Người hủy")
ONLINE_HEADS = ("Hình thức nộp hồ sơ", "Hồ sơ có phí, lệ phí", "Thanh toán trực tuyến", "Tỷ lệ")


def row_label(attr: str, r: FeeRow) -> str:
    if attr == "by_procedure":
        return f"{r.key} – {r.label}"
    if attr == "by_officer":
        return f"{r.label} ({r.key})" if r.key else r.label
    if attr == "by_counter":
        return f"Quầy {r.key} – {r.label}" if r.key else r.label
    return r.label


def scope(report: FeeReport) -> str:
    return f"Phạm vi: {report.counter_label}." if report.counter_label else "Phạm vi: mọi quầy của cơ quan."


def summary_lines(report: FeeReport) -> list[tuple[str, str]]:
    """The figures the report leads with: (what, how much)."""
    o, w = report.online, report.waiting_by_state()
    return [("Số khoản đã thu", number(report.count)), ("Tổng số tiền đã thu", money(report.amount)),
            ("Khoản nộp trong kỳ đã hủy", f"{number(report.voided_count)} khoản, {money(report.voided_amount)}"),
            (ONLINE_HEAD, f"{percent(o.share)} ({number(o.paid_online)}/{number(o.with_fee)} hồ sơ có phí, lệ phí)"),
            ("Biên lai chưa phát hành", f"{number(len(report.waiting))} (chờ phát hành {number(w['pending'])}, chờ số "
                                        f"biên lai giấy {number(w['unissued'])}, bị từ chối {number(w['failed'])})"),
            ("Biên lai đã hủy trong kỳ", number(len(report.cancelled)))]


# ---- PDF ------------------------------------------------------------------------------------
def fee_report_pdf(report: FeeReport) -> bytes:
    fonts = serif_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=16 * mm, topMargin=15 * mm,
                            bottomMargin=16 * mm, invariant=1, initialFontName=fonts.regular, title=TITLE,
                            author=report.agency_name, creator="Một Cửa")
    st, w = _styles(), doc.width

    def p(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(escape(text), st[style])

    def heads(*names: str) -> list:
        return [p(n, "cellh") for n in names]

    story: list = [
        header(st, w, "", report.agency_name, None, report.generated_at),
        Paragraph(TITLE, st["title"]),
        Paragraph(f"Từ ngày {day(report.start)} đến ngày {day(report.end)}", st["center"]),
        Paragraph(f"<i>{escape(scope(report))}</i>", st["center"]),
        Paragraph("I. TỔNG HỢP", st["section"]),
        _grid([heads("Chỉ tiêu", "Số liệu"), *([p(a), p(b)] for a, b in summary_lines(report))], [w * 0.45, w * 0.55]),
    ]
    for i, (caption, key_head, attr) in enumerate(SLICES):
        rows: list[FeeRow] = getattr(report, attr)
        story += [CondPageBreak(40 * mm), Paragraph(f"{_roman(i + 2)}. {caption.upper()}", st["section"])]
        if not rows:
            story.append(Paragraph(NO_PAYMENT, st["empty"]))
            continue
        data = [heads(key_head, "Số khoản", "Số tiền"),
                *([p(row_label(attr, r)), number(r.count), money(r.amount)] for r in rows),
                ["Tổng cộng", number(sum(r.count for r in rows)), money(sum(r.amount for r in rows))]]
        story.append(_grid(data, [w * 0.6, w * 0.15, w * 0.25], total=True))
    n = len(SLICES) + 2
    story += [CondPageBreak(40 * mm), Paragraph(f"{_roman(n)}. {ONLINE_HEAD.upper()}", st["section"]),
              _grid([heads(*ONLINE_HEADS), *(_online_cells(r, p) for r in [*report.online_by_channel, report.online])],
                    [w * 0.4, w * 0.22, w * 0.22, w * 0.16], total=True)]
    story += _listing(f"{_roman(n + 1)}. BIÊN LAI CHƯA PHÁT HÀNH", WAITING_HEADS, NO_WAITING,
                      [[p(r.dossier_code), p(r.state_label), money(r.amount), p(r.payer_name), p(moment(r.created_at)),
                        number(r.age_days), p(r.last_error or "")] for r in report.waiting],
                      [0.2, 0.12, 0.1, 0.14, 0.11, 0.07, 0.26], st, w)
    story += _listing(f"{_roman(n + 2)}. BIÊN LAI ĐÃ HỦY TRONG KỲ", CANCELLED_HEADS, NO_CANCELLED,
                      [[p(r.dossier_code), p(r.identifier), p(r.state_label), money(r.amount), p(moment(r.cancelled_at)),
                        p(r.reason), p(r.cancelled_by)] for r in report.cancelled],
                      [0.18, 0.18, 0.09, 0.1, 0.11, 0.22, 0.12], st, w)
    story += _listing(f"{_roman(n + 3)}. KHOẢN NỘP TRONG KỲ ĐÃ HỦY", VOIDED_HEADS, NO_VOIDED,
                      [[p(v.dossier_code), p(v.method_label), money(v.amount), p(moment(v.paid_at)),
                        p(moment(v.voided_at)), p(v.reason), p(v.voided_by)] for v in report.voided],
                      [0.19, 0.13, 0.1, 0.11, 0.11, 0.22, 0.14], st, w)
    story += [Spacer(1, 8), Paragraph(escape(RULES), ParagraphStyle("fee_rules", st["caption"], alignment=TA_LEFT))]

    def page_number(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(fonts.italic, 8.5)
        line = f"Báo cáo thu phí, lệ phí từ {day(report.start)} đến {day(report.end)} · Trang {document.page}"
        if stringWidth(f"{report.agency_name} · {line}", fonts.italic, 8.5) < w:
            line = f"{report.agency_name} · {line}"
        canvas.drawRightString(A4[0] - document.rightMargin, 9 * mm, line)
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")[n - 1]


def _online_cells(r: OnlineShareRow, p) -> list:
    return [p(r.label), number(r.with_fee), number(r.paid_online), percent(r.share)]


def _listing(title: str, head_names, empty: str, rows: list, shares: list[float], st, w: float) -> list:
    out: list = [CondPageBreak(40 * mm), Paragraph(title, st["section"])]
    if not rows:
        return [*out, Paragraph(empty, st["empty"])]
    data = [[Paragraph(escape(h), st["cellh"]) for h in head_names], *rows]
    # The dossier code on one line (a code broken at its hyphen reads as two): its column as wide
    # as the widest, the others sharing what is left in their proportions.
    font = serif_fonts().regular
    first = max(w * shares[0], max(stringWidth(r[0].text, font, 8.5) for r in rows) + 8)
    rest = (w - first) / sum(shares[1:])
    return [*out, _grid(data, [first, *(rest * s for s in shares[1:])])]


# ---- XLSX -----------------------------------------------------------------------------------
BOLD = Font(bold=True)
HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
WRAP = Alignment(wrap_text=True, vertical="top")
MONEY, INTEGER, PERCENT = '#,##0" đ"', "#,##0", "0.0%"


def _sheet(wb: Workbook, name: str, report: FeeReport, heads: tuple[str, ...], widths: tuple[int, ...]):
    ws = wb.create_sheet(name[:31])
    ws.cell(1, 1, f"{TITLE} · {name.upper()}").font = Font(bold=True, size=13)
    ws.cell(2, 1, f"Từ ngày {day(report.start)} đến ngày {day(report.end)} · {report.agency_name} · {scope(report)}")
    for c, text in enumerate(heads, 1):
        cell = ws.cell(4, c, text)
        cell.font, cell.alignment = BOLD, HEAD
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    return ws


def _put(ws, r: int, values: list, formats: dict[int, str] | None = None) -> None:
    for c, v in enumerate(values, 1):
        cell = ws.cell(r, c, v)
        if isinstance(v, str):
            cell.alignment = WRAP
        if formats and c in formats:
            cell.number_format = formats[c]


def fee_report_xlsx(report: FeeReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=13)
    ws.cell(2, 1, f"Từ ngày {day(report.start)} đến ngày {day(report.end)} · {report.agency_name}")
    ws.cell(3, 1, scope(report))
    for i, (what, value) in enumerate(summary_lines(report)):
        _put(ws, 5 + i, [what, value])
    ws.cell(6 + len(summary_lines(report)), 1, RULES).alignment = WRAP
    ws.merge_cells(start_row=6 + len(summary_lines(report)), start_column=1,
                   end_row=6 + len(summary_lines(report)), end_column=2)
    ws.row_dimensions[6 + len(summary_lines(report))].height = 160
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 45, 70

    for caption, key_head, attr in SLICES:
        rows: list[FeeRow] = getattr(report, attr)
        s = _sheet(wb, caption, report, ("Mã", key_head, "Số khoản", "Số tiền"), (14, 60, 12, 18))
        for i, r in enumerate(rows):
            _put(s, 5 + i, [r.key, row_label(attr, r), r.count, r.amount], {3: INTEGER, 4: MONEY})
        total = 5 + len(rows)
        _put(s, total, ["", "Tổng cộng", f"=SUM(C5:C{total - 1})" if rows else 0,
                        f"=SUM(D5:D{total - 1})" if rows else 0], {3: INTEGER, 4: MONEY})
        for cell in s[total]:
            cell.font = BOLD

    s = _sheet(wb, "Thanh toán trực tuyến", report, (*ONLINE_HEADS,), (40, 18, 18, 12))
    for i, r in enumerate(report.online_by_channel):
        _put(s, 5 + i, [r.label, r.with_fee, r.paid_online, f'=IF(B{5 + i}=0,"",C{5 + i}/B{5 + i})'],
             {2: INTEGER, 3: INTEGER, 4: PERCENT})
    t = 5 + len(report.online_by_channel)
    _put(s, t, ["Tổng cộng", f"=SUM(B5:B{t - 1})", f"=SUM(C5:C{t - 1})", f'=IF(B{t}=0,"",C{t}/B{t})'],
         {2: INTEGER, 3: INTEGER, 4: PERCENT})
    for cell in s[t]:
        cell.font = BOLD

    s = _sheet(wb, "Biên lai chưa phát hành", report, WAITING_HEADS, (28, 20, 14, 24, 18, 12, 50))
    for i, r in enumerate(report.waiting):
        _put(s, 5 + i, [r.dossier_code, r.state_label, r.amount, r.payer_name, moment(r.created_at), r.age_days,
                        r.last_error or ""], {3: MONEY, 6: INTEGER})
    if not report.waiting:
        s.cell(5, 1, NO_WAITING)
    s = _sheet(wb, "Biên lai đã hủy", report, CANCELLED_HEADS, (28, 40, 12, 14, 18, 40, 24))
    for i, r in enumerate(report.cancelled):
        _put(s, 5 + i, [r.dossier_code, r.identifier, r.state_label, r.amount, moment(r.cancelled_at), r.reason,
                        r.cancelled_by], {4: MONEY})
    if not report.cancelled:
        s.cell(5, 1, NO_CANCELLED)
    s = _sheet(wb, "Khoản nộp đã hủy", report, VOIDED_HEADS, (28, 28, 14, 18, 18, 40, 24))
    for i, v in enumerate(report.voided):
        _put(s, 5 + i, [v.dossier_code, v.method_label, v.amount, moment(v.paid_at), moment(v.voided_at), v.reason,
                        v.voided_by], {3: MONEY})
    if not report.voided:
        s.cell(5, 1, NO_VOIDED)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
