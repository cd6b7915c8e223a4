"""Screenshots of the queue: the kiosk (services, a ticket just taken, closed), the counter panel
after a call, and the hall display with a fresh call highlighted."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.queue import tickets as q
from app.services.queue.board import board, hall

COUNTER = Actor(login="canbo", role=Role.OFFICER, user_id=1)  # who works the counter's queue


def shoot_queue(db, window, out: Path, now: datetime, shoot) -> None:
    from ui.queue.hall_display import HallDisplay
    from ui.queue.kiosk import Kiosk

    for i, (group, priority) in enumerate((("TP", None), ("TP", None), ("VH", None), ("TP", "elderly"),
                                           ("TK", None), ("TP", None), ("VH", None))):
        q.issue_ticket(db, group, priority, at=now - timedelta(minutes=40 - 3 * i))
    for counter in (2, 3):
        q.call_next(db, COUNTER, counter, at=now - timedelta(minutes=10 - counter))
    q.done(db, COUNTER, 2, at=now - timedelta(minutes=2))

    kiosk = Kiosk(db, hall(db, now), board(db, now), lambda: now, printer=None)
    kiosk.resize(1366, 768)
    kiosk.show()
    shoot(kiosk, out / "kiosk.png")
    kiosk.tap("TP")
    shoot(kiosk, out / "kiosk_ticket.png")
    closed = hall(db, now.replace(hour=20))
    kiosk.set_hall(closed)
    shoot(kiosk, out / "kiosk_closed.png")
    kiosk.close()

    display = HallDisplay(hall(db, now), board(db, now), lambda: now)  # before the call: it is new
    display.resize(1280, 720)
    window.nav.setCurrentRow(window.INTAKE)
    window.counter_panel.call_next()
    shoot(window, out / "counter_panel.png")

    display.show()
    display.show_board(board(db, now))
    shoot(display, out / "hall_display.png")
    display.close()
