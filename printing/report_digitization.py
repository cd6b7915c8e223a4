"""The digitization figures (app/domain/digitization_report.py) in the report's exports: a sheet of
the workbook and a section of the PDF, each with the three tables (by officer, procedure, month)
and the rule they are counted by. Every share beside its numerator and denominator, so an
inspector can check it; in the workbook the shares and totals are formulas over those cells."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from app.domain.digitization_report import (
    RULES,
    DigitizationCounts,
    DigitizationFigures,
    DigitizationRow,
)
from app.domain.report import Report
from app.formatting import number, percent

SHEET = "Số hóa"
SECTION = "X. SỐ HÓA HỒ SƠ, KẾT QUẢ VÀ TÁI SỬ DỤNG"
NO_DOSSIER = "Không có hồ sơ trong kỳ báo cáo."

# The workbook's columns after the two key columns: (heading, field) for a count; a share is
# (heading, None, numerator field, denominator field).
XLSX_COLS = (
    ("Tiếp nhận", "received"), ("Nộp trực tuyến (không phải số hóa)", "exempt_online"),
    ("Không có giấy phải số hóa", "no_paper"), ("Phải số hóa khi tiếp nhận", "intake_due"),
    ("Số hóa đủ khi tiếp nhận", "intake_done"),
    ("Tỷ lệ số hóa khi tiếp nhận", None, "intake_done", "intake_due"),
    ("Có kết quả", "results"), ("Kết quả có tệp", "results_with_file"),
    ("Tỷ lệ kết quả được số hóa", None, "results_with_file", "results"),
    ("Thành phần đã số hóa", "lines_digitized"), ("Thành phần tái sử dụng", "lines_reused"),
    ("Trong đó lấy từ kho dữ liệu trên Cổng DVCQG", "lines_reused_portal"),
    ("Tỷ lệ tái sử dụng", None, "lines_reused", "lines_digitized"),
)
# Caption (workbook), first heading (PDF), key headings (workbook), the figures' list.
TABLES = (("Theo cán bộ tiếp nhận", "Cán bộ tiếp nhận", ("Tên đăng nhập", "Họ tên"), "by_officer"),
          ("Theo thủ tục", "Thủ tục", ("Mã thủ tục", "Tên thủ tục"), "by_procedure"),
          ("Theo tháng (kết quả: tháng có kết quả)", "Tháng", ("Tháng", ""), "by_month"))
BOLD = Font(bold=True)
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
PERCENT, INTEGER = "0.0%", "#,##0"


# ---- the workbook ---------------------------------------------------------------------------
def _month_cell(key: str) -> date:
    y, m = key.split("-")
    return date(int(y), int(m), 1)


def _xlsx_table(ws, top: int, caption: str, keys: tuple[str, str], rows: list[DigitizationRow],
                monthly: bool) -> int:
    """One table from row `top`: caption, headings, a row per slice, a total row. The next free row."""
    ws.cell(top, 1, caption).font = BOLD
    head = top + 1
    for c, text in enumerate((*keys, *(col[0] for col in XLSX_COLS)), 1):
        cell = ws.cell(head, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN
    ws.row_dimensions[head].height = 62
    letters = {col[1]: get_column_letter(3 + i) for i, col in enumerate(XLSX_COLS) if col[1]}

    def fill(r: int, counts: DigitizationCounts | None, first: int, last: int) -> None:
        for i, col in enumerate(XLSX_COLS):
            cell = ws.cell(r, 3 + i)
            if col[1] is None:  # a share: empty, not #DIV/0!, when there is nothing to divide
                num, den = letters[col[2]], letters[col[3]]
                cell.value, cell.number_format = f'=IF({den}{r}=0,"",{num}{r}/{den}{r})', PERCENT
            elif counts is None:
                letter = letters[col[1]]
                cell.value, cell.number_format = f"=SUM({letter}{first}:{letter}{last})", INTEGER
            else:
                cell.value, cell.number_format = getattr(counts, col[1]), INTEGER

    if not rows:
        ws.cell(head + 1, 1, NO_DOSSIER)
        return head + 3
    return slice_rows(ws, head, rows, monthly, fill)


def slice_rows(ws, head: int, rows: list, monthly: bool, fill) -> int:
    """Below the headings at row `head`: a row per slice (its key, or its month, and its label;
    `fill(r, counts, 0, 0)` writes its figures), then the total row (`fill(r, None, first, last)`
    sums them). Shared by the report's figure sheets. The next free row."""
    for i, row in enumerate(rows):
        r = head + 1 + i
        if monthly:
            key = ws.cell(r, 1, _month_cell(row.key))
            key.number_format = "mm/yyyy"
        else:
            ws.cell(r, 1, row.key)
            ws.cell(r, 2, row.label).alignment = Alignment(wrap_text=True, vertical="top")
        fill(r, row.counts, 0, 0)
    total = head + 1 + len(rows)
    ws.cell(total, 1, "Tổng cộng")
    fill(total, None, head + 1, total - 1)
    for cell in ws[total]:
        cell.font = BOLD
    return total + 2


def digitization_sheet(wb: Workbook, report: Report, title: str) -> None:
    figures: DigitizationFigures | None = report.digitization
    if figures is None:
        return
    ws = wb.create_sheet(SHEET)
    ws.cell(1, 1, f"{title} · SỐ HÓA").font = Font(bold=True, size=13)
    f = report.filter
    ws.cell(2, 1, f"Từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y} · {report.agency_name}")
    nxt = 4
    for caption, _first, keys, attr in TABLES:
        nxt = _xlsx_table(ws, nxt, caption, keys, getattr(figures, attr), attr == "by_month")
    ws.cell(nxt, 1, RULES).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=nxt, start_column=1, end_row=nxt, end_column=2 + len(XLSX_COLS))
    ws.row_dimensions[nxt].height = 105
    names = max((len(r.label) for r in figures.by_procedure + figures.by_officer), default=12)
    widths = {1: 14, 2: min(max(names + 2, 14), 50), **{3 + i: 13 for i in range(len(XLSX_COLS))}}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


# ---- the PDF --------------------------------------------------------------------------------
def _pdf_cells(c: DigitizationCounts) -> list[str]:
    return [number(c.received), number(c.intake_due), number(c.intake_done), percent(c.intake_share),
            number(c.results), number(c.results_with_file), percent(c.result_share),
            number(c.lines_digitized), number(c.lines_reused), percent(c.reuse_share)]


# Two heading rows: the three figures' groups over their numerator, denominator and share.
PDF_GROUPS = ("Số hóa khi tiếp nhận (hồ sơ)", "Kết quả được số hóa (hồ sơ)", "Tái sử dụng (thành phần)")
PDF_HEADS = ("Tiếp nhận", "Phải số hóa", "Số hóa đủ", "Tỷ lệ", "Có kết quả", "Có tệp kết quả", "Tỷ lệ",
             "Đã số hóa", "Tái sử dụng", "Tỷ lệ")


def digitization_section(report: Report, st, width: float, grid) -> list:
    """Section X of the PDF; `grid` is the report's ruled-table maker (printing/report_pdf.py)."""
    figures = report.digitization
    if figures is None:
        return []
    t = figures.total
    summary: list = [["Chỉ tiêu", "Đạt", "Trên tổng số", "Tỷ lệ"],
                     ["Hồ sơ số hóa khi tiếp nhận", number(t.intake_done), number(t.intake_due),
                      percent(t.intake_share)],
                     ["Kết quả được số hóa", number(t.results_with_file), number(t.results), percent(t.result_share)],
                     ["Thành phần hồ sơ tái sử dụng", number(t.lines_reused), number(t.lines_digitized),
                      percent(t.reuse_share)]]
    rows = [[Paragraph(escape(r[0]), st["cell"]), *r[1:]] for r in summary[1:]]
    out: list = [CondPageBreak(60 * mm), Paragraph(SECTION, st["section"]),
                 grid([summary[0], *rows], [width * 0.46, width * 0.18, width * 0.18, width * 0.18]),
                 Paragraph(escape(f"Hồ sơ tiếp nhận {number(t.received)}: nộp trực tuyến (không phải số hóa) "
                                  f"{number(t.exempt_online)}, không có giấy phải số hóa {number(t.no_paper)}, "
                                  f"phải số hóa {number(t.intake_due)}. Thành phần lấy từ kho dữ liệu trên Cổng "
                                  f"DVCQG: {number(t.lines_reused_portal)}."), st["body"]),
                 Spacer(1, 6)]
    labels = {"by_officer": lambda r: f"{r.label} ({r.key})" if r.key else r.label,
              "by_procedure": lambda r: f"{r.key} – {r.label}", "by_month": lambda r: r.label}
    for _caption, first, _keys, attr in TABLES:
        slices: list[DigitizationRow] = getattr(figures, attr)
        if not slices:
            body = [Paragraph(NO_DOSSIER, st["empty"])]
        else:
            def h(text: str) -> Paragraph:
                return Paragraph(text, st["cellh"])

            data: list = [[h(first), h(PDF_HEADS[0]), h(PDF_GROUPS[0]), "", "", h(PDF_GROUPS[1]), "", "",
                           h(PDF_GROUPS[2]), "", ""],
                          ["", "", *(h(x) for x in PDF_HEADS[1:])]]
            total = DigitizationCounts()
            for r in slices:
                data.append([Paragraph(escape(labels[attr](r)), st["cell"]), *_pdf_cells(r.counts)])
                total.add(r.counts)
            data.append(["Tổng cộng", *_pdf_cells(total)])
            key = 0.25 if attr != "by_month" else 0.14
            rest = width * (1 - key) / len(PDF_HEADS)
            table = grid(data, [width * key, *([rest] * len(PDF_HEADS))], total=True, head_rows=2)
            table.setStyle([("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)),
                            ("SPAN", (5, 0), (7, 0)), ("SPAN", (8, 0), (10, 0))])
            body = [table]
        out += [KeepTogether(body[:1]), *body[1:], Spacer(1, 8)]
    out.append(Paragraph(escape(RULES), ParagraphStyle("rules", st["caption"], alignment=TA_LEFT)))
    return out
