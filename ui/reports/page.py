"""Báo cáo: the figures agencies report every period (DOMAIN.md §2) for a supervisor: a period and
filters, key-figure tiles, charts, and one table per slice (procedure, sector, officer, counter,
queue, year), the digitization figures (ui/reports/digitization_tab.py), and the satisfaction ratings and
notices (ui/reports/satisfaction_tab.py, built beside the report); exported to Excel or PDF as shown.

A yearly report over a million dossiers takes a couple of seconds, so it is built on a worker
thread (each `db.reading()` opens its own session) and only the newest request may fill the page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import now_local
from app.domain.permissions import Actor
from app.domain.report import Report, ReportFilter, online_classes
from app.domain.satisfaction_report import SatisfactionFigures
from app.domain.vocab import Channel
from app.errors import UserError
from app.formatting import day, moment, number
from db.engine import Database
from printing.report_export import write_report
from ui.intake.procedure_picker import ProcedureChoice, ProcedurePicker
from ui.ops import CrashNotice, op
from ui.reports.charts import (
    ChannelChart,
    MonthlyChart,
    QueueChart,
    ResolvedChart,
    YearsChart,
    busiest_group,
    percent,
)
from ui.reports.digitization_tab import DigitizationTab
from ui.reports.fees_tab import FeesTab
from ui.reports.satisfaction_tab import SatisfactionTab
from ui.reports.tables import Column, FigureModel, FigureTable, Tile
from ui.widgets import DONE_STYLE, ERROR_STYLE, page_title

log = logging.getLogger("motcua.ui")
# A save dialog: (parent, caption, suggested path, filter) -> the chosen path, or "" if cancelled.
SaveDialog = Callable[[QWidget, str, str, str], str]


def period_range(key: str, today: date) -> tuple[date, date]:
    """The quick periods. One still running ends today: its open and overdue figures are those of
    today, not of a future day."""
    quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    first_of_month = today.replace(day=1)
    ranges = {
        "this_month": (first_of_month, today),
        "last_month": ((first_of_month - timedelta(days=1)).replace(day=1), first_of_month - timedelta(days=1)),
        "this_quarter": (quarter, today),
        "first_half": (date(today.year, 1, 1), min(date(today.year, 6, 30), today)),
        "this_year": (date(today.year, 1, 1), today),
        "last_year": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    }
    return ranges[key]


def build_figures(db: Database, actor: Actor, flt: ReportFilter, now: datetime) -> tuple:
    """The report and, beside it under the same filters, the satisfaction ratings and notices; and
    the fee report of its period and counter (ui/reports/fees_tab.py)."""
    from app.services.reports.fees import fee_report
    from app.services.reports.report import build_report
    from app.services.reports.satisfaction import build_satisfaction

    return (build_report(db, actor, flt, now), build_satisfaction(db, actor, flt),
            fee_report(db, actor, flt.start, flt.end, counter_id=flt.counter_id, now=now))


def _save_dialog(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filters)[0]


class ReportsPage(QWidget):
    PERIODS = ("this_month", "last_month", "this_quarter", "first_half", "this_year", "last_year", "custom")

    def __init__(self, db: Database, actor: Actor, clock: Callable[[], datetime] = now_local,
                 data_dir: Path | None = None, parent: QWidget | None = None, *,
                 save_dialog: SaveDialog = _save_dialog):
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.db, self.actor, self.clock, self.save_dialog = db, actor, clock, save_dialog
        self.export_dir = (data_dir or Path.home()) / "reports"
        self.report: Report | None = None
        self.satisfaction_figures: SatisfactionFigures | None = None  # built with the report shown
        self.busy = False
        self._request = 0  # the newest request: an older one's result is dropped
        self._asked: ReportFilter | None = None
        self._shown_once = False
        self._setting_period = False

        self._choices, refusal = self._load_options()
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        layout.addLayout(self._filter_rows())
        layout.addLayout(self._state_row())
        layout.addLayout(self._tiles())
        layout.addWidget(self._tabs(), 1)
        self.notice = QLabel()
        self.notice.setObjectName("reportNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notice)
        self._fill_options()
        self.set_period("this_month")
        if refusal:
            self.show_notice(refusal)
        self._enable()

    # ---- building ---------------------------------------------------------------------------
    def _title_row(self) -> QHBoxLayout:
        self.xlsx_button = QPushButton(self.tr("Export to Excel"))
        self.xlsx_button.setObjectName("exportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self.tr("Export to PDF"))
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        row = QHBoxLayout()
        row.addWidget(page_title(self.tr("Reports on administrative procedures")))
        row.addStretch(1)
        row.addWidget(self.xlsx_button)
        row.addWidget(self.pdf_button)
        return row

    def _filter_rows(self) -> QGridLayout:
        names = {"this_month": self.tr("This month"), "last_month": self.tr("Last month"),
                 "this_quarter": self.tr("This quarter"), "first_half": self.tr("First half of the year"),
                 "this_year": self.tr("This year"), "last_year": self.tr("Last year"),
                 "custom": self.tr("Other dates")}
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        for key in self.PERIODS:
            self.period.addItem(names[key], key)
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, name in ((self.start, "reportFrom"), (self.end, "reportTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _d: self._dates_edited())
        self.procedure = ProcedurePicker(self._choices)
        self.procedure.setObjectName("reportProcedure")
        self.procedure.setClearButtonEnabled(True)
        self.procedure.setPlaceholderText(self.tr("All procedures (type to search)"))
        self.procedure.setToolTip(self.tr(
            "Type a procedure's name or code, with or without diacritics, then pick it from the list."))
        self.procedure.textChanged.connect(lambda _t: self._filters_changed())
        self.sector, self.channel, self.counter = QComboBox(), QComboBox(), QComboBox()
        for combo, name in ((self.sector, "reportSector"), (self.channel, "reportChannel"),
                            (self.counter, "reportCounter")):
            combo.setObjectName(name)
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.sector.setMinimumContentsLength(16)
        self.sector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.channel.addItem(self.tr("All channels"), None)
        for ch in (Channel.ONLINE, Channel.IN_PERSON, Channel.POST):
            self.channel.addItem(ch.label, ch)
        self.run_button = QPushButton(self.tr("Show the report"))
        self.run_button.setObjectName("runReport")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)

        # Two rows that fit the page at 1280×800: the period and the button; then what to narrow to.
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Period:")), 0, 0)
        period = QHBoxLayout()
        for w in (self.period, QLabel(self.tr("from")), self.start, QLabel(self.tr("to")), self.end):
            period.addWidget(w)
        period.addStretch(1)
        period.addWidget(self.run_button)
        grid.addLayout(period, 0, 1)
        grid.addWidget(QLabel(self.tr("Procedure:")), 1, 0)
        narrow = QHBoxLayout()
        narrow.addWidget(self.procedure, 3)
        for label, combo in ((self.tr("Sector:"), self.sector), (self.tr("Channel:"), self.channel),
                             (self.tr("Counter:"), self.counter)):
            narrow.addSpacing(8)
            narrow.addWidget(QLabel(label))
            narrow.addWidget(combo, 2 if combo is self.sector else 0)
        grid.addLayout(narrow, 1, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _state_row(self) -> QHBoxLayout:
        self.caption = QLabel(self.tr("Choose a period and press «Show the report»."))
        self.caption.setObjectName("reportCaption")
        self.caption.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportBusy")
        self.progress.setRange(0, 0)  # no percentage to tell: just that it is working
        self.progress.setFixedWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.progress)
        return row

    def _tiles(self) -> QHBoxLayout:
        self.tiles = {
            "received": Tile("tileReceived", self.tr("Dossiers received")),
            "online": Tile("tileOnline", self.tr("Filed online")),
            "on_time": Tile("tileOnTime", self.tr("Resolved on time or early")),
            "post": Tile("tilePost", self.tr("Results returned by post")),
            "open": Tile("tileOpen", self.tr("Being processed at the end")),
            "guided": Tile("tileGuided", self.tr("Helped to file online")),
            "vneid": Tile("tileVneid", self.tr("Identity verified with VNeID")),
        }
        row = QHBoxLayout()
        for tile in self.tiles.values():
            row.addWidget(tile, 1)
        return row

    def _tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.channel_chart, self.resolved_chart = ChannelChart(), ResolvedChart()
        self.monthly_chart, self.summary_years = MonthlyChart(), YearsChart()
        self.summary_queue = QueueChart()
        summary = QWidget()
        grid = QGridLayout(summary)
        grid.addWidget(self.channel_chart, 0, 0)
        grid.addWidget(self.resolved_chart, 0, 1)
        grid.addWidget(self.summary_years, 0, 2)
        grid.addWidget(self.monthly_chart, 1, 0, 1, 2)
        grid.addWidget(self.summary_queue, 1, 2)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        self.tabs.addTab(summary, self.tr("Summary"))

        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, FigureTable] = {}
        for key, title, columns, stretch in (
                ("procedures", self.tr("By procedure"), self._slice_columns(self.tr("Code"), self.tr("Procedure")), 1),
                ("sectors", self.tr("By sector"), self._slice_columns(self.tr("Code"), self.tr("Sector")), 1),
                ("officers", self.tr("By officer"), self._officer_columns(), 0),
                ("counters", self.tr("By counter"), self._counter_columns(), 0)):
            self.tabs.addTab(self._table(key, columns, stretch), title)
        self.tabs.addTab(self._queue_tab(), self.tr("Queue"))
        self.digitization = DigitizationTab()
        self.models.update(self.digitization.models)
        self.tables.update(self.digitization.tables)
        self.tabs.addTab(self.digitization, self.tr("Digitization"))
        self.satisfaction = SatisfactionTab()
        self.satisfaction.officer_chosen.connect(self._officer_chosen)
        self.models.update(self.satisfaction.models)
        self.tables.update(self.satisfaction.tables)
        # "&&": a plain "&" in a tab's text, not a keyboard shortcut.
        self.tabs.addTab(self.satisfaction, self.tr("Satisfaction && notices"))
        self.fees = FeesTab(self.save_dialog, self.export_dir)  # the fee report (issue 25)
        self.models.update(self.fees.models)
        self.tables.update(self.fees.tables)
        self.tabs.addTab(self.fees, self.tr("Fees and charges"))
        self.tabs.addTab(self._years_tab(), self.tr("Over the years"))  # last (tools/screenshots)
        return self.tabs

    def _table(self, key: str, columns: list[Column], stretch: int | None, sortable: bool = True,
               bold: Callable[[Any], bool] | None = None) -> FigureTable:
        self.models[key] = FigureModel(columns, bold, self)
        self.tables[key] = FigureTable(f"reportTable_{key}", self.models[key], stretch, sortable)
        return self.tables[key]

    @staticmethod
    def _n(header: str, field: str, kind: str = "int") -> Column:
        """A column of one Counts figure of each row."""
        return Column(header, lambda r: getattr(r.counts, field), kind)

    def _slice_columns(self, key_header: str, label_header: str) -> list[Column]:
        n = self._n
        return [Column(key_header, lambda r: r.key, "text"), Column(label_header, lambda r: r.label, "text"),
                n(self.tr("Received"), "received"), n(self.tr("Online"), "online"),
                n(self.tr("Online share"), "online_share", "share"), n(self.tr("Resolved"), "resolved"),
                n(self.tr("Early"), "early"), n(self.tr("On time"), "on_time"), n(self.tr("Late"), "late"),
                n(self.tr("On time share"), "on_time_share", "share"), n(self.tr("Being processed"), "open"),
                n(self.tr("Overdue"), "open_overdue"), n(self.tr("Returned"), "returned"),
                n(self.tr("Returned by post"), "returned_by_post"),
                n(self.tr("Supplement asked again"), "repeat_supplement"),
                n(self.tr("VNeID share"), "vneid_share", "share")]

    def _officer_columns(self) -> list[Column]:
        n = self._n
        return [Column(self.tr("Officer"), lambda r: r.label, "text"), Column(self.tr("Login"), lambda r: r.key, "text"),
                n(self.tr("Received"), "received"), n(self.tr("Online"), "online"), n(self.tr("In person"), "in_person"),
                n(self.tr("By post"), "post"), n(self.tr("Helped to file online"), "guided")]

    def _counter_columns(self) -> list[Column]:
        n = self._n
        return [Column(self.tr("Counter"), lambda r: r.label, "text"), n(self.tr("Received"), "received"),
                n(self.tr("Online"), "online"), n(self.tr("In person"), "in_person"), n(self.tr("By post"), "post"),
                n(self.tr("Resolved"), "resolved"), n(self.tr("On time share"), "on_time_share", "share"),
                n(self.tr("Returned"), "returned"), n(self.tr("Returned by post"), "returned_by_post"),
                n(self.tr("Post share"), "post_share", "share")]

    def _queue_tab(self) -> QWidget:
        self.queue_group = QComboBox()
        self.queue_group.setObjectName("reportQueueGroup")
        self.queue_group.currentIndexChanged.connect(lambda _i: self._show_queue_chart())
        self.queue_chart = QueueChart()
        self.queue_chart.setMinimumHeight(220)
        cols = [Column(self.tr("Service group"), lambda q: q.group_name, "text"),
                Column(self.tr("Hour taken"), lambda q: self.tr("whole day") if q.hour is None
                       else f"{q.hour:02d}:00–{q.hour + 1:02d}:00", "text"),
                Column(self.tr("Tickets"), lambda q: q.issued), Column(self.tr("Served"), lambda q: q.served),
                Column(self.tr("Absent"), lambda q: q.no_show),
                Column(self.tr("Waiting, mean (min)"), lambda q: q.waiting.mean, "minutes"),
                Column(self.tr("Waiting, median"), lambda q: q.waiting.p50, "minutes"),
                Column(self.tr("Waiting, 90th pct."), lambda q: q.waiting.p90, "minutes"),
                Column(self.tr("Service, mean (min)"), lambda q: q.service.mean, "minutes"),
                Column(self.tr("Service, median"), lambda q: q.service.p50, "minutes"),
                Column(self.tr("Service, 90th pct."), lambda q: q.service.p90, "minutes")]
        table = self._table("queue", cols, 0, sortable=False, bold=lambda q: q.hour is None)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Service group:")))
        pick.addWidget(self.queue_group)
        pick.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(pick)
        layout.addWidget(self.queue_chart, 2)
        layout.addWidget(table, 3)
        return tab

    def _years_tab(self) -> QWidget:
        cols = [Column(self.tr("Year"), lambda y: str(y.year), "text"), Column(self.tr("Received"), lambda y: y.received),
                Column(self.tr("Online"), lambda y: y.online), Column(self.tr("Level 3"), lambda y: y.level3),
                Column(self.tr("Level 4"), lambda y: y.level4),
                Column(self.tr("Online share (level 3 + 4 until {year})").format(
                    year=online_classes().classes_from.year - 1), lambda y: y.online_share, "share")]
        table = self._table("years", cols, None, sortable=False)
        self.years_chart = YearsChart()
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addWidget(table, 2)
        layout.addWidget(self.years_chart, 3)
        return tab

    def _load_options(self) -> tuple[list[ProcedureChoice], str]:
        """The procedures, sectors and counters to narrow the report to; the service's refusal
        (a role that may not see reports) is kept to show instead of a crash."""
        from app.services.reports.report import filter_options

        try:
            self.options = filter_options(self.db, self.actor)
        except UserError as exc:
            self.options = None
            return [], str(exc)
        sectors = dict(self.options.sectors)
        return [ProcedureChoice.of(code, name, sectors.get(sector, ""))
                for code, name, sector in self.options.procedures], ""

    def _fill_options(self) -> None:
        self.sector.addItem(self.tr("All sectors"), None)
        self.counter.addItem(self.tr("All counters"), None)
        if self.options is None:
            return
        for code, name in self.options.sectors:
            self.sector.addItem(name, code)
        for cid, label in self.options.counters:
            self.counter.addItem(label, cid)

    # ---- the filters ------------------------------------------------------------------------
    def set_period(self, key: str) -> None:
        self.period.setCurrentIndex(self.PERIODS.index(key))
        self._period_chosen()

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        if key != "custom":
            start, end = period_range(key, self.clock().date())
            self._setting_period = True
            self.start.setDate(start)
            self.end.setDate(end)
            self._setting_period = False
        self._filters_changed()

    def set_dates(self, start: date, end: date) -> None:
        """Other dates, as typed in the two date fields."""
        self.start.setDate(start)
        self.end.setDate(end)

    def _dates_edited(self) -> None:
        if not self._setting_period and self.period.currentData() != "custom":
            self.period.blockSignals(True)  # the dates stay as typed
            self.period.setCurrentIndex(self.PERIODS.index("custom"))
            self.period.blockSignals(False)
        self._filters_changed()

    def _procedure_code(self) -> str | None:
        """The procedure chosen; typed text matching exactly one procedure counts as chosen."""
        if self.procedure.current is not None:
            return self.procedure.current.code
        if not self.procedure.text().strip():
            return None
        found = self.procedure.typed_matches()
        if len(found) == 1:
            return found[0].code
        raise UserError(self.tr("Choose one procedure from the list, or clear the field for all procedures."))

    def current_filter(self) -> ReportFilter:
        return ReportFilter(start=self.start.date().toPython(), end=self.end.date().toPython(),
                            procedure_code=self._procedure_code(), sector_code=self.sector.currentData(),
                            channel=self.channel.currentData(), counter_id=self.counter.currentData())

    def _filter_or_none(self) -> ReportFilter | None:
        try:
            return self.current_filter()
        except UserError:
            return None

    def _filters_changed(self) -> None:
        if self.report is None or self.busy:
            return
        if self._filter_or_none() == self.report.filter:  # changed back: the figures are theirs again
            self._say(self._describe(self.report))
        else:
            self._say(self._describe(self.report) + "\n" + self.tr(
                "The filters have changed: press «Show the report» to see their figures."), warn=True)

    # ---- building the report off the GUI thread ---------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.options is not None:
                self.run()  # this month at once: the supervisor opens the page to see figures

    def run(self) -> bool:
        """Ask for the report of the filters shown; False when they cannot be used as they are."""
        try:
            flt = self.current_filter()
        except UserError as exc:
            self.show_notice(str(exc))
            return False
        self._request += 1
        request, self._asked = self._request, flt
        self._set_busy(True)
        self.show_notice("")
        # Off the GUI thread (ui/ops.py); a bug is logged there with its traceback.
        (op(self, build_figures, self.db, self.actor, flt, self.clock())
         .success(lambda report: self._built(request, report))
         .failure(lambda exc: self._built(request, exc)).run())
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        if busy:
            self._say(self.tr("Preparing the report…"))
        self._enable()

    def _built(self, request: int, result: object) -> None:
        if request != self._request:
            return  # a newer request is on its way
        self._set_busy(False)
        if isinstance(result, Exception):
            self.show_notice(self.tr("The report could not be prepared. Try again; if it fails again, tell the "
                                     "administrator.") if isinstance(result, CrashNotice) else str(result))
            self._say("")
            self._filters_changed()  # the figures still shown, and whether they are the filters'
            return
        if self._filter_or_none() != self._asked:
            # Filters changed while it was being built: figures under the wrong heading mislead.
            self._say(self.tr("The filters changed while the report was being prepared: "
                              "press «Show the report» again."), warn=True)
            return
        report, self.satisfaction_figures, fees = result
        self.fees.show_figures(fees)
        self.show_report(report)

    def _officer_chosen(self, login: str | None) -> None:
        """The satisfaction figures of one officer (or all again), under the report's filters."""
        if self.report is None or self.busy:
            return
        from app.services.reports.satisfaction import build_satisfaction

        self._request += 1
        request = self._request
        self._set_busy(True)
        (op(self, build_satisfaction, self.db, self.actor, self.report.filter, login)
         .success(lambda figures: self._officer_built(request, figures))
         .failure(lambda exc: self._officer_built(request, exc)).run())

    def _officer_built(self, request: int, result: object) -> None:
        if request != self._request:
            return
        self._set_busy(False)
        self._filters_changed()  # the line above the tiles again
        if isinstance(result, Exception):
            self.show_notice(self.tr("The report could not be prepared. Try again; if it fails again, tell the "
                                     "administrator.") if isinstance(result, CrashNotice) else str(result))
            return
        self.satisfaction_figures = result
        self.satisfaction.show_figures(result)

    def wait_idle(self, ms: int = 30_000) -> bool:
        """For screenshots: wait, with a deadline, until the report asked for is shown."""
        deadline = QDeadlineTimer(ms)
        while self.busy and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return not self.busy

    # ---- showing ----------------------------------------------------------------------------
    def _describe(self, r: Report) -> str:
        parts = [self.tr("From {start} to {end}").format(start=day(r.filter.start), end=day(r.filter.end))]
        parts += [label for _key, label in sorted(r.filter_labels.items())]
        parts.append(self.tr("prepared at {time}").format(time=moment(r.generated_at)))
        return " · ".join(parts)

    def show_report(self, r: Report) -> None:
        self.report = r
        self._say(self._describe(r))
        t = r.total
        self.tiles["received"].show_figure(number(t.received), self.tr(
            "online {online} · in person {in_person} · by post {post}").format(
            online=number(t.online), in_person=number(t.in_person), post=number(t.post)))
        if r.historical:  # online levels belong to the historical series
            kinds = self.tr("level 3: {l3} · level 4: {l4}").format(l3=number(t.level3), l4=number(t.level4))
        else:  # the catalog's online-service classes (a data file's list)
            kinds = " · ".join(f"{label.lower()}: {number(t.online_class.get(code, 0))}"
                               for code, label in r.online_classes)
        self.tiles["online"].show_figure(percent(t.online_share), self.tr("{online} of {received}; {kinds}").format(
            online=number(t.online), received=number(t.received), kinds=kinds))
        self.tiles["on_time"].show_figure(percent(t.on_time_share), self.tr(
            "early {early} · on time {on_time} · late {late}").format(
            early=number(t.early), on_time=number(t.on_time), late=number(t.late)))
        self.tiles["post"].show_figure(percent(t.post_share), self.tr("{post} of {returned} results returned")
                                       .format(post=number(t.returned_by_post), returned=number(t.returned)))
        self.tiles["open"].show_figure(number(t.open), self.tr("overdue {overdue} · carried over {carried}").format(
            overdue=number(t.open_overdue), carried=number(t.carried_over)))
        self.tiles["open"].detail.setStyleSheet("color: #b00020;" if t.open_overdue else "color: #455a64;")
        self.tiles["guided"].show_figure(number(t.guided), self.tr("citizens, at the guide desk"))
        self.tiles["vneid"].show_figure(percent(t.vneid_share), self.tr(
            "{vneid} of {received}; card QR {qr} · card seen {seen} · passport {passport} · not recorded {none}")
            .format(vneid=number(t.id_vneid), received=number(t.received), qr=number(t.id_card_qr),
                    seen=number(t.id_card_seen), passport=number(t.id_passport), none=number(t.id_unrecorded)))

        self.channel_chart.set_counts(t)
        self.resolved_chart.set_counts(t)
        self.monthly_chart.set_rows(r.by_month)
        self.summary_years.set_years(r.years)
        self.summary_queue.set_rows(r.queue, busiest_group(r.queue))
        self.years_chart.set_years(r.years)
        for key, rows in (("procedures", r.by_procedure), ("sectors", r.by_sector), ("officers", r.by_officer),
                          ("counters", r.by_counter), ("queue", r.queue), ("years", r.years)):
            self.models[key].set_rows(rows)
        self.queue_group.blockSignals(True)
        self.queue_group.clear()
        for q in r.queue:
            if q.hour is None:
                self.queue_group.addItem(q.group_name, q.group_code)
        self.queue_group.setCurrentIndex(max(0, self.queue_group.findData(busiest_group(r.queue))))
        self.queue_group.setEnabled(self.queue_group.count() > 0)
        self.queue_group.blockSignals(False)
        self._show_queue_chart()
        self.digitization.show_figures(r.digitization)
        self.satisfaction.show_figures(self.satisfaction_figures)
        self._enable()

    def _show_queue_chart(self) -> None:
        self.queue_chart.set_rows(self.report.queue if self.report else [], self.queue_group.currentData())

    def _enable(self) -> None:
        ready = self.report is not None and not self.busy
        self.xlsx_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def _say(self, text: str, warn: bool = False) -> None:
        """The line above the tiles: what the figures shown are, or that they are not the filters'."""
        self.caption.setStyleSheet("color: #a15c00;" if warn else "")
        self.caption.setText(text)

    def show_notice(self, text: str, ok: bool = False) -> None:
        self.notice.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.notice.setText(text)

    # ---- exports ----------------------------------------------------------------------------
    def export(self, kind: str) -> Path | None:
        """Save the report shown as an Excel workbook or a PDF, where the supervisor chooses."""
        if self.report is None:
            return None
        suffix, caption, filters = {
            "xlsx": (".xlsx", self.tr("Save the report as an Excel workbook"), self.tr("Excel workbook (*.xlsx)")),
            "pdf": (".pdf", self.tr("Save the report as PDF"), self.tr("PDF document (*.pdf)"))}[kind]
        f = self.report.filter
        try:  # the app's own folder for reports, so the dialog opens somewhere that exists
            self.export_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        suggested = self.export_dir / f"bao-cao-{f.start:%Y%m%d}-{f.end:%Y%m%d}{suffix}"
        chosen = self.save_dialog(self, caption, str(suggested), filters)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        # Written off the GUI thread (ui/ops.py); a folder that cannot be written is said in words,
        # worded here on the GUI thread before the work starts.
        reasons = {PermissionError: self.tr("you may not write in that folder"),
                   FileNotFoundError: self.tr("the folder does not exist")}
        could_not = self.tr("Could not save {path}: {reason}.")
        report, satisfaction = self.report, self.satisfaction_figures

        def write() -> Path:
            try:
                return write_report(report, path, kind, satisfaction)
            except OSError as exc:
                reason = next((text for kind_, text in reasons.items() if isinstance(exc, kind_)),
                              exc.strerror or str(exc))
                raise UserError(could_not.format(path=path, reason=reason)) from exc

        saved: list[Path] = []

        def written(where: Path) -> None:
            self.export_dir = where.parent  # the next export starts where this one went
            self.show_notice(self.tr("Saved {path}").format(path=where), ok=True)
            saved.append(where)

        def failed(exc: UserError) -> None:
            # A bug in a writer is logged by ops with its traceback; the supervisor's window stays.
            self.show_notice(self.tr("The file could not be made. Tell the administrator.")
                             if isinstance(exc, CrashNotice) else str(exc))

        op(self, write).success(written).failure(failed).progress().run()
        return saved[0] if saved else None
