"""The satisfaction and notices figures for `make bench` (app/services/reports/satisfaction.py):
a busy office's year of ratings (300,000: about 1,200 a working day, 60 % with a dossier, a fifth
timed out) and of notices (150,000) written into the bench copy, in the order they happen, then
the year's figures built (`report_satisfaction_year_s`, median of 5). Run alone:
`python -m bench.satisfaction` (on a copy of the cached database)."""

from __future__ import annotations

import random
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timedelta

YEAR = 2026
RATINGS, NOTICES = 300_000, 150_000
CRITERIA = ("overall", "convenience", "timeliness", "staff_attitude", "time_against_rule", "contacts")


def add_year_of_ratings(url: str) -> None:
    """Written once into the bench copy, sorted by moment as the desk writes them."""
    from sqlalchemy import func, insert, select

    from db.engine import Database
    from db.models import Counter, Dossier, Notice, Rating, User

    db = Database(url)
    rng = random.Random(23)
    with db.writing() as s:
        # Written already? Its own ratings only: the rating screen's figure leaves some of its own.
        if s.scalar(select(func.count()).select_from(Rating).where(Rating.service_key.like("bench:%"))):
            return
        counters = s.scalars(select(Counter.id)).all()
        users = s.scalars(select(User.id)).all()
        dossiers = s.execute(select(Dossier.id, Dossier.procedure_id).where(
            Dossier.received_at >= datetime(YEAR, 1, 1), Dossier.received_at < datetime(YEAR + 1, 1, 1))).all()
        start = datetime(YEAR, 1, 1, 7)
        moments = sorted(start + timedelta(days=rng.randrange(365), minutes=rng.randrange(600))
                         for _ in range(RATINGS))
        ratings = []
        for i, at in enumerate(moments):
            d = rng.choice(dossiers) if rng.random() < 0.6 else None
            state = rng.choices(("rated", "no_rating", "asked"), (80, 19, 1))[0]
            score = rng.choices((5, 4, 3, 2, 1), (50, 30, 10, 6, 4))[0] if state == "rated" else None
            ratings.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "service_key": f"bench:{i}",
                            "occasion": "return" if d else "service", "counter_id": rng.choice(counters),
                            "user_id": rng.choice(users), "dossier_id": d.id if d else None,
                            "procedure_id": d.procedure_id if d else None, "state": state, "asked_at": at,
                            "expires_at": at + timedelta(seconds=30), "score": score,
                            "reasons": rng.sample(CRITERIA, rng.randint(1, 2)) if score and score <= 3 else None})
        s.execute(insert(Rating), ratings)
        notices = []
        for at in sorted(start + timedelta(days=rng.randrange(365), minutes=rng.randrange(600))
                         for _ in range(NOTICES)):
            notices.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                            "event_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                            "dossier_id": rng.choice(dossiers).id, "kind": "result_ready",
                            "channel": rng.choice(("email", "sms", "zalo")), "recipient": "x", "body": "x",
                            "state": rng.choices(("sent", "delivered", "failed", "pending", "cancelled"),
                                                 (30, 55, 8, 5, 2))[0],
                            "attempts": 1, "created_at": at, "next_attempt_at": at})
        s.execute(insert(Notice), notices)
    db.dispose()


def bench_satisfaction(url: str, runs: int = 5) -> dict:
    from app.domain.permissions import Actor
    from app.domain.report import ReportFilter
    from app.services.reports.satisfaction import build_satisfaction
    from db.engine import Database

    add_year_of_ratings(url)
    db = Database(url)
    flt = ReportFilter(date(YEAR, 1, 1), date(YEAR, 12, 31))
    seconds, figures = [], None
    for _ in range(runs):
        t = time.perf_counter()
        figures = build_satisfaction(db, Actor.system(), flt)
        seconds.append(time.perf_counter() - t)
    db.dispose()
    print(f"satisfaction figures over {figures.total.asked:,} ratings and {figures.notices_total.written:,} notices "
          f"of {YEAR}: first {seconds[0]:.2f} s, median {statistics.median(seconds):.2f} s", flush=True)
    if figures.total.asked < RATINGS:  # an empty table measures nothing
        raise RuntimeError(f"only {figures.total.asked} ratings in {YEAR}: the year was not written")
    return {"report_satisfaction_year_s": statistics.median(seconds)}


if __name__ == "__main__":
    import shutil
    import tempfile
    from pathlib import Path

    from bench.run import cached_database

    path, _ = cached_database(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        copy = Path(tmp) / "work.sqlite3"
        shutil.copyfile(path, copy)
        print(bench_satisfaction(f"sqlite:///{copy}"))
