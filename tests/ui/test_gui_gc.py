"""Cycles are collected on the GUI thread only (ui/gui_gc.py): a worker that allocates a lot must
never run the collector, or it may free a Qt object off the GUI thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from ui import gui_gc
from ui.main import make_app


class _Holder(QObject):
    pass


def test_the_app_collects_cycles_on_its_own_thread_and_never_in_a_worker(qtbot):
    app = make_app()
    collector = app.findChild(gui_gc.GuiThreadCollector)
    assert collector is gui_gc.install(app) and not gc.isenabled()  # one, and automatic collection off

    threads: list[str] = []

    def note(phase, _info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    holder = _Holder()
    holder.me = holder  # a cycle through a Qt object's wrapper
    gone = weakref.ref(holder)
    del holder
    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=lambda: [[object()] for _ in range(300_000)], name="ops-worker")
        worker.start()
        worker.join()
        assert threads == []  # the worker allocated far past every threshold, and collected nothing
        assert gone() is not None
        before = collector.collected
        keep = [[] for _ in range(5_000)]  # past generation 0's threshold, still alive: the timer's turn
        qtbot.waitUntil(lambda: collector.collected > before, timeout=5000)
        assert len(keep) == 5_000
        gc.collect()  # the timer collected the due generation; make sure the oldest went too
        assert gone() is None
        assert set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
