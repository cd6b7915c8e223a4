"""Working around two PySide6 6.12 reference-count bugs on Python 3.11:

- every static `QCoreApplication.processEvents()` (and `QTest.qWait`) drops one reference to
  `None` too many; processing through a QEventLoop instance does not;
- every `Signal.emit()` from Python drops one reference to `True` too many.

A process that does either a few thousand times would die with "none_dealloc" or "bool_dealloc"
(at the latest when it exits). The ballast keeps both objects alive, and `top_up` (run every
minute by the application, see ui/main.make_app) adds more whenever it runs low, so a desk left
running for weeks is safe too. Remove all this once PySide6 fixes the bugs."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QEventLoop

CHUNK = 1_000_000  # 8 MB of references per object and chunk
_BALLAST: list = [None] * (2 * CHUNK) + [True] * (2 * CHUNK)
# The list itself must outlive the interpreter's shutdown, or clearing it at exit would take back
# the references the bugs already spent: one reference nobody ever returns keeps it for good.
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_BALLAST))
_loop: QEventLoop | None = None


def process_events() -> None:
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    _loop.processEvents()


def top_up(low: int = CHUNK, add: int = CHUNK) -> None:
    for obj in (None, True):
        if sys.getrefcount(obj) < low:
            _BALLAST.extend([obj] * add)
