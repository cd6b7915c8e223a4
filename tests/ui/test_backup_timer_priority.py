"""The desk's daily backup runs at low priority on its own thread, and the GUI thread keeps its own
(Linux: per-thread nice values; Windows lowers the thread to background mode the same way)."""

from __future__ import annotations

import os
import sys
import threading
from datetime import datetime

import pytest

from ui.backup_timer import BackupTimer
from ui.main import make_app

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")


def test_the_backup_thread_runs_at_low_priority_and_the_gui_thread_does_not(qtbot, db, tmp_path):
    make_app()
    seen = []

    def run(_db, _data_dir, _now):
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return None

    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    timer = BackupTimer(db, tmp_path / "data", clock=lambda: datetime(2026, 11, 20, 7, 30), run=run)
    with qtbot.waitSignal(timer.done, timeout=30_000):
        timer.start()
    assert timer.stop()
    assert seen == [19]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui < 19
