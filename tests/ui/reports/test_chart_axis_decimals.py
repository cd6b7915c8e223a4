"""A chart's value axis writes every tick so that two ticks never read the same: waits under a
minute show decimals (0,2 0,4 …, not 0 0 0 1), whole counts stay whole."""

from PySide6.QtCore import Qt

from app.domain.report import QueueRow, TimeStats
from ui.main import make_app
from ui.reports.charts import QueueChart, tick_decimals


def _row(hour: int, p50: float, p90: float) -> QueueRow:
    stats = TimeStats(count=5, mean=p50, p50=p50, p90=p90)
    return QueueRow("HT", "Tư pháp - Hộ tịch", hour, 5, 5, 0, stats, stats)


def _ticks(chart) -> tuple[str, list[str]]:
    """The axis' label format and its ticks written with it (as C's printf would)."""
    (y,) = chart.axes(Qt.Orientation.Vertical)
    fmt = y.labelFormat()
    step = (y.max() - y.min()) / (y.tickCount() - 1)
    return fmt, [fmt % (y.min() + i * step) for i in range(y.tickCount())]


def test_waits_under_a_minute_show_decimals(qtbot):
    make_app()
    box = QueueChart()
    qtbot.addWidget(box)
    box.set_rows([_row(8, 0.2, 0.5), _row(9, 0.3, 0.8)], "HT")
    fmt, ticks = _ticks(box.chart())
    assert fmt != "%.0f" and float(ticks[-1]) < 2
    assert len(set(ticks)) == len(ticks), ticks  # no two ticks read the same


def test_whole_minutes_stay_whole(qtbot):
    make_app()
    box = QueueChart()
    qtbot.addWidget(box)
    box.set_rows([_row(8, 12.0, 31.0), _row(9, 18.0, 44.0)], "HT")
    fmt, ticks = _ticks(box.chart())
    assert fmt == "%.0f" and len(set(ticks)) == len(ticks)


def test_tick_decimals():
    assert [tick_decimals(0, 1, 6), tick_decimals(0, 1, 5), tick_decimals(0, 50, 6), tick_decimals(0, 0.05, 6)] == [
        1, 2, 0, 2]
