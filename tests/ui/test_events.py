"""The PySide6 reference-count workaround: signals emitted from a device thread and static event
processing cost `True` and `None` a reference each time; the ballast is topped up when low."""

import sys
import threading

from PySide6.QtCore import QObject, Signal

import ui.events as events
from ui.main import make_app


class Emitter(QObject):
    said = Signal(str)


def test_many_emits_from_a_thread_leave_true_alive():
    app = make_app()
    e, got = Emitter(), []
    e.said.connect(got.append)
    threading.Thread(target=lambda: [e.said.emit("x") for _ in range(5000)]).start()
    while len(got) < 5000:
        events.process_events()
    assert sys.getrefcount(True) > 100_000 and app is not None  # the ballast, not luck, keeps it alive


def test_top_up_adds_when_low():
    before = len(events._BALLAST)
    events.top_up(low=sys.maxsize, add=3)  # as if both had run low
    assert len(events._BALLAST) == before + 6
    events.top_up(low=0, add=3)  # plenty left: nothing added
    assert len(events._BALLAST) == before + 6


def test_a_process_that_emitted_a_lot_exits_cleanly(tmp_path):
    import subprocess
    from pathlib import Path

    script = tmp_path / "emit.py"
    script.write_text(
        "import threading\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "from ui.events import process_events\n"
        "from ui.main import make_app\n"
        "class E(QObject):\n    said = Signal(str)\n"
        "app = make_app(); e = E(); got = []\n"
        "e.said.connect(got.append)\n"
        "threading.Thread(target=lambda: [e.said.emit('x') for _ in range(20000)]).start()\n"
        "while len(got) < 20000:\n    process_events()\n"
        "print('done')\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)})
    assert r.returncode == 0 and r.stdout.strip() == "done", r.stderr[-500:]
