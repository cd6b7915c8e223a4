"""Building the million-dossier bench database quickly (bench/run.py `cached_database`).

The same database as before, row for row (app/services/demo_data.py with the same seed), made
faster the way a bulk load is: the schema and the demo office as the app makes them; then the
dossier tables' secondary indexes and the name search's insert trigger are dropped, the dossiers
written without an fsync per chunk (a build that stops half-way is thrown away whole: the file is
renamed into the cache only once finished), and the indexes, the trigger and the name search made
again at the end, each in one sorted pass instead of row by row. Kept while writing: the indexes
the generator itself reads (a chunk's document lines by dossier) and the unique constraints.

Run alone: `python -m bench.build [COUNT]` builds into a temporary folder and prints its time."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

# The tables the generator fills; their secondary indexes are made again after the load.
LOADED = ("dossiers", "dossier_events", "dossier_documents", "dossier_fees", "dossier_files")
# Read by the generator while it writes (demo_digitization.attach_files): kept.
KEEP = {"ix_dossier_documents_dossier_id"}
SEARCH_TRIGGER = "dossiers_search_ai"
UNTIL = datetime(2026, 11, 20, 16, 0)


def build_database(path: Path, count: int, *, seed: int = 1, until: datetime = UNTIL,
                   progress: Callable[[int], None] | None = None) -> float:
    """Build the bench database of `count` demo dossiers at `path` (which must not exist);
    returns the seconds it took."""
    from sqlalchemy import event

    from app.domain.permissions import Actor
    from app.services.bootstrap import seed_demo_office
    from app.services.demo_data import generate
    from db.engine import Database
    from db.migrate import upgrade

    start = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed_demo_office(db, force_password_change=False)  # the bench logs in as the demo accounts
    db.dispose()
    deferred = _drop_deferred(path)
    db = Database(f"sqlite:///{path}")
    for engine in (db.engine, db.write_engine):  # after the app's own pragmas (FULL): no fsync
        event.listen(engine, "connect", _no_sync)
    try:
        generate(db, Actor.system(), count, seed=seed, until=until, progress=progress)
    finally:
        db.dispose()
    _restore_deferred(path, deferred)
    return time.perf_counter() - start


def _no_sync(dbapi_conn, _record) -> None:
    dbapi_conn.execute("PRAGMA synchronous = OFF")


def _drop_deferred(path: Path) -> list[str]:
    """Drop the loaded tables' secondary indexes (but KEEP) and the name search's insert
    trigger; returns the statements that make them again."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        marks = ", ".join("?" for _ in LOADED)
        rows = conn.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ({marks}) "
            "AND (type = 'index' OR (type = 'trigger' AND name = ?)) ORDER BY type, name",
            (*LOADED, SEARCH_TRIGGER)).fetchall()
        deferred = []
        conn.execute("BEGIN")
        for kind, name, sql in rows:
            if name in KEEP:
                continue
            conn.execute(f'DROP {kind.upper()} "{name}"')
            deferred.append(sql)
        conn.execute("COMMIT")
        return deferred
    finally:
        conn.close()


def _restore_deferred(path: Path, deferred: list[str]) -> None:
    """Make the dropped indexes and trigger again, and fill the name search from the dossiers
    (what the trigger would have written, row by row)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -524288")  # 512 MB: the sorts of CREATE INDEX stay in memory
        conn.execute("BEGIN")
        for sql in deferred:
            conn.execute(sql)
        conn.execute("INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous = FULL")
    finally:
        conn.close()


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory(prefix="motcua-build-") as tmp:
        took = build_database(Path(tmp) / "bench.sqlite3", n,
                              progress=lambda done: print(f"\r  {done:,}", end="", flush=True))
        print(f"\n{n:,} dossiers built in {took:.1f} s")
