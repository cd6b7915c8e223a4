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
