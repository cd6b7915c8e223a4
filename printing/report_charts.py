"""The report's charts, drawn as vectors with ReportLab's own chart library (no extra dependency).
Every label, axis and legend is set in the Vietnamese serif: ReportLab's default Helvetica has no
Vietnamese letters and would print boxes. Each function returns None when there is nothing to
draw, so the PDF prints a sentence instead of an empty frame."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.report import Counts, QueueRow, Row, YearRow
from app.formatting import number, percent
from printing.fonts import serif_fonts

PALETTE = [colors.HexColor(c) for c in ("#1f5f99", "#e08a1e", "#3a9a5b", "#b83b3b", "#7b4fa0", "#6b7b8c",
                                        "#2bb3c0", "#c9a227")]
LABEL_SIZE = 7.5


def _font() -> str:
    return serif_fonts().regular


def _legend(pairs: list, x: float, y: float, width: float | None = None) -> tuple[Legend, float]:
    """A legend hung from (x, y): as many columns as fit in `width` (one if None). Returns it and
    its height, so the chart below can make room for it."""
    legend = Legend()
    legend.fontName, legend.fontSize = _font(), LABEL_SIZE + 0.5
    legend.x, legend.y, legend.alignment, legend.boxAnchor = x, y, "right", "nw"
    legend.dx = legend.dy = 7
    legend.deltay, legend.deltax, legend.dxTextSpace = 11, 10, 6
    legend.strokeColor = None
    legend.colorNamePairs = pairs
    column = max(stringWidth(name, legend.fontName, legend.fontSize) for _, name in pairs) + 7 + 6 + 10 + 8
    columns = max(1, min(len(pairs), int(width // column))) if width else 1
    rows = -(-len(pairs) // columns)
    legend.columnMaximum = rows
    return legend, rows * legend.deltay


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bars(width: float, height: float, data: list[list[float]], names: list[str], left: float = 34,
          bottom: float = 22) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 8, height - bottom - 18
    chart.data = data
    chart.categoryAxis.categoryNames = names
    font = _font()
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName, labels.fontSize = font, LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = number
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.visibleGrid = True
    chart.barLabels.nudge = 6
    chart.barLabelFormat = number
    chart.barSpacing, chart.groupSpacing = 1, 8
    for i, color in enumerate(PALETTE):
        chart.bars[i].fillColor, chart.bars[i].strokeColor = color, None
    # Leave headroom above the tallest bar for its label.
    top = max((v for series in data for v in series), default=0)
    if top:
        chart.valueAxis.valueMax = top * 1.15
    return chart


def channel_pie(total: Counts, width: float, height: float) -> Drawing | None:
    """Dossiers received by channel: a pie, and a legend with the counts and shares."""
    parts = [("Trực tuyến", total.online), ("Trực tiếp", total.in_person),
             ("Qua bưu chính", total.post)]
    if total.received == 0 or not any(v for _, v in parts):
        return None
    d = Drawing(width, height)
    pie = Pie()
    size = min(height - 16, width * 0.38)
    pie.x, pie.y, pie.width, pie.height = 6, (height - size) / 2, size, size
    shown = [(i, v) for i, (_, v) in enumerate(parts) if v]  # a zero slice draws a stray line
    pie.data = [v for _, v in shown]
    pie.labels = None
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 1
    for k, (i, _) in enumerate(shown):
        pie.slices[k].fillColor = PALETTE[i]
    d.add(pie)
    pairs = [(PALETTE[i], f"{name}: {number(v)} ({percent(v / total.received)})")
             for i, (name, v) in enumerate(parts)]
    d.add(_legend(pairs, size + 16, height / 2 + 18)[0])
    return d


def resolved_bars(total: Counts, width: float, height: float) -> Drawing | None:
    """Dossiers resolved early, on time and late: one bar each, coloured as a traffic light."""
    if total.resolved == 0:
        return None
    d = Drawing(width, height)
    chart = _bars(width, height, [[total.early, total.on_time, total.late]], ["Trước hạn", "Đúng hạn", "Quá hạn"])
    chart.barWidth = 10
    for i, color in enumerate((PALETTE[2], PALETTE[0], PALETTE[3])):
        chart.bars[(0, i)].fillColor = color
    d.add(chart)
    return d


def _month_name(key: str) -> str:
    year, _, month = key.partition("-")
    return f"{month}/{year}" if month else key


def month_bars(rows: list[Row], width: float, height: float) -> Drawing | None:
    """Received per month, all channels beside online, with a legend above."""
    if not rows or not any(r.counts.received for r in rows):
        return None
    d = Drawing(width, height)
    long = len(rows) > 8
    # Long periods: month names slanted at 45° (no overlap down to ~16 pt a month), every n-th one
    # past two years, and no numbers on the thin bars.
    step = -(-len(rows) // 24)
    names = [_month_name(r.key) if i % step == 0 else "" for i, r in enumerate(rows)]
    chart = _bars(width, height - 14, [[r.counts.received for r in rows], [r.counts.online for r in rows]],
                  names, left=40, bottom=40 if long else 22)
    if long:
        chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 45, "ne"
        chart.categoryAxis.labels.dx, chart.categoryAxis.labels.dy = 4, -2
        chart.barLabelFormat = None
    d.add(chart)
    d.add(_legend([(PALETTE[0], "Hồ sơ tiếp nhận"), (PALETTE[1], "Trong đó trực tuyến")], 40, height - 2,
                  width - 40)[0])
    return d


def year_share_bars(years: list[YearRow], width: float, height: float) -> Drawing | None:
    """The articles' series: online level 3 and 4 over all dossiers, year by year, in percent; from
    the online classes' first year (no levels), every online dossier."""
    if not years or not any(y.received for y in years):
        return None
    d = Drawing(width, height)
    shares = [y.online_share for y in years]
    chart = _bars(width, height, [[(s or 0) * 100 for s in shares]], [str(y.year) for y in years])
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = 110, 20
    chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f} %" if v <= 100 else ""
    chart.barLabelFormat = "values"  # ReportLab's switch to the labels given in barLabelArray
    chart.barLabelArray = [[percent(s) for s in shares]]
    chart.barWidth = 10
    d.add(chart)
    return d


def _hour(value: float) -> str:
    return f"{int(value)}h" if value == int(value) else ""


def queue_wait_lines(queue: list[QueueRow], width: float, height: float) -> Drawing | None:
    """Mean waiting minutes by the hour the ticket was taken: one line per service group."""
    series: dict[str, list[tuple[int, float]]] = {}
    names: dict[str, str] = {}
    for q in queue:
        if q.hour is not None and q.waiting.mean is not None:
            series.setdefault(q.group_code, []).append((q.hour, q.waiting.mean))
            names[q.group_code] = q.group_name
    if not series:
        return None
    colours = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(series)}
    legend, legend_height = _legend([(colours[c], _short(f"{c} – {names[c]}")) for c in series], 36, height - 2,
                                    width - 36)
    d = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 36, 22, width - 36 - 10, height - 22 - legend_height - 12
    plot.data = [sorted(points) for points in series.values()]
    hours = [h for points in plot.data for h, _ in points]
    font = _font()
    for labels in (plot.xValueAxis.labels, plot.yValueAxis.labels):
        labels.fontName, labels.fontSize = font, LABEL_SIZE
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(hours) - 0.5, max(hours) + 0.5
    plot.xValueAxis.valueSteps = list(range(min(hours), max(hours) + 1))
    plot.xValueAxis.labelTextFormat = _hour
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(m for points in plot.data for _, m in points) * 1.15 or 1
    plot.yValueAxis.labelTextFormat = number
    plot.yValueAxis.visibleGrid, plot.yValueAxis.gridStrokeColor = True, colors.HexColor("#dddddd")
    for i, code in enumerate(series):
        color = colours[code]
        plot.lines[i].strokeColor, plot.lines[i].strokeWidth = color, 1.5
        plot.lines[i].symbol = makeMarker("FilledCircle", size=3.5, fillColor=color, strokeColor=color)
    d.add(plot)
    d.add(legend)
    return d
