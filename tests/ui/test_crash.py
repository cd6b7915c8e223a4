"""The desk's crash path (ui/crash.py over app/logs.py), on a real desk window: a bug in a Qt
slot and in a worker thread is logged with its traceback, the officer sees one notice per burst
naming the log file, and the desk keeps running. Qt's own messages go to the log."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

import pytest
from PySide6.QtCore import QTimer, qCritical, qWarning
from PySide6.QtWidgets import QApplication

from app import logs
from app.services.bootstrap import DEMO_PASSWORD
from app.services.trust.users import authenticate
from ui import crash, messages
from ui.main import Desk, home_facts, make_app

MONDAY_MORNING = datetime(2026, 11, 23, 8, 5)


@pytest.fixture
def crash_path(tmp_path):
    """Logging and the crash hooks for one test, taken off again after it (tests/conftest.py
    keeps watching the root logger)."""
    make_app()
    now = [1000.0]
    path = logs.configure(tmp_path / "data", role="desk", stderr_level=None)
    reporter = crash.start(clock=lambda: now[0])
    yield path, reporter, now
    crash.stop()
    crash.install(None)
    logs.unconfigure()


def _bad_slot():
    raise ZeroDivisionError("a bug in a slot")


def _bad_work():
    raise RuntimeError("a bug in a worker thread")


def _in_thread(name: str) -> None:
    t = threading.Thread(target=_bad_work, name=name)
    t.start()
    t.join()


# pytest-qt would fail the test on the exception in the slot before our hook saw it.
@pytest.mark.qt_no_exception_capture
@pytest.mark.expected_log("motcua.crash", logging.ERROR, r"^uncaught exception in ", count=3)
@pytest.mark.expected_log("motcua.ui", logging.WARNING, r"^Qt critical: a critical message from Qt$")
def test_a_bug_in_a_slot_or_a_thread_is_logged_noticed_once_per_burst_and_the_desk_runs_on(
        qtbot, db, tmp_path, crash_path):
    path, reporter, now = crash_path
    desk = Desk(db, tmp_path / "data", home_facts(db), clock=lambda: MONDAY_MORNING)
    window = desk.open_window(authenticate(db, "canbo", DEMO_PASSWORD), "Quầy số 1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown: list[str] = []

    def notify(text: str) -> None:  # as ui/main.py's run() wires it: the window's status bar
        assert threading.current_thread() is threading.main_thread()
        shown.append(text)
        messages.show(text, desk.window, 60_000)

    crash.install(notify)
    notice = f"Đã xảy ra lỗi không mong đợi; chương trình vẫn chạy tiếp. Chi tiết ghi trong nhật ký: {path}"

    QTimer.singleShot(0, _bad_slot)  # an exception in a slot, raised inside the event loop
    qtbot.waitUntil(lambda: shown == [notice])
    assert window.statusBar().currentMessage() == notice

    _in_thread("bad-worker-1")  # seconds later: the same burst, logged, no second notice
    assert reporter.crashes == 2
    QApplication.processEvents()  # a notice queued from the thread would be delivered here
    assert shown == [notice]

    now[0] += logs.CRASH_QUIET_SECONDS + 1  # a quiet minute later: a new burst, a new notice
    _in_thread("bad-worker-2")
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown == [notice, notice]

    # The desk runs on: the window is up and its event loop serves the next action.
    ran: list[int] = []
    QTimer.singleShot(0, lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1])
    assert window.isVisible() and desk.window is window

    qWarning("a warning from Qt")
    qCritical("a critical message from Qt")
    text = path.read_text(encoding="utf-8")
    crashes = text.split(" ERROR motcua.crash ")[1:]
    assert [c.splitlines()[0] for c in crashes] == [
        "uncaught exception in the main thread", "uncaught exception in thread bad-worker-1",
        "uncaught exception in thread bad-worker-2"]
    assert all("Traceback (most recent call last)" in c for c in crashes)
    assert "ZeroDivisionError: a bug in a slot" in crashes[0]
    assert "RuntimeError: a bug in a worker thread" in crashes[2]
    assert " INFO motcua.ui Qt warning: a warning from Qt" in text
    assert " WARNING motcua.ui Qt critical: a critical message from Qt" in text
    desk.backups.stop(5)


@pytest.mark.expected_log("motcua.crash", logging.ERROR, r"^uncaught exception in thread early$")
def test_a_crash_before_the_window_is_shown_when_the_window_comes(qtbot, crash_path):
    path, reporter, _now = crash_path
    _in_thread("early")
    assert reporter.crashes == 1
    QApplication.processEvents()  # the queued notice arrives with nobody to show it: kept
    shown: list[str] = []
    crash.install(shown.append)
    assert shown == [crash.notice_text(path)] and str(path) in shown[0]
