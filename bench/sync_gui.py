"""Does the portal sync ever freeze the counter's window? A real MainWindow (offscreen) whose sync
worker drains 10,000 pending changes (1,000 dossiers × 10, as after a long outage) to the sandbox
portal running as a real process, while a 10 ms timer on the GUI thread records the largest gap
between its ticks: the worst time the window could not answer. Run alone: `python -m bench.sync_gui`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERIOD_MS = 10


def bench_sync_gui(dossiers: int = 1000, events_each: int = 10, timeout_s: float = 600.0) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from app.clock import now_local
    from app.domain.permissions import Actor
    from app.services.bootstrap import DEMO_PASSWORD
    from app.services.settings.store import change_settings
    from app.services.trust.users import authenticate
    from tests.helpers.outbox_fill import fill
    from tests.helpers.sandbox import Sandbox
    from ui.main import home_facts, make_app, prepare_database
    from ui.main_window import MainWindow

    make_app()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = prepare_database(f"sqlite:///{work / 'sync-gui.sqlite3'}", demo=False, force_password_change=False)
        fill(db, dossiers, events_each)  # before the portal is set: official codes, all sendable
        portal = Sandbox(work / "portal-sandbox.sqlite3")
        portal.start()
        window = None
        try:
            actor = authenticate(db, "canbo", DEMO_PASSWORD, 1)
            window = MainWindow(home_facts(db), db, actor, data_dir=work / "data", clock=now_local)
            window.resize(1280, 800)
            window.show()  # the worker starts, finds no portal yet and waits
            settle = QEventLoop()
            QTimer.singleShot(500, settle.quit)  # first paint and the pages' first reads: not the sync's
            settle.exec()

            clock = QElapsedTimer()
            worst = [0.0, 0.0]  # worst gap, last tick (ms)

            def tick() -> None:
                now = clock.nsecsElapsed() / 1e6
                worst[0] = max(worst[0], now - worst[1] - PERIOD_MS)
                worst[1] = now

            probe = QTimer()
            probe.setTimerType(Qt.TimerType.PreciseTimer)
            probe.setInterval(PERIOD_MS)
            probe.timeout.connect(tick)
            loop = QEventLoop()
            done: list[float] = []

            def check() -> None:
                status = window.portal_label.current
                sync = status.sync if status is not None else None
                if sync is not None and sync.pending == 0 and sync.online:
                    done.append(clock.nsecsElapsed() / 1e9)
                    loop.quit()
                elif clock.nsecsElapsed() / 1e9 > timeout_s:
                    loop.quit()

            watch = QTimer()
            watch.setInterval(50)
            watch.timeout.connect(check)
            clock.start()
            probe.start()
            watch.start()
            # The office sets its portal (as the settings page would): the worker starts draining.
            change_settings(db, Actor.system(), {"portal.url": portal.url, "portal.token": portal.token})
            window.sync_worker.sync_now()
            loop.exec()
            probe.stop()
            watch.stop()
            if not done:
                raise TimeoutError(f"the worker did not drain the outbox in {timeout_s:g} s")
            sent = len(portal.applied())
            assert sent == dossiers * events_each, sent
        finally:
            if window is not None:
                window.close()
            portal.stop()
            db.dispose()
    return {"sync_gui_worst_block_ms": max(0.0, worst[0]), "sync_gui_drain_s": done[0]}


if __name__ == "__main__":
    t = time.perf_counter()
    result = bench_sync_gui(*(int(a) for a in sys.argv[1:3]))
    for key, value in result.items():
        print(f"{key}: {value:.1f}")
    print(f"(total {time.perf_counter() - t:.0f} s)")
