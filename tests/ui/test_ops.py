"""ui/ops.py: work off the GUI thread, result or error back on it, errors routed by kind in one
place; ui/changes.py: pages refresh themselves after an op; ui/messages.py: the status bar and
the log. First with the synchronous pool (the UI tests' default), then on real threads at the
signal level, checking the thread each callback runs on."""

import logging
import threading

import pytest
from PySide6.QtCore import QEvent, QThread
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from sqlalchemy.exc import OperationalError

from app.errors import Cancelled, UserError
from ui import messages
from ui.changes import Changed, announce, follow, hub
from ui.main import make_app
from ui.ops import CrashNotice, op

LOCKED = "Cơ sở dữ liệu đang bị khóa bởi chương trình khác; thử lại sau."


class Desk(QMainWindow):
    """A window with a status bar and a page, as the desk has."""

    def __init__(self):
        super().__init__()
        self.page = QLabel()
        self.setCentralWidget(self.page)
        self.statusBar()


@pytest.fixture
def desk(qtbot):
    make_app()
    w = Desk()
    qtbot.addWidget(w)
    return w


def locked(*_args):
    raise OperationalError("INSERT INTO dossiers …", {}, Exception("database is locked"))


def refused(*_args):
    raise UserError("Không đủ quyền.", field="name")


def cancelled(*_args):
    raise Cancelled()


def buggy(*_args):
    return {}["no such key"]


def collect(work_fn, parent, *, with_failure=True, changes=()):
    got = {"ok": [], "failed": []}
    work = op(parent, work_fn).success(got["ok"].append)
    if with_failure:
        work.failure(got["failed"].append)
    work.changes(*changes).run()
    return work, got


# ---- the synchronous pool ---------------------------------------------------------------------
def test_success_delivers_the_result_and_announces_what_changed(desk, qtbot):
    with qtbot.waitSignal(hub().changed) as changed:
        work, got = collect(lambda: 42, desk.page, changes=(Changed.DOSSIER,))
    assert work.done and got == {"ok": [42], "failed": []}
    assert changed.args == [frozenset({Changed.DOSSIER})]


def test_a_user_error_goes_where_the_officer_works(desk, qtbot):
    with qtbot.assertNotEmitted(hub().changed):
        _work, got = collect(refused, desk.page, changes=(Changed.DOSSIER,))
    assert [str(e) for e in got["failed"]] == ["Không đủ quyền."] and got["failed"][0].field == "name"
    assert got["ok"] == [] and desk.statusBar().currentMessage() == ""


def test_without_a_failure_callback_the_status_bar_says_it(desk):
    collect(refused, desk.page, with_failure=False)
    assert desk.statusBar().currentMessage() == "Không đủ quyền."


def test_a_cancel_is_silent(desk, caplog):
    caplog.set_level(logging.DEBUG, logger="motcua")
    work, got = collect(cancelled, desk.page)
    assert work.done and got == {"ok": [], "failed": []}
    assert desk.statusBar().currentMessage() == "" and caplog.records == []


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"^Cơ sở dữ liệu đang bị khóa.*OperationalError in locked")
def test_a_lost_database_becomes_its_vietnamese_sentence(desk):
    _work, got = collect(locked, desk.page)
    assert [str(e) for e in got["failed"]] == [LOCKED] and not isinstance(got["failed"][0], CrashNotice)


@pytest.mark.expected_log("motcua.ui", logging.ERROR, r"^buggy failed$")
def test_a_bug_is_logged_with_its_traceback_and_a_crash_notice_names_the_log(desk, tmp_path):
    from app import logs

    path = logs.configure(tmp_path, role="desk", stderr_level=None)
    try:
        collect(buggy, desk.page, with_failure=False)
        expected = messages.crash_text()
    finally:
        logs.unconfigure()
    notice = desk.statusBar().currentMessage()
    assert notice == expected and str(path) in notice
    text = path.read_text(encoding="utf-8")
    assert "buggy failed" in text and "Traceback" in text and "KeyError: 'no such key'" in text


@pytest.mark.expected_log("motcua.ui", logging.ERROR, r"^buggy failed$")
def test_a_bug_reaches_the_failure_callback_as_the_crash_notice(desk):
    _work, got = collect(buggy, desk.page)
    [notice] = got["failed"]
    assert isinstance(notice, CrashNotice) and isinstance(notice.cause, KeyError)
    assert str(notice) == messages.crash_text()


def test_a_closed_page_gets_no_callback(desk, qtbot):
    page = QWidget()
    got = []
    work = op(page, lambda: 1).success(got.append)
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    work.run()
    assert work.done and work.result == 1 and got == []


# ---- pages refresh themselves ------------------------------------------------------------------
def test_a_visible_page_refreshes_at_once_a_hidden_one_when_shown(qtbot):
    make_app()
    shown, hidden = QWidget(), QWidget()
    for w in (shown, hidden):
        qtbot.addWidget(w)
    shown.show()
    qtbot.waitExposed(shown)
    calls = []
    follow(shown, {Changed.DOSSIER}, lambda: calls.append("shown"))
    follow(hidden, {Changed.DOSSIER}, lambda: calls.append("hidden"))
    announce(Changed.SETTINGS)
    assert calls == []
    announce(Changed.DOSSIER)
    assert calls == ["shown"]
    hidden.show()
    qtbot.waitExposed(hidden)
    assert calls == ["shown", "hidden"]
    hidden.hide()
    hidden.show()  # nothing changed meanwhile: no work for nothing
    assert calls == ["shown", "hidden"]


# ---- the message API ---------------------------------------------------------------------------
def test_info_and_warning_show_in_the_status_bar_and_are_logged_by_category(desk, caplog):
    caplog.set_level(logging.INFO, logger="motcua")
    messages.info("Đã lưu hồ sơ X.", "motcua.ui", desk.page)
    assert desk.statusBar().currentMessage() == "Đã lưu hồ sơ X."
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("motcua.ui", logging.INFO, "Đã lưu hồ sơ X.")]
    with pytest.raises(ValueError, match="motcua.printer"):
        messages.info("?", "motcua.printer")  # a category nobody looks at


@pytest.mark.expected_log("motcua.print", logging.WARNING, r"^Máy in chưa sẵn sàng\.$")
def test_a_warning_needs_no_box(desk, qtbot):
    messages.warning("Máy in chưa sẵn sàng.", "motcua.print", desk.page)
    assert desk.statusBar().currentMessage() == "Máy in chưa sẵn sàng."
    assert QApplication.activeModalWidget() is None


# ---- real threads -------------------------------------------------------------------------------
def _on_threads(qtbot, fn, parent):
    gui = QApplication.instance().thread()
    seen = {}

    def work():
        # A bool, not the pool thread's wrapper: kept past the thread's end (the finished op holds
        # this closure), a wrapper outlives its C++ QThread, and a widget later made at the same
        # address came back from PySide6 as that QThread (seen once in CI, in another test).
        seen["off_gui"] = QThread.currentThread() is not gui
        seen["worker_name"] = threading.current_thread().name
        return fn()

    got = {"ok": [], "failed": []}
    w = (op(parent, work).success(lambda v: got["ok"].append((v, QThread.currentThread() is gui)))
         .failure(lambda e: got["failed"].append((e, QThread.currentThread() is gui))).run())
    qtbot.waitUntil(lambda: w.done, timeout=20_000)
    assert seen["off_gui"] and seen["worker_name"] != threading.main_thread().name
    return got


def test_real_pool_delivers_the_result_on_the_gui_thread(desk, qtbot, thread_ops):
    with qtbot.waitSignal(hub().changed, timeout=20_000):
        w = op(desk.page, lambda: 7).changes(Changed.QUEUE).run()
        assert not w.done  # not yet: the result comes through the event loop
    assert _on_threads(qtbot, lambda: 8, desk.page) == {"ok": [(8, True)], "failed": []}


def test_real_pool_routes_a_user_error_on_the_gui_thread(desk, qtbot, thread_ops):
    got = _on_threads(qtbot, refused, desk.page)
    assert [(str(e), on_gui) for e, on_gui in got["failed"]] == [("Không đủ quyền.", True)]


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"^Cơ sở dữ liệu đang bị khóa")
def test_real_pool_routes_a_lost_database_on_the_gui_thread(desk, qtbot, thread_ops):
    got = _on_threads(qtbot, locked, desk.page)
    assert [(str(e), on_gui) for e, on_gui in got["failed"]] == [(LOCKED, True)]


@pytest.mark.expected_log("motcua.ui", logging.ERROR, r"<locals>.work failed$")
def test_real_pool_routes_a_bug_on_the_gui_thread(desk, qtbot, thread_ops):
    got = _on_threads(qtbot, buggy, desk.page)
    assert [(type(e), on_gui) for e, on_gui in got["failed"]] == [(CrashNotice, True)]


def test_real_pool_keeps_a_cancel_silent(desk, qtbot, thread_ops):
    assert _on_threads(qtbot, cancelled, desk.page) == {"ok": [], "failed": []}
