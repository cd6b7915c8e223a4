"""The fast start (ui/main.py): on a database prepared before, the log-in window opens from what
the standard library's sqlite3 reads, and the rest is prepared behind it; logging in waits for
that, and a preparation that fails is reported and ends the start, as before the window existed."""

import sqlite3
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.bootstrap import DEMO_PASSWORD
from db.models import Setting
from tests.helpers.keyboard import enter, show_active, tab, type_text
from ui.main import login_facts, make_app, open_desk


def test_login_facts_come_from_a_prepared_file_only(db, sqlite_url, tmp_path):
    facts = login_facts(sqlite_url)
    assert facts.agency_name.startswith("Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long")
    assert [c.label for c in facts.counters] == ["Quầy số 1", "Quầy số 2", "Quầy số 3"]
    assert facts.demo_mode is True
    assert login_facts(f"sqlite:///{tmp_path / 'khong-co.sqlite3'}") is None  # a first run
    assert not (tmp_path / "khong-co.sqlite3").exists()  # and nothing was created by looking
    sqlite3.connect(tmp_path / "trong.sqlite3").close()
    assert login_facts(f"sqlite:///{tmp_path / 'trong.sqlite3'}") is None  # no schema yet
    assert login_facts("postgresql+psycopg://motcua@localhost/motcua") is None


def test_the_window_opens_before_the_database_is_prepared_and_logs_in_after(qtbot, db, sqlite_url, data_dir):
    make_app()
    desk = open_desk(sqlite_url, data_dir)
    assert desk.db is None and desk.preparing is not None and not desk.preparing.done.is_set()
    dialog = show_active(qtbot, desk.login_dialog())
    assert [dialog.counter.itemText(i) for i in range(dialog.counter.count())] == \
        ["Quầy số 1", "Quầy số 2", "Quầy số 3"]
    desk.prepare_behind(dialog)
    qtbot.waitUntil(lambda: dialog.findChild(object, "demoHint") is not None, timeout=60_000)
    assert "canbo" in dialog.findChild(object, "demoHint").text()  # the demo accounts' line, once known
    dialog.login.setFocus()
    type_text("canbo")
    tab()
    type_text(DEMO_PASSWORD)
    enter()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.actor.login == "canbo"
    assert desk.db is not None and desk.facts.unit_code == "000.00.01.H62" and desk.failed is None
    window = desk.open_window(dialog.actor, dialog.counter.currentText())
    qtbot.addWidget(window)
    assert window.counter_label.text() == "Quầy số 1"
    desk.backups.stop(5)
    desk.db.dispose()


def test_a_preparation_that_fails_is_reported_and_ends_the_start(qtbot, db, sqlite_url, data_dir):
    with db.writing() as s:  # settings written by a newer app: this one must refuse to start
        s.merge(Setting(key="_version", value=99, updated_at=datetime(2026, 11, 23, 8, 0)))
    db.dispose()
    make_app()
    desk = open_desk(sqlite_url, data_dir)
    assert desk.preparing is not None  # the window comes first: the file looks prepared
    dialog = show_active(qtbot, desk.login_dialog())
    shown = []

    def close_the_message():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_the_message)

    QTimer.singleShot(20, close_the_message)
    desk.prepare_behind(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert len(shown) == 1 and "phiên bản Một Cửa mới hơn" in shown[0]
    assert desk.failed is not None and desk.db is None
