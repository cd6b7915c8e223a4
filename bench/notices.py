"""Notice sending figure for `make bench` (issue 23 §4): 1,000 queued SMS notices drained to the
sandbox gateway (a real HTTP server on loopback) by the sender, as the desk's runner or
`motcua notices send` does it: claim, send, record with an audit record each. Target ≤ 5 s.
Run alone: `python -m bench.notices` (a fresh SQLite file)."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def bench_notify_drain(url: str, notices: int = 1000) -> dict:
    """On a copy of the SQLite database at `url` (the benches after this one see it unchanged)."""
    if url.startswith("sqlite:///"):
        import sqlite3
        from contextlib import closing

        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "notices-bench.sqlite3"
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as src, closing(sqlite3.connect(copy)) as dst:
                src.backup(dst)
            return _drain(f"sqlite:///{copy}", notices)
    return _drain(url, notices)


def _drain(url: str, notices: int) -> dict:
    from sqlalchemy import func, insert, select

    from app.clock import now_local
    from app.domain.permissions import Actor
    from app.notify.sandbox import SandboxGateway
    from app.services.intake.registration import register
    from app.services.notices.sender import drain_once
    from app.services.settings.store import change_settings
    from db.engine import Database
    from db.models import Notice, new_uuid
    from tests.helpers.factories import OFFICER, procedure_code, request

    db = Database(url)
    keys = {"notices.sms.enabled": True, "notices.sms.provider": "sandbox"}
    try:
        with SandboxGateway() as gw:
            change_settings(db, Actor.system(), {**keys, "notices.sms.url": gw.url})
            now = now_local()
            ids = [register(db, OFFICER, request(procedure_code(db), now)).id for _ in range(10)]
            # The queue as dossier changes leave it (enqueue's own speed is the dossier change's).
            rows = [{"uuid": new_uuid(), "event_uuid": new_uuid(), "dossier_id": ids[i % len(ids)],
                     "kind": "result_ready", "channel": "sms", "recipient": f"09{i:08d}", "subject": None,
                     "body": f"UBND phuong Phuoc Hau: Ho so so {i} da co ket qua. Moi nhan tai Bo phan Mot cua.",
                     "attachment": None, "state": "pending", "attempts": 0, "created_at": now,
                     "next_attempt_at": now} for i in range(notices)]
            with db.writing() as s:
                s.execute(insert(Notice.__table__), rows)
            at = now + timedelta(seconds=1)
            t = time.perf_counter()
            sent = 0
            while (r := drain_once(db, at, limit=200, workers=8)).claimed:
                sent += r.sent
            drain_s = time.perf_counter() - t
            assert sent == notices and len(gw.recorded()) == notices, (sent, len(gw.recorded()))
            with db.reading() as s:
                left = s.scalar(select(func.count()).select_from(Notice).where(Notice.state == "pending"))
            assert left == 0, left
    finally:
        change_settings(db, Actor.system(), {"notices.sms.enabled": False})  # a PostgreSQL office sends nothing after
        db.dispose()
    return {"notify_drain_1k_s": drain_s}


if __name__ == "__main__":
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'notices-bench.sqlite3'}"
        d = Database(url)
        upgrade(d)
        seed_demo_office(d, force_password_change=False)
        d.dispose()
        print(bench_notify_drain(url))
    sys.exit(0)
