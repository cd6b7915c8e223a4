"""The dossier pages read through ui/ops.py (issue 19): on a real pool the list, the watch and the
extension's look-up run off the GUI thread and are painted when they come; a refusal and a lost
database (the PostgreSQL server stopped) are said where the officer looks, nothing crashes. Real
SQLite files, a real PostgreSQL server, real threads; services wrapped only to note their thread."""

import logging
import threading
from datetime import datetime

import pytest

import ui.dossiers.model as model_module
import ui.dossiers.watch_page as watch_module
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, request
from ui.dossiers.list_page import DossierListPage
from ui.dossiers.watch_page import WatchPage
from ui.main import make_app

WAIT_MS = 20_000
NOW = datetime(2026, 11, 20, 10, 0)
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=3)
NO_SERVER = "Không kết nối được máy chủ cơ sở dữ liệu."


def _noting(monkeypatch, module, name: str, threads: list) -> None:
    real = getattr(module, name)

    def noting(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, noting)


def _list_page(qtbot, database, actor=OFFICER) -> DossierListPage:
    make_app()
    page = DossierListPage(database, actor, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_list_is_fetched_off_the_gui_thread(qtbot, db, monkeypatch, thread_ops):
    code = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 19, 8, 0))).code
    threads: list = []
    _noting(monkeypatch, model_module, "fetch_page", threads)
    page = _list_page(qtbot, db)
    page.apply()
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=WAIT_MS)
    assert page.count.text() == "Đang hiển thị 1 hồ sơ"
    assert threads and threading.main_thread() not in threads


def test_a_refused_list_is_said_where_the_count_goes(qtbot, db, thread_ops):
    page = _list_page(qtbot, db, GUIDE)
    page.apply()
    qtbot.waitUntil(lambda: "không được phép" in page.count.text(), timeout=WAIT_MS)
    assert page.model.rowCount() == 0 and page.model.error == page.count.text()


@pytest.mark.postgres
@pytest.mark.expected_log("motcua.db", logging.WARNING, r"máy chủ cơ sở dữ liệu.*OperationalError in fetch_page")
def test_the_server_stopped_while_searching_then_back(qtbot, pg_crash_server, thread_ops):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    server = pg_crash_server
    database = Database(server.create_database("office"))
    upgrade(database)
    seed_demo_office(database, force_password_change=False)
    try:
        code = register(database, OFFICER, request("1.000894", received_at=datetime(2026, 11, 19, 8, 0))).code
        page = _list_page(qtbot, database)
        page.apply()
        qtbot.waitUntil(lambda: page.current_code() == code, timeout=WAIT_MS)
        server.crash()
        page.apply()
        qtbot.waitUntil(lambda: page.count.text() == NO_SERVER, timeout=WAIT_MS)
        server.start()
        page.apply()
        qtbot.waitUntil(lambda: page.count.text() == "Đang hiển thị 1 hồ sơ", timeout=WAIT_MS)
    finally:
        database.dispose()


def test_the_watch_is_read_off_the_gui_thread_and_refusals_said(qtbot, db, monkeypatch, thread_ops):
    make_app()
    threads: list = []
    _noting(monkeypatch, watch_module, "overdue_watch", threads)
    page = WatchPage(db, OFFICER, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()  # showing it reads the lists
    qtbot.waitUntil(lambda: page.updated.text() == "Cập nhật lúc 10:00", timeout=WAIT_MS)
    assert threads and threading.main_thread() not in threads
    guide = WatchPage(db, GUIDE, clock=lambda: NOW)
    qtbot.addWidget(guide)
    guide.show()
    qtbot.waitUntil(lambda: "không được phép" in guide.updated.text(), timeout=WAIT_MS)
