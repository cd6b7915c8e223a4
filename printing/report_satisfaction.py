"""The satisfaction ratings and the notices (app/domain/satisfaction_report.py) in the report's
exports: a sheet of the workbook and a section of the PDF, built beside the yearly report (the
figures are passed with it). The share satisfied or better leads each, beside its numerator and
denominator; in the workbook the shares, averages and totals are formulas over those cells."""

from __future__ import annotations

from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from app.domain.report import Report
from app.domain.satisfaction_report import (
    RULES,
    SATISFIED_AT,
    NoticeCounts,
    RatingCounts,
    RatingRow,
    SatisfactionFigures,
    average_text,
    score_label,
)
from app.formatting import number, percent
from printing.report_digitization import slice_rows

SHEET = "Hài lòng"
SECTION = "XI. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN VÀ THÔNG BÁO ĐÃ GỬI"
NO_RATING_ROWS = "Không có đề nghị đánh giá nào trong kỳ báo cáo."
NO_REASON = "Không có lý do nào được chọn trong kỳ báo cáo."
SCORES_SHOWN = (5, 4, 3, 2, 1)
SATISFIED_HEAD = "Hài lòng trở lên"
SHARE_HEAD = "Tỷ lệ hài lòng trở lên"
# Caption (workbook), first heading (PDF), key headings (workbook), the figures' list.
TABLES = (("Theo cán bộ phục vụ", "Cán bộ", ("Tên đăng nhập", "Họ tên"), "by_officer"),
          ("Theo quầy", "Quầy", ("Quầy", "Tên quầy"), "by_counter"),
          ("Theo thủ tục", "Thủ tục", ("Mã thủ tục", "Tên thủ tục"), "by_procedure"),
          ("Theo tháng", "Tháng", ("Tháng", ""), "by_month"))
NOTICE_COLS = (("Đã lập", "written"), ("Đã gửi", "sent"), ("Đã đến người nhận", "delivered"),
               ("Thất bại", "failed"), ("Đã hủy", "cancelled"), ("Đang chờ gửi", "pending"))
BOLD = Font(bold=True)
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
PERCENT, INTEGER, AVERAGE = "0.0%", "#,##0", "0.00"


def rating_heads() -> tuple[str, ...]:
    return ("Đề nghị đánh giá", "Đã đánh giá", "Không đánh giá", "Đang chờ",
            *(f"{s} – {score_label(s)}" for s in SCORES_SHOWN), SATISFIED_HEAD, SHARE_HEAD, "Điểm trung bình")


def _label(attr: str, r: RatingRow) -> str:
    if attr == "by_officer":
        return f"{r.label} ({r.key})" if r.key else r.label
    if attr == "by_procedure":
        return f"{r.key} – {r.label}" if r.key else r.label
    return r.label


# ---- the workbook ---------------------------------------------------------------------------
def _xlsx_ratings(ws, top: int, caption: str, keys: tuple[str, str], rows: list[RatingRow], monthly: bool) -> int:
    """One table from row `top`: caption, headings, a row per slice, a total row. The next free row."""
    ws.cell(top, 1, caption).font = BOLD
    head = top + 1
    heads = rating_heads()
    for c, text in enumerate((*keys, *heads), 1):
        cell = ws.cell(head, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN
    ws.row_dimensions[head].height = 48
    col = {name: get_column_letter(3 + i) for i, name in enumerate(
        ("asked", "rated", "no_rating", "waiting", *(f"s{s}" for s in SCORES_SHOWN), "satisfied", "share", "avg"))}
    counted = [k for k in col if k not in ("satisfied", "share", "avg")]

    def fill(r: int, counts: RatingCounts | None, first: int, last: int) -> None:
        for name in counted:
            cell = ws[f"{col[name]}{r}"]
            if counts is None:
                cell.value = f"=SUM({col[name]}{first}:{col[name]}{last})"
            else:
                cell.value = counts.score(int(name[1])) if name.startswith("s") else getattr(counts, name)
            cell.number_format = INTEGER
        good = "+".join(f"{col[f's{s}']}{r}" for s in SCORES_SHOWN if s >= SATISFIED_AT)
        ws[f"{col['satisfied']}{r}"] = f"={good}"
        ws[f"{col['satisfied']}{r}"].number_format = INTEGER
        rated = f"{col['rated']}{r}"
        ws[f"{col['share']}{r}"] = f'=IF({rated}=0,"",{col["satisfied"]}{r}/{rated})'
        ws[f"{col['share']}{r}"].number_format = PERCENT
        points = "+".join(f"{s}*{col[f's{s}']}{r}" for s in SCORES_SHOWN)
        ws[f"{col['avg']}{r}"] = f'=IF({rated}=0,"",({points})/{rated})'
        ws[f"{col['avg']}{r}"].number_format = AVERAGE

    if not rows:
        ws.cell(head + 1, 1, NO_RATING_ROWS)
        return head + 3
    return slice_rows(ws, head, rows, monthly, fill)


def _xlsx_reasons(ws, top: int, figures: SatisfactionFigures) -> int:
    ws.cell(top, 1, "Lý do khi đánh giá dưới mức hài lòng").font = BOLD
    for c, text in enumerate(("Mã tiêu chí", "Tiêu chí", "Số lần được chọn", "Tỷ lệ trên số đánh giá dưới mức hài lòng"), 1):
        cell = ws.cell(top + 1, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN
    if not figures.reasons:
        ws.cell(top + 2, 1, NO_REASON)
        return top + 4
    below = figures.total.below
    for i, reason in enumerate(figures.reasons):
        r = top + 2 + i
        ws.cell(r, 1, reason.key)
        ws.cell(r, 2, reason.label)
        ws.cell(r, 3, reason.count).number_format = INTEGER
        ws.cell(r, 4, f'=IF({below}=0,"",C{r}/{below})').number_format = PERCENT
    return top + 3 + len(figures.reasons)


def _xlsx_notices(ws, top: int, figures: SatisfactionFigures) -> int:
    ws.cell(top, 1, "Thông báo gửi người dân theo kênh").font = BOLD
    heads = ("Kênh", "", *(h for h, _ in NOTICE_COLS), "Tỷ lệ đến người nhận")
    for c, text in enumerate(heads, 1):
        cell = ws.cell(top + 1, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN
    first = top + 2
    for i, row in enumerate(figures.notices):
        r = first + i
        ws.cell(r, 1, row.key)
        ws.cell(r, 2, row.label)
        for j, (_h, name) in enumerate(NOTICE_COLS):
            ws.cell(r, 3 + j, getattr(row.counts, name)).number_format = INTEGER
    total = first + len(figures.notices)
    ws.cell(total, 1, "Tổng cộng")
    for j in range(len(NOTICE_COLS)):
        letter = get_column_letter(3 + j)
        ws.cell(total, 3 + j, f"=SUM({letter}{first}:{letter}{total - 1})").number_format = INTEGER
    for r in range(first, total + 1):  # delivered over those that left: sent + delivered + failed
        ws.cell(r, 3 + len(NOTICE_COLS), f'=IF(D{r}+E{r}+F{r}=0,"",E{r}/(D{r}+E{r}+F{r}))').number_format = PERCENT
    for cell in ws[total]:
        cell.font = BOLD
    return total + 2


def satisfaction_sheet(wb: Workbook, report: Report, figures: SatisfactionFigures | None, title: str) -> None:
    if figures is None:
        return
    ws = wb.create_sheet(SHEET)
    ws.cell(1, 1, f"{title} · MỨC ĐỘ HÀI LÒNG VÀ THÔNG BÁO").font = Font(bold=True, size=13)
    f = report.filter
    scope = f" · Cán bộ: {figures.officer_login}" if figures.officer_login else ""
    ws.cell(2, 1, f"Từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y} · {report.agency_name}{scope}")
    t = figures.total
    ws.cell(3, 1, f"{SHARE_HEAD}: {percent(t.satisfied_share)} ({number(t.satisfied)}/{number(t.rated)} đánh giá; "
                  f"điểm trung bình {average_text(t.average)})").font = Font(bold=True, size=12)
    nxt = 5
    for caption, _first, keys, attr in TABLES:
        nxt = _xlsx_ratings(ws, nxt, caption, keys, getattr(figures, attr), attr == "by_month")
    nxt = _xlsx_reasons(ws, nxt, figures)
    nxt = _xlsx_notices(ws, nxt, figures)
    ws.cell(nxt, 1, RULES).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=nxt, start_column=1, end_row=nxt, end_column=14)
    ws.row_dimensions[nxt].height = 90
    names = max((len(r.label) for r in figures.by_procedure + figures.by_officer + figures.reasons), default=12)
    widths = {1: 14, 2: min(max(names + 2, 14), 50), **{3 + i: 12 for i in range(12)}}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


# ---- the PDF --------------------------------------------------------------------------------
PDF_HEADS = ("Đề nghị", "Đã đánh giá", "Không đánh giá", *(str(s) for s in SCORES_SHOWN), "Hài lòng trở lên",
             "Tỷ lệ", "Điểm TB")


def _pdf_cells(c: RatingCounts) -> list[str]:
    return [number(c.asked), number(c.rated), number(c.no_rating), *(number(c.score(s)) for s in SCORES_SHOWN),
            number(c.satisfied), percent(c.satisfied_share), average_text(c.average)]


def _notice_cells(c: NoticeCounts) -> list[str]:
    return [*(number(getattr(c, name)) for _h, name in NOTICE_COLS), percent(c.delivered_share)]


def satisfaction_section(report: Report, figures: SatisfactionFigures | None, st, width: float, grid) -> list:
    """Section XI of the PDF; `grid` is the report's ruled-table maker (printing/report_pdf.py)."""
    if figures is None:
        return []
    t = figures.total
    big = ParagraphStyle("satisfied", st["body"], fontSize=13, leading=17, spaceAfter=2)
    scale = ", ".join(f"{s} – {score_label(s)}" for s in SCORES_SHOWN)
    out: list = [
        CondPageBreak(60 * mm), Paragraph(SECTION, st["section"]),
        Paragraph(f"<b>{SHARE_HEAD}: {percent(t.satisfied_share)}</b> ({number(t.satisfied)}/{number(t.rated)} "
                  f"đánh giá) · điểm trung bình {average_text(t.average)}", big),
        Paragraph(escape(f"Đề nghị đánh giá {number(t.asked)}: đã đánh giá {number(t.rated)}, không đánh giá "
                         f"{number(t.no_rating)}, đang chờ {number(t.waiting)}. Thang điểm: {scale}."
                         + (f" Chỉ các đánh giá của cán bộ {figures.officer_login}." if figures.officer_login else "")),
                  st["body"]),
        Spacer(1, 6)]

    def h(text: str) -> Paragraph:
        return Paragraph(escape(text), st["cellh"])

    for _caption, first, _keys, attr in TABLES:
        slices: list[RatingRow] = getattr(figures, attr)
        if not slices:
            out += [Paragraph(f"{first}: {NO_RATING_ROWS}", st["empty"]), Spacer(1, 8)]
            continue
        data: list = [[h(first), *(h(x) for x in PDF_HEADS)]]
        total = RatingCounts()
        for r in slices:
            data.append([Paragraph(escape(_label(attr, r)), st["cell"]), *_pdf_cells(r.counts)])
            total.add(r.counts)
        data.append(["Tổng cộng", *_pdf_cells(total)])
        # The five score columns hold a few digits; the rest are given the room of their headings.
        figures_w = [0.07, 0.08, 0.09, *([0.05] * len(SCORES_SHOWN)), 0.09, 0.09, 0.08]
        key = 1 - sum(figures_w)
        out += [grid(data, [width * key, *(width * x for x in figures_w)], total=True), Spacer(1, 8)]

    if figures.reasons:
        data = [[h("Lý do khi đánh giá dưới mức hài lòng"), h("Số lần được chọn"),
                 h("Tỷ lệ trên số đánh giá dưới mức hài lòng")]]
        data += [[Paragraph(escape(r.label), st["cell"]), number(r.count), percent(r.share)] for r in figures.reasons]
        out += [KeepTogether([grid(data, [width * 0.6, width * 0.18, width * 0.22])]), Spacer(1, 8)]
    else:
        out += [Paragraph(NO_REASON, st["empty"]), Spacer(1, 8)]

    data = [[h("Thông báo theo kênh"), *(h(x) for x, _ in NOTICE_COLS), h("Tỷ lệ đến người nhận")]]
    data += [[Paragraph(escape(r.label), st["cell"]), *_notice_cells(r.counts)] for r in figures.notices]
    data.append(["Tổng cộng", *_notice_cells(figures.notices_total)])
    rest = width * 0.76 / (len(NOTICE_COLS) + 1)
    out += [KeepTogether([grid(data, [width * 0.24, *([rest] * (len(NOTICE_COLS) + 1))], total=True)]),
            Spacer(1, 8),
            Paragraph(escape(RULES), ParagraphStyle("satisfaction_rules", st["caption"], alignment=TA_LEFT))]
    return out
