"""The window opens on a real SQLite file, speaks Vietnamese, and shows what is loaded."""

import xml.etree.ElementTree as ET

from PySide6.QtWidgets import QLabel, QListWidget

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


def test_first_run_prepares_the_database_and_the_window_speaks_vietnamese(qtbot, sqlite_url):
    make_app()
    facts = gather_facts(sqlite_url, demo=False)
    assert facts.procedures >= 30 and facts.dossiers == 0 and facts.unit_code == "000.00.01.H62"
    assert "canbo" in facts.demo_logins
    window = MainWindow(facts)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nav = window.findChild(QListWidget, "navigation")
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Tiếp nhận", "Hồ sơ", "Trả kết quả", "Tra cứu thủ tục", "Báo cáo", "Cài đặt"]
    texts = " | ".join(lbl.text() for lbl in window.findChildren(QLabel))
    assert "Cơ sở dữ liệu:" in texts and "mật khẩu: motcua2026" in texts
    assert window.windowTitle() == "Một Cửa: tiếp nhận và trả kết quả"
    assert "Database" not in texts and "coming" not in texts  # no English leftovers


def test_second_start_does_not_seed_again(qtbot, sqlite_url):
    make_app()
    first = gather_facts(sqlite_url, demo=False)
    second = gather_facts(sqlite_url, demo=False)
    assert first.procedures == second.procedures and first.agency_name == second.agency_name
