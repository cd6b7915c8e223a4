"""Queue figures for `make bench` on SQLite (a copy of the big database): issuing a ticket (the
print aside) and calling the next one, each a committed transaction under the group's lock; and
calling with 50 and with 5,000 tickets waiting, which should cost the same (a busy office's
morning queue must not slow the counter's "Gọi số tiếp").
Peers on this machine: MADO-queue issues and calls in 2.9 ms p95 over HTTP, FQM in 77 ms."""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta

# The waiting tickets' partial indexes that call_next's "first of each kind in each group" reads
# (app/services/queue/tickets.py `_first_of`): created here until a migration adds them.
QUEUE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_queue_tickets_next_regular ON queue_tickets "
    "(queue_group_id, day, head DESC, issued_at, id) WHERE status = 'issued' AND priority IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_queue_tickets_next_priority ON queue_tickets "
    "(queue_group_id, day, head DESC, issued_at, id) WHERE status = 'issued' AND priority IS NOT NULL",
)
GROUPS = ("TP", "VH", "TK")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ensure_indexes(db) -> None:
    with db.writing() as s:
        for sql in QUEUE_INDEXES:
            s.connection().exec_driver_sql(sql)


def bench_queue(url: str, tickets: int = 600, deep: int = 5000, shallow: int = 50, calls: int = 200) -> dict:
    from sqlalchemy import update

    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.queue import tickets as q
    from db.engine import Database
    from db.models import QueueGroup

    counter = Actor(login="canbo", role=Role.OFFICER, user_id=1)  # who works the counter's queue
    db = Database(url)
    ensure_indexes(db)
    with db.writing() as s:
        s.execute(update(QueueGroup).values(last_allowed=9999))
    start = datetime(2026, 11, 20, 7, 30)
    issue_ms, call_ms = [], []
    for i in range(tickets):
        at = start + timedelta(seconds=i)
        t = time.perf_counter()
        q.issue_ticket(db, GROUPS[i % 3], "elderly" if i % 10 == 0 else None, at=at)
        issue_ms.append((time.perf_counter() - t) * 1000)
    for i in range(tickets):
        at = start + timedelta(hours=1, seconds=i)
        t = time.perf_counter()
        q.call_next(db, counter, 1 + i % 3, at=at)
        call_ms.append((time.perf_counter() - t) * 1000)
    out = {"queue_issue_p50_ms": statistics.median(issue_ms), "queue_issue_p95_ms": _p95(issue_ms),
           "queue_call_p50_ms": statistics.median(call_ms), "queue_call_p95_ms": _p95(call_ms)}
    # The same calls with a queue of `shallow`, then `deep`, waiting (each its own day).
    for waiting, day in ((shallow, date(2026, 11, 23)), (deep, date(2026, 11, 24))):
        ms = _calls_with_waiting(db, q, counter, day, waiting, calls)
        out[f"queue_call_{waiting}_waiting_p50_ms"] = statistics.median(ms)
        out[f"queue_call_{waiting}_waiting_p95_ms"] = _p95(ms)
    db.dispose()
    return out


def _calls_with_waiting(db, q, counter, day: date, waiting: int, calls: int) -> list[float]:
    """`calls` calls, the queue topped up after each so `waiting` tickets always wait."""
    at = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, minutes=30)
    n = 0

    def issue():
        nonlocal n
        q.issue_ticket(db, GROUPS[n % 3], "elderly" if n % 10 == 0 else None, at=at + timedelta(seconds=n))
        n += 1

    for _ in range(waiting):
        issue()
    ms = []
    for i in range(calls):
        t = time.perf_counter()
        q.call_next(db, counter, 1 + i % 3, at=at + timedelta(hours=3, seconds=i))
        ms.append((time.perf_counter() - t) * 1000)
        issue()
    return ms
