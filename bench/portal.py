"""Portal sync figures for `make bench`: the sandbox portal as a real process on loopback, a fresh
SQLite file with 10,000 pending changes (1,000 dossiers × 10, as after a long outage) drained to
it, then 1,000 dossiers filed online pulled from it. Run alone: `python -m bench.portal`."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def bench_portal(workdir: Path, dossiers: int = 1000, events_each: int = 10, online: int = 1000) -> dict:
    from sqlalchemy import func, select

    from app.portal.client import PortalClient
    from app.portal.sync import SyncEngine
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database
    from db.migrate import upgrade
    from db.models import Dossier, OutboxMessage
    from tests.helpers.outbox_fill import fill
    from tests.helpers.sandbox import Sandbox

    workdir.mkdir(parents=True, exist_ok=True)
    db = Database(f"sqlite:///{workdir / 'portal-bench.sqlite3'}")
    upgrade(db)
    seed_demo_office(db, force_password_change=False)  # the bench logs in as the demo accounts
    t = time.perf_counter()
    fill(db, dossiers, events_each)
    fill_s = time.perf_counter() - t
    portal = Sandbox(workdir / "portal-sandbox.sqlite3")
    portal.start()
    try:
        with PortalClient(portal.url, portal.token) as client:
            engine = SyncEngine(db, client, data_dir=workdir / "data")
            client.ping()  # the connection is open, as in a running sync loop
            t = time.perf_counter()
            sent = engine.drain()
            drain_s = time.perf_counter() - t
            with db.reading() as s:
                left = s.scalar(select(func.count()).select_from(OutboxMessage)
                                .where(OutboxMessage.state != "sent"))
            assert sent == dossiers * events_each and left == 0, (sent, left)
            assert len(portal.applied()) == sent
            portal.file_online(online)
            t = time.perf_counter()
            pulled = engine.pull()
            pull_s = time.perf_counter() - t
            with db.reading() as s:
                online_here = s.scalar(select(func.count()).select_from(Dossier).where(Dossier.channel == 2))
            assert pulled == online == online_here, (pulled, online_here)
    finally:
        portal.stop()
        db.dispose()
    return {"portal_drain_10k_s": drain_s, "portal_drain_events_per_s": sent / drain_s,
            "portal_pull_1k_s": pull_s, "portal_fill_10k_s": fill_s}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="motcua-bench-portal-") as tmp:
        for k, v in bench_portal(Path(tmp)).items():
            print(f"{k:32} {v:>10.2f}")
    sys.exit(0)
