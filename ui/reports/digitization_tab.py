"""The reports page's "Số hóa" tab: the digitization figures an office is scored on (Decision 766
group 4; rules in app/domain/digitization_report.py): three tiles for the office, then the figures
by officer, procedure and month, each share beside its numerator and denominator ("–" where
there is nothing to divide, never 0 %), and the rule they are counted by."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.digitization_report import DigitizationFigures
from app.formatting import number, percent
from ui.reports.tables import Column, FigureModel, FigureTable, Tile


class DigitizationTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportDigitization")
        self.tiles = {
            "intake": Tile("tileDigitizedIntake", self.tr("Dossiers digitized at intake")),
            "results": Tile("tileDigitizedResults", self.tr("Results digitized")),
            "reuse": Tile("tileReused", self.tr("Documents reused")),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, FigureTable] = {}
        self.slices = QTabWidget()
        self.slices.setObjectName("reportDigitizationSlices")
        for key, title, keys, wide in (
                ("digitization_officers", self.tr("By officer"),
                 [Column(self.tr("Officer"), lambda r: r.label, "text"),
                  Column(self.tr("Login"), lambda r: r.key, "text")], 0),
                ("digitization_procedures", self.tr("By procedure"),
                 [Column(self.tr("Code"), lambda r: r.key, "text"),
                  Column(self.tr("Procedure"), lambda r: r.label, "text")], 1),
                ("digitization_months", self.tr("By month"), [Column(self.tr("Month"), lambda r: r.label, "text")],
                 None)):
            self.models[key] = FigureModel([*keys, *self._figure_columns()], parent=self)
            self.tables[key] = FigureTable(f"reportTable_{key}", self.models[key], wide)
            self.slices.addTab(self.tables[key], title)
        self.rules = QLabel(self.tr(
            "How they are counted: (1) digitized at intake: dossiers received in the period whose every paper "
            "received was scanned or taken from a file already kept, of the dossiers with paper to digitize. A "
            "paper only shown, or exempt (with its reason), need not be digitized; one not recorded, or not "
            "digitized even with a reason, falls short. Dossiers filed online and those with no paper to digitize "
            "are outside the denominator. (2) Results digitized: dossiers whose result was ready in the period "
            "with at least one result file, of those whose result was ready. (3) Reused: documents reused (from "
            "this office's files or the citizen's store on the national portal) of the documents digitized, of "
            "the dossiers received in person or by post in the period. By officer: who received the dossier; by month: the month "
            "received, results the month they were ready."))
        self.rules.setObjectName("reportDigitizationRules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #455a64;")
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(tiles)
        layout.addWidget(self.slices, 1)
        layout.addWidget(self.rules)

    def _figure_columns(self) -> list[Column]:
        def n(header: str, field: str, kind: str = "int") -> Column:
            return Column(header, lambda r: getattr(r.counts, field), kind)

        return [n(self.tr("Received"), "received"), n(self.tr("Filed online (exempt)"), "exempt_online"),
                n(self.tr("No paper to digitize"), "no_paper"), n(self.tr("To digitize at intake"), "intake_due"),
                n(self.tr("Digitized at intake"), "intake_done"),
                n(self.tr("Share digitized at intake"), "intake_share", "share"),
                n(self.tr("Results ready"), "results"), n(self.tr("Results with a file"), "results_with_file"),
                n(self.tr("Share of results digitized"), "result_share", "share"),
                n(self.tr("Documents digitized"), "lines_digitized"), n(self.tr("Documents reused"), "lines_reused"),
                n(self.tr("From the portal's store"), "lines_reused_portal"),
                n(self.tr("Share reused"), "reuse_share", "share")]

    def show_figures(self, figures: DigitizationFigures | None) -> None:
        t = figures.total if figures else None
        if t is None:
            for tile in self.tiles.values():
                tile.show_figure("–")
        else:
            self.tiles["intake"].show_figure(percent(t.intake_share), self.tr(
                "{done} of {due} dossiers with paper; filed online {online} · no paper {none}").format(
                done=number(t.intake_done), due=number(t.intake_due), online=number(t.exempt_online),
                none=number(t.no_paper)))
            self.tiles["results"].show_figure(percent(t.result_share), self.tr(
                "{done} of {results} results ready had a file").format(
                done=number(t.results_with_file), results=number(t.results)))
            self.tiles["reuse"].show_figure(percent(t.reuse_share), self.tr(
                "{reused} of {digitized} documents digitized; from the portal's store {portal}").format(
                reused=number(t.lines_reused), digitized=number(t.lines_digitized),
                portal=number(t.lines_reused_portal)))
        for key, rows in (("digitization_officers", figures.by_officer if figures else []),
                          ("digitization_procedures", figures.by_procedure if figures else []),
                          ("digitization_months", figures.by_month if figures else [])):
            self.models[key].set_rows(rows)
