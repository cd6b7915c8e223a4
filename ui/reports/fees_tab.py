"""The reports page's "Phí, lệ phí" tab: the fee report (app/domain/fee_report.py) of the page's
period and counter, built beside the report (ui/reports/page.py `build_figures`). Four tiles (the
money collected, the share paid online, receipts waiting, receipts cancelled), then a table per
slice and the lists a treasury inspector asks for; exported to PDF or Excel on its own buttons,
written off the GUI thread like the page's exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.domain.fee_report import FeeReport
from app.errors import UserError
from app.formatting import moment, money, number, percent
from ui.ops import CrashNotice, op
from ui.reports.tables import Column, FigureModel, FigureTable, Tile
from ui.widgets import DONE_STYLE, ERROR_STYLE


@dataclass(frozen=True)
class MoneyColumn(Column):
    """Đồng, shown "15.000 đ", right-aligned and sorted by the amount."""

    def show(self, row) -> str:
        v = self.value(row)
        return "–" if v is None else money(v)


class FeesTab(QWidget):
    def __init__(self, save_dialog: Callable, export_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportFees")
        self.save_dialog, self.export_dir = save_dialog, export_dir
        self.figures: FeeReport | None = None
        self.scope = QLabel(self.tr("The period and counter chosen above; the procedure, sector and channel "
                                    "filters do not narrow the fee report."))
        self.scope.setObjectName("feeReportScope")
        self.scope.setWordWrap(True)
        self.xlsx_button = QPushButton(self.tr("Export the fee report to Excel"))
        self.xlsx_button.setObjectName("feeExportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self.tr("Export the fee report to PDF"))
        self.pdf_button.setObjectName("feeExportPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        top = QHBoxLayout()
        top.addWidget(self.scope, 1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.tiles = {
            "collected": Tile("tileFeesCollected", self.tr("Fees collected")),
            "online": Tile("tileFeesOnline", self.tr("Dossiers paid online")),
            "waiting": Tile("tileReceiptsWaiting", self.tr("Receipts not issued")),
            "cancelled": Tile("tileReceiptsCancelled", self.tr("Receipts cancelled")),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, FigureTable] = {}
        self.slices = QTabWidget()
        self.slices.setObjectName("reportFeesSlices")
        figures = [Column(self.tr("Payments"), lambda r: r.count), MoneyColumn(self.tr("Amount"), lambda r: r.amount)]
        for key, title, keys, wide in (
                ("fees_methods", self.tr("By payment method"), [Column(self.tr("Method"), lambda r: r.label, "text")],
                 0),
                ("fees_channels", self.tr("By filing channel"), [Column(self.tr("Filed by"), lambda r: r.label, "text")], 0),
                ("fees_months", self.tr("By month"), [Column(self.tr("Month"), lambda r: r.label, "text")], None),
                ("fees_procedures", self.tr("By procedure"), [Column(self.tr("Code"), lambda r: r.key, "text"),
                                                             Column(self.tr("Procedure"), lambda r: r.label, "text")], 1),
                ("fees_counters", self.tr("By counter"), [Column(self.tr("Counter"), lambda r: r.label, "text")], 0),
                ("fees_officers", self.tr("By officer"), [Column(self.tr("Officer"), lambda r: r.label, "text"),
                                                         Column(self.tr("Login"), lambda r: r.key, "text")], 0)):
            self._add(key, title, [*keys, *figures], wide)
        self._add("fees_online", self.tr("Paid online"), [
            Column(self.tr("Filed by"), lambda r: r.label, "text"),
            Column(self.tr("Dossiers with a fee"), lambda r: r.with_fee),
            Column(self.tr("Paid online"), lambda r: r.paid_online),
            Column(self.tr("Share paid online"), lambda r: r.share, "share")], 0)
        self._add("fees_waiting", self.tr("Receipts not issued"), [
            Column(self.tr("Dossier"), lambda r: r.dossier_code, "text"),
            Column(self.tr("State"), lambda r: r.state_label, "text"),
            MoneyColumn(self.tr("Amount"), lambda r: r.amount),
            Column(self.tr("Payer"), lambda r: r.payer_name, "text"),
            Column(self.tr("Made at"), lambda r: moment(r.created_at), "text"),
            Column(self.tr("Days waiting"), lambda r: r.age_days),
            Column(self.tr("Error"), lambda r: r.last_error or "", "text")], 6)
        self._add("fees_cancelled", self.tr("Receipts cancelled"), [
            Column(self.tr("Dossier"), lambda r: r.dossier_code, "text"),
            Column(self.tr("Receipt"), lambda r: r.identifier, "text"),
            Column(self.tr("State"), lambda r: r.state_label, "text"),
            MoneyColumn(self.tr("Amount"), lambda r: r.amount),
            Column(self.tr("Cancelled at"), lambda r: moment(r.cancelled_at), "text"),
            Column(self.tr("Reason"), lambda r: r.reason, "text"),
            Column(self.tr("Cancelled by"), lambda r: r.cancelled_by, "text")], 5)
        self._add("fees_voided", self.tr("Payments voided"), [
            Column(self.tr("Dossier"), lambda r: r.dossier_code, "text"),
            Column(self.tr("Method"), lambda r: r.method_label, "text"),
            MoneyColumn(self.tr("Amount"), lambda r: r.amount),
            Column(self.tr("Paid at"), lambda r: moment(r.paid_at), "text"),
            Column(self.tr("Voided at"), lambda r: moment(r.voided_at), "text"),
            Column(self.tr("Reason"), lambda r: r.reason, "text"),
            Column(self.tr("Voided by"), lambda r: r.voided_by, "text")], 5)
        self.rules = QLabel(self.tr(
            "How they are counted: collected are the payments recorded in the period (by the day paid), voided ones "
            "left out and counted apart; by the dossier's procedure and channel, the counter that took the payment, "
            "the officer who recorded it, the payment method and the month. Paid online (index 3.6, Decision "
            "766/QĐ-TTg, to be checked): of the dossiers received in the period that carry a fee (not those waiting "
            "online or refused), the share with a payment made online on the portal (not voided), whenever made. "
            "Receipts not issued: receipts of payments up to the period's end still waiting for the provider, for a "
            "paper receipt's number, or refused by the provider; days waiting up to today. Receipts cancelled: "
            "cancelled (or waiting to be cancelled) in the period."))
        self.rules.setObjectName("reportFeesRules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #455a64;")
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setObjectName("feeReportNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.slices, 1)
        layout.addWidget(self.rules)
        layout.addWidget(self.notice)
        self._enable()

    def _add(self, key: str, title: str, columns: list[Column], wide: int | None) -> None:
        self.models[key] = FigureModel(columns, parent=self)
        self.tables[key] = FigureTable(f"reportTable_{key}", self.models[key], wide)
        self.slices.addTab(self.tables[key], title)

    def _enable(self) -> None:
        self.xlsx_button.setEnabled(self.figures is not None)
        self.pdf_button.setEnabled(self.figures is not None)

    def show_figures(self, figures: FeeReport | None) -> None:
        self.figures = figures
        self._enable()
        if figures is None:
            for tile in self.tiles.values():
                tile.show_figure("–")
        else:
            f, o, w = figures, figures.online, figures.waiting_by_state()
            self.tiles["collected"].show_figure(money(f.amount), self.tr(
                "{count} payments; voided {voided} ({voided_amount})").format(
                count=number(f.count), voided=number(f.voided_count), voided_amount=money(f.voided_amount)))
            self.tiles["online"].show_figure(percent(o.share), self.tr(
                "{paid} of {with_fee} dossiers received with a fee").format(
                paid=number(o.paid_online), with_fee=number(o.with_fee)))
            self.tiles["waiting"].show_figure(number(len(f.waiting)), self.tr(
                "to be issued {pending} · paper number awaited {unissued} · refused {failed}").format(
                pending=number(w["pending"]), unissued=number(w["unissued"]), failed=number(w["failed"])))
            self.tiles["waiting"].detail.setStyleSheet("color: #b00020;" if f.waiting else "color: #455a64;")
            self.tiles["cancelled"].show_figure(number(len(f.cancelled)), self.tr("in the period, each with its reason"))
        for key, attr in (("fees_methods", "by_method"), ("fees_channels", "by_channel"), ("fees_months", "by_month"),
                          ("fees_procedures", "by_procedure"), ("fees_counters", "by_counter"),
                          ("fees_officers", "by_officer"), ("fees_waiting", "waiting"),
                          ("fees_cancelled", "cancelled"), ("fees_voided", "voided")):
            self.models[key].set_rows(getattr(figures, attr) if figures else [])
        self.models["fees_online"].set_rows([*figures.online_by_channel, figures.online] if figures else [])

    def show_notice(self, text: str, ok: bool = False) -> None:
        self.notice.setStyleSheet(DONE_STYLE if ok else ERROR_STYLE)
        self.notice.setText(text)

    # ---- exports ----------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """Save the fee report shown as an Excel workbook or a PDF, where the supervisor chooses."""
        if self.figures is None:
            return
        suffix, caption, filters = {
            "xlsx": (".xlsx", self.tr("Save the fee report as an Excel workbook"), self.tr("Excel workbook (*.xlsx)")),
            "pdf": (".pdf", self.tr("Save the fee report as PDF"), self.tr("PDF document (*.pdf)"))}[kind]
        f = self.figures
        try:  # the app's own folder for reports, so the dialog opens somewhere that exists
            self.export_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        suggested = self.export_dir / f"thu-phi-{f.start:%Y%m%d}-{f.end:%Y%m%d}{suffix}"
        chosen = self.save_dialog(self, caption, str(suggested), filters)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        reasons = {PermissionError: self.tr("you may not write in that folder"),
                   FileNotFoundError: self.tr("the folder does not exist")}
        could_not = self.tr("Could not save {path}: {reason}.")

        def write() -> Path:
            from app.files import write_atomically
            from printing.report_fees import fee_report_pdf, fee_report_xlsx

            data = fee_report_pdf(f) if kind == "pdf" else fee_report_xlsx(f)
            try:
                write_atomically(path, data)
            except OSError as exc:
                reason = next((text for k, text in reasons.items() if isinstance(exc, k)), exc.strerror or str(exc))
                raise UserError(could_not.format(path=path, reason=reason)) from exc
            return path

        def written(where: Path) -> None:
            self.export_dir = where.parent
            self.show_notice(self.tr("Saved {path}").format(path=where), ok=True)

        def failed(exc: UserError) -> None:
            self.show_notice(self.tr("The file could not be made. Tell the administrator.")
                             if isinstance(exc, CrashNotice) else str(exc))

        op(self, write).success(written).failure(failed).progress().run()
