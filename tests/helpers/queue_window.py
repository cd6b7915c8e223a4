"""`motcua kiosk` or `motcua display` as its own program, reporting on stdout the moments a test
waits for, so it never has to sleep and assume: `shown` once the window is up (the database is
migrated and seeded by then), and `board <called labels, newest first>` each time the window has
taken a new board from its queue watcher. The program is otherwise unchanged: the two lines come
from wrapping two functions of ui/queue/screens.py."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Slot

from ui.queue import screens as queue_screens

_show, _keep_fresh = queue_screens._show, queue_screens._keep_fresh


class _Report(QObject):
    @Slot(object)
    def board(self, b) -> None:
        print("board", *(c.label for c in b.calls), flush=True)


def show(window, windowed: bool) -> None:
    _show(window, windowed)
    print("shown", flush=True)


def keep_fresh(window, watcher) -> None:
    _keep_fresh(window, watcher)
    # A slot of an object living on the GUI thread: queued after the window's own show_board.
    window.test_report = _Report(window)  # kept referenced with the window
    watcher.changed.connect(window.test_report.board)


if __name__ == "__main__":
    queue_screens._show, queue_screens._keep_fresh = show, keep_fresh
    from app.cli.main import main

    sys.argv[0] = "motcua"
    raise SystemExit(main(sys.argv[1:]))
