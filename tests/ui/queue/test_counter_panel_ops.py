"""The queue panel's calls run through ui/ops.py (issue 19): off the GUI thread on a real pool,
each announcing Changed.QUEUE; a refusal and a lost database land on the panel's state line.
Real SQLite files, real threads; the service is wrapped only to note the thread it ran on."""

import logging
import sqlite3
import threading
from datetime import datetime

import pytest

from app.services.queue import tickets as q
from tests.helpers.factories import OFFICER
from ui.changes import Changed, hub
from ui.main import make_app
from ui.queue.counter_panel import CounterPanel

MON = datetime(2026, 11, 23, 8, 0)
WAIT_MS = 20_000
LOCKED = "Cơ sở dữ liệu đang bị khóa bởi chương trình khác; thử lại sau."


def _panel(qtbot, database) -> CounterPanel:
    make_app()
    panel = CounterPanel(database, OFFICER, clock=lambda: MON.replace(hour=9))
    qtbot.addWidget(panel)
    return panel


def test_queue_calls_run_off_the_gui_thread_and_announce_the_queue(qtbot, db, monkeypatch, thread_ops):
    for i in range(2):
        q.issue_ticket(db, "TP", at=MON.replace(minute=i))
    threads: list[threading.Thread] = []
    for name in ("call_next", "recall", "done"):
        real = getattr(q, name)

        def noting(*args, _real=real, **kwargs):
            threads.append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(q, name, noting)
    announced: list[frozenset] = []
    hub().changed.connect(announced.append)
    panel = _panel(qtbot, db)
    with qtbot.waitSignal(panel.called, timeout=WAIT_MS) as called:
        panel.call_next()
    assert called.args == ["A001"] and panel.current.text() == "A001"
    panel.recall()
    qtbot.waitUntil(lambda: panel.state.text() == "Đã gọi 2 lần", timeout=WAIT_MS)
    panel.done()
    qtbot.waitUntil(lambda: panel.state.text() == "A001 đã xong.", timeout=WAIT_MS)
    hub().changed.disconnect(announced.append)
    assert len(threads) == 3 and threading.main_thread() not in threads
    assert announced == [frozenset({Changed.QUEUE})] * 3


def test_a_refusal_goes_to_the_state_line(qtbot, db, thread_ops):
    q.issue_ticket(db, "TP", at=MON)
    panel = _panel(qtbot, db)
    panel.call_next()
    qtbot.waitUntil(lambda: panel.current.text() == "A001", timeout=WAIT_MS)
    panel.no_show()  # called once only: the service refuses
    qtbot.waitUntil(lambda: "gọi lại đủ 3 lần" in panel.state.text(), timeout=WAIT_MS)
    assert panel.current.text() == "A001" and not panel.busy


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"bị khóa.*OperationalError in CounterPanel.call_next")
def test_a_locked_database_shows_the_sentence_and_the_next_f5_works(qtbot, db, monkeypatch, thread_ops):
    import db.engine as engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the counter waits 30 s; a test need not
    q.issue_ticket(db, "TP", at=MON)
    database = engine.Database(db.url.render_as_string(hide_password=False))
    locker = sqlite3.connect(db.url.database, isolation_level=None, timeout=5)
    try:
        panel = _panel(qtbot, database)
        locker.execute("BEGIN EXCLUSIVE")
        panel.call_next()
        qtbot.waitUntil(lambda: panel.state.text() == LOCKED, timeout=WAIT_MS)
        assert panel.current.text() == "—" and not panel.busy
        locker.execute("ROLLBACK")
        panel.call_next()
        qtbot.waitUntil(lambda: panel.current.text() == "A001", timeout=WAIT_MS)
    finally:
        locker.close()
        database.dispose()
