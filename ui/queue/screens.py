"""Starting the kiosk and the hall display as their own full-screen programs (`motcua kiosk`,
`motcua display`), each on the PC next to its screen, sharing the office database."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.clock import now_local
from app.errors import UserError
from ui.main import make_app, prepare_database
from ui.queue.watch import QueueWatcher

log = logging.getLogger("motcua.ui")


def _open(url: str, data_dir: Path, demo: bool, role: str):
    """The program's log (<data>/logs/motcua-kiosk.log or motcua-display.log, app/logs.py), its
    private files, the app, and the crash hooks: a bug is logged and the screen runs on. No
    notice is shown: the screen faces the public, and the log is for the technician."""
    from app import logs
    from app.data_folder import open_data_folder
    from ui import crash

    logs.configure(data_dir, role=role)  # done already when started by `motcua kiosk|display`
    open_data_folder(data_dir)
    app = make_app()
    crash.start()
    try:
        return app, prepare_database(url, demo=demo)
    except UserError as exc:
        QMessageBox.critical(None, app.translate("main", "Cannot open the database"), str(exc))
        return app, None


def _show(window: QWidget, windowed: bool) -> None:
    if windowed:
        window.resize(1280, 720)
        window.show()
    else:
        window.showFullScreen()


def _keep_fresh(window, watcher: QueueWatcher) -> None:
    watcher.changed.connect(window.show_board)
    watcher.hall_changed.connect(window.set_hall)
    watcher.start()


def kiosk_printer(data_dir: Path, no_printer: bool):
    """The serial ticket printer of this PC's devices page, else the system printer."""
    if no_printer:
        return None
    from app.devices.config import load_devices
    from ui.devices.hub import DeviceHub
    from ui.queue.ticket_printers import QtTicketPrinter, SerialTicketPrinter

    settings = load_devices(data_dir)
    if settings.printer.port:
        return SerialTicketPrinter(DeviceHub(settings).start())
    return QtTicketPrinter()


def run_kiosk(url: str, data_dir: Path, demo: bool = False, windowed: bool = False, no_printer: bool = False) -> int:
    from ui.queue.kiosk import Kiosk

    app, db = _open(url, data_dir, demo, "kiosk")
    if db is None:
        return 1
    watcher = QueueWatcher(db, now_local)
    window = Kiosk(db, *watcher.read_now(), now_local, kiosk_printer(data_dir, no_printer))
    _keep_fresh(window, watcher)
    _show(window, windowed)
    try:
        return app.exec()
    finally:
        watcher.stop()


def run_display(url: str, data_dir: Path, demo: bool = False, windowed: bool = False, mute: bool = False) -> int:
    from ui.queue.hall_display import HallDisplay

    app, db = _open(url, data_dir, demo, "display")
    if db is None:
        return 1
    announcer = None
    if not mute:
        try:
            from ui.queue.announcer import Announcer

            announcer = Announcer(parent=app)
        except Exception as exc:  # noqa: BLE001 - no sound library: the screen still works
            log.warning("announcements off: %s", exc)
    watcher = QueueWatcher(db, now_local)
    window = HallDisplay(*watcher.read_now(), now_local, announcer.announce if announcer else None)
    _keep_fresh(window, watcher)
    if announcer is not None:  # switched off in the settings: what is still waiting is not said
        watcher.hall_changed.connect(lambda h: announcer.set_enabled(h.announce))
    _show(window, windowed)
    try:
        return app.exec()
    finally:
        watcher.stop()
