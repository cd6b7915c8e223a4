"""The Qt binding itself. PySide6 6.12.0 under Python 3.11 dropped one reference to `True` on
every `Signal.emit()`: after a few hundred signals the interpreter aborted ("bool_dealloc:
deallocating True or False"), at whatever test or counter action came next. A desk emits that
many signals within the hour (the queue watcher, the sync worker, the devices), so a binding
with this fault must never be installed: constraints.txt pins a good one and this test fails,
by name, on a bad one instead of a crash somewhere else."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from ui.main import make_app


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(int, object)


def _refs() -> tuple[int, int]:
    return sys.getrefcount(True), sys.getrefcount(False)


def test_emitting_a_signal_leaves_the_interpreter_s_booleans_alone():
    make_app()
    emitter = _Emitter()
    seen: list[int] = []
    emitter.carrying.connect(lambda n, _payload: seen.append(n))
    before = _refs()
    for n in range(200):  # well below the count that would abort the interpreter
        emitter.plain.emit()
        emitter.carrying.emit(n, {"report": n})
    after = _refs()
    assert seen == list(range(200))
    # Other threads may hold a few booleans for a moment; a leak would show as -400 or so.
    assert abs(after[0] - before[0]) < 20 and abs(after[1] - before[1]) < 20, (before, after)


def test_a_signal_emitted_on_a_worker_thread_reaches_the_gui_thread_intact(qtbot):
    make_app()
    emitter = _Emitter()
    got: list[tuple[int, str]] = []
    emitter.carrying.connect(lambda n, payload: got.append((n, threading.current_thread().name, payload["n"])))
    before = _refs()
    worker = threading.Thread(target=lambda: [emitter.carrying.emit(n, {"n": n}) for n in range(200)],
                              name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(got) == 200, timeout=5_000)
    assert got == [(n, "MainThread", n) for n in range(200)]  # queued to the GUI thread, in order
    after = _refs()
    assert abs(after[0] - before[0]) < 20, (before, after)
