"""One counter process of the PostgreSQL queue bench: waits for the go file, then calls the next
ticket `n` times, timing each call, with a random pause of up to `pause_ms` between calls (0: flat
out); prints the milliseconds as one JSON line."""

import json
import random
import sys
import time
from pathlib import Path

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.queue import tickets as q
from db.engine import Database

COUNTER = Actor(login="canbo", role=Role.OFFICER, user_id=1)  # who works the counter's queue


def main(url: str, counter: int, n: int, go: str, pause_ms: float) -> None:
    db = Database(url)
    q.counter_ticket(db, counter)  # connect before the start line
    while not Path(go).exists():
        time.sleep(0.001)
    ms = []
    rng = random.Random(counter)
    for _ in range(n):
        time.sleep(rng.uniform(0, pause_ms) / 1000)
        t = time.perf_counter()
        q.call_next(db, COUNTER, counter)
        ms.append((time.perf_counter() - t) * 1000)
    db.dispose()
    print(json.dumps(ms))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
