
"""The window opens on a real SQLite file, speaks Vietnamese, and shows what is loaded."""

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtWidgets import QLabel, QListWidget

from app.errors import PasswordChangeRequired
from app.services.bootstrap import DEMO_PASSWORD
from app.services.trust.users import authenticate, change_initial_password
from db.engine import Database
from ui.i18n import I18N
from ui.main import gather_facts, make_app
from ui.main_window import MainWindow


def test_every_message_is_translated():
    files = sorted(I18N.glob("*_vi.ts"))
    messages = [m for ts in files for m in ET.parse(ts).iter("message")]
    assert files and messages
    untranslated = [m.find("source").text for m in messages
                    if not (m.find("translation").text or "").strip()
                    or m.find("translation").get("type") in ("unfinished", "obsolete")]
    assert untranslated == []


def test_first_run_prepares_the_database_and_the_window_speaks_vietnamese(qtbot, sqlite_url, tmp_path):
    make_app()
    facts = gather_facts(sqlite_url, demo=False)
    assert facts.procedures >= 30 and facts.unit_code == "000.00.01.H62"
    assert "canbo" in facts.demo_logins
    db = Database(sqlite_url)
    with pytest.raises(PasswordChangeRequired):  # the first run's accounts choose their own password first
        authenticate(db, "huongdan", DEMO_PASSWORD, None)
    guide = change_initial_password(db, "huongdan", DEMO_PASSWORD, "huong-dan-2026x")
    window = MainWindow(replace(facts, counter_label="Quầy số 2"), db, guide, data_dir=tmp_path,
                        clock=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nav = window.findChild(QListWidget, "navigation")
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Tiếp nhận", "Hồ sơ", "Trả kết quả", "Đến hạn, quá hạn", "Bàn hướng dẫn", "Báo cáo", "Cài đặt", "Thiết bị"]
    # What a guide may not do is not offered: those rows are hidden, and the guide starts at the
    # desk, which holds the procedure explorer (no second copy of it).
    shown = [nav.item(i).text() for i in range(nav.count()) if not nav.isRowHidden(i)]
    assert shown == ["Bàn hướng dẫn", "Cài đặt", "Thiết bị"]
    assert window.procedures_page is None
    assert window.pages.currentWidget() is window.guide_page
    assert window.windowTitle() == "Một Cửa: tiếp nhận và trả kết quả"
    status = " | ".join(lbl.text() for lbl in window.statusBar().findChildren(QLabel))
    assert "Trần Văn Bình (Tình nguyện viên hướng dẫn)" in status and "Quầy số 2" in status
    assert "SQLite:" in status and "Cổng DVC: chưa kết nối" in status
    # A guide cannot register: the intake page says so instead of offering a form.
    texts = " | ".join(lbl.text() for lbl in window.findChildren(QLabel))
    assert "không tiếp nhận hồ sơ" in texts and window.intake is None
    assert "Database" not in texts and "coming" not in texts  # no English leftovers
    db.dispose()


def _seeded(url) -> dict:
    from sqlalchemy import func, select

    from db.models import Agency, AuditRecord, Counter, Procedure, User

    db = Database(url)
    try:
        with db.reading() as s:
            return {m.__name__: s.scalar(select(func.count()).select_from(m))
                    for m in (Agency, Counter, User, Procedure, AuditRecord)}
    finally:
        db.dispose()


def test_second_start_does_not_seed_again(qtbot, sqlite_url):
    make_app()
    first = gather_facts(sqlite_url, demo=False)
    seeded = _seeded(sqlite_url)
    # the demo office: one agency, three counters, one account per role, the bundled catalog
    assert {k: seeded[k] for k in ("Agency", "Counter", "User")} == {"Agency": 1, "Counter": 3, "User": 4}
    assert seeded["Procedure"] == first.procedures > 0
    second = gather_facts(sqlite_url, demo=False)
    assert _seeded(sqlite_url) == seeded  # nothing added, not even an audit record
    assert second == first


def test_procedure_lookup_finds_without_diacritics_and_shows_everything(qtbot, db):
    from app.services.trust.users import authenticate as auth
    from ui.dossiers.procedures_page import ProceduresPage

    make_app()
    page = ProceduresPage(db, auth(db, "huongdan", DEMO_PASSWORD, None))
    qtbot.addWidget(page)
    page.search.setText("the huong dan vien")
    assert page.list.count() >= 4 and "thủ tục" in page.count.text()
    page.search.setText("1.001029")
    assert page.list.count() == 1
    text = page.detail.toPlainText()
    assert "karaoke" in text and "Thành phần hồ sơ" in text and "4.000.000 đ" in text
    assert "Thời hạn giải quyết: 5 ngày làm việc" in text.replace("\n", " ")
    page.search.setText("khong co thu tuc nay")
    assert page.list.count() == 0 and "Không có thủ tục phù hợp" in page.detail.toPlainText()


def test_supervisor_starts_on_the_due_and_overdue_page(qtbot, db, sqlite_url, tmp_path):
    make_app()
    boss = authenticate(db, "lanhdao", DEMO_PASSWORD, None)
    window = MainWindow(gather_facts(sqlite_url, demo=False), db, boss, data_dir=tmp_path,
                        clock=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(window)
    window.show()
    assert window.intake is None and window.pages.currentWidget() is window.watch_page
    assert not window.watch_page.mine.isChecked()  # the whole office
