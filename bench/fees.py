"""The fee report for `make bench` (app/services/reports/fees.py): a year of payments written into
the bench copy beside the generator's own (which have no receipts): each dossier of the year that
carries a fee and was left unpaid by the generator paid once,
most the day it was received, in cash (60 %), by transfer (25 %) or online on the portal (15 %,
at no counter); 1 % voided; each with its receipt, 97 % issued, the rest waiting (pending, paper
number awaited, refused) and 0.5 % cancelled and replaced. Then the year's report built
(`report_fees_year_s`, median of 5) and written as PDF and XLSX (`report_fees_files_s`).
Run alone: `python -m bench.fees` (on a copy of the cached database, upgraded to the schema)."""

from __future__ import annotations

import random
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timedelta

YEAR = 2026
METHODS = (("cash", 60), ("transfer", 25), ("online", 15))


def add_year_of_payments(url: str) -> int:
    """Written once into the bench copy, in the order they happen; the number of payments."""
    from sqlalchemy import bindparam, func, insert, select, update

    from app.domain.vocab import DossierStatus
    from db.engine import Database
    from db.models import Dossier, DossierPayment, FeeReceipt

    db = Database(url)
    rng = random.Random(25)
    with db.writing() as s:
        done = s.scalar(select(func.count()).select_from(DossierPayment).where(DossierPayment.event_uuid.like("bench:%")))
        if done:
            db.dispose()
            return int(done)
        rows = s.execute(select(Dossier.id, Dossier.received_at, Dossier.fees_total, Dossier.counter_id,
                                Dossier.received_by).where(
            Dossier.received_at >= datetime(YEAR, 1, 1), Dossier.received_at < datetime(YEAR + 1, 1, 1),
            Dossier.fees_total > 0, Dossier.fees_paid == 0,  # the generator's own payments stay as they are
            Dossier.status.notin_((DossierStatus.NEW, DossierStatus.REFUSED)))).all()
        payments, receipts, paid = [], [], []
        for i, d in enumerate(sorted(rows, key=lambda r: r.received_at)):
            method = rng.choices([m for m, _ in METHODS], [w for _, w in METHODS])[0]
            at = d.received_at + timedelta(minutes=rng.randrange(5, 90)) if method != "online" else \
                d.received_at - timedelta(hours=rng.randrange(1, 48))
            voided = rng.random() < 0.01
            payments.append({"id": i + 1_000_000, "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "dossier_id": d.id,
                             "amount": d.fees_total, "method": method,
                             "reference": None if method == "cash" else f"BENCH{i:08d}", "paid_at": at,
                             "recorded_by": None if method == "online" else d.received_by,
                             "counter_id": None if method == "online" else d.counter_id, "event_uuid": f"bench:{i}",
                             "voided_at": at + timedelta(minutes=20) if voided else None,
                             "void_reason": "Ghi nhầm" if voided else None})
            if not voided:
                paid.append((d.id, d.fees_total))
            state = rng.choices(("issued", "pending", "unissued", "failed", "cancelled"), (970, 10, 10, 5, 5))[0]
            receipt = {"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "payment_id": i + 1_000_000,
                       "dossier_id": d.id, "state": state, "provider": "sandbox", "unit_name": "Bench",
                       "payer_name": "Nguyễn Văn An", "amount": d.fees_total, "lines": [], "method": method,
                       "template_code": "01BLP0-001", "symbol": "BL-26E",
                       "number": f"{len(receipts) + 1:07d}" if state in ("issued", "cancelled") else None,
                       "created_at": at, "issued_at": at if state in ("issued", "cancelled") else None,
                       "last_error": "Từ chối" if state == "failed" else None,
                       "cancel_reason": "Sai tên người nộp" if state == "cancelled" else None,
                       "cancelled_at": at + timedelta(days=1) if state == "cancelled" else None}
            receipts.append(receipt)
            if state == "cancelled":  # its replacement
                receipts.append({**receipt, "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "state": "issued",
                                 "number": f"{len(receipts) + 1:07d}", "cancel_reason": None, "cancelled_at": None})
        s.execute(insert(DossierPayment), payments)
        s.execute(insert(FeeReceipt), receipts)
        table = Dossier.__table__  # Core: the ORM's bulk update wants the row's version too
        s.connection().execute(update(table).where(table.c.id == bindparam("did")).values(
            fees_paid=bindparam("paid")), [{"did": did, "paid": amount} for did, amount in paid])
    db.dispose()
    return len(payments)


def bench_fees(url: str, runs: int = 5) -> dict:
    from app.domain.permissions import Actor
    from app.services.reports.fees import fee_report
    from db.engine import Database
    from printing.report_fees import fee_report_pdf, fee_report_xlsx

    written = add_year_of_payments(url)
    db = Database(url)
    seconds, report = [], None
    for _ in range(runs):
        t = time.perf_counter()
        report = fee_report(db, Actor.system(), date(YEAR, 1, 1), date(YEAR, 12, 31))
        seconds.append(time.perf_counter() - t)
    db.dispose()
    t = time.perf_counter()
    fee_report_pdf(report)
    fee_report_xlsx(report)
    files = time.perf_counter() - t
    print(f"fee report over {report.count:,} payments ({written:,} written) of {YEAR}, {len(report.waiting):,} "
          f"receipts waiting: first {seconds[0]:.2f} s, median {statistics.median(seconds):.2f} s; PDF and XLSX "
          f"{files:.2f} s", flush=True)
    if report.count < written // 2:  # an empty table measures nothing
        raise RuntimeError(f"only {report.count} payments in {YEAR}: the year was not written")
    return {"report_fees_year_s": statistics.median(seconds), "report_fees_files_s": files}


if __name__ == "__main__":
    import shutil
    import tempfile
    from pathlib import Path

    from bench.run import CACHE
    from db.engine import Database
    from db.migrate import upgrade

    # The cached database as it is (an older schema is upgraded on the copy, the cache untouched).
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    (path,) = sorted(CACHE.glob(f"motcua-{count}-*.sqlite3"))[-1:]
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        copy = Path(tmp) / "work.sqlite3"
        shutil.copyfile(path, copy)
        work = Database(f"sqlite:///{copy}")
        upgrade(work)
        work.dispose()
        print(bench_fees(f"sqlite:///{copy}"))
