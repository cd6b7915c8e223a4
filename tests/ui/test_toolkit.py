"""The Qt binding itself. PySide6 6.12.0 under Python 3.11 dropped a reference to `True` on every
`Signal.emit()` and one to `None` on every `QLabel.setText`, static `processEvents` and other
calls returning nothing. Once those ran out the interpreter aborted ("bool_dealloc",
"none_dealloc") at whatever test or counter action came next; a desk makes that many calls
within the day. A binding with these faults must never be installed: constraints.txt pins a good
one, and these tests fail by name on a bad one instead of a crash somewhere else."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel

from ui.main import make_app


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(int, object)


def _refs() -> tuple[int, int, int]:
    """The counts, once what earlier tests left pending (posted events, widgets waiting for
    deleteLater, garbage) is done: freed meanwhile, it would look like a fault."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def _drift(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    """A fault shows as about -200 here; other threads may hold a few for a moment."""
    return any(a - b < -20 for a, b in zip(after, before, strict=True))


def _leak(block) -> tuple | None:
    """(before, after) when `block` drops the counts twice in a row, else None. The fault drops
    them at every run; a thread an earlier test left ending meanwhile (its frames freeing what
    they held) drops them once.

    The heap as it stands is collected once and then frozen (gc.freeze) for the while: the
    collections of _refs then look only at what was made since, not at all that a long test process
    holds (in a full run this test took 12 s, under a second alone). The counts are the same: the
    fault drops its references on every call, whatever the collector scans; frozen garbage is not
    freed meanwhile, so it cannot look like a fault either; and what refcounting frees meanwhile
    drops them once, which the second round is there for, as before."""
    gc.collect()
    gc.freeze()
    try:
        for _ in range(2):
            before = _refs()
            block()
            after = _refs()
            if not _drift(before, after):
                return None
        return before, after
    finally:
        gc.unfreeze()


def test_emitting_a_signal_leaves_the_interpreter_s_booleans_alone():
    make_app()
    emitter = _Emitter()
    seen: list[int] = []
    emitter.carrying.connect(lambda n, _payload: seen.append(n))

    def emit() -> None:
        seen.clear()
        for n in range(200):  # well below the count that would abort the interpreter
            emitter.plain.emit()
            emitter.carrying.emit(n, {"report": n})

    leak = _leak(emit)
    assert seen == list(range(200))
    assert leak is None, leak


def test_calls_returning_nothing_leave_none_alone():
    make_app()
    label = QLabel()

    def call() -> None:
        for n in range(200):
            label.setText(str(n))
            QCoreApplication.processEvents()
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.restoreOverrideCursor()

    leak = _leak(call)
    assert label.text() == "199" and leak is None, leak


def test_a_signal_emitted_on_a_worker_thread_reaches_the_gui_thread_intact(qtbot):
    make_app()
    emitter = _Emitter()
    got: list[tuple[int, str]] = []
    emitter.carrying.connect(lambda n, payload: got.append((n, threading.current_thread().name, payload["n"])))

    def emit_from_a_worker() -> None:
        got.clear()
        worker = threading.Thread(target=lambda: [emitter.carrying.emit(n, {"n": n}) for n in range(200)],
                                  name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(got) == 200, timeout=5_000)

    leak = _leak(emit_from_a_worker)
    assert got == [(n, "MainThread", n) for n in range(200)]  # queued to the GUI thread, in order
    assert leak is None, leak


def test_a_process_that_emitted_twenty_thousand_signals_exits_cleanly(tmp_path):
    script = tmp_path / "emit.py"
    script.write_text(
        "import threading\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "from PySide6.QtWidgets import QLabel\n"
        "from ui.events import process_events\n"
        "from ui.main import make_app\n"
        "class E(QObject):\n    said = Signal(str)\n"
        "app = make_app(); e = E(); got = []; label = QLabel()\n"
        "e.said.connect(got.append)\n"
        "e.said.connect(label.setText)\n"
        "threading.Thread(target=lambda: [e.said.emit('x') for _ in range(20000)]).start()\n"
        "while len(got) < 20000:\n    process_events()\n"
        "print('done')\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)})
    assert r.returncode == 0 and r.stdout.strip() == "done", r.stderr[-500:]
