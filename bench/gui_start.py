"""Run as a separate process by bench/gui.py: start the app on a database, show the login window,
print "READY" once it is painted, and quit. The parent measures from spawn to READY.

`--bare`: the floor, a bare PySide6 window (a QDialog with a title, two fields and a button,
painted the same way) in the same kind of process; `bare_qt_window_ms()` measures it like
bench/gui.py's `start_to_login_ms`, so the two figures read side by side."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def main(url: str) -> int:
    from PySide6.QtCore import QTimer

    from ui.main import make_app, open_desk

    app = make_app()
    desk = open_desk(url, data_dir=None)  # as `motcua gui` does (ui/main.py run)
    dialog = desk.login_dialog()
    dialog.show()

    def ready():
        dialog.grab()  # painted, not just created
        print("READY", flush=True)
        desk.ready()  # what loads behind the window finishes before the process ends
        app.quit()

    QTimer.singleShot(0, ready)
    desk.prepare_behind(dialog)
    app.exec()
    desk.ready().dispose()
    return 0


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout

    app = QApplication(sys.argv[:1])
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    for w in (QLabel("Một Cửa"), QLineEdit(), QLineEdit(), QPushButton("Đăng nhập")):
        layout.addWidget(w)
    dialog.show()

    def ready():
        dialog.grab()
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    return 0


def spawn_to_ready_ms(args: list[str], runs: int = 5) -> float:
    """Median ms from spawning `python -m bench.gui_start ARGS` to its READY line."""
    out = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-m", "bench.gui_start", *args], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = p.stdout.readline()
        out.append((time.perf_counter() - t) * 1000)
        p.wait()
        if line.strip() != "READY":
            raise RuntimeError("the window did not open")
    return statistics.median(out[1:])  # the first run only fills the page cache


def bare_qt_window_ms(runs: int = 5) -> dict:
    return {"bare_qt_window_ms": spawn_to_ready_ms(["--bare"], runs)}


if __name__ == "__main__":
    if sys.argv[1] == "--bare":
        sys.exit(bare())
    if sys.argv[1] == "--measure":  # alone: both figures, e.g. `python -m bench.gui_start --measure URL`
        import json

        print(json.dumps({"start_to_login_ms": round(spawn_to_ready_ms([sys.argv[2]], 9), 1),
                          "bare_qt_window_ms": round(bare_qt_window_ms(9)["bare_qt_window_ms"], 1)}))
        sys.exit(0)
    sys.exit(main(sys.argv[1]))
