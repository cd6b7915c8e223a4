"""One process of the queue concurrency test: a kiosk issuing tickets or a counter calling them.
Prints what it got as one JSON line."""

import json
import sys

from app.services.queue import tickets as q
from db.engine import Database
from tests.helpers.factories import OFFICER


def main(url: str, role: str, who: int, n: int) -> None:
    db = Database(url)
    out = []
    if role == "kiosk":
        for i in range(n):
            out.append(q.issue_ticket(db, ("TP", "VH", "TK")[i % 3]).label)
    else:
        for _ in range(n):
            called = q.call_next(db, OFFICER, who)
            if called is not None:
                out.append(called.label)
    db.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
