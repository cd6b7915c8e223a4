"""The desk's crash path (qutebrowser's misc/crashsignal.py): an exception nobody caught, in a Qt
slot or in any thread, is logged with its traceback under `motcua.crash` (app/logs.py) and shown
once per burst as a non-modal notice naming the log file; the desk keeps running. Qt's own
messages (qWarning, qCritical) go to the log under `motcua.ui` instead of a console nobody sees.

`start()` once per program (ui/main.py, the kiosk and the display); `install(window_notify)` by
whoever shows the notice (the desk window's status bar). A crash before any window is there is
kept and shown when one installs itself."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler

from app import logs

qt_log = logging.getLogger("motcua.ui")
# Qt's warnings are mostly platform and layout chatter ("This plugin does not support
# propagateSizeHints()", a window geometry Windows adjusted): kept in the file for the technician
# (INFO), not on stderr and not a test failure; its critical messages are our warnings.
_QT_LEVELS = {QtMsgType.QtDebugMsg: (logging.DEBUG, "debug"), QtMsgType.QtInfoMsg: (logging.DEBUG, "info"),
              QtMsgType.QtWarningMsg: (logging.INFO, "warning"), QtMsgType.QtCriticalMsg: (logging.WARNING, "critical"),
              QtMsgType.QtFatalMsg: (logging.CRITICAL, "fatal")}


class _Relay(QObject):
    """Lives on the GUI thread: a crash on a worker thread reaches the window through it."""

    crashed = Signal()


_state: dict = {"notify": None, "pending": False, "relay": None, "qt_handler": None, "reporter": None}


def notice_text(path: Path | None = None) -> str:
    path = path if path is not None else logs.log_path()
    if path is None:
        return QCoreApplication.translate("crash", "An unexpected error occurred; the desk keeps running. "
                                          "The log file could not be written.")
    return QCoreApplication.translate("crash", "An unexpected error occurred; the desk keeps running. "
                                      "The details are in the log: {path}").format(path=path)


def install(window_notify: Callable[[str], None] | None) -> None:
    """Who shows the crash notice from now on (None: nobody; a crash is kept until someone is)."""
    _state["notify"] = window_notify
    if window_notify is not None and _state["pending"]:
        _deliver()


def _deliver() -> None:  # GUI thread
    notify = _state["notify"]
    if notify is None:
        _state["pending"] = True
        return
    _state["pending"] = False
    try:
        notify(notice_text())
    except Exception:  # noqa: BLE001 - the notice must not start another burst
        logs.crash_log.error("showing the crash notice failed", exc_info=True)


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    level, kind = _QT_LEVELS.get(mode, (logging.WARNING, "message"))
    qt_log.log(level, "Qt %s: %s", kind, message)


def start(*, quiet_seconds: float = logs.CRASH_QUIET_SECONDS, clock=None) -> logs.CrashReporter:
    """Install the exception hooks and Qt's message handler; on the GUI thread, after the
    QApplication exists and logging is configured. Calling it again starts afresh."""
    stop()
    relay = _Relay()
    relay.crashed.connect(_deliver, Qt.ConnectionType.QueuedConnection)  # any thread -> the GUI thread
    _state["relay"] = relay
    options = {"quiet_seconds": quiet_seconds} | ({"clock": clock} if clock is not None else {})
    _state["reporter"] = logs.install_excepthooks(lambda _text: relay.crashed.emit(), **options)
    _state["qt_handler"] = qInstallMessageHandler(_qt_message)
    _state["started"] = True
    return _state["reporter"]


def stop() -> None:
    """Undo `start` (tests): the previous hooks and Qt message handler come back."""
    if not _state.get("started"):
        return
    logs.uninstall_excepthooks()
    qInstallMessageHandler(_state["qt_handler"])
    relay = _state["relay"]
    if relay is not None:
        relay.deleteLater()
    _state.update(started=False, relay=None, qt_handler=None, reporter=None, pending=False)
