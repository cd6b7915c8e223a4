"""The counter's closing as an Excel workbook for the accountant: sheet 1 the summary (as the PDF,
app/services/fees/closing.py ClosingSheet), sheet 2 every payment it counts (time, dossier, payer,
method, reference, amount, receipt identifier or state), with real numbers and dates in the cells
and the total a formula over the amounts."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from printing.closing_pdf import CORRECTION_TITLE, METHODS, TITLE, difference_words

INTEGER = "#,##0"
WHEN = "dd/mm/yyyy hh:mm"
DAY = "dd/mm/yyyy"
BOLD = Font(bold=True)
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
LINE_HEAD = ("STT", "Thời gian", "Mã hồ sơ", "Thủ tục", "Người nộp", "Hình thức", "Mã giao dịch", "Số tiền (đồng)",
             "Biên lai")
LINE_WIDTHS = (6, 17, 22, 40, 26, 18, 20, 15, 40)


def _head(ws, row: int, headings) -> None:
    for c, text in enumerate(headings, 1):
        cell = ws.cell(row, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN


def _pair(ws, row: int, label: str, value, fmt: str | None = None) -> int:
    ws.cell(row, 1, label)
    cell = ws.cell(row, 2, value)
    if fmt:
        cell.number_format = fmt
    return row + 1


def _summary(wb: Workbook, sheet) -> None:
    v = sheet.view
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.cell(1, 1, TITLE if v.kind == "closing" else CORRECTION_TITLE).font = Font(bold=True, size=13)
    ws.cell(2, 1, f"{sheet.unit} · Quầy số {v.counter_number} · Ngày {v.day:%d/%m/%Y}")
    r = 4
    r = _pair(ws, r, "Số chốt sổ", v.id)
    r = _pair(ws, r, "Mã (UUID)", v.uuid)
    r = _pair(ws, r, "Người chốt sổ" if v.kind == "closing" else "Người ghi điều chỉnh", v.closed_by)
    r = _pair(ws, r, "Thời điểm", v.closed_at, WHEN)
    if v.kind == "correction":
        t = sheet.corrected_closing
        r = _pair(ws, r, "Điều chỉnh lần chốt sổ số", t.id)
        r = _pair(ws, r, "Số tiền điều chỉnh (đồng)", v.difference, INTEGER)
        r = _pair(ws, r, "Lý do", v.note or "")
        _widths(ws, {1: 38, 2: 40})
        return
    r = _pair(ws, r, "Khoản nộp đầu tiên", v.period_from, WHEN)
    r = _pair(ws, r, "Khoản nộp cuối cùng", v.period_to, WHEN)
    r += 1
    _head(ws, r, ("Hình thức nộp", "Số khoản", "Số tiền (đồng)"))
    r += 1
    counts = {m: 0 for m, _ in METHODS}
    for line in sheet.lines:
        counts[line.method] = counts.get(line.method, 0) + 1
    totals = {"cash": v.cash_total, "transfer": v.transfer_total, "online": v.online_total}
    first = r
    for m, label in METHODS:
        ws.cell(r, 1, label)
        ws.cell(r, 2, counts[m]).number_format = INTEGER
        ws.cell(r, 3, totals[m]).number_format = INTEGER
        r += 1
    ws.cell(r, 1, "Tổng cộng").font = BOLD
    for c in (2, 3):
        col = get_column_letter(c)
        cell = ws.cell(r, c, f"=SUM({col}{first}:{col}{r - 1})")
        cell.number_format, cell.font = INTEGER, BOLD
    r += 2
    r = _pair(ws, r, "Tiền mặt thu theo sổ (đồng)", v.cash_total, INTEGER)
    r = _pair(ws, r, "Tiền mặt đếm được (đồng)", v.cash_counted, INTEGER)
    r = _pair(ws, r, "Chênh lệch (đồng, đếm được − theo sổ)", v.difference, INTEGER)
    r = _pair(ws, r, "Chênh lệch", difference_words(v.difference))
    r = _pair(ws, r, "Đã điều chỉnh sau khi chốt (đồng)", v.corrected, INTEGER)
    r = _pair(ws, r, "Điều chỉnh kỳ trước ghi nhận từ lần chốt trước (đồng)", v.corrections, INTEGER)
    r = _pair(ws, r, "Khoản nộp chưa có biên lai đã phát hành", v.receipts_pending, INTEGER)
    r = _pair(ws, r, "Ghi chú", v.note or "")
    r += 1
    _head(ws, r, ("Biên lai: mẫu số", "Ký hiệu", "Từ số", "Đến số", "Số biên lai"))
    r += 1
    for template, symbol, lo, hi, count in sheet.receipt_ranges:
        for c, value in enumerate((template, symbol, lo, hi, count), 1):
            ws.cell(r, c, value)
        r += 1
    r += 1
    _head(ws, r, ("Thủ tục", "Số khoản", "Số tiền (đồng)"))
    r += 1
    for name, n, amount in sheet.by_procedure:
        ws.cell(r, 1, name)
        ws.cell(r, 2, n).number_format = INTEGER
        ws.cell(r, 3, amount).number_format = INTEGER
        r += 1
    _widths(ws, {1: 52, 2: 40, 3: 16, 4: 12, 5: 12})


def _payments(wb: Workbook, sheet) -> None:
    ws = wb.create_sheet("Các khoản nộp")
    _head(ws, 1, LINE_HEAD)
    for i, line in enumerate(sheet.lines, 1):
        row = (i, line.time, line.dossier_code, line.procedure, line.payer, line.method_label, line.reference,
               line.amount, line.receipt)
        for c, value in enumerate(row, 1):
            cell = ws.cell(i + 1, c, value)
            if c == 2:
                cell.number_format = WHEN
            elif c == 8:
                cell.number_format = INTEGER
    last = len(sheet.lines) + 1
    total = last + 1
    ws.cell(total, 7, "Tổng cộng").font = BOLD
    cell = ws.cell(total, 8, f"=SUM(H2:H{last})" if sheet.lines else 0)
    cell.number_format, cell.font = INTEGER, BOLD
    ws.freeze_panes = "A2"
    _widths(ws, dict(enumerate(LINE_WIDTHS, 1)))


def _widths(ws, widths: dict[int, float]) -> None:
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


def build_closing_xlsx(sheet) -> bytes:
    wb = Workbook()
    _summary(wb, sheet)
    if sheet.view.kind == "closing":
        _payments(wb, sheet)
    wb.properties.title = TITLE
    wb.properties.creator = "Một Cửa"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
