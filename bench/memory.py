"""Memory over a working day (`make bench`, offscreen Qt): does the desk, the kiosk or the hall
display grow with use? Each is measured in a process of its own, so each starts clean.

- the desk: logged in, then sessions of intake saved → receipt preview shown and closed → the
  dossier window opened and closed, as an officer works; RSS after log-in, after 50 sessions and the
  growth per session after 5 warm-up sessions (what a day of 200 dossiers adds);
- the kiosk: growth per 1,000 tickets tapped (after 100 warm-up tickets);
- the hall display: growth per 1,000 calls, each committed at a counter and shown through the
  display's own watcher thread, announcer included (after 100 warm-up calls).

RSS is read after a garbage collection, Qt's deferred deletions (as the event loop runs them) and
glibc's malloc_trim: what stays is what the process keeps, not what the allocator caches.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
WARM_UP_SESSIONS, SESSIONS = 5, 50
WARM_UP_TICKETS, TICKETS = 100, 1000
PER_DAY = 250  # tickets a group's day may hold stay far below its last allowed number


def rss_mb() -> float:
    """Resident set size of this process, MiB (Linux /proc; psutil elsewhere if installed)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    import psutil  # not a dependency: only where /proc is missing

    return psutil.Process().memory_info().rss / 2**20


def _malloc_trim() -> None:
    """glibc keeps freed heap pages for reuse, by arena, and how many swings by several MiB from
    one reading to the next: handed back first, what remains is what the process holds."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the reading is as the allocator left it
        pass


def settled_rss_mb() -> float:
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.events import process_events

    for _ in range(3):
        process_events()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    _malloc_trim()
    return rss_mb()


def _pump_until(condition, timeout_s: float = 30.0) -> None:
    from ui.events import process_events

    deadline = time.monotonic() + timeout_s
    while not condition():
        process_events()
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        time.sleep(0.001)


# ---- the desk -------------------------------------------------------------------------------------

def desk(url: str, data_dir: Path) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.services.bootstrap import DEMO_PASSWORD
    from tests.helpers.keyboard import type_text
    from ui.dossiers.detail import DossierDetailDialog
    from ui.main import Desk, home_facts, make_app, prepare_database

    make_app()
    db = prepare_database(url, demo=False, force_password_change=False)
    desk = Desk(db, data_dir, home_facts(db))
    login = desk.login_dialog()
    login.show()
    login.login.setText("canbo")
    login.password.setText(DEMO_PASSWORD)
    login.ok.click()
    if login.actor is None:
        raise RuntimeError(f"log-in refused: {login.message.text()}")
    window = desk.open_window(login.actor, login.counter.currentText())
    login.deleteLater()
    del login
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    _pump_until(window.isActiveWindow)
    out = {"desk_rss_login_mb": settled_rss_mb()}

    closed: list[str] = []

    def close_dossier_window():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DossierDetailDialog) and dialog.isVisible():
            closed.append(dialog.code)
            dialog.close_button.click()
        else:
            QTimer.singleShot(10, close_dossier_window)

    def session(n: int) -> None:
        window.nav.setCurrentRow(window.INTAKE)
        form = window.intake
        # Key events as typed, sent to the field itself: offscreen, the focus may lag a turn.
        form.procedure.setFocus()
        type_text("dang ky khai tu", form.procedure)
        form.procedure.select(form.procedure.matches()[0])
        form.name.setFocus()
        type_text(f"Nguyen Van Binh {n}", form.name)
        form.documents.tick_all()  # the documents arrive unticked (issue 22): all handed over
        desk.preview = None
        before = window.last_code
        form.save()  # the receipt is built off the GUI thread, then previewed
        _pump_until(lambda: desk.preview is not None and desk.preview.rendered() and window.last_code != before)
        desk.preview.close()
        closed.clear()
        QTimer.singleShot(10, close_dossier_window)
        window.open_dossier(window.last_code)  # modal, as Enter in the dossier list opens it
        _pump_until(lambda: closed and QApplication.activeModalWidget() is None)  # read off the GUI thread first
        window.activateWindow()
        _pump_until(window.isActiveWindow)

    for n in range(SESSIONS):
        session(n)
        if n + 1 == WARM_UP_SESSIONS:
            warm = settled_rss_mb()
    after = settled_rss_mb()
    out["desk_rss_after_50_sessions_mb"] = after
    out["desk_rss_growth_per_session_mb"] = (after - warm) / (SESSIONS - WARM_UP_SESSIONS)
    window.close()
    db.dispose()
    return out


# ---- the kiosk and the hall display ------------------------------------------------------------

class DayClock:
    """9:00 on successive working days: a day's numbers never run out over a thousand tickets."""

    def __init__(self):
        self.at = datetime(2026, 11, 2, 9, 0)

    def __call__(self) -> datetime:
        return self.at

    def next_day(self) -> None:
        self.at = datetime.combine(self.at.date() + timedelta(days=1), self.at.time())


def kiosk(url: str) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.services.queue.board import board, hall
    from ui.main import make_app, prepare_database
    from ui.queue.kiosk import Kiosk

    make_app()
    db = prepare_database(url, demo=False, force_password_change=False)
    clock = DayClock()
    screen = Kiosk(db, hall(db, clock()), board(db, clock()), clock, printer=None)  # the paper aside
    screen.resize(1280, 800)
    screen.show()
    codes = [g.code for g in board(db, clock()).groups][:3]

    def tap(i: int) -> None:
        if i and i % PER_DAY == 0:
            clock.next_day()
        screen.start_over()
        screen._last_tap = -1e9  # a new citizen, not a double tap
        QTest.mouseClick(screen.group_buttons[codes[i % len(codes)]], Qt.MouseButton.LeftButton)
        screen.repaint()
        if screen.pages.currentIndex() != 1:
            raise RuntimeError("the kiosk did not show the ticket")

    for i in range(WARM_UP_TICKETS):
        tap(i)
    warm = settled_rss_mb()
    for i in range(WARM_UP_TICKETS, WARM_UP_TICKETS + TICKETS):
        tap(i)
    growth = settled_rss_mb() - warm
    screen.close()
    db.dispose()
    return {"kiosk_rss_growth_per_1000_tickets_mb": growth * 1000 / TICKETS}


def display(url: str, cache_dir: Path) -> dict:
    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.queue import tickets as q
    from ui.main import make_app, prepare_database
    from ui.queue.announcer import Announcer
    from ui.queue.hall_display import HallDisplay
    from ui.queue.watch import QueueWatcher

    app = make_app()
    db = prepare_database(url, demo=False, force_password_change=False)
    clock = DayClock()
    counter = Actor(login="canbo", role=Role.OFFICER, user_id=1)
    announcer = Announcer(parent=app, cache_dir=cache_dir)  # as `motcua display` runs it, sound on
    watcher = QueueWatcher(db, clock)
    screen = HallDisplay(*watcher.read_now(), clock, announcer.announce)
    watcher.changed.connect(screen.show_board)
    watcher.hall_changed.connect(screen.set_hall)
    screen.resize(1280, 800)
    screen.show()
    shown: set[str] = set()
    screen.call_shown.connect(lambda label, _n: shown.add(label))
    watcher.start()

    def calls(first: int, count: int) -> None:
        for i in range(first, first + count):
            if i % PER_DAY == 0:
                if i:
                    clock.next_day()
                for _ in range(PER_DAY):  # the day's tickets, as the kiosk issued them
                    q.issue_ticket(db, "TP", at=clock())
            called = q.call_next(db, counter, 1, ["TP"], at=clock())
            _pump_until(lambda label=called.label: label in shown, 10.0)
            shown.clear()

    try:
        calls(0, WARM_UP_TICKETS)
        warm = settled_rss_mb()
        calls(WARM_UP_TICKETS, TICKETS)
        growth = settled_rss_mb() - warm
    finally:
        watcher.stop()
    screen.close()
    db.dispose()
    return {"display_rss_growth_per_1000_calls_mb": growth * 1000 / TICKETS}


# ---- make bench ---------------------------------------------------------------------------------

def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.memory", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"bench.memory {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_memory(desk_url: str, work: Path) -> dict:
    """The desk on `desk_url` (the big database's copy); the kiosk and the display on fresh
    databases of their own, each screen in a new process."""
    work.mkdir(parents=True, exist_ok=True)
    results = _child("desk", desk_url, str(work / "desk-data"))
    results |= _child("kiosk", f"sqlite:///{work / 'kiosk.sqlite3'}")
    results |= _child("display", f"sqlite:///{work / 'display.sqlite3'}", str(work / "announcements"))
    return results


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what == "desk":
        result = desk(argv[1], Path(argv[2]))
    elif what == "kiosk":
        result = kiosk(argv[1])
    elif what == "display":
        result = display(argv[1], Path(argv[2]))
    else:  # standalone: a fresh seeded database for the desk too
        with tempfile.TemporaryDirectory(prefix="motcua-memory-") as tmp:
            result = bench_memory(f"sqlite:///{Path(tmp) / 'desk.sqlite3'}", Path(tmp))
    print(json.dumps({k: round(v, 2) for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
