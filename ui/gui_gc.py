"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate enough: an ops worker
building a PDF can then free a cycle holding a Qt widget, whose C++ destructor runs off the GUI
thread, and the process crashes (seen with a report export). As pyqtgraph does
(`pyqtgraph.util.garbage_collector`), automatic collection is turned off and a timer on the GUI
thread collects each generation when its threshold is reached. Reference counting still frees
everything outside cycles at once, on any thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self.collected = 0  # collections made, for the tests
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):  # the oldest due generation (collecting it includes the younger)
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collected += 1
                return


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: kept as the app's child."""
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
