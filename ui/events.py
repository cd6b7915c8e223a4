"""Working around a PySide6 6.12 bug on Python 3.11: every static
`QCoreApplication.processEvents()` (and `QTest.qWait`) drops one reference to `None` too many, so
a process that pumps events a few thousand times dies with "none_dealloc". Processing through a
QEventLoop instance does not leak; the ballast keeps `None` alive in any case (pytest-qt's
waits use the static call)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop

_NONE_BALLAST = [None] * 2_000_000  # 16 MB of references to None
_loop: QEventLoop | None = None


def process_events() -> None:
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    _loop.processEvents()
