"""The supervisors' report (app/domain/report.py) as an A4 PDF: the figures the agencies publish
(DOMAIN.md §2) as tables, with vector charts beside them. Plain data in, file out: no database."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from app.domain.report import Counts, QueueRow, Report, Row, TimeStats, online_classes, share
from app.domain.satisfaction_report import SatisfactionFigures
from app.files import write_atomically
from app.formatting import number, percent
from printing.fonts import serif_fonts
from printing.layout import header, table
from printing.report_charts import (
    channel_pie,
    month_bars,
    queue_wait_lines,
    resolved_bars,
    year_share_bars,
)
from printing.report_digitization import digitization_section
from printing.report_satisfaction import satisfaction_section
from printing.report_xlsx import (
    CHECK_LINES,
    FILTER_CAPTIONS,
    TITLE,
    summary_lines,
    year_share_heading,
)

GRID = colors.HexColor("#777777")
HEAD_FILL = colors.HexColor("#e6edf5")
TOTAL_FILL = colors.HexColor("#f3f3f3")
NO_QUEUE = "Không có vé xếp hàng trong kỳ báo cáo."
NO_DOSSIER = "Không có hồ sơ trong kỳ báo cáo."
NO_RECEIVED = "Không có hồ sơ tiếp nhận trong kỳ báo cáo."


def _styles() -> dict[str, ParagraphStyle]:
    f = serif_fonts()
    base = ParagraphStyle("body", fontName=f.regular, fontSize=10.5, leading=13, alignment=TA_LEFT)
    return {
        "body": base,
        "center": ParagraphStyle("center", base, alignment=TA_CENTER),
        "head": ParagraphStyle("head", base, fontSize=10.5, leading=13, alignment=TA_CENTER),
        "title": ParagraphStyle("title", base, fontName=f.bold, fontSize=13, leading=16.5, alignment=TA_CENTER,
                                spaceBefore=10, spaceAfter=3),
        "section": ParagraphStyle("section", base, fontName=f.bold, fontSize=11, leading=14, spaceBefore=9,
                                  spaceAfter=4),
        "caption": ParagraphStyle("caption", base, fontName=f.italic, fontSize=9, leading=11, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10),
        "cellh": ParagraphStyle("cellh", base, fontName=f.bold, fontSize=8.5, leading=10, alignment=TA_CENTER),
        "empty": ParagraphStyle("empty", base, fontName=f.italic, fontSize=10, leading=12.5),
    }


def _grid(rows: list, widths: list[float], *, total: bool = False, bold_rows=(), head_rows: int = 1) -> object:
    """A ruled table: heading rows shaded and repeated across pages, numbers right-aligned."""
    f = serif_fonts()
    commands = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5), ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_FILL),
                ("ALIGN", (1, head_rows), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if total:
        commands += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL), ("FONTNAME", (0, -1), (-1, -1), f.bold)]
    commands += [("FONTNAME", (0, r), (-1, r), f.bold) for r in bold_rows]
    return table(rows, widths, commands, repeatRows=head_rows)


def _scope(report: Report) -> str:
    labels = report.filter_labels or {}
    if not labels:
        return "Phạm vi: toàn bộ hồ sơ của cơ quan."
    return "; ".join(f"{FILTER_CAPTIONS.get(k, k)}: {v}" for k, v in labels.items()) + "."


def _summary(report: Report, st, width: float, lines=None):
    """The figures of `lines` (the summary's, without the checks of section IX, by default)."""
    t = report.total
    rows: list = [["Chỉ tiêu", "Số lượng", "Tỷ lệ", "Tính trên"]]
    bold_rows = []
    for line in lines or summary_lines(report, checks=False):
        value = line.value(t)
        rate = percent(share(value, getattr(t, line.whole))) if line.whole else ""
        rows.append([Paragraph(("&nbsp;" * 5 * line.indent) + escape(line.label), st["cell"]), number(value),
                     rate, line.whole_words])
        if line.indent == 0:
            bold_rows.append(len(rows) - 1)
    grid = _grid(rows, [width * 0.5, width * 0.15, width * 0.13, width * 0.22], bold_rows=bold_rows)
    grid.setStyle([("ALIGN", (3, 1), (3, -1), "LEFT"), ("ALIGN", (0, 0), (-1, 0), "CENTER")])
    return grid


def _chart_pair(left, right, captions: tuple[str, str], empties: tuple[str, str], st, width: float):
    cells = []
    for drawing, caption, empty in zip((left, right), captions, empties, strict=True):
        body = drawing if drawing is not None else Paragraph(empty, st["empty"])
        cells.append([body, Paragraph(caption, st["caption"])])
    return table([cells], [width / 2, width / 2], [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                                   ("ALIGN", (0, 0), (-1, -1), "CENTER")])


def _chart(drawing, caption: str, empty: str | None, st) -> list:
    if drawing is None:
        return [Paragraph(empty, st["empty"])] if empty else []
    return [KeepTogether([drawing, Paragraph(caption, st["caption"]), Spacer(1, 6)])]


def _count_table(rows: list[Row], first: str, cols, st, width: float, label_of=lambda r: r.label,
                 key_share: float = 0.38) -> list:
    """One row per slice and a total row: `cols` are (heading, function of Counts -> text)."""
    if not rows:
        return [Paragraph(NO_DOSSIER, st["empty"])]
    data: list = [[Paragraph(first, st["cellh"]), *(Paragraph(h, st["cellh"]) for h, _ in cols)]]
    total = Counts()
    for r in rows:
        data.append([Paragraph(escape(label_of(r)), st["cell"]), *(fn(r.counts) for _, fn in cols)])
        total.add(r.counts)
    data.append(["Tổng cộng", *(fn(total) for _, fn in cols)])
    rest = width * (1 - key_share) / len(cols)
    return [_grid(data, [width * key_share, *([rest] * len(cols))], total=True)]


def _n(field: str):
    return lambda c: number(c.figure(field))


RECEIVED_COLS = [("Tiếp nhận", _n("received")), ("Trực tuyến", _n("online")), ("Trực tiếp", _n("in_person")),
                 ("Bưu chính", _n("post")), ("Tỷ lệ trực tuyến", lambda c: percent(c.online_share))]
RESOLVED_COLS = [("Đã giải quyết", _n("resolved")), ("Trước, đúng hạn", lambda c: number(c.early + c.on_time)),
                 ("Quá hạn", _n("late")), ("Tỷ lệ đúng hạn", lambda c: percent(c.on_time_share))]
RETURNED_COLS = [("Đã trả", _n("returned")), ("Trả qua bưu chính", _n("returned_by_post")),
                 ("Tỷ lệ qua bưu chính", lambda c: percent(c.post_share))]
REPEAT_COL = ("Yêu cầu bổ sung từ lần 2", _n("repeat_supplement"))  # Decree 118/2025 Art. 11


def _minutes(v: float | None) -> str:
    return "–" if v is None else number(round(v, 1))


def _queue_tables(queue: list[QueueRow], st, width: float) -> list:
    def stats(s: TimeStats) -> list[str]:
        return [_minutes(s.mean), _minutes(s.p50), _minutes(s.p90)]

    def h(text: str) -> Paragraph:
        return Paragraph(text, st["cellh"])

    out = []
    for hourly, caption in ((False, "Theo nhóm dịch vụ, cả ngày"), (True, "Theo nhóm dịch vụ và giờ lấy số")):
        rows = [q for q in queue if (q.hour is not None) == hourly]
        if not rows:
            continue
        data: list = [[h("Nhóm" + (", giờ lấy số" if hourly else "")), h("Số vé"), h("Đã phục vụ"), h("Không đến"),
                       h("Thời gian chờ (phút)"), "", "", h("Thời gian phục vụ (phút)"), "", ""],
                      ["", "", "", "", *([h("Trung bình"), h("Trung vị"), h("Phân vị 90")] * 2)]]
        for q in rows:
            name = f"{q.group_code} – {q.group_name}" + (f", {q.hour}h–{q.hour + 1}h" if hourly else "")
            data.append([Paragraph(escape(name), st["cell"]), number(q.issued), number(q.served), number(q.no_show),
                         *stats(q.waiting), *stats(q.service)])
        grid = _grid(data, [width * 0.28, *([width * 0.08] * 9)], head_rows=2)
        grid.setStyle([*(("SPAN", (c, 0), (c, 1)) for c in range(4)), ("SPAN", (4, 0), (6, 0)),
                       ("SPAN", (7, 0), (9, 0))])
        # The caption goes with the table's first rows, never alone at the foot of a page.
        out += [KeepTogether([Paragraph(caption, st["caption"]), Spacer(1, 2), grid]), Spacer(1, 8)]
    return out


def _years_table(report: Report, st, width: float) -> list:
    if not report.years:
        return []
    data: list = [[Paragraph(h, st["cellh"]) for h in ("Năm", "Tiếp nhận", "Trực tuyến", "Mức độ 3", "Mức độ 4",
                                                       year_share_heading())]]
    for y in report.years:  # no level after the historical years: "–"
        data.append([str(y.year), number(y.received), number(y.online),
                     *("–" if v is None else number(v) for v in (y.level3, y.level4)), percent(y.online_share)])
    return [_grid(data, [width * 0.14, *([width * 0.172] * 5)])]


def build_report_pdf(report: Report, satisfaction: SatisfactionFigures | None = None) -> bytes:
    fonts = serif_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=16 * mm, topMargin=15 * mm,
                            bottomMargin=16 * mm, invariant=1, initialFontName=fonts.regular, title=TITLE,
                            author=report.agency_name, creator="Một Cửa")
    st, w = _styles(), doc.width
    f, t = report.filter, report.total
    half = w / 2 - 6
    story: list = [
        header(st, w, "", report.agency_name, None, report.generated_at,
               f"Mã đơn vị: {report.unit_code}" if report.unit_code else None),
        Paragraph(TITLE.replace(" HỒ SƠ", "<br/>HỒ SƠ"), st["title"]),
        Paragraph(f"Từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y}", st["center"]),
        Paragraph(f"<i>{escape(_scope(report))}</i>", st["center"]),
        Paragraph("I. SỐ LIỆU TỔNG HỢP", st["section"]), _summary(report, st, w), Spacer(1, 8),
        KeepTogether(_chart_pair(channel_pie(t, half, 120 if t.received else 30),
                                 resolved_bars(t, half, 120 if t.resolved else 30),
                                 ("Hồ sơ tiếp nhận theo hình thức nộp", "Kết quả giải quyết"),
                                 (NO_RECEIVED, "Không có hồ sơ giải quyết xong trong kỳ báo cáo."), st, w)),
        CondPageBreak(70 * mm), Paragraph("II. THEO THÁNG", st["section"]),
        *_chart(month_bars(report.by_month, w, 170), "Hồ sơ tiếp nhận theo tháng",
                NO_RECEIVED if report.by_month else None, st),  # no months at all: the table says so
        *_count_table(report.by_month, "Tháng", RECEIVED_COLS, st, w, label_of=lambda r: r.label or r.key,
                      key_share=0.2),
        CondPageBreak(70 * mm), Paragraph("III. QUA CÁC NĂM", st["section"]),
        *_chart(year_share_bars(report.years, w, 150), "Tỷ lệ hồ sơ trực tuyến qua các năm"
                f" (mức độ 3, 4 đến năm {online_classes().classes_from.year - 1})",
                "Không có số liệu các năm.", st),
        *_years_table(report, st, w),
        CondPageBreak(50 * mm), Paragraph("IV. THEO THỦ TỤC", st["section"]),
        *_count_table(report.by_procedure, "Thủ tục", [*RECEIVED_COLS[:2], RECEIVED_COLS[4], *RESOLVED_COLS,
                                                       *RETURNED_COLS[1:2], REPEAT_COL], st, w,
                      label_of=lambda r: f"{r.key} – {r.label}", key_share=0.34),
        CondPageBreak(50 * mm), Paragraph("V. THEO LĨNH VỰC", st["section"]),
        *_count_table(report.by_sector, "Lĩnh vực", [*RECEIVED_COLS[:2], RECEIVED_COLS[4], *RESOLVED_COLS,
                                                     *RETURNED_COLS[1:2], REPEAT_COL], st, w,
                      key_share=0.34),
        CondPageBreak(50 * mm), Paragraph("VI. THEO CÁN BỘ", st["section"]),
        *_count_table(report.by_officer, "Cán bộ", [*RECEIVED_COLS,
                                                    ("Hướng dẫn nộp trực tuyến", _n("guided"))], st, w,
                      label_of=lambda r: f"{r.label} ({r.key})" if r.key else r.label),
        CondPageBreak(50 * mm), Paragraph("VII. THEO QUẦY", st["section"]),
        *_count_table(report.by_counter, "Quầy", [*RECEIVED_COLS, *RETURNED_COLS], st, w,
                      label_of=lambda r: r.label or f"Quầy {r.key}"),
        CondPageBreak(80 * mm), Paragraph("VIII. HÀNG CHỜ", st["section"]),
        *_chart(queue_wait_lines(report.queue, w, 160), "Thời gian chờ trung bình theo giờ lấy số (phút)",
                NO_QUEUE, st),
        *_queue_tables(report.queue, st, w),
        # Decree 118/2025 Art. 11 (one supplement request) and Decision 766 item 4.5 (VNeID).
        CondPageBreak(60 * mm), Paragraph("IX. YÊU CẦU BỔ SUNG NHIỀU LẦN, KIỂM TRA DANH TÍNH NGƯỜI NỘP",
                                          st["section"]),
        _summary(report, st, w, CHECK_LINES),
        # Decision 766 group 4: digitization at intake, of results, and reuse.
        *digitization_section(report, st, w, _grid),
        # Citizens' satisfaction ratings (Decision 766) and the notices sent to them, when built.
        *satisfaction_section(report, satisfaction, st, w, _grid),
    ]

    def page_number(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(fonts.italic, 8.5)
        line = f"Từ {f.start:%d/%m/%Y} đến {f.end:%d/%m/%Y} · Trang {document.page}"
        if stringWidth(f"{report.agency_name} · {line}", fonts.italic, 8.5) < w:  # a long name: left out
            line = f"{report.agency_name} · {line}"
        canvas.drawRightString(A4[0] - document.rightMargin, 9 * mm, line)
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


def write_report_pdf(report: Report, path: Path, satisfaction: SatisfactionFigures | None = None) -> Path:
    """Raises OSError when the file cannot be written; then nothing is left at `path`."""
    path = Path(path)
    write_atomically(path, build_report_pdf(report, satisfaction))
    return path
