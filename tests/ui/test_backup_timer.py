"""The desk's daily backup: run on a worker thread at start and again on each tick, reported back
on the GUI thread; a failure arrives as one Vietnamese status-bar message."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QThread

from app.domain.permissions import Actor
from app.services.settings.store import change_settings
from app.services.trust.backup import check_backup, run_daily_backup
from db.engine import Database
from ui.backup_timer import HOUR_MS, BackupTimer
from ui.main import make_app

WAIT_MS = 30_000


def recording(threads: list):
    def run(db, data_dir, now):
        threads.append(threading.current_thread())
        return run_daily_backup(db, data_dir, now)
    return run


def test_backs_up_off_the_gui_thread_and_reports_done(qtbot, db, tmp_path):
    make_app()
    threads, arrived_on = [], []
    timer = BackupTimer(db, tmp_path / "data", clock=lambda: datetime(2026, 11, 20, 7, 30), run=recording(threads))
    timer.done.connect(lambda _path: arrived_on.append(QThread.currentThread()))
    assert timer._timer.interval() == HOUR_MS
    with qtbot.waitSignal(timer.done, timeout=WAIT_MS) as done:
        timer.start()
    path = done.args[0]
    assert path == tmp_path / "data" / "backups" / "motcua-20261120-073000.sqlite3"
    assert check_backup(path).kind == "sqlite"
    assert threads and threads[0] is not threading.main_thread()
    assert arrived_on == [timer.thread()]  # the result is handed back on the GUI thread
    assert timer.stop()


def test_looks_again_on_each_tick_and_backs_up_once_a_day(qtbot, db, tmp_path):
    make_app()
    days = iter([datetime(2026, 11, 20, 7, 30), datetime(2026, 11, 20, 8, 30), datetime(2026, 11, 21, 7, 30)])
    timer = BackupTimer(db, tmp_path / "data", interval_ms=20, clock=lambda: next(days, datetime(2026, 11, 21, 9)))
    results = []
    timer.done.connect(results.append)
    with qtbot.waitSignals([timer.done] * 3, timeout=WAIT_MS):
        timer.start()
    assert timer.stop()
    assert [p.name if p else None for p in results[:3]] == [
        "motcua-20261120-073000.sqlite3", None, "motcua-20261121-073000.sqlite3"]


def test_a_failure_becomes_a_vietnamese_status_message(qtbot, db, tmp_path):
    make_app()
    blocker = tmp_path / "la-tep"
    change_settings(db, Actor.system(), {"backup.folder": str(blocker)})  # fine when set …
    blocker.write_text("not a folder")  # … then a file took the folder's place
    timer = BackupTimer(db, tmp_path / "data")
    with qtbot.waitSignal(timer.failed, timeout=WAIT_MS) as failed, qtbot.assertNotEmitted(timer.done):
        timer.start()
    message = failed.args[0]
    assert message.startswith("Sao lưu tự động không thành công: ") and str(blocker) in message
    assert "\n" not in message
    assert timer.stop()


def test_a_run_under_way_is_not_started_twice(qtbot, db, tmp_path):
    make_app()
    release = threading.Event()

    def slow(db, data_dir, now):
        release.wait(WAIT_MS / 1000)
        return None

    timer = BackupTimer(db, tmp_path / "data", run=slow)
    with qtbot.waitSignal(timer.done, timeout=WAIT_MS):
        assert timer.run_now() is True
        assert timer.run_now() is False  # still copying: the next hour's look is skipped
        release.set()


def test_the_office_server_is_not_backed_up_from_a_counter(qtbot, tmp_path):
    make_app()
    server = Database("postgresql+psycopg://motcua@192.0.2.1/motcua")  # never connected to
    timer = BackupTimer(server, tmp_path / "data")
    timer.start()
    assert not timer.enabled and not timer.running and not timer._timer.isActive()
    assert not (tmp_path / "data").exists()
    server.dispose()


def test_the_copy_is_made_by_a_process_of_its_own(qtbot, db, tmp_path, monkeypatch):
    """The desk's own process never copies: a backup there shared Python's lock with the GUI
    thread (app/services/trust/backup_apart.py). With the copy made impossible in this process,
    the default timer still makes a checked backup, named for the desk's clock."""
    import app.services.trust.backup as in_process

    def not_here(*_args, **_kwargs):
        raise AssertionError("the daily backup ran in the desk's process")

    monkeypatch.setattr(in_process, "run_daily_backup", not_here)
    make_app()
    timer = BackupTimer(db, tmp_path / "data", clock=lambda: datetime(2026, 11, 20, 7, 30))
    with qtbot.waitSignal(timer.done, timeout=WAIT_MS) as done:
        timer.start()
    assert timer.stop()
    path = done.args[0]
    assert path.name == "motcua-20261120-073000.sqlite3" and check_backup(path).dossiers == 0
