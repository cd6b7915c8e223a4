"""The reports page's "Hài lòng & thông báo" tab: the citizens' satisfaction ratings and the
notices sent to them (rules in app/domain/satisfaction_report.py). The share rated satisfied or
better leads, large, beside its parts; then the ratings by officer, counter, procedure and month
(asked, rated, no rating, each score, the share and the average), the reasons given for low
scores, and the notices per channel. "–" where there is nothing to divide, never 0 %."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.satisfaction_report import SatisfactionFigures, average_text, score_label
from app.formatting import number, percent
from ui.reports.tables import Column, FigureModel, FigureTable, Tile

SCORES_SHOWN = (5, 4, 3, 2, 1)


class SatisfactionTab(QWidget):
    # One officer's ratings chosen (a login), or every officer's (None): the page rebuilds these
    # figures alone, under the report's filters.
    officer_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportSatisfaction")
        self.officer = QComboBox()
        self.officer.setObjectName("satisfactionOfficer")
        self.officer.setMinimumContentsLength(24)
        self.officer.addItem(self.tr("All officers"), None)
        self.officer.currentIndexChanged.connect(lambda _i: self.officer_chosen.emit(self.officer.currentData()))
        officer_row = QHBoxLayout()
        officer_row.addWidget(QLabel(self.tr("Ratings of:")))
        officer_row.addWidget(self.officer)
        officer_row.addStretch(1)
        self.tiles = {
            "satisfied": Tile("tileSatisfied", self.tr("Rated satisfied or better")),
            "ratings": Tile("tileRatings", self.tr("Services rated")),
            "notices": Tile("tileNotices", self.tr("Notices delivered")),
        }
        # The share satisfied is the figure the office is scored on (Decision 766): larger, in green.
        big = self.tiles["satisfied"].value.font()
        big.setPointSize(big.pointSize() + 8)
        self.tiles["satisfied"].value.setFont(big)
        self.tiles["satisfied"].value.setStyleSheet("color: #1b5e20;")
        tiles = QHBoxLayout()
        for key, tile in self.tiles.items():
            tiles.addWidget(tile, 2 if key == "satisfied" else 1)
        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, FigureTable] = {}
        self.slices = QTabWidget()
        self.slices.setObjectName("reportSatisfactionSlices")
        for key, title, keys, wide in (
                ("satisfaction_officers", self.tr("By officer"),
                 [Column(self.tr("Officer"), lambda r: r.label, "text"),
                  Column(self.tr("Login"), lambda r: r.key, "text")], 0),
                ("satisfaction_counters", self.tr("By counter"),
                 [Column(self.tr("Counter"), lambda r: r.label, "text")], 0),
                ("satisfaction_procedures", self.tr("By procedure"),
                 [Column(self.tr("Code"), lambda r: r.key, "text"),
                  Column(self.tr("Procedure"), lambda r: r.label, "text")], 1),
                ("satisfaction_months", self.tr("By month"), [Column(self.tr("Month"), lambda r: r.label, "text")],
                 None)):
            self._add(key, title, [*keys, *self._rating_columns()], wide)
        self._add("satisfaction_reasons", self.tr("Reasons for low scores"),
                  [Column(self.tr("Reason"), lambda r: r.label, "text"),
                   Column(self.tr("Times chosen"), lambda r: r.count),
                   Column(self.tr("Share of ratings below satisfied"), lambda r: r.share, "share")], 0)
        self._add("satisfaction_notices", self.tr("Notices by channel"),
                  [Column(self.tr("Channel"), lambda r: r.label, "text"),
                   *(Column(header, lambda r, f=field: getattr(r.counts, f)) for header, field in (
                       (self.tr("Written"), "written"), (self.tr("Sent"), "sent"),
                       (self.tr("Delivered"), "delivered"), (self.tr("Failed"), "failed"),
                       (self.tr("Cancelled"), "cancelled"), (self.tr("Waiting to be sent"), "pending"))),
                   Column(self.tr("Share delivered"), lambda r: r.counts.delivered_share, "share")], 0)
        self.rules = QLabel(self.tr(
            "How they are counted: a rating counts in the period it was asked; asked = rated + not rated (timed "
            "out) + still waiting. The average and the share satisfied are over the rated ones; satisfied or "
            "better: a score of 4 or 5. Reasons: the criteria chosen with a low score, several per rating; a "
            "reason's share is over the ratings below satisfied. By officer: who served; by procedure: the "
            "dossier's; by month: the month asked. A notice counts in the period it was written, by its channel "
            "and its state now."))
        self.rules.setObjectName("reportSatisfactionRules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #455a64;")
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(officer_row)
        layout.addLayout(tiles)
        layout.addWidget(self.slices, 1)
        layout.addWidget(self.rules)

    def _add(self, key: str, title: str, columns: list[Column], wide: int | None) -> None:
        self.models[key] = FigureModel(columns, parent=self)
        self.tables[key] = FigureTable(f"reportTable_{key}", self.models[key], wide)
        self.slices.addTab(self.tables[key], title)

    def _rating_columns(self) -> list[Column]:
        def n(header: str, value, kind: str = "int") -> Column:  # "int": any number, "–" for None
            return Column(header, value, kind)

        return [n(self.tr("Asked"), lambda r: r.counts.asked), n(self.tr("Rated"), lambda r: r.counts.rated),
                n(self.tr("Not rated"), lambda r: r.counts.no_rating),
                *(n(f"{s} – {score_label(s)}", lambda r, s=s: r.counts.score(s)) for s in SCORES_SHOWN),
                n(self.tr("Satisfied or better"), lambda r: r.counts.satisfied),
                n(self.tr("Share satisfied"), lambda r: r.counts.satisfied_share, "share"),
                n(self.tr("Average score"), lambda r: None if r.counts.average is None else round(r.counts.average, 2))]

    def show_figures(self, figures: SatisfactionFigures | None) -> None:
        if figures is not None and figures.officer_login is None:  # the office's: the officers to choose from
            self.officer.blockSignals(True)
            self.officer.clear()
            self.officer.addItem(self.tr("All officers"), None)
            for row in figures.by_officer:
                if row.key:
                    self.officer.addItem(f"{row.label} ({row.key})", row.key)
            self.officer.blockSignals(False)
        if figures is None:
            for tile in self.tiles.values():
                tile.show_figure("–")
        else:
            t, n = figures.total, figures.notices_total
            self.tiles["satisfied"].show_figure(percent(t.satisfied_share), self.tr(
                "{satisfied} of {rated} ratings; average score {average}").format(
                satisfied=number(t.satisfied), rated=number(t.rated), average=average_text(t.average)))
            self.tiles["ratings"].show_figure(percent(t.rated_share), self.tr(
                "{rated} of {asked} asked; not rated {none} · waiting {waiting}").format(
                rated=number(t.rated), asked=number(t.asked), none=number(t.no_rating), waiting=number(t.waiting)))
            self.tiles["notices"].show_figure(percent(n.delivered_share), self.tr(
                "written {written} · sent {sent} · delivered {delivered} · failed {failed}").format(
                written=number(n.written), sent=number(n.sent), delivered=number(n.delivered),
                failed=number(n.failed)))
        for key, attr in (("satisfaction_officers", "by_officer"), ("satisfaction_counters", "by_counter"),
                          ("satisfaction_procedures", "by_procedure"), ("satisfaction_months", "by_month"),
                          ("satisfaction_reasons", "reasons"), ("satisfaction_notices", "notices")):
            self.models[key].set_rows(getattr(figures, attr) if figures else [])
