"""Cài đặt › Sao lưu says what the latest automatic backup added to the folder of digitized files
the daily backups share (read through an op; synchronous here, tests/ui/conftest.py)."""

import re
from datetime import datetime

from app.domain.permissions import Actor
from app.services.settings.store import change_settings, load_settings
from app.services.trust.backup import run_daily_backup
from tests.helpers.scanned_text import scanned_dossier
from ui.main import make_app
from ui.settings.backup import BackupTab


def test_the_backup_tab_says_how_many_files_and_mb_the_latest_daily_backup_added(qtbot, db, tmp_path):
    make_app()
    data_dir = tmp_path / "data"
    tab = BackupTab(True, data_dir=data_dir)
    qtbot.addWidget(tab)
    tab.load(load_settings(db))
    assert tab.latest.isVisibleTo(tab) and tab.latest.text() == "Chưa có bản sao lưu tự động nào trong thư mục này."

    scanned_dossier(db, data_dir, "Nguyen Van An")
    made = run_daily_backup(db, data_dir, datetime(2026, 11, 20, 7, 30))
    tab.load(load_settings(db))
    text = tab.latest.text()
    assert re.match(rf"Bản sao lưu tự động gần nhất: {made.name}, ghi lúc \d\d:\d\d \d\d/\d\d/\d{{4}}, \d+ KB\. ", text)
    assert text.endswith(f"2 tệp số hóa của bản này được giữ trong «{data_dir / 'backups' / 'backup-files'}»; "
                         "lần này thêm 2 tệp mới (< 0,1 MB).")

    # A page not told the data folder still shows a folder set in full; the default it cannot find.
    blind = BackupTab(False)
    qtbot.addWidget(blind)
    blind.load(load_settings(db))
    assert not blind.latest.isVisibleTo(blind)
    change_settings(db, Actor.system(), {"backup.folder": str(data_dir / "backups")})
    blind.load(load_settings(db))
    assert blind.latest.isVisibleTo(blind) and made.name in blind.latest.text()
