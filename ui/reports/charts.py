# QtCharts, not matplotlib: already installed (PySide6-Addons), native vector charts in the app's font, no second rendering stack.
"""The charts of the reports page: received by channel, resolved early / on time / late, received
per month by channel, the online share year on year, and the queue's waiting time per hour.

Each chart is a ChartBox: a QChartView, or a short message in its place when there is nothing to
draw (an empty chart with bare axes reads as "zero", which is not what an empty period means)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from app.domain.report import Counts, QueueRow, Row, YearRow, share
from app.formatting import number, percent

# One colour per meaning, the same in every chart: online blue, in person green, post orange.
ONLINE, IN_PERSON, POST = QColor("#1f77b4"), QColor("#2e7d32"), QColor("#ef8a17")
EARLY, ON_TIME, LATE = QColor("#2e7d32"), QColor("#1f77b4"), QColor("#c62828")
LEVEL3, LEVEL4 = QColor("#64a0d8"), QColor("#1a4f8b")
P50, P90 = QColor("#1f77b4"), QColor("#ef8a17")


class ChartBox(QStackedWidget):
    """A chart, or the message saying why there is none."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(260, 200)
        self.message = QLabel()
        self.message.setObjectName(name + "Empty")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555; border: 1px solid #ddd; background: white;")
        self.addWidget(self.view)
        self.addWidget(self.message)
        self.show_empty("")

    def chart(self) -> QChart | None:
        """The chart shown, or None when the message is shown."""
        return self.view.chart() if self.currentWidget() is self.view else None

    def show_chart(self, chart: QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)  # the view owns the new chart and lets go of the old one
        if old is not None and old is not chart:
            old.deleteLater()
        self.setCurrentWidget(self.view)

    def show_empty(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def new_chart(self, title: str) -> QChart:
        """A chart in the widget's font: title bold, legend at the bottom, numbers localised
        (Vietnamese: 1.234 and 97,5)."""
        chart = QChart()
        chart.setLocalizeNumbers(True)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # screenshots and tests see the end state
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        base = QFont(self.font())
        title_font = QFont(base)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitle(title)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 7))
        chart.legend().setFont(small)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def bar_axes(self, chart: QChart, series: QAbstractBarSeries, categories: list[str],
                 top: float | None = None, unit: str = "") -> None:
        small = chart.legend().font()
        x = QBarCategoryAxis()
        x.append(categories)
        x.setLabelsFont(small)
        y = QValueAxis()
        y.setLabelsFont(small)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        y.setRange(0, top if top is not None else y.max())
        y.applyNiceNumbers()  # ticks at 0, 50, 100 … rather than 0, 63, 126
        # Whole numbers while the ticks are whole; a wait under a minute reads 0,2 0,4 …, not 0 0 0 1.
        y.setLabelFormat(f"%.{tick_decimals(y.min(), y.max(), y.tickCount())}f" + (" " + unit if unit else ""))


def tick_decimals(low: float, high: float, ticks: int) -> int:
    """The fewest decimals (up to 3) that write every tick of the axis exactly."""
    step = (high - low) / max(ticks - 1, 1)
    decimals = 0
    while decimals < 3 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    return decimals


def bar_set(label: str, values: list[float], colour: QColor) -> QBarSet:
    s = QBarSet(label)
    s.append([float(v) for v in values])
    s.setColor(colour)
    s.setBorderColor(colour)
    s.setLabelColor(QColor("#263238"))  # the theme's white labels vanish above a bar
    return s


class ChannelChart(ChartBox):
    """Received in the period, by channel: a pie, each slice with its share."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("channelChart", parent)

    def set_counts(self, c: Counts) -> None:
        if not c.received:
            self.show_empty(self.tr("No dossier was received in this period."))
            return
        chart = self.new_chart(self.tr("Received by channel ({n} dossiers)").format(n=number(c.received)))
        pie = QPieSeries()
        pie.setPieSize(0.7)
        names = []
        for label, n, colour in ((self.tr("Online"), c.online, ONLINE), (self.tr("In person"), c.in_person, IN_PERSON),
                                 (self.tr("By post"), c.post, POST)):
            if n:
                piece = pie.append(percent(share(n, c.received)), n)
                piece.setColor(colour)
                piece.setBorderColor(QColor("white"))
                piece.setLabelVisible(True)
                piece.setLabelArmLengthFactor(0.08)
                names.append(label)
        # The biggest slice centred at 9 o'clock leaves the thin ones around 3 o'clock, where
        # their labels stack one above the other instead of writing over each other.
        values = [piece.value() for piece in pie.slices()]
        big = values.index(max(values))
        start = 270 - (sum(values[:big]) + values[big] / 2) / sum(values) * 360
        pie.setPieStartAngle(start)
        pie.setPieEndAngle(start + 360)
        chart.addSeries(pie)
        for marker, name in zip(chart.legend().markers(pie), names, strict=True):
            marker.setLabel(name)  # the channel in the legend, its share on the pie
        self.show_chart(chart)


class ResolvedChart(ChartBox):
    """Dossiers whose result was ready in the period: early, on time, late."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("resolvedChart", parent)

    def set_counts(self, c: Counts) -> None:
        if not c.resolved:
            self.show_empty(self.tr("No dossier was resolved in this period."))
            return
        chart = self.new_chart(self.tr("Resolved: {n}, on time or early {share}")
                               .format(n=number(c.resolved), share=percent(c.on_time_share)))
        series = QBarSeries()
        for label, n, colour in ((self.tr("Early"), c.early, EARLY), (self.tr("On time"), c.on_time, ON_TIME),
                                 (self.tr("Late"), c.late, LATE)):
            series.append(bar_set(label, [n], colour))
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(12)  # whole numbers, never 1,2e+03
        chart.addSeries(series)
        # Room above the tallest bar for its label.
        self.bar_axes(chart, series, [self.tr("Dossiers")], top=max(c.early, c.on_time, c.late) * 1.2)
        self.show_chart(chart)


class MonthlyChart(ChartBox):
    """Received per month, stacked by channel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("monthlyChart", parent)

    def set_rows(self, rows: list[Row]) -> None:
        if not any(r.counts.received for r in rows):
            self.show_empty(self.tr("No dossier was received in this period."))
            return
        chart = self.new_chart(self.tr("Received per month, by channel"))
        series = QStackedBarSeries()
        for label, field, colour in ((self.tr("Online"), "online", ONLINE),
                                     (self.tr("In person"), "in_person", IN_PERSON),
                                     (self.tr("By post"), "post", POST)):
            series.append(bar_set(label, [getattr(r.counts, field) for r in rows], colour))
        chart.addSeries(series)
        one_year = len({r.key[:4] for r in rows}) == 1
        # "T3" within one year, "T3/25" across years: short enough for 12 to 24 bars side by side.
        months = [self.tr("M{m}").format(m=int(r.key[5:7])) + ("" if one_year else f"/{r.key[2:4]}") for r in rows]
        self.bar_axes(chart, series, months)
        self.show_chart(chart)


class YearsChart(ChartBox):
    """The seed articles' series: the share of online dossiers (level 3 + level 4) per year; from the
    online classes' first year (no levels) the share of every online dossier."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("yearsChart", parent)

    def set_years(self, years: list[YearRow]) -> None:
        if not any(y.received for y in years):
            self.show_empty(self.tr("No dossier in these years."))
            return
        chart = self.new_chart(self.tr("Online share per year"))
        series = QStackedBarSeries()
        series.append(bar_set(self.tr("Level 3"), [_pct(y.level3 or 0, y.received) for y in years], LEVEL3))
        series.append(bar_set(self.tr("Level 4"), [_pct(y.level4 or 0, y.received) for y in years], LEVEL4))
        if any(y.level3 is None for y in years):
            series.append(bar_set(self.tr("Online"), [_pct(y.online if y.level3 is None else 0, y.received)
                                                      for y in years], ONLINE))
        chart.addSeries(series)
        # The total share above each bar: invisible points carrying labels (a stacked bar's own
        # labels would sit inside its two parts).
        totals = QScatterSeries()
        for i, y in enumerate(years):
            totals.append(QPointF(i, 100 * (y.online_share or 0)))
        totals.setMarkerSize(10)  # its label sits above the (invisible) marker, clear of the bar
        totals.setColor(QColor(0, 0, 0, 0))
        totals.setBorderColor(QColor(0, 0, 0, 0))
        totals.setPointLabelsVisible(True)
        for i, y in enumerate(years):  # each label written as everywhere else: "20,0 %", "–"
            totals.setPointConfiguration(i, {QXYSeries.PointConfiguration.LabelFormat: percent(y.online_share)})
        totals.setPointLabelsClipping(False)
        totals.setPointLabelsFont(chart.legend().font())
        chart.addSeries(totals)
        top = max(100 * (y.online_share or 0) for y in years)
        self.bar_axes(chart, series, [str(y.year) for y in years], top=min(100.0, max(10.0, top * 1.15)), unit="%")
        totals.attachAxis(chart.axes(Qt.Orientation.Horizontal)[0])
        totals.attachAxis(chart.axes(Qt.Orientation.Vertical)[0])
        chart.legend().markers(totals)[0].setVisible(False)
        self.show_chart(chart)


def _pct(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


class QueueChart(ChartBox):
    """Minutes from taking a ticket to reaching a counter, per hour the ticket was taken: the
    median citizen and the 90th percentile (the long waits a median hides)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("queueChart", parent)

    def set_rows(self, rows: list[QueueRow], group_code: str | None) -> None:
        hours = sorted((r for r in rows if r.group_code == group_code and r.hour is not None
                        and r.waiting.count), key=lambda r: r.hour)
        if not hours:
            self.show_empty(self.tr("No queue ticket was served in this period."))
            return
        name = hours[0].group_name
        # Two lines: a group's name ("Tư pháp - Hộ tịch") is as long as the rest of the title.
        chart = self.new_chart(self.tr("Minutes waited, per hour the ticket was taken") + "<br>" + name)
        series = QBarSeries()
        series.append(bar_set(self.tr("Median"), [round(r.waiting.p50 or 0, 1) for r in hours], P50))
        series.append(bar_set(self.tr("90th percentile"), [round(r.waiting.p90 or 0, 1) for r in hours], P90))
        chart.addSeries(series)
        self.bar_axes(chart, series, [str(r.hour) for r in hours])  # "10h" would be cut to "1…" in the summary
        self.show_chart(chart)


def busiest_group(rows: list[QueueRow]) -> str | None:
    """The group that issued the most tickets: the one the summary shows."""
    days = [r for r in rows if r.hour is None]
    return max(days, key=lambda r: r.issued).group_code if days else None
