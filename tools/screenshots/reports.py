"""Screenshots of the reports page, as the supervisor sees it: this year's summary with its charts,
the online share over the years, the digitization figures, and the satisfaction ratings and notices.

The demo dossiers have no queue history and nobody was guided at the guide desk yet: a few weeks
of served tickets and guided citizens are written here first (numbers after today's never clash
with the queue screenshots' tickets, which are all of today), so every chart has something to show.
Likewise a year of ratings at the counters and of notices sent (rows written straight into their
tables, here only: the demo office has no rating screen history)."""

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
from db.models import Counter, Dossier, Notice, QueueGroup, QueueTicket, Rating, User

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


# A score's weight per officer (some are rated better than others), and the reasons of a low score.
SCORE_WEIGHTS = ((5, 4, 3, 2, 1), ((55, 30, 9, 4, 2), (40, 35, 14, 7, 4), (30, 34, 18, 11, 7)))
CRITERIA = ("staff_attitude", "timeliness", "convenience", "time_against_rule", "contacts", "overall")


def _ratings(db: Database, now: datetime, rng: random.Random) -> None:
    """A year of ratings up to yesterday (about 40 a working day, three in five for a dossier, one
    in six not answered) and of notices of the dossiers' results (e-mail, SMS, Zalo)."""
    with db.writing() as s:
        counters = s.scalars(select(Counter.id).order_by(Counter.number)).all()
        officers = s.scalars(select(User.id).where(User.role.in_((Role.OFFICER.value, Role.ADMIN.value)))
                             .order_by(User.id)).all()
        dossiers = s.execute(select(Dossier.id, Dossier.procedure_id, Dossier.received_at)
                             .where(Dossier.received_at < now).order_by(Dossier.id)).all()
        n = 0
        for day in reversed(_working_days(now.date(), 250)):
            for _ in range(rng.randint(25, 55)):
                n += 1
                at = datetime.combine(day, datetime.min.time()).replace(hour=rng.choice((7, 8, 9, 10, 13, 14, 15, 16)),
                                                                        minute=rng.randrange(60))
                who = rng.randrange(len(officers))
                d = rng.choice(dossiers) if rng.random() < 0.6 else None
                answered = rng.random() > 0.17
                score = rng.choices(SCORE_WEIGHTS[0], SCORE_WEIGHTS[1][who % 3])[0] if answered else None
                s.add(Rating(service_key=f"demo:{n}", occasion="return" if d else "service",
                             counter_id=counters[who % len(counters)], user_id=officers[who], ticket_id=None,
                             dossier_id=d.id if d else None, procedure_id=d.procedure_id if d else None,
                             state="rated" if answered else "no_rating", asked_at=at,
                             expires_at=at + timedelta(seconds=30), answered_at=at + timedelta(seconds=12) if answered else None,
                             score=score, reasons=rng.sample(CRITERIA, rng.randint(1, 2)) if score and score <= 3 else None,
                             source=rng.choice(("screen", "keypad")) if answered else None))
        for i, d in enumerate(dossiers[::3]):
            at = d.received_at + timedelta(days=rng.randint(1, 10))
            if at >= now:
                continue
            channel = rng.choices(("email", "sms", "zalo"), (5, 3, 2))[0]
            state = rng.choices(("delivered", "sent", "failed", "pending", "cancelled"), (70, 18, 7, 3, 2))[0]
            s.add(Notice(event_uuid=f"00000000-0000-4000-8000-{i:012d}", dossier_id=d.id, kind="result_ready",
                         channel=channel, recipient="-", body="Hồ sơ đã có kết quả.", state=state, attempts=1,
                         created_at=at, next_attempt_at=at, sent_at=at if state in ("sent", "delivered") else None))


def shoot_reports(db: Database, actor_supervisor: Actor, out_dir: Path, shoot: Callable[[QWidget, Path], None],
                  settle: Callable[..., None], now: datetime | None = None) -> None:
    """Writes reports_summary.png, reports_years.png, reports_digitization.png and
    report_satisfaction.png into `out_dir`."""
    from ui.reports.page import ReportsPage

    if now is None:
        from tools.screenshots.desk import NOW as now
    rng = random.Random(2026)
    _queue_history(db, now, rng)
    _guided(db, now, rng)
    _ratings(db, now, rng)
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
    page.tabs.setCurrentWidget(page.satisfaction)
    page.resize(1366, 768)  # this one at the counter monitor's size, as asked for the docs
    shoot(page, out / "report_satisfaction.png")
    page.close()
