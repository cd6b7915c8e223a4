"""The counter desk: a navigation column, one page per task, and a status bar that always says
who is working at which counter, on which database, and how the portal and devices are."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Actor, Permission
from db.engine import Database
from ui import messages
from ui.ops import op
from ui.screen import PageStack, fit, remember_place, show_placed
from ui.widgets import page_title


@dataclass(frozen=True)
class HomeFacts:
    """What the app knows about the office before anyone logs in."""

    agency_name: str
    unit_code: str
    database: str
    procedures: int
    demo_logins: tuple[str, ...] = ()
    demo_password: str = ""
    counter_label: str = ""


class ComingPage(QWidget):
    def __init__(self, title: str, text: str):
        super().__init__()
        heading = page_title(title)
        body = QLabel(text)
        body.setObjectName("comingNotice")
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """Pages: 0 intake, 1 dossiers, 2 return results, 3 due and overdue, 4 procedures, 5 reports,
    6 settings, 7 this counter's devices; for who may see dossiers, 8 online dossiers, 9 portal sync,
    10 the notices a gateway refused.
    Who logs guidance has the guide desk as page 4. A page the role may not use keeps its number
    but its navigation row is hidden."""

    logout_requested = Signal()
    INTAKE, DOSSIERS, RETURN, WATCH, PROCEDURES, SETTINGS, DEVICES = 0, 1, 2, 3, 4, 6, 7
    ONLINE, SYNC, FAILED_NOTICES = 8, 9, 10

    def __init__(self, facts: HomeFacts, db: Database, actor: Actor, *, data_dir: Path,
                 clock: Callable[[], datetime], print_receipt: Callable[[str, bool], None] | None = None):
        super().__init__()
        self.facts, self.db, self.actor, self.data_dir, self.clock = facts, db, actor, data_dir, clock
        self._print_receipt = print_receipt
        self.last_code: str | None = None
        self.setWindowTitle(self.tr("Một Cửa: reception and result return"))
        fit(self, 1280, 800)  # never larger than the screen: the desk shows itself with show_on_screen()
        self._placed = False

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        for label in (self.tr("Intake"), self.tr("Dossiers"), self.tr("Return results"),
                      self.tr("Due, overdue"), self.tr("Procedures"), self.tr("Reports"), self.tr("Settings"),
                      self.tr("Devices")):
            self.nav.addItem(label)
        self.nav.setFixedWidth(150)
        self.pages = PageStack()  # each page scrolls when the screen is smaller than it (ui/screen.py)
        self.pages.setObjectName("pages")
        self.intake = None
        self.dossiers = None
        self._refused_rows: list[int] = []
        self._build_pages()
        self.nav.currentRowChanged.connect(self._show_page)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 0)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.nav)
        h.addWidget(self.pages, 1)
        layout.addWidget(row)
        self.setCentralWidget(body)
        self._build_status_bar()
        self._build_shortcuts()
        from ui.devices.desk import DeskDevices
        from ui.devices.settings_page import DeviceSettingsPage
        from ui.intents import DeskIntents

        # The devices and the scan handler ask through intents; the routing is this window's.
        self.intents = DeskIntents(self)
        self.intents.open_dossier.connect(self.open_dossier)
        self.intents.show_dossier.connect(self._show_dossier)
        self.intents.return_result.connect(self.return_result)
        self.intents.fill_applicant.connect(self.fill_applicant)
        self.intents.link_ticket.connect(self.link_ticket)
        self.intents.notice.connect(self._notice)
        self.intents.devices_state.connect(self._show_devices)
        self.devices = DeskDevices(db, actor, data_dir, self.intents, self)
        self.devices_page = DeviceSettingsPage(self.devices, data_dir)
        self.pages.addWidget(self.devices_page)
        self._build_sync()
        self._build_signing()
        self._build_fees()
        self._build_counter_panel()
        for row in self._refused_rows:
            self.nav.setRowHidden(row, True)
        # Who cannot register starts on their own work: a guide on the guide desk, a supervisor on
        # the due and overdue dossiers.
        self.nav.setCurrentRow(self.INTAKE if self.intake is not None
                               else self.PROCEDURES if self.guide_page is not None
                               else self.WATCH if self.watch_page is not None else self.PROCEDURES)

    # ---- pages ----------------------------------------------------------------------------
    def _build_pages(self) -> None:
        if self.actor.can(Permission.REGISTER_DOSSIER):
            from ui.intake.page import IntakeForm

            self.intake = IntakeForm(self.db, self.actor, self.clock)
            self.intake.saved.connect(self._saved)
            self.pages.addWidget(self.intake)
        else:
            self._refused(self.tr("Intake"), self.tr(
                "Your role cannot register dossiers. Volunteer guides help citizens file online."))
        if self.actor.can(Permission.SEARCH_DOSSIERS):
            from ui.dossiers.list_page import DossierListPage

            self.dossiers = DossierListPage(self.db, self.actor, clock=self.clock)
            self.dossiers.open_requested.connect(self.open_dossier)
            self.pages.addWidget(self.dossiers)
        else:
            self._refused(self.tr("Dossiers"), self.tr("Your role cannot view dossiers."))
        self.return_page = None
        if self.actor.can(Permission.CHANGE_DOSSIER):
            from ui.dossiers.return_page import ReturnPage

            self.return_page = ReturnPage(self.db, self.actor, self.clock)
            self.pages.addWidget(self.return_page)
        else:
            self._refused(self.tr("Return results"), self.tr("Your role cannot return results."))
        self.watch_page = None
        if self.actor.can(Permission.SEARCH_DOSSIERS):
            from ui.dossiers.watch_page import WatchPage

            self.watch_page = WatchPage(self.db, self.actor, self.clock)
            self.watch_page.open_requested.connect(self.open_dossier)
            self.pages.addWidget(self.watch_page)
        else:
            self._refused(self.tr("Due, overdue"), self.tr("Your role cannot view dossiers."))
        # Who logs guidance gets the guide desk in this place: it holds the same procedure
        # explorer, so the catalog is not loaded twice.
        self.guide_page = self.procedures_page = None
        if self.actor.can(Permission.LOG_GUIDANCE):
            from ui.guide.desk import GuideDeskPage

            self.guide_page = GuideDeskPage(self.db, self.actor, self.clock, self.data_dir)
            self.pages.addWidget(self.guide_page)
            self.nav.item(self.PROCEDURES).setText(self.tr("Guide desk"))
        else:
            from ui.dossiers.procedures_page import ProceduresPage

            self.procedures_page = ProceduresPage(self.db, self.actor)
            self.pages.addWidget(self.procedures_page)
        self.reports_page = None
        if self.actor.can(Permission.VIEW_REPORTS):
            from ui.reports.page import ReportsPage

            self.reports_page = ReportsPage(self.db, self.actor, self.clock, self.data_dir)
            self.pages.addWidget(self.reports_page)
        else:
            self._refused(self.tr("Reports"), self.tr("Your role cannot view reports."))
        from ui.settings.page import SettingsPage

        self.settings_page = SettingsPage(self.db, self.actor, data_dir=self.data_dir, clock=self.clock)
        self.pages.addWidget(self.settings_page)

    def _refused(self, title: str, text: str) -> None:
        """A page this role may not use: it keeps its place (the page numbers stay fixed) and says
        why, but its row in the navigation is hidden once the window is built."""
        self._refused_rows.append(self.pages.count())
        self.pages.addWidget(ComingPage(title, text))

    def _build_sync(self) -> None:
        """The portal sync on its own thread (started when the window shows) and, for who may see
        dossiers, the online inbox and the sync page after Devices."""
        from ui.sync.worker import SyncWorker

        self.sync_worker = SyncWorker(self.db, self.data_dir, clock=self.clock, parent=self)
        self.ocr_worker = None  # started with the window (ui/ocr_worker.py): scans get their text layer
        self.sync_worker.status.connect(self.portal_label.show_status)
        self.settings_page.changed.connect(self._settings_saved)  # perhaps a new portal address
        from ui.notices.desk_runner import DeskNoticeRunner

        self.notice_runner = DeskNoticeRunner(self.db, self, data_dir=self.data_dir)  # notices to citizens, once a channel is set up
        self.settings_page.devices_requested.connect(lambda: self.nav.setCurrentRow(self.DEVICES))
        self.online_page = self.sync_page = self.failed_notices_page = None
        if not self.actor.can(Permission.VIEW_DOSSIER):
            return
        from ui.dossiers.online_inbox import OnlineInboxPage
        from ui.sync.page import SyncPage

        self.online_page = OnlineInboxPage(self.db, self.actor, self.data_dir, self.clock, self.print_code)
        self.sync_page = SyncPage(self.db, self.actor, self.clock, self.print_code)
        for page, label in ((self.online_page, self.tr("Online dossiers")), (self.sync_page, self.tr("Portal sync"))):
            self.nav.addItem(label)
            self.pages.addWidget(page)
            page.changed.connect(self._changed_for_portal)
            self.sync_worker.report.connect(page.on_report)
        self.online_page.open_requested.connect(self.open_dossier)
        if self.actor.can(Permission.MANAGE_NOTICES):
            self._build_failed_notices()
        self.sync_page.sync_requested.connect(self.sync_worker.sync_now)
        self.sync_worker.status.connect(self.sync_page.show_status)
        self.sync_worker.status.connect(self._sync_status)
        self.portal_label.clicked.connect(self._open_sync_page)

    def _build_failed_notices(self) -> None:
        """The notices a gateway refused for good (ui/notices/failed_page.py), after the sync page;
        its row counts them."""
        from ui.notices.failed_page import FailedNoticesPage

        self.failed_notices_page = FailedNoticesPage(self.db, self.actor, self.clock)
        self.nav.addItem(self.tr("Failed notices"))
        self.pages.addWidget(self.failed_notices_page)
        self.failed_notices_page.open_requested.connect(self.open_dossier)
        self.failed_notices_page.count_changed.connect(self._failed_notices_count)
        self._failed_notices_count(self.failed_notices_page.count)  # if its first read is done already
        self.notice_runner.round_finished.connect(self.failed_notices_page.refresh)  # a refusal shows at once

    def _build_signing(self) -> None:
        """The officer's signer for this log-in (ui/signing/session.py): documents made for online
        applicants are signed in the background once the dossier is answered in the online inbox;
        for who may sign, the "Chưa ký" page, shown while the office has signing on."""
        from ui.signing.session import DeskSigning

        self.signing = DeskSigning(self.db, self.actor, self.data_dir, self)
        self.signing.failed.connect(lambda text: messages.warning(text, "motcua.ui", self))
        self.unsigned_page = self.unsigned_row = None
        if self.online_page is not None and self.actor.can(Permission.SIGN_DOCUMENTS):
            self.online_page.changed.connect(self.signing.sign_received)
        if not self.actor.can(Permission.SIGN_DOCUMENTS):
            return
        from ui.signing.unsigned_page import UnsignedPage

        self.unsigned_page = UnsignedPage(self.db, self.actor, self.data_dir, self.signing)
        self.unsigned_row = self.nav.count()
        self.nav.addItem(self.unsigned_page.nav_label())
        self.pages.addWidget(self.unsigned_page)
        self.unsigned_page.open_requested.connect(self.open_dossier)
        self.unsigned_page.count_changed.connect(
            lambda n: self.nav.item(self.unsigned_row).setText(self.unsigned_page.nav_label(n)))
        self._show_signing(self.settings_page.values().get("signing.enabled", False))

    def _build_fees(self) -> None:
        """The e-receipts' sender for this window (ui/fees/desk_runner.py, started at the first show
        when the office has e-receipts on); for who collects fees, the "Thu phí" page (receipts
        waiting, the counter's closing), for who sees reports, every counter's closings."""
        from ui.fees.desk_runner import DeskReceiptRunner

        self.receipt_runner = DeskReceiptRunner(self.db, self)
        self.fees_page = self.fees_row = self.closings_page = self.closings_row = self.closing_dialog = None
        if self.actor.can(Permission.COLLECT_FEES):
            from ui.fees.receipts_page import ReceiptsPage

            self.fees_page = ReceiptsPage(self.db, self.actor, self.clock)
            self.fees_row = self.nav.count()
            self.nav.addItem(self.fees_page.nav_label())
            self.pages.addWidget(self.fees_page)
            self.fees_page.open_requested.connect(self.open_dossier)
            self.fees_page.send_requested.connect(self._send_receipts)
            self.fees_page.closing_requested.connect(self.open_closing)
            self.fees_page.count_changed.connect(
                lambda n: self.nav.item(self.fees_row).setText(self.fees_page.nav_label(n)))
            self.receipt_runner.round_finished.connect(self.fees_page.refresh)
        if self.actor.can(Permission.VIEW_REPORTS):
            from ui.fees.closings_page import ClosingsPage

            self.closings_page = ClosingsPage(self.db, self.actor, self.clock)
            self.closings_row = self.nav.count()
            self.nav.addItem(self.closings_page.nav_label())
            self.pages.addWidget(self.closings_page)

    def _send_receipts(self) -> None:
        """"Gửi ngay": e-receipts may have been turned on at another desk since this one started."""
        if self.fees_page.settings:  # as the page last read them
            self.receipt_runner.apply(self.fees_page.settings)
        self.receipt_runner.wake()

    def open_closing(self):
        """Chốt sổ quầy (ui/fees/closing_dialog.py) for the counter this officer is logged in at."""
        from ui.fees.closing_dialog import ClosingDialog

        if not self.actor.can(Permission.COLLECT_FEES) or self.actor.counter_id is None:
            return None
        if self.closing_dialog is not None:
            self.closing_dialog.raise_()
            return self.closing_dialog
        dialog = ClosingDialog(self.db, self.actor, self, clock=self.clock)
        self.closing_dialog = dialog
        dialog.finished.connect(lambda _r: self._closing_done(dialog))
        dialog.open()
        return dialog

    def _closing_done(self, dialog) -> None:
        if self.closing_dialog is dialog:
            self.closing_dialog = None
        dialog.deleteLater()  # a child of this window: kept until the window goes otherwise

    def _show_signing(self, enabled: bool) -> None:
        if self.unsigned_row is not None:
            self.nav.setRowHidden(self.unsigned_row, not enabled)
            if enabled:
                self.unsigned_page.refresh()

    def _failed_notices_count(self, n: int) -> None:
        self.nav.item(self.FAILED_NOTICES).setText(self.tr("Failed notices ({n})").format(n=n) if n
                                                   else self.tr("Failed notices"))

    def _settings_saved(self, settings: dict) -> None:
        self.sync_worker.sync_now()
        self.notice_runner.start_if_configured(settings)
        self.receipt_runner.apply(settings)  # e-receipts turned on or off
        self._show_signing(settings.get("signing.enabled", False))

    def _changed_for_portal(self, _code: str) -> None:
        self.sync_worker.sync_now()  # the counter's answer goes to the portal now, not in 30 s

    def _sync_status(self, status) -> None:
        n = status.inbox_waiting
        self.nav.item(self.ONLINE).setText(self.tr("Online dossiers ({n})").format(n=n) if n
                                           else self.tr("Online dossiers"))

    def _open_sync_page(self) -> None:
        if self.sync_page is not None:
            self.nav.setCurrentRow(self.SYNC)

    def _build_counter_panel(self) -> None:
        """The queue panel, docked on the right, for those who serve citizens at a counter."""
        self.counter_panel = None
        if not self.actor.can(Permission.REGISTER_DOSSIER):
            return
        from PySide6.QtWidgets import QDockWidget

        from ui.queue.counter_panel import CounterPanel

        self.counter_panel = CounterPanel(self.db, self.actor, self.clock,
                                          show_number=self.devices.hub.show_number)
        if self.intake is not None:  # the dossier registered next is this citizen's
            self.counter_panel.called.connect(self.intake.link_ticket)
        dock = QDockWidget(self.tr("Queue"), self)
        dock.setObjectName("queueDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget())  # the panel names itself
        dock.setWidget(self.counter_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page is self.intake and self.intake is not None:
            self.intake.refresh_due()
            self.intake.procedure.setFocus()
        elif page is self.dossiers and self.dossiers is not None:
            self.dossiers.search.setFocus()
        elif page is self.return_page and self.return_page is not None:
            self.return_page.code.setFocus()
        elif page is self.watch_page and self.watch_page is not None:
            self.watch_page.groups["overdue"][1].setFocus()

    def _build_status_bar(self) -> None:
        status = QStatusBar()
        who = f"{self.actor.full_name or self.actor.login} ({self.actor.role.label})"
        self.user_label = QLabel(self.tr("User: {who}").format(who=who))
        self.user_label.setObjectName("statusUser")
        self.counter_label = QLabel(self.facts.counter_label or self.tr("No counter"))
        self.counter_label.setObjectName("statusCounter")
        self.db_label = QLabel(self.facts.database)
        self.db_label.setObjectName("statusDatabase")
        from ui.sync.status import SyncStatusWidget

        self.portal_label = SyncStatusWidget(self.clock)  # fed by the sync worker
        self.devices_label = QLabel(self.tr("Devices: none"))
        self.devices_label.setObjectName("statusDevices")
        status.addWidget(self.user_label)
        status.addWidget(self.counter_label)
        for w in (self.portal_label, self.devices_label, self.db_label):
            status.addPermanentWidget(w)
        self.setStatusBar(status)
        messages.attach(status)  # the desk's messages (ui/messages.py) go here

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.new_intake)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_current)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_intake)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.sync_worker.started:
            # The desk is built: what lives now lives as long as the window. Out of the cyclic GC's
            # reach, a full collection (which the sync thread's work sets off) no longer holds the
            # GIL, and so freezes the window, for some 100 ms.
            gc.freeze()
            self.sync_worker.start()
            self.notice_runner.start_if_configured(self.settings_page.values())
            self.receipt_runner.apply(self.settings_page.values())
        if self.ocr_worker is None:
            from ui.ocr_worker import OcrWorker

            self.ocr_worker = OcrWorker.start_for(self)

    def show_on_screen(self) -> None:
        """Where it was on this PC if that still fits the screen, else filling the available area;
        kept again when it closes (a window a tool sized and showed itself keeps nothing)."""
        self._placed = True
        show_placed(self, self.data_dir)

    def closeEvent(self, event) -> None:
        if self._placed:
            remember_place(self, self.data_dir)
        self.devices.stop()  # the ports are closed and the wedge filter leaves with the window
        self.sync_worker.stop()
        self.notice_runner.stop()
        self.receipt_runner.stop()  # log-out and quit: the e-receipts' sender ends with the window
        self.signing.close()  # log-out and quit: the token's session ends with the window
        gc.unfreeze()  # what the window held may go now
        super().closeEvent(event)

    # ---- actions --------------------------------------------------------------------------
    def new_intake(self) -> None:
        if self.intake is None:
            return
        if self.pages.currentWidget() is self.intake and not self.intake.confirm_discard():
            return
        self.intake.clear()
        self.nav.setCurrentRow(self.INTAKE)
        self.intake.refresh_due()
        self.intake.procedure.setFocus()

    def cancel_intake(self) -> None:
        if self.intake is None or self.pages.currentWidget() is not self.intake:
            return
        if self.intake.confirm_discard():
            self.intake.clear()

    # ---- intents from the devices and the scan handler (ui/intents.py) ------------------------
    def return_result(self, code: str) -> None:
        """A dossier whose result is ready: the return screen, looked up on its code."""
        if self.return_page is None:
            self.open_dossier(code)
            return
        self.nav.setCurrentRow(self.RETURN)
        self.return_page.code.setText(code)
        self.return_page.look_up()

    def fill_applicant(self, card) -> None:
        """A citizen ID card's QR (app.domain.cccd_qr.CitizenCard) fills the intake form's applicant."""
        if self.intake is None:
            return
        if self.pages.currentWidget() is not self.intake:
            # An intake in progress is the open form: its applicant is the one scanned. Otherwise a new one.
            if self.intake.is_dirty():
                self.nav.setCurrentRow(self.INTAKE)
            else:
                self.new_intake()
        self.intake.fill_from_card(card)

    def link_ticket(self, number: str) -> None:
        """A scanned queue ticket goes with the dossier being registered, if one is."""
        if self.intake is None or self.pages.currentWidget() is not self.intake:
            self._notice(self.tr("Queue ticket {number}: open the intake form to attach it to a dossier.")
                         .format(number=number))
            return
        self.intake.link_ticket(number)

    def _notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _show_devices(self, text: str, tooltip: str) -> None:
        self.devices_label.setText(text)
        self.devices_label.setToolTip(tooltip)

    def _saved(self, registered) -> None:
        self.last_code = registered.code
        messages.info(self.tr("Registered dossier {code}.").format(code=registered.code), "motcua.ui", self)
        self.print_code(registered.code)
        self.intake.clear()

    def print_current(self) -> None:
        """Ctrl+P: the dossier selected in the list, else the one just registered."""
        code = None
        if self.pages.currentWidget() is self.dossiers and self.dossiers is not None:
            code = self.dossiers.current_code()
        code = code or self.last_code
        if code:
            self.print_code(code)
        else:
            messages.info(self.tr("No dossier to print: register or select one first."), "motcua.ui", self)

    def print_code(self, code: str) -> None:
        # The desk builds the receipt in a worker thread and reports its own failures.
        if self._print_receipt is not None:
            self._print_receipt(code, False)

    def open_dossier(self, code: str) -> None:
        """Read the dossier off the GUI thread (ui/ops.py), then show it; a dossier that cannot be
        opened is said in the status bar: nothing to decide."""
        from app.services.dossiers.query import dossier_detail

        op(self, dossier_detail, self.db, self.actor, code).success(lambda d: self._show_dossier(code, d)).run()

    def _show_dossier(self, code: str, detail: dict) -> None:
        from ui.dossiers.detail import DossierDetailDialog

        dialog = DossierDetailDialog(self.db, self.actor, code, parent=self, clock=self.clock, detail=detail,
                                     data_dir=self.data_dir)
        dialog.reprint_requested.connect(self.print_code)
        result = dialog.exec()
        dialog.deleteLater()  # a child of this window: kept until the window goes otherwise
        if result == DossierDetailDialog.CHANGED:  # an action was taken: show the new state
            if self.actor.can(Permission.SIGN_DOCUMENTS):
                self.signing.sign_received(code)  # a form it issued an online applicant (Forms 02-05)
            self.open_dossier(code)  # the pages refreshed themselves (ui/changes.py)
