"""The supervisors' report (app/domain/report.py) as an Excel workbook for clerks: real numbers in
the cells, and every share and total a formula over the cells beside it, so a clerk who corrects
a figure or copies a table into the province's template keeps working sums."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.report import Counts, QueueRow, Report, Row, online_classes
from app.domain.satisfaction_report import SatisfactionFigures
from app.files import write_atomically
from printing.report_digitization import digitization_sheet
from printing.report_satisfaction import satisfaction_sheet

TITLE = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"
PERCENT = "0.0%"
INTEGER = "#,##0"
MINUTES = "0.0"
BOLD = Font(bold=True)
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
FILTER_CAPTIONS = {"procedure": "Thủ tục", "sector": "Lĩnh vực", "channel": "Hình thức nộp",
                   "counter": "Quầy"}
NO_DATA = "Không có số liệu trong kỳ báo cáo."


@dataclass(frozen=True)
class SummaryLine:
    """One figure of the summary: the sum of `fields`, and its share of `whole` when given."""

    label: str
    fields: tuple[str, ...]
    indent: int = 0
    whole: str | None = None
    whole_words: str = ""  # what the share is of, for the reader

    def value(self, counts: Counts) -> int:
        return sum(counts.figure(f) for f in self.fields)


_REC, _RES, _RET = ("received", "hồ sơ tiếp nhận"), ("resolved", "hồ sơ đã giải quyết"), ("returned", "kết quả đã trả")
_RECEIVED_LINES = (
    SummaryLine("Hồ sơ tiếp nhận trong kỳ", ("received",)),
    SummaryLine("Nộp trực tuyến", ("online",), 1, *_REC),
    SummaryLine("Nộp trực tiếp", ("in_person",), 1, *_REC),
    SummaryLine("Nộp qua bưu chính công ích", ("post",), 1, *_REC),
)
# Online levels belong to the historical series (periods before the online classes).
_LEVEL_LINES = (
    SummaryLine("Trực tuyến mức độ 3", ("level3",), 2, *_REC),
    SummaryLine("Trực tuyến mức độ 4", ("level4",), 2, *_REC),
)
IDENTITY = ("id_card_seen", "id_card_qr", "id_vneid", "id_passport", "id_unrecorded")
IDENTITY_LABELS = {"id_card_seen": "Xuất trình thẻ căn cước, CCCD", "id_card_qr": "Đọc mã QR trên thẻ",
                   "id_vneid": "Tài khoản định danh điện tử VNeID mức 2", "id_passport": "Hộ chiếu",
                   "id_unrecorded": "Chưa ghi nhận"}
_REST_LINES = (
    SummaryLine("Hồ sơ trực tuyến chờ tiếp nhận", ("waiting_online",)),
    SummaryLine("Hồ sơ từ chối tiếp nhận", ("refused",)),
    SummaryLine("Hồ sơ kỳ trước chuyển sang", ("carried_over",)),
    SummaryLine("Hồ sơ đã giải quyết", ("resolved",)),
    SummaryLine("Trước hạn", ("early",), 1, *_RES),
    SummaryLine("Đúng hạn", ("on_time",), 1, *_RES),
    SummaryLine("Quá hạn", ("late",), 1, *_RES),
    SummaryLine("Trước hạn và đúng hạn", ("early", "on_time"), 1, *_RES),
    SummaryLine("Hồ sơ đang giải quyết cuối kỳ", ("open",)),
    SummaryLine("Trong đó quá hạn", ("open_overdue",), 1, "open", "hồ sơ đang giải quyết"),
    SummaryLine("Kết quả đã trả", ("returned",)),
    SummaryLine("Trả qua bưu chính công ích", ("returned_by_post",), 1, *_RET),
    SummaryLine("Trả trực tuyến", ("returned_online",), 1, *_RET),
    SummaryLine("Người dân được hướng dẫn nộp trực tuyến", ("guided",)),
)
CHECK_LINES = (
    # Decree 118/2025 Art. 11: one supplement request; these were asked again (with approval).
    SummaryLine("Hồ sơ yêu cầu bổ sung từ lần thứ hai", ("repeat_supplement",)),
    # Decision 766/QĐ-TTg item 4.5 counts the filers verified with VNeID.
    SummaryLine("Hồ sơ tiếp nhận theo cách kiểm tra danh tính người nộp", IDENTITY),
    *(SummaryLine(IDENTITY_LABELS[f], (f,), 1, *_REC) for f in IDENTITY),
)


def summary_lines(report: Report, checks: bool = True) -> tuple[SummaryLine, ...]:
    """The summary's figures: online dossiers by level for a historical period, by the catalog's
    online-service class (the data file's list) for a current one; then (`checks`) repeated
    supplement requests and how identity was checked."""
    online = _LEVEL_LINES if report.historical else tuple(
        SummaryLine(f"Trực tuyến {label[:1].lower()}{label[1:]}", (f"class:{code}",), 2, *_REC)
        for code, label in report.online_classes)
    return (*_RECEIVED_LINES, *online, *_REST_LINES, *(CHECK_LINES if checks else ()))


@dataclass(frozen=True)
class Col:
    """A column of a per-slice table: a Counts field, or the share sum(parts) / whole."""

    heading: str
    field: str | None = None  # a Counts figure (Counts.figure: "class:<code>" too)
    parts: tuple[str, ...] = ()
    whole: str = ""


def _share(heading: str, whole: str, *parts: str) -> Col:
    return Col(heading, parts=parts, whole=whole)


RECEIVED_COLS = (Col("Tiếp nhận", "received"), Col("Trực tuyến", "online"), Col("Trực tiếp", "in_person"),
                 Col("Qua bưu chính", "post"), _share("Tỷ lệ trực tuyến", "received", "online"))
RETURNED_COLS = (Col("Đã trả kết quả", "returned"), Col("Trả qua bưu chính", "returned_by_post"),
                 _share("Tỷ lệ trả qua bưu chính", "returned", "returned_by_post"),
                 Col("Trả trực tuyến", "returned_online"))
GUIDED_COL = Col("Được hướng dẫn nộp trực tuyến", "guided")


def full_cols(report: Report) -> tuple[Col, ...]:
    """A procedure's or a sector's every figure; the online dossiers by level (historical period)
    or by the catalog's class (current)."""
    online = ((Col("Mức độ 3", "level3"), Col("Mức độ 4", "level4")) if report.historical
              else tuple(Col(label, f"class:{code}") for code, label in report.online_classes))
    return (*RECEIVED_COLS, *online, Col("Trực tuyến chờ tiếp nhận", "waiting_online"),
            Col("Từ chối tiếp nhận", "refused"), Col("Kỳ trước chuyển sang", "carried_over"),
            Col("Đã giải quyết", "resolved"), Col("Trước hạn", "early"), Col("Đúng hạn", "on_time"),
            Col("Quá hạn", "late"), _share("Tỷ lệ trước hạn và đúng hạn", "resolved", "early", "on_time"),
            Col("Đang giải quyết cuối kỳ", "open"), Col("Trong đó quá hạn", "open_overdue"),
            *RETURNED_COLS, GUIDED_COL, Col("Yêu cầu bổ sung từ lần thứ hai", "repeat_supplement"),
            Col("Xác thực qua VNeID", "id_vneid"), _share("Tỷ lệ xác thực qua VNeID", "received", "id_vneid"))


# The slices carry what the domain says they count (app/domain/report.py): a month and an officer
# the dossiers received (and an officer the citizens guided), a counter those received and returned.
MONTH_COLS = RECEIVED_COLS
OFFICER_COLS = (*RECEIVED_COLS, GUIDED_COL)
COUNTER_COLS = (*RECEIVED_COLS, *RETURNED_COLS)


def _head(ws: Worksheet, row: int, headings: list[str]) -> None:
    for c, text in enumerate(headings, 1):
        cell = ws.cell(row, c, text)
        cell.font, cell.alignment = BOLD, HEAD_ALIGN
    ws.row_dimensions[row].height = 48


def _title(ws: Worksheet, text: str, report: Report) -> None:
    ws.cell(1, 1, text).font = Font(bold=True, size=13)
    f = report.filter
    ws.cell(2, 1, f"Từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y} · {report.agency_name}")


def _widths(ws: Worksheet, widths: dict[int, float]) -> None:
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


def _heading_width(text: str) -> float:
    # Headings wrap: as wide as the longest word, and no more than ~16 characters a line.
    return max(max(len(w) for w in text.split()) + 2, min(len(text), 16) + 2, 9)


def _share_formula(cells: dict[str, str], col: Col) -> str:
    num = "+".join(cells[p] for p in col.parts)
    num = f"({num})" if len(col.parts) > 1 else num
    return f'=IF({cells[col.whole]}=0,"",{num}/{cells[col.whole]})'


def _counts_row(ws: Worksheet, r: int, first: int, cols, counts: Counts | None, sums: tuple[int, int] | None) -> None:
    """Counts from `first` on: values, or (on a total row) SUM(first..last data row); shares as formulas."""
    cells = {col.field: f"{get_column_letter(first + i)}{r}" for i, col in enumerate(cols) if col.field}
    for i, col in enumerate(cols):
        cell = ws.cell(r, first + i)
        if col.field and sums:
            letter = get_column_letter(first + i)
            cell.value, cell.number_format = f"=SUM({letter}{sums[0]}:{letter}{sums[1]})", INTEGER
        elif col.field:
            cell.value, cell.number_format = counts.figure(col.field), INTEGER
        else:
            cell.value, cell.number_format = _share_formula(cells, col), PERCENT


def _month_key(key: str) -> date | str:
    try:
        y, m = key.split("-")
        return date(int(y), int(m), 1)
    except ValueError:
        return key


def _number_key(key: str) -> int | str:
    return int(key) if key.isdigit() else key


def _rows_sheet(wb: Workbook, name: str, report: Report, rows: list[Row], keys: tuple[str, ...], cols,
                key_value=lambda key: key, key_format: str | None = None) -> None:
    """A table of slices: the key (and label) columns, then `cols`, then a total row."""
    ws = wb.create_sheet(name)
    _title(ws, f"{TITLE} · {name.upper()}", report)
    head = 4
    _head(ws, head, [*keys, *(c.heading for c in cols)])
    first = len(keys) + 1
    ws.freeze_panes = ws.cell(head + 1, first)
    widths = {c: _heading_width(k) for c, k in enumerate(keys, 1)}
    widths |= {first + i: _heading_width(c.heading) for i, c in enumerate(cols)}
    for i, row in enumerate(rows):
        r = head + 1 + i
        key = ws.cell(r, 1, key_value(row.key))
        if key_format:
            key.number_format = key_format
        if len(keys) > 1:
            ws.cell(r, 2, row.label).alignment = Alignment(wrap_text=True, vertical="top")
            widths[2] = max(widths[2], min(len(row.label) + 2, 60))
        widths[1] = max(widths[1], len(row.key) + 3)
        _counts_row(ws, r, first, cols, row.counts, None)
    if not rows:
        ws.cell(head + 1, 1, NO_DATA)
    else:
        total = head + 1 + len(rows)
        ws.cell(total, 1, "Tổng cộng")
        _counts_row(ws, total, first, cols, None, (head + 1, total - 1))
        for cell in ws[total]:
            cell.font = BOLD
    _widths(ws, widths)


def _summary(wb: Workbook, report: Report) -> None:
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=13)
    f = report.filter
    meta: list[tuple[str, object, str | None]] = [
        ("Cơ quan", report.agency_name, None), ("Mã đơn vị", report.unit_code, None),
        ("Từ ngày", f.start, "dd/mm/yyyy"), ("Đến ngày", f.end, "dd/mm/yyyy"),
        ("Ngày lập báo cáo", report.generated_at.replace(tzinfo=None), "dd/mm/yyyy hh:mm")]
    labels = report.filter_labels or {}
    meta += [(FILTER_CAPTIONS.get(k, k), v, None) for k, v in labels.items()]
    if not labels:
        meta.append(("Phạm vi", "Toàn bộ hồ sơ của cơ quan", None))
    for r, (caption, value, fmt) in enumerate(meta, 3):
        ws.cell(r, 1, caption).font = BOLD
        cell = ws.cell(r, 2, value)
        cell.alignment = Alignment(horizontal="left")
        if fmt:
            cell.number_format = fmt
    head = 3 + len(meta) + 1
    _head(ws, head, ["Chỉ tiêu", "Số lượng", "Tỷ lệ", "Tính trên"])
    ws.row_dimensions[head].height = 20
    ws.freeze_panes = ws.cell(head + 1, 1)
    lines = summary_lines(report)
    rows = {line.fields: head + 1 + i for i, line in enumerate(lines)}
    for line, r in zip(lines, rows.values(), strict=True):
        ws.cell(r, 1, line.label).alignment = Alignment(indent=2 * line.indent)
        if line.indent == 0:
            ws.cell(r, 1).font = BOLD
        value = ws.cell(r, 2)
        value.number_format = INTEGER
        # A figure made of others (early + on time) is their sum, so it follows a correction.
        value.value = (line.value(report.total) if len(line.fields) == 1
                       else "=" + "+".join(f"B{rows[(f,)]}" for f in line.fields))
        if line.whole:
            whole = f"B{rows[(line.whole,)]}"
            ws.cell(r, 3, f'=IF({whole}=0,"",B{r}/{whole})').number_format = PERCENT
            ws.cell(r, 4, line.whole_words)
    # The agency's name and the filters spill over the empty cells to their right, as in Excel.
    _widths(ws, {1: 44, 2: 16, 3: 10, 4: 24})


MINUTE_STATS = (("Chờ: số lượt", "Chờ: trung bình (phút)", "Chờ: trung vị (phút)", "Chờ: phân vị 90 (phút)"),
                ("Phục vụ: số lượt", "Phục vụ: trung bình (phút)", "Phục vụ: trung vị (phút)",
                 "Phục vụ: phân vị 90 (phút)"))


def _queue_table(ws: Worksheet, top: int, caption: str, rows: list[QueueRow], hourly: bool) -> int:
    """The table from row `top`; returns the next free row."""
    ws.cell(top, 1, caption).font = BOLD
    keys = ["Mã nhóm", "Tên nhóm", *(["Giờ"] if hourly else [])]
    head = top + 1
    _head(ws, head, [*keys, "Số vé phát", "Đã phục vụ", "Không đến", "Tỷ lệ không đến",
                     *MINUTE_STATS[0], *MINUTE_STATS[1]])
    n = len(keys)
    for i, q in enumerate(rows):
        r = head + 1 + i
        ws.cell(r, 1, q.group_code)
        ws.cell(r, 2, q.group_name)
        if hourly:
            ws.cell(r, 3, q.hour).number_format = '00":00"'
        for j, v in enumerate((q.issued, q.served, q.no_show)):
            ws.cell(r, n + 1 + j, v).number_format = INTEGER
        issued, no_show = (get_column_letter(n + k) for k in (1, 3))
        ws.cell(r, n + 4, f'=IF({issued}{r}=0,"",{no_show}{r}/{issued}{r})').number_format = PERCENT
        for k, stats in enumerate((q.waiting, q.service)):
            c = n + 5 + 4 * k
            ws.cell(r, c, stats.count).number_format = INTEGER
            for j, v in enumerate((stats.mean, stats.p50, stats.p90), 1):
                ws.cell(r, c + j, v).number_format = MINUTES
    if not rows:
        ws.cell(head + 1, 1, "Không có vé xếp hàng trong kỳ báo cáo.")
        return head + 3
    total, first, last = head + 1 + len(rows), head + 1, head + len(rows)
    ws.cell(total, 1, "Tổng cộng")

    def rng(c: int) -> str:
        letter = get_column_letter(c)
        return f"{letter}{first}:{letter}{last}"

    for c in (n + 1, n + 2, n + 3, n + 5, n + 9):
        ws.cell(total, c, f"=SUM({rng(c)})").number_format = INTEGER
    issued, no_show = (get_column_letter(n + k) for k in (1, 3))
    ws.cell(total, n + 4, f'=IF({issued}{total}=0,"",{no_show}{total}/{issued}{total})').number_format = PERCENT
    for count_col in (n + 5, n + 9):
        # The day's mean is the mean of the groups' means weighted by their samples; medians and
        # percentiles do not combine that way, so the total row leaves them empty.
        mean = f'=IF(SUM({rng(count_col)})=0,"",SUMPRODUCT({rng(count_col)},{rng(count_col + 1)})/SUM({rng(count_col)}))'
        ws.cell(total, count_col + 1, mean).number_format = MINUTES
    for cell in ws[total]:
        cell.font = BOLD
    return total + 2


def _queue(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet("Hàng chờ")
    _title(ws, f"{TITLE} · HÀNG CHỜ", report)
    groups = [q for q in report.queue if q.hour is None]
    hours = [q for q in report.queue if q.hour is not None]
    nxt = _queue_table(ws, 4, "Theo nhóm dịch vụ (cả ngày)", groups, hourly=False)
    _queue_table(ws, nxt, "Theo nhóm dịch vụ và giờ lấy số", hours, hourly=True)
    ws.freeze_panes = "C6"
    names = max((len(q.group_name) for q in report.queue), default=10)
    _widths(ws, {1: 10, 2: min(max(names + 2, 12), 40), 3: 11, **{c: 13 for c in range(4, 17)}})


def year_share_heading() -> str:
    """The years' share: of level 3 and 4 dossiers up to the last historical year, of every online
    one after (the year comes from the online classes' data file)."""
    return f"Tỷ lệ trực tuyến (mức độ 3, 4 đến năm {online_classes().classes_from.year - 1})"


def _years(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet("Qua các năm")
    _title(ws, f"{TITLE} · QUA CÁC NĂM", report)
    head = 4
    _head(ws, head, ["Năm", "Tiếp nhận", "Trực tuyến", "Trực tuyến mức độ 3", "Trực tuyến mức độ 4",
                     year_share_heading()])
    ws.freeze_panes = ws.cell(head + 1, 2)
    for i, y in enumerate(report.years):
        r = head + 1 + i
        ws.cell(r, 1, y.year)
        for c, v in enumerate((y.received, y.online, y.level3, y.level4), 2):
            ws.cell(r, c, v).number_format = INTEGER  # no level after the historical years: empty
        share = f"(D{r}+E{r})/B{r}" if y.level3 is not None else f"C{r}/B{r}"  # the online share then
        ws.cell(r, 6, f'=IF(B{r}=0,"",{share})').number_format = PERCENT
    if report.years:
        total, last = head + 1 + len(report.years), head + len(report.years)
        ws.cell(total, 1, "Tổng cộng")
        for c in "BCDE":
            ws[f"{c}{total}"] = f"=SUM({c}{head + 1}:{c}{last})"
            ws[f"{c}{total}"].number_format = INTEGER
        share = (f"(D{total}+E{total})/B{total}" if all(y.level3 is not None for y in report.years)
                 else f"C{total}/B{total}")  # levels for some years only: the share of every online one
        ws.cell(total, 6, f'=IF(B{total}=0,"",{share})').number_format = PERCENT
        for cell in ws[total]:
            cell.font = BOLD
    else:
        ws.cell(head + 1, 1, NO_DATA)
    _widths(ws, {1: 12, 2: 12, 3: 12, 4: 14, 5: 14, 6: 16})


def build_report_xlsx(report: Report, satisfaction: SatisfactionFigures | None = None) -> bytes:
    wb = Workbook()
    _summary(wb, report)
    _rows_sheet(wb, "Theo tháng", report, report.by_month, ("Tháng",), MONTH_COLS, _month_key, "mm/yyyy")
    _rows_sheet(wb, "Theo thủ tục", report, report.by_procedure, ("Mã thủ tục", "Tên thủ tục"), full_cols(report))
    _rows_sheet(wb, "Theo lĩnh vực", report, report.by_sector, ("Mã lĩnh vực", "Tên lĩnh vực"), full_cols(report))
    _rows_sheet(wb, "Theo cán bộ", report, report.by_officer, ("Tên đăng nhập", "Họ tên"), OFFICER_COLS)
    _rows_sheet(wb, "Theo quầy", report, report.by_counter, ("Quầy", "Tên quầy"), COUNTER_COLS,
                _number_key)
    _queue(wb, report)
    _years(wb, report)
    digitization_sheet(wb, report, TITLE)
    satisfaction_sheet(wb, report, satisfaction, TITLE)
    wb.properties.title = TITLE
    wb.properties.creator = "Một Cửa"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_report_xlsx(report: Report, path: Path, satisfaction: SatisfactionFigures | None = None) -> Path:
    """Raises OSError when the file cannot be written; then nothing is left at `path`."""
    path = Path(path)
    write_atomically(path, build_report_xlsx(report, satisfaction))
    return path
