"""The online inbox's reads and the opening of a citizen's file run through ui/ops.py (issue 19):
off the GUI thread on a real pool; a file not downloaded yet and a locked database are said under
the buttons, nothing crashes. Real SQLite files and real threads; the system viewer cannot start
here (offscreen, no desktop), so `QDesktopServices.openUrl` is replaced by a recorder."""

import logging
import sqlite3
import threading

import pytest
from sqlalchemy import select, update

import ui.dossiers.online_inbox as page_module
from db.models import AuditRecord, OnlineAttachment
from tests.helpers.factories import OFFICER
from tests.ui.dossiers.test_online_inbox import pulled  # noqa: F401 - fixture
from ui.dossiers.online_inbox import OnlineInboxPage

WAIT_MS = 20_000
LOCKED = "Cơ sở dữ liệu đang bị khóa bởi chương trình khác; thử lại sau."
JPG = b"\xff\xd8\xff\xe0" + b"0" * 2000


def _noting(monkeypatch, name: str, threads: list) -> None:
    real = getattr(page_module, name)

    def noting(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module, name, noting)


def _downloaded(db, data_dir) -> None:
    (data_dir / "online").mkdir(parents=True, exist_ok=True)
    (data_dir / "online" / "giay-chung-sinh.jpg").write_bytes(JPG)
    with db.writing() as s:
        s.execute(update(OnlineAttachment).values(path="online/giay-chung-sinh.jpg"))


def _page(qtbot, database, data_dir, pulled_code) -> OnlineInboxPage:  # noqa: F811
    page = OnlineInboxPage(database, OFFICER, data_dir)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT_MS)
    assert page.table.item(0, 1).text() == pulled_code
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.files.count() > 0, timeout=WAIT_MS)  # its files are read off the GUI thread too
    return page


def test_the_inbox_is_read_and_a_file_opened_off_the_gui_thread(qtbot, db, data_dir, pulled, monkeypatch,  # noqa: F811
                                                                 thread_ops):
    _downloaded(db, data_dir)
    threads: list = []
    _noting(monkeypatch, "inbox", threads)
    _noting(monkeypatch, "open_attachment", threads)
    opened: list = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl",
                        lambda url: opened.append((url.toLocalFile(), threading.current_thread())) or True)
    page = _page(qtbot, db, data_dir, pulled)
    assert page.files.count() == 1
    page.open_file(page.files.item(0))
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT_MS)
    assert open(opened[0][0], "rb").read() == JPG
    assert opened[0][1] is threading.main_thread()  # the viewer starts from the GUI thread
    assert len(threads) == 2 and threading.main_thread() not in threads
    with db.reading() as s:
        assert s.scalar(select(AuditRecord.entity_id).where(AuditRecord.action == "dossier.open_attachment")) == pulled


def test_a_file_not_downloaded_is_said_under_the_buttons(qtbot, db, data_dir, pulled, thread_ops):  # noqa: F811
    page = _page(qtbot, db, data_dir, pulled)
    page.open_file(page.files.item(0))
    qtbot.waitUntil(lambda: page.notice.text() == "Tệp «giay-chung-sinh.jpg» chưa tải về từ cổng: sẽ tải ở lần "
                    "đồng bộ tới.", timeout=WAIT_MS)


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"bị khóa.*OperationalError in open_attachment")
def test_a_locked_database_while_opening_a_file(qtbot, db, data_dir, pulled, monkeypatch, thread_ops):  # noqa: F811
    import db.engine as engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the counter waits 30 s; a test need not
    _downloaded(db, data_dir)
    opened: list = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    database = engine.Database(db.url.render_as_string(hide_password=False))
    locker = sqlite3.connect(db.url.database, isolation_level=None, timeout=5)
    try:
        page = _page(qtbot, database, data_dir, pulled)
        locker.execute("BEGIN EXCLUSIVE")
        page.open_file(page.files.item(0))
        qtbot.waitUntil(lambda: page.notice.text() == LOCKED, timeout=WAIT_MS)
        assert opened == []
        locker.execute("ROLLBACK")
        page.open_file(page.files.item(0))
        qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT_MS)
    finally:
        locker.close()
        database.dispose()


def _answer_when_shown(seen: list) -> None:
    """The officer answers the modal dialog once it is up (Cancel / the last button)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, lambda: _answer_when_shown(seen))
        return
    seen.append((dialog, type(dialog).__name__))
    dialog.reject()


def test_the_question_and_the_reason_dialog_are_freed(qtbot, db, data_dir, pulled):  # noqa: F811
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    page = _page(qtbot, db, data_dir, pulled)
    seen: list = []
    QTimer.singleShot(0, lambda: _answer_when_shown(seen))
    assert page_module.ask(page, "Tiếp nhận", "In giấy tiếp nhận ngay?", "In", "Để sau") is False
    QTimer.singleShot(0, lambda: _answer_when_shown(seen))
    assert page.refuse_selected() is False  # the officer cancelled: nothing refused
    assert [name for _d, name in seen] == ["QMessageBox", "ActionDialog"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(d) for d, _name in seen)  # freed once answered, not kept under the page
    assert page.table.rowCount() == 1
