"""The officer's desk window for UI tests, shown at the size the screenshots use; receipts the
desk would print are collected in `window.printed` instead."""

from __future__ import annotations

from app.clock import now_local
from tests.helpers.factories import OFFICER
from ui.main import home_facts, make_app
from ui.main_window import MainWindow


def open_desk(qtbot, db, data_dir, actor=OFFICER) -> MainWindow:
    make_app()
    printed: list[str] = []
    w = MainWindow(home_facts(db), db, actor, data_dir=data_dir, clock=now_local,
                   print_receipt=lambda code, _reprint: printed.append(code))
    w.printed = printed
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w
