"""Queue figures for `make bench` on SQLite (a copy of the big database): issuing a ticket (the
print aside) and calling the next one, each a committed transaction under the group's lock.
Peers on this machine: MADO-queue issues and calls in 2.9 ms p95 over HTTP, FQM in 77 ms."""

from __future__ import annotations

import time
from datetime import datetime, timedelta


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_queue(url: str, tickets: int = 600) -> dict:
    import statistics

    from sqlalchemy import update

    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.queue import tickets as q


    COUNTER = Actor(login="canbo", role=Role.OFFICER, user_id=1)  # who works the counter's queue
    from db.engine import Database
    from db.models import QueueGroup

    db = Database(url)
    with db.writing() as s:
        s.execute(update(QueueGroup).values(last_allowed=9999))
    start = datetime(2026, 11, 20, 7, 30)
    issue_ms, call_ms = [], []
    for i in range(tickets):
        at = start + timedelta(seconds=i)
        t = time.perf_counter()
        q.issue_ticket(db, ("TP", "VH", "TK")[i % 3], "elderly" if i % 10 == 0 else None, at=at)
        issue_ms.append((time.perf_counter() - t) * 1000)
    for i in range(tickets):
        at = start + timedelta(hours=1, seconds=i)
        t = time.perf_counter()
        q.call_next(db, COUNTER, 1 + i % 3, at=at)
        call_ms.append((time.perf_counter() - t) * 1000)
    db.dispose()
    return {"queue_issue_p50_ms": statistics.median(issue_ms), "queue_issue_p95_ms": _p95(issue_ms),
            "queue_call_p50_ms": statistics.median(call_ms), "queue_call_p95_ms": _p95(call_ms)}
