"""Starting the desktop app: open (and on first run prepare) the database, log in, then the
counter desk, locked again after the idle time the office chose.

The log-in window comes first: on a database prepared before (a SQLite file with its office),
what the window shows is read with the standard library's sqlite3, and the rest (SQLAlchemy's
models, the migration check, the desk's pages) loads in a thread behind it while the officer
types (`Preparing`); logging in waits for it, which it has finished by then."""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.clock import now_local
from app.errors import UserError
from ui import messages
from ui.i18n import install_translators
from ui.login import CounterChoice

if TYPE_CHECKING:
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
    from ui.main_window import HomeFacts

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

    with db.reading() as s:
        return [CounterChoice(c.id, c.name) for c in s.scalars(
            select(Counter).where(Counter.active.is_(True)).order_by(Counter.number))]


@dataclass(frozen=True)
class LoginFacts:
    """What the log-in window shows, read before the rest of the app is loaded."""

    agency_name: str
    counters: list[CounterChoice]
    demo_mode: bool


def login_facts(url: str) -> LoginFacts | None:
    """The log-in window's facts from a SQLite file prepared before, with the standard library
    alone (no SQLAlchemy yet); None when the database is not a SQLite file holding an office (a
    first run, PostgreSQL, anything unexpected): it is then prepared before the window."""
    import json
    import sqlite3

    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = Path(url[len(prefix):]).expanduser()
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except (sqlite3.Error, ValueError):
        return None
    try:
        agency = conn.execute("SELECT name FROM agencies ORDER BY id LIMIT 1").fetchone()
        if agency is None or conn.execute("SELECT version_num FROM alembic_version").fetchone() is None:
            return None
        rows = conn.execute("SELECT id, name FROM counters WHERE active ORDER BY number").fetchall()
        demo = conn.execute("SELECT value FROM settings WHERE key = 'demo_mode'").fetchone()
        return LoginFacts(agency[0], [CounterChoice(i, name) for i, name in rows],
                          bool(demo and json.loads(demo[0])))
    except (sqlite3.Error, ValueError):
        return None  # an older or damaged file: the full preparation says what is wrong
    finally:
        conn.close()


class Preparing:
    """The database prepared (`prepare_database`: migrations, settings) and the desk's modules
    imported, in a thread started once the log-in window is up. `wait()` gives the database, or
    raises what went wrong."""

    def __init__(self, url: str, demo: bool):
        self.url, self.demo = url, demo
        self.db = None
        self.facts: HomeFacts | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="preparing", daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive() and not self.done.is_set():
            self._thread.start()

    def _run(self) -> None:
        try:
            self.db = prepare_database(self.url, demo=self.demo)
            self.facts = home_facts(self.db)
            # What logging in and the window need, loaded now rather than after the log-in.
            import app.services.settings.store  # noqa: F401
            import app.services.trust.users  # noqa: F401
            import ui.main_window  # noqa: F401
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self.error = exc
        finally:
            self.done.set()

    def wait(self):
        self.start()  # a log-in before the window's first turn of the event loop
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.db


def open_desk(url: str, data_dir: Path | None, *, demo: bool = False) -> Desk:
    """The desk on `url`. A database prepared before opens its log-in window at once and is
    prepared behind it (`Desk.start`); any other is prepared first (and seeded on a first run)."""
    login = login_facts(url)
    if login is None:
        db = prepare_database(url, demo=demo)
        return Desk(db, data_dir, home_facts(db))
    return Desk(None, data_dir, None, login=login, preparing=Preparing(url, demo))


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
        # The dossier window's modules (pikepdf among them): imported here, the first scan of the
        # day opens its dossier as fast as the next one.
        from ui.dossiers import actions, detail, detail_fees, detail_files  # noqa: F401
        from ui.notices import dossier_notices  # noqa: F401
        from ui.signing import dossier_panel  # noqa: F401
    except Exception:  # noqa: BLE001 - only a head start: printing itself reports real problems
        log.debug("warm-up failed", exc_info=True)


class Desk:
    """One running counter: the login, the window, the idle lock and printing."""

    def __init__(self, db, data_dir: Path, facts: HomeFacts, *, clock: Callable[[], datetime] = now_local,
                 login: LoginFacts | None = None, preparing: Preparing | None = None):
        # `preparing` (open_desk): db and facts are None until the preparation behind the log-in
        # window has finished; `login` is what that window shows meanwhile.
        self.db, self.data_dir, self.facts, self.clock = db, data_dir, facts, clock
        self.login, self.preparing = login, preparing
        self.failed: BaseException | None = None  # the preparation's error, reported and the app quit
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

    def ready(self):
        """The database, once prepared: at once, or after the preparation behind the log-in
        window (which raises what went wrong there)."""
        if self.db is None and self.preparing is not None:
            self.db = self.preparing.wait()
            self.facts = self.preparing.facts
        return self.db

    def _demo_hint(self) -> str:
        if self.facts is None or not self.facts.demo_logins:
            return ""
        return QApplication.translate("main", "Demo accounts: {logins}; first password {password}, then each chooses its own").format(
            logins=", ".join(self.facts.demo_logins), password=self.facts.demo_password)

    def _authenticate(self, login: str, password: str, counter: int | None):
        from app.services.trust.users import authenticate

        return authenticate(self.ready(), login, password, counter)

    def _change_initial(self, login: str, old: str, new: str, counter: int | None):
        from app.services.trust.users import change_initial_password

        return change_initial_password(self.ready(), login, old, new, counter)

    def login_dialog(self):
        from ui.login import LoginDialog

        if self.db is None:  # still preparing: what login_facts read
            choices, agency_name = self.login.counters, self.login.agency_name
        else:
            choices, agency_name = counters(self.db), self.facts.agency_name
        return LoginDialog(self._authenticate, choices, agency_name=agency_name, demo_hint=self._demo_hint(),
                           change_initial=self._change_initial)

    def prepare_behind(self, dialog) -> None:
        """Start the preparation once `dialog` (the log-in window, shown) has had its first turn
        of the event loop, and watch it: a failure is reported as before the window existed (a
        message, then the app quits), a demo database gets its accounts' line when known."""
        if self.preparing is None or self.db is not None:
            return
        QTimer.singleShot(0, self.preparing.start)
        watch = QTimer(dialog)
        watch.setInterval(20)

        def check():
            if not self.preparing.done.is_set():
                return
            watch.stop()
            try:
                self.ready()
            except Exception as exc:  # noqa: BLE001 - reported here as the start did before
                self.failed = exc
                if not isinstance(exc, UserError):
                    log.error("preparing the database failed", exc_info=exc)
                QMessageBox.critical(dialog, QApplication.translate("main", "Cannot open the database"), str(exc))
                dialog.reject()
                return
            if dialog.isVisible():
                dialog.set_demo_hint(self._demo_hint())

        watch.timeout.connect(check)
        watch.start()

    def open_window(self, actor, counter_label: str) -> MainWindow:
        from dataclasses import replace

        from app.services.settings.store import load_settings
        from ui.login import IdleWatcher
        from ui.main_window import MainWindow
        from ui.window_filters import watch_windows

        self.ready()
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
            self.watcher = watch_windows(IdleWatcher(minutes))  # the windows' input (ui/window_filters.py)
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
        self.window.signing.close()  # the token's session ends at the lock: its PIN is asked again after
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
        self.prepare_behind(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            QApplication.instance().quit()
            return False
        self.open_window(dialog.actor, dialog.counter.currentText()).show_on_screen()
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
        desk = open_desk(url, data_dir, demo=demo)
    except UserError as exc:
        QMessageBox.critical(None, app.translate("main", "Cannot open the database"), str(exc))
        return 1

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
    try:
        if not desk.start():
            return 1 if desk.failed is not None else 0
        return app.exec()
    finally:
        if desk.preparing is not None:
            desk.preparing.done.wait(60)  # quitting never cuts a migration short
