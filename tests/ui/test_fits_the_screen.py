"""Every window fits the counter's screen: on 1366×768 (the most common counter monitor) and on
1280×720, each less a Windows taskbar, every window and dialog the desk can show is opened, and
each visible button lies inside the screen's available area, no window larger than it
(tests/helpers/screen_fit.py).

The screen size is Qt's offscreen platform's, set by its JSON configuration; a QApplication keeps
its screens for life, so each size runs in a process of its own and the other tests keep theirs.
The offscreen screen has no taskbar (its available area is all of it): the screen is made that
much shorter instead.

Not opened: Qt's own dialogs (message boxes, QInputDialog, file and print dialogs), which size and
place themselves on the screen they open on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TASKBAR = 40  # Windows 10's at 100 %: the available area ends above it

# Every top-level window and dialog class in ui/, with the names the worker checks it under.
EXPECTED = [
    "login", "change password", "lock",
    "officer: Tiếp nhận", "officer: Hồ sơ", "officer: Trả kết quả", "officer: Đến hạn, quá hạn",
    "officer: Tra cứu thủ tục", "officer: Thiết bị", "officer: Đồng bộ cổng", "supervisor: Báo cáo", "guide: Bàn hướng dẫn", "admin: Cài đặt",
    "receipt preview", "form preview over the dossier window", "payment",
    "dossier window: received", "dossier window: after a hand-over", "dossier window: result ready",
    "dossier window: after a hand-over, supervisor", "dossier window: supplement requested",
    "action: Chuyển phòng chuyên môn", "action: second supplement request",
    "capture", "reuse picker", "file viewer", "portal correction",
    "kiosk", "kiosk: ticket", "kiosk: closed", "hall display", "officer: after a call",
    "officer: Thông báo lỗi", "admin: Cài đặt / Thông báo", "notices consent",
    "officer: Chưa ký", "admin: Cài đặt / Chữ ký số", "PIN dialog", "verdict dialog",
    "dossier window: e-receipt to sign",
    "dossier window: fees paid in part, a receipt replaced", "officer: Trả kết quả, a fee owed", "counter closing",
    "officer: Thu phí", "supervisor: Chốt sổ các quầy", "admin: Cài đặt / Phí, lệ phí",
]


def run_on_screen(tmp_path: Path, width: int, height: int) -> dict:
    """tests/helpers/screen_fit.py in a process whose only screen is width×height, less the taskbar."""
    (tmp_path / "screen.json").write_text(json.dumps({
        "synchronousWindowSystemEvents": True,
        "windowFrameMargins": True,
        "screens": [{"name": f"counter-{width}x{height}", "x": 0, "y": 0, "width": width, "height": height - TASKBAR,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
    }), encoding="utf-8")
    env = dict(os.environ)
    # A relative path: the platform argument splits at ':', a Windows drive letter included.
    env["QT_QPA_PLATFORM"] = "offscreen:configfile=screen.json"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["MOTCUA_DATA_DIR"] = str(tmp_path / "data")
    env.pop("MOTCUA_DB", None)
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "tests.helpers.screen_fit", str(report)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-8000:]
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 720)])
def test_every_window_fits_the_screen(tmp_path, width, height):
    result = run_on_screen(tmp_path, width, height)
    assert result["screen"] == [width, height - TASKBAR]  # the configured screen is the one measured
    missing = [name for name in EXPECTED if name not in result["checked"]]
    assert missing == []
    assert result["outside"] == []


def test_a_window_reopens_where_it_was_only_if_that_fits(qtbot, tmp_path):
    """Per PC (the data folder): a place that fits is restored, one from a larger monitor is not."""
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from ui.main import make_app
    from ui.screen import PLACE_FILE, remember_place, show_placed

    make_app()
    room = QGuiApplication.primaryScreen().availableGeometry()

    def window() -> QWidget:
        w = QWidget()
        qtbot.addWidget(w)
        show_placed(w, tmp_path)
        qtbot.waitExposed(w)
        return w

    first = window()
    assert first.isMaximized()  # nothing kept yet: the available area
    first.showNormal()
    place = QRect(room.x() + 40, room.y() + 60, room.width() // 2, room.height() // 2)
    first.setGeometry(place)
    qtbot.waitUntil(lambda: first.geometry() == place)
    remember_place(first, tmp_path)
    first.close()

    second = window()
    assert not second.isMaximized()
    assert second.geometry() == place
    second.close()

    kept = QSettings(str(tmp_path / PLACE_FILE), QSettings.Format.IniFormat)
    kept.setValue("desk/geometry", QRect(0, 0, room.width() + 500, room.height() + 300))  # another monitor's
    kept.sync()
    third = window()
    assert third.isMaximized()
    assert room.contains(third.geometry())


def test_the_desk_opens_on_the_available_area_and_keeps_its_place_in_the_data_folder(qtbot, db, data_dir):
    from PySide6.QtCore import QSettings

    from app.clock import now_local
    from tests.helpers.factories import OFFICER
    from ui.main import home_facts, make_app

    make_app()
    w = MainWindow(home_facts(db), db, OFFICER, data_dir=data_dir, clock=now_local)
    qtbot.addWidget(w)
    w.show_on_screen()
    qtbot.waitExposed(w)
    assert w.isMaximized()
    w.close()
    kept = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    assert kept.value("desk/maximized", False, type=bool) is True
