"""Processing pending Qt events from code that is not inside an event loop (tests, screenshots,
benches). Through one QEventLoop instance rather than the static
`QCoreApplication.processEvents()`, which PySide6 6.12.0 charged a reference to `None` for on
every call (see tests/ui/test_toolkit.py for the binding's faults the suite refuses)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop

_loop: QEventLoop | None = None


def process_events() -> None:
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    _loop.processEvents()
