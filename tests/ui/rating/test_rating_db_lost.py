"""The rating screen loses its database while a citizen answers (issue 23 §3): the SQLite file is
locked by another program past the busy timeout, or the PostgreSQL server stops. The screen says
so in one Vietnamese line, the citizen's answer waits in the feed, and once the database is back
it lands, once. Real threads, a real SQLite file with a second connection holding BEGIN EXCLUSIVE,
a real PostgreSQL server (stopped as by a power cut, then started again)."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from db.models import AuditRecord
from tests.ui.rating.conftest import open_screen
from tests.ui.rating.helpers import enable, ratings, serve_and_finish
from ui.rating.screen import PROMPT, THANKS

LOST = "Mất kết nối với cơ sở dữ liệu của cơ quan: đang thử lại…"
WAIT_MS = 30_000  # generous: a stopped server is noticed within its connect timeout


def _answers(database) -> int:
    with database.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "rating.answer"))


def _lost_then_back(qtbot, database, lose, restore) -> None:
    enable(database)
    screen, feed, ticks = open_screen(qtbot, database)
    try:
        serve_and_finish(database)
        qtbot.waitUntil(lambda: screen.pages.currentIndex() == PROMPT, timeout=WAIT_MS)
        assert screen.status.text() == ""
        lose()
        ticks.later()
        qtbot.mouseClick(screen.ask.buttons[4], Qt.MouseButton.LeftButton)
        assert screen.pages.currentIndex() == THANKS  # the citizen is thanked: the answer is kept
        qtbot.waitUntil(lambda: screen.status.text() == LOST, timeout=WAIT_MS)
        assert len(feed.pending()) == 1
        restore()
        qtbot.waitUntil(lambda: screen.status.text() == "" and not feed.pending(), timeout=WAIT_MS)
        (r,) = ratings(database)
        assert (r.state, r.score, r.source) == ("rated", 4, "screen")
        assert _answers(database) == 1  # written once
    finally:
        feed.stop()


@pytest.mark.expected_log("motcua.db", logging.WARNING, r"rating screen: database unreachable.*locked")
def test_a_locked_sqlite_file_while_the_citizen_answers(qtbot, db, monkeypatch):
    import db.engine as engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the counter waits 30 s; a test need not
    database = engine.Database(db.url.render_as_string(hide_password=False))
    locker = sqlite3.connect(db.url.database, isolation_level=None, timeout=5)
    try:
        _lost_then_back(qtbot, database, lambda: locker.execute("BEGIN EXCLUSIVE"), lambda: locker.execute("ROLLBACK"))
    finally:
        locker.close()
        database.dispose()


@pytest.mark.postgres
@pytest.mark.expected_log("motcua.db", logging.WARNING, r"rating screen: database unreachable")
def test_the_postgresql_server_stopped_while_the_citizen_answers(qtbot, pg_crash_server):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    server = pg_crash_server
    database = Database(server.create_database("office"))
    upgrade(database)
    seed_demo_office(database, force_password_change=False)
    try:
        _lost_then_back(qtbot, database, server.crash, server.start)
    finally:
        database.dispose()
