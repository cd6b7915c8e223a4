"""Report figures for `make bench`: the yearly report over the million-dossier database (a copy),
after adding a busy office's year of queue tickets (300 a working day) and guide-desk records,
then its XLSX and PDF exports. Run alone: `python -m bench.reports` (uses the cached database)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

YEAR = 2026
TICKETS_PER_DAY = 300


def add_year_of_activity(url: str) -> None:
    """A year of queue tickets and guide-desk records, written once into the bench copy."""
    from sqlalchemy import func, insert, select

    from db.engine import Database
    from db.models import GuidanceRecord, Procedure, QueueGroup, QueueTicket

    db = Database(url)
    rng = random.Random(8)
    with db.writing() as s:
        if s.scalar(select(func.count()).select_from(GuidanceRecord)):
            return
        groups = s.scalars(select(QueueGroup.id)).all()
        procs = s.scalars(select(Procedure.id)).all()
        tickets, guided = [], []
        day = date(YEAR, 1, 2)
        while day <= date(YEAR, 11, 20):
            if day.weekday() < 5:
                for n in range(TICKETS_PER_DAY):
                    issued = datetime.combine(day, clock(7, 30)) + timedelta(minutes=rng.randrange(540))
                    called = issued + timedelta(minutes=rng.expovariate(1 / 12))
                    done = called + timedelta(minutes=rng.expovariate(1 / 7))
                    show = rng.random() > 0.03
                    tickets.append({"group_id": (g := rng.choice(groups)), "queue_group_id": g, "day": day,
                                    "number": 1000 + n, "label": f"Z{n:03d}", "status": "done" if show else "no_show",
                                    "issued_at": issued, "called_at": called, "served_at": called if show else None,
                                    "done_at": done, "counter_id": rng.randint(1, 3), "calls": 1, "head": False})
                guided += [{"uuid": f"bench-{day}-{i}", "at": datetime.combine(day, clock(9)), "user_id": 2,
                            "procedure_id": rng.choice(procs), "phone_consent": False} for i in range(20)]
            day += timedelta(days=1)
        s.execute(insert(QueueTicket), tickets)
        s.execute(insert(GuidanceRecord), guided)
    db.dispose()


def bench_reports(url: str, workdir: Path, runs: int = 5) -> dict:
    from app.domain.permissions import Actor
    from app.domain.report import ReportFilter
    from app.services.reports.report import _Builder, _sorter_threads, build_report
    from db.engine import Database
    from printing.report_pdf import write_report_pdf
    from printing.report_xlsx import write_report_xlsx

    add_year_of_activity(url)
    db = Database(url)
    flt = ReportFilter(date(YEAR, 1, 1), date(YEAR, 12, 31))
    seconds, report = [], None
    for _ in range(runs):
        t = time.perf_counter()
        report = build_report(db, Actor.system(), flt, now=datetime(YEAR, 11, 20, 16))
        seconds.append(time.perf_counter() - t)
    # The digitization figures alone (part of the report above): a join over the year's paper lines,
    # and the online and ready dossiers the report's own passes hand over (read here as well).
    digitization = []
    for _ in range(3):
        with db.reading() as s, _sorter_threads(s):
            builder = _Builder(s, flt, datetime(YEAR, 11, 20, 16))
            t = time.perf_counter()
            builder.digitization()
            digitization.append(time.perf_counter() - t)
    workdir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    write_report_xlsx(report, workdir / "bao-cao.xlsx")
    xlsx = time.perf_counter() - t
    t = time.perf_counter()
    write_report_pdf(report, workdir / "bao-cao.pdf")
    pdf = time.perf_counter() - t
    db.dispose()
    print(f"yearly report over {report.total.received:,} dossiers received in {YEAR}: "
          f"first {seconds[0]:.2f} s, median {statistics.median(seconds):.2f} s; "
          f"digitization figures {statistics.median(digitization):.2f} s; XLSX {xlsx:.2f} s, PDF {pdf:.2f} s",
          flush=True)
    return {"report_year_s": statistics.median(seconds), "report_year_first_s": seconds[0],
            "report_digitization_s": statistics.median(digitization), "report_xlsx_s": xlsx, "report_pdf_s": pdf}


if __name__ == "__main__":
    import shutil

    from bench.run import cached_database

    path, _ = cached_database(1_000_000)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        copy = Path(tmp) / "work.sqlite3"
        shutil.copyfile(path, copy)
        print(bench_reports(f"sqlite:///{copy}", Path(tmp) / "reports"))
    sys.exit(0)
