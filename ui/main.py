"""Starting the desktop app: open (and on first run prepare) the database, log in, then the
counter desk, locked again after the idle time the office chose."""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.clock import now_local
from app.errors import UserError
from ui import messages
from ui.i18n import install_translators
from ui.main_window import HomeFacts, MainWindow

DEMO_DOSSIERS = 2000
log = logging.getLogger("motcua.ui")


def prepare_database(url: str, *, demo: bool, force_password_change: bool = True):
    """Migrate, seed on first run, and return the Database. The seeded accounts choose their
    own password at their first log-in (`force_password_change` False: benches only)."""
    from app.domain.permissions import Actor
    from app.services import bootstrap
    from db.engine import Database

    db = Database(url)
    bootstrap.migrate_if_needed(db)
    if bootstrap.is_empty(db):
        bootstrap.seed_demo_office(db, force_password_change=force_password_change)
        if demo:
            from app.services.demo_data import generate

            generate(db, Actor.system(), DEMO_DOSSIERS, seed=1)
    return db


def home_facts(db) -> HomeFacts:
    from sqlalchemy import func, select

    from app.services import bootstrap
    from db.models import Agency, Procedure, Setting

    with db.reading() as s:
        agency = s.scalar(select(Agency).order_by(Agency.id).limit(1))
        demo_mode = bool(s.scalar(select(Setting.value).where(Setting.key == "demo_mode")))
        return HomeFacts(
            agency_name=agency.name, unit_code=agency.unit_code, database=db.display_name,
            procedures=s.scalar(select(func.count()).select_from(Procedure)),
            demo_logins=tuple(u[0] for u in bootstrap.DEMO_USERS) if demo_mode else (),
            demo_password=bootstrap.DEMO_PASSWORD if demo_mode else "",
        )


def gather_facts(url: str, *, demo: bool) -> HomeFacts:
    db = prepare_database(url, demo=demo)
    try:
        return home_facts(db)
    finally:
        db.dispose()


def counters(db):
    from sqlalchemy import select

    from db.models import Counter
    from ui.login import CounterChoice

    with db.reading() as s:
        return [CounterChoice(c.id, c.name) for c in s.scalars(
            select(Counter).where(Counter.active.is_(True)).order_by(Counter.number))]


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Một Cửa")
    app.setOrganizationName("motcua")
    app.setFont(QFont("DejaVu Sans", 10))
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        from app.paths import RESOURCES

        app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "motcua.svg")))  # the title bar and the taskbar
    if not hasattr(app, "_motcua_translators"):
        app._motcua_translators = install_translators(app)  # kept alive with the app
    from ui import gui_gc

    gui_gc.install(app)  # cycles holding Qt objects are freed on this thread only
    return app


def _warm_up(year: int) -> None:
    try:
        from app.domain.calendar import _public_holidays

        # The holidays package takes a quarter of a second to import: not on the first Enter.
        for y in (year, year + 1):
            _public_holidays(y)
        import pypdfium2  # noqa: F401

        from app.services.dossiers import receipts  # noqa: F401
        from printing.receipt import warm_up

        warm_up()
    except Exception:  # noqa: BLE001 - only a head start: printing itself reports real problems
        log.debug("warm-up failed", exc_info=True)


class Desk:
    """One running counter: the login, the window, the idle lock and printing."""

    def __init__(self, db, data_dir: Path, facts: HomeFacts, *, clock: Callable[[], datetime] = now_local):
        self.db, self.data_dir, self.facts, self.clock = db, data_dir, facts, clock
        self.window: MainWindow | None = None
        self._preview = lambda: None  # a weak reference: a closed preview is deleted, not kept here
        self.watcher = None
        self.backups = None  # the daily automatic backup (SQLite), started with the first window
        self._warmed = False
        self.printing = 0  # receipts being built in worker threads

    @property
    def preview(self):
        """The receipt preview on screen (or closing), None once it is deleted."""
        preview = self._preview()
        return preview if preview is not None and shiboken6.isValid(preview) else None

    @preview.setter
    def preview(self, preview) -> None:
        self._preview = weakref.ref(preview) if preview is not None else (lambda: None)

    def login_dialog(self):
        from app.services.trust.users import authenticate, change_initial_password
        from ui.login import LoginDialog

        hint = ""
        if self.facts.demo_logins:
            hint = QApplication.translate("main", "Demo accounts: {logins}; first password {password}, then each chooses its own").format(
                logins=", ".join(self.facts.demo_logins), password=self.facts.demo_password)
        return LoginDialog(lambda login, pw, counter: authenticate(self.db, login, pw, counter),
                           counters(self.db), agency_name=self.facts.agency_name, demo_hint=hint,
                           change_initial=lambda login, old, new, counter: change_initial_password(
                               self.db, login, old, new, counter))

    def open_window(self, actor, counter_label: str) -> MainWindow:
        from dataclasses import replace

        from app.services.settings.store import load_settings
        from ui.login import IdleWatcher

        facts = replace(self.facts, counter_label=counter_label)
        if not self._warmed:
            # The calendar, fonts, ReportLab and PDFium load off the GUI thread while the
            # officer starts work.
            threading.Thread(target=_warm_up, args=(self.clock().year,), name="warm-up", daemon=True).start()
            self._warmed = True
        self.window = MainWindow(facts, self.db, actor, data_dir=self.data_dir, clock=self.clock,
                                 print_receipt=self.print_receipt)
        self.window.settings_page.changed.connect(lambda s: self.watcher.set_minutes(s["idle_lock_minutes"]))
        minutes = load_settings(self.db)["idle_lock_minutes"]
        if self.watcher is None:
            self.watcher = IdleWatcher(minutes)
            QApplication.instance().installEventFilter(self.watcher)
            self.watcher.idle.connect(self.lock)
        else:
            self.watcher.set_minutes(minutes)
        if self.backups is None:
            from ui.backup_timer import BackupTimer

            self.backups = BackupTimer(self.db, self.data_dir).start()
            self.backups.failed.connect(lambda m: self.window and self.window.statusBar().showMessage(m))
            QApplication.instance().aboutToQuit.connect(lambda: self.backups.stop(5))
        return self.window

    def lock(self):
        from app.services.trust.users import authenticate
        from ui.login import LockDialog

        if self.window is None or not self.window.isVisible():
            return None
        self.watcher.pause()
        dialog = LockDialog(self.window.actor, lambda login, pw: authenticate(self.db, login, pw), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a lock a day adds up otherwise
        dialog.logout_requested.connect(self.logout)
        dialog.finished.connect(lambda _result: self.watcher.resume())
        dialog.open()
        return dialog

    def logout(self) -> None:
        if self.window is not None:
            # Deleted, not just hidden: its pages, devices and workers go with it (a window
            # per log-in would stay otherwise, about 11 MiB each).
            self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.window.close()
            self.window = None
        self.start()

    def start(self) -> bool:
        dialog = self.login_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            QApplication.instance().quit()
            return False
        self.open_window(dialog.actor, dialog.counter.currentText()).show()
        return True

    def print_receipt(self, code: str, _reprint: bool = False) -> None:
        """Build (or fetch from the archive) the receipt as an op (ui/ops.py), then preview or
        print it here: the counter's window never waits on ReportLab. A failure needs no
        decision: the status bar says it (and the log keeps it, under motcua.print)."""
        from app.services.dossiers.receipts import print_receipt
        from app.services.settings.store import load_settings
        from ui.ops import op

        db, data_dir, actor, window = self.db, self.data_dir, self.window.actor, self.window

        def work():
            receipt = print_receipt(db, actor, code, data_dir)
            return receipt, load_settings(db)["receipt.print_direct"]  # read here, not on the GUI thread

        self.printing += 1
        (op(window, work).success(lambda result: self._receipt_ready(code, result))
         .failure(lambda exc: self._receipt_failed(code, exc)).category("motcua.print")
         .progress(QApplication.translate("main", "Preparing the receipt of {code}…").format(code=code),
                   cursor=False)  # the officer goes on with the next citizen meanwhile
         .run())

    def _receipt_failed(self, code: str, exc: UserError) -> None:
        from ui.ops import CrashNotice

        self.printing -= 1
        text = str(exc)
        if isinstance(exc, CrashNotice):  # a bug, logged with its traceback by the op
            text = QApplication.translate(
                "main", "The receipt could not be made. The dossier is saved; try printing it again (Ctrl+P).") \
                + " " + text
        messages.warning(QApplication.translate("main", "Cannot print the receipt") + f" {code}: {text}",
                         "motcua.print", self.window)

    def _receipt_ready(self, code: str, result) -> None:
        from ui.intake.receipt_preview import ReceiptPreview, default_printer_name, print_pdf

        self.printing -= 1
        window = self.window
        if window is None:
            return
        receipt, direct = result
        if direct and default_printer_name():
            from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

            printer = QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
            try:
                print_pdf(receipt.pdf, printer)
            except OSError:
                messages.warning(QApplication.translate("main", "Cannot print the receipt") + f" {code}: "
                                 + QApplication.translate("main", "The default printer could not be started; the "
                                                          "receipt is archived and can be reprinted."),
                                 "motcua.print", window)
                return
            messages.info(QApplication.translate("main", "Receipt {code} sent to {printer}.")
                          .format(code=code, printer=default_printer_name()), "motcua.print", window)
            return
        preview = ReceiptPreview(code, receipt.pdf, reprint=receipt.reprint, parent=window)  # deleted on close
        self.preview = preview
        preview.open()


CRASH_NOTICE_MS = 60_000


def run(url: str, data_dir: Path, demo: bool = False) -> int:
    from app import logs
    from app.data_folder import open_data_folder
    from ui import crash

    # Both done already when started by `motcua gui` (then these do nothing): the log in
    # <data>/logs/motcua.log, and private files (POSIX).
    logs.configure(data_dir, role="desk")
    open_data_folder(data_dir)
    app = make_app()
    crash.start()  # a bug in a slot or a thread: logged, one notice, the desk runs on
    try:
        db = prepare_database(url, demo=demo)
        facts = home_facts(db)
    except UserError as exc:
        QMessageBox.critical(None, app.translate("main", "Cannot open the database"), str(exc))
        return 1
    desk = Desk(db, data_dir, facts)

    def crash_notice(text: str) -> None:
        from ui import messages

        messages.show(text, desk.window, CRASH_NOTICE_MS)

    crash.install(crash_notice)
    import os

    smoke_ms = os.environ.get("MOTCUA_SMOKE_EXIT_MS", "")
    if smoke_ms.isdigit():  # the packaged app's start check: name the window that is up, then quit
        from PySide6.QtCore import QTimer

        def smoke_exit():
            up = app.activeModalWidget()
            print(f"motcua: smoke: {up.windowTitle() if up else '(no window)'}", flush=True)
            app.exit(0)

        QTimer.singleShot(int(smoke_ms), smoke_exit)
    if not desk.start():
        return 0
    return app.exec()
