"""Screenshots of the reports page, as the supervisor sees it: this year's summary with its charts,
and the online share over the years.

The demo dossiers have no queue history and nobody was guided at the guide desk yet: a few weeks
of served tickets and guided citizens are written here first (numbers after today's never clash
with the queue screenshots' tickets, which are all of today), so every chart has something to show."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.queue import DONE, NO_SHOW, label
from app.domain.vocab import Role
from app.services.guide.guidance import log_guidance
from db.engine import Database
from db.models import QueueGroup, QueueTicket, User

GUIDED = ("1.004222", "1.001193", "1.004194", "2.009202")  # procedures citizens file online
# Citizens per hour the ticket was taken, and the typical wait then (minutes): a morning rush.
HOURS = {7: (3, 6), 8: (7, 18), 9: (6, 24), 10: (4, 12), 13: (3, 6), 14: (5, 14), 15: (4, 10), 16: (2, 5)}


def _working_days(before: date, n: int) -> list[date]:
    days, d = [], before
    while len(days) < n:
        d -= timedelta(days=1)
        if d.weekday() < 5:
            days.append(d)
    return days


def _queue_history(db: Database, now: datetime, rng: random.Random) -> None:
    """Served tickets of the four weeks before today, counters 1 to 3, about one in twenty absent."""
    with db.writing() as s:
        groups = s.execute(select(QueueGroup.id, QueueGroup.code, QueueGroup.prefix)
                           .where(QueueGroup.active.is_(True)).order_by(QueueGroup.position)).all()
        for day in _working_days(now.date(), 20):
            for g_index, group in enumerate(groups):
                number = 0
                for hour, (people, wait) in HOURS.items():
                    for _ in range(max(0, people - 2 * g_index + rng.randint(-1, 1))):
                        number += 1
                        issued = datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=rng.randrange(60))
                        called = issued + timedelta(minutes=max(1.0, rng.gauss(wait, wait / 2.5)))
                        absent = rng.random() < 0.05
                        s.add(QueueTicket(
                            group_id=group.id, queue_group_id=group.id, day=day, number=number,
                            label=label(group.prefix, number), status=NO_SHOW if absent else DONE, issued_at=issued,
                            called_at=called, served_at=None if absent else called + timedelta(minutes=1),
                            done_at=None if absent else called + timedelta(minutes=rng.uniform(4, 16)),
                            counter_id=1 + (g_index + number) % 3, calls=3 if absent else 1))


def _guided(db: Database, now: datetime, rng: random.Random) -> None:
    with db.reading() as s:
        guide = s.scalars(select(User).where(User.role == Role.GUIDE.value).order_by(User.id)).first()
    actor = Actor(login=guide.login, role=Role.GUIDE, user_id=guide.id, full_name=guide.full_name)
    for day in _working_days(now.date(), 30):
        for _ in range(rng.randint(0, 4)):
            log_guidance(db, actor, rng.choice(GUIDED),
                         at=datetime.combine(day, datetime.min.time()).replace(hour=rng.randint(8, 15)))


def shoot_reports(db: Database, actor_supervisor: Actor, out_dir: Path, shoot: Callable[[QWidget, Path], None],
                  settle: Callable[..., None], now: datetime | None = None) -> None:
    """Writes reports_summary.png, reports_years.png and reports_digitization.png into `out_dir`."""
    from ui.reports.page import ReportsPage

    if now is None:
        from tools.screenshots.desk import NOW as now
    rng = random.Random(2026)
    _queue_history(db, now, rng)
    _guided(db, now, rng)
    out = Path(out_dir)
    page = ReportsPage(db, actor_supervisor, lambda: now, out, save_dialog=lambda *_: "")
    # The size the page has in the 1366×768 window, beside the navigation column.
    page.resize(1196, 698)
    page.set_period("this_year")
    page.show()  # the first show asks for the report of the period shown
    page.wait_idle()
    for _ in range(100):  # the result arrives as an event on this thread
        if page.report is not None and not page.busy:
            break
        settle(20)
    if page.report is None:
        raise RuntimeError("the report was not built: " + page.notice.text())
    shoot(page, out / "reports_summary.png")
    page.tabs.setCurrentIndex(page.tabs.count() - 1)  # Qua các năm
    shoot(page, out / "reports_years.png")
    tab = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Số hóa")
    page.tabs.setCurrentIndex(tab)
    shoot(page, out / "reports_digitization.png")
    page.close()
