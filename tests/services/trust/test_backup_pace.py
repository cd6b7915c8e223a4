"""The daily backup yields to the counter: copied in steps with pauses (backup_sqlite.Pace) under
one read snapshot, so it finishes while counters keep writing and holds exactly what the database
held when it began; its thread runs at low priority (Linux: that thread's nice value alone)."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import sys
import threading

import pytest
from sqlalchemy import func, select

from app.domain.permissions import Actor
from app.services.trust import backup_sqlite
from app.services.trust.backup import backup, check_backup, run_daily_backup
from db.models import Dossier
from tests.helpers.factories import procedure_code
from tests.services.trust.test_backup import DAY, add_dossiers, register_until_stopped

ADMIN = Actor.system()
DEADLINE = 180  # seconds: a stepped copy that restarts at every write would never end


def count(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Dossier))


def test_a_stepped_backup_finishes_while_counters_write_and_holds_one_moment(db, tmp_path):
    add_dossiers(db, 5)
    ctx = mp.get_context("spawn")
    url = db.url.render_as_string(hide_password=False)
    code = procedure_code(db)
    stop, out = ctx.Event(), ctx.Queue()
    starts = [ctx.Event() for _ in range(2)]
    workers = [ctx.Process(target=register_until_stopped, args=(url, code, s, stop, out)) for s in starts]
    for w in workers:
        w.start()
    result = {}
    try:
        for s in starts:
            assert s.wait(60), "the registering processes did not start"
        before = count(db)
        # One page a step: hundreds of steps, with the counters writing between them.
        pace = backup_sqlite.Pace(pages=1, pause=0.002, check_ops=1000, check_pause=0.0005)
        job = threading.Thread(target=lambda: result.update(
            info=backup(db, tmp_path / "copy.sqlite3", actor=ADMIN, pace=pace)))
        job.start()
        job.join(DEADLINE)
        finished = not job.is_alive()
        after = count(db)
    finally:
        stop.set()
        made = sum(out.get(timeout=60) for _ in workers)
        for w in workers:
            w.join(timeout=30)
        if job.is_alive():
            job.join(DEADLINE)
    assert finished, "the stepped backup did not finish while the counters wrote"
    assert all(w.exitcode == 0 for w in workers) and made > 0
    info = result["info"]
    # The copy is the database at the moment it began: not before, and not what came later.
    assert before <= info.dossiers < after
    assert check_backup(info.path).dossiers == info.dossiers
    conn = sqlite3.connect(info.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        orphans = conn.execute("""
            SELECT d.code FROM dossiers d
             WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id)
                OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id)""").fetchall()
        assert orphans == []
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        conn.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_the_daily_backup_is_stepped_and_the_manual_one_is_not(db, tmp_path, monkeypatch):
    paces = []
    copy = backup_sqlite.copy_database

    def recording(*args, **kwargs):  # the real copy; only what it was asked for is noted
        paces.append(kwargs.get("pace"))
        return copy(*args, **kwargs)

    monkeypatch.setattr(backup_sqlite, "copy_database", recording)
    add_dossiers(db, 3)
    made = run_daily_backup(db, tmp_path / "data", DAY)
    assert check_backup(made).dossiers == 3
    backup(db, tmp_path / "hand.sqlite3", actor=ADMIN)
    assert paces == [backup_sqlite.Pace(), None]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")
def test_background_priority_lowers_only_the_calling_thread():
    seen = {}

    def work():
        tid = threading.get_native_id()
        seen["before"] = os.getpriority(os.PRIO_PROCESS, tid)
        with backup_sqlite.background_priority():
            seen["during"] = os.getpriority(os.PRIO_PROCESS, tid)
            seen["main"] = os.getpriority(os.PRIO_PROCESS, threading.main_thread().native_id)

    job = threading.Thread(target=work)
    job.start()
    job.join(30)
    assert seen["during"] == 19
    assert seen["main"] == seen["before"] == os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
