"""Taking a payment and finding who owes, for `make bench` (app/services/dossiers/payments.py,
listing.py): on the bench copy, `record_payment` of a bank transfer with its reference checked
against every payment before it and its receipt opened (`record_payment_p95_ms`, 200 payments on
dossiers that owe), and the first page of the dossier list filtered "Còn nợ phí", read from the
partial index ix_dossiers_fees_owed (`fees_owed_first_page_p95_ms`, with and without a name typed).
Run alone: `python -m bench.payments [DOSSIERS]` builds a small office database of demo dossiers."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PAYMENTS = 200


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_payments(url: str) -> dict:
    from sqlalchemy import select

    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.dossiers.listing import DossierFilter, fees_owed_condition, fetch_page
    from app.services.dossiers.payments import record_payment
    from db.engine import Database
    from db.models import Counter, Dossier

    db = Database(url)
    rng = random.Random(25)
    with db.reading() as s:
        counter_id = s.scalar(select(Counter.id).order_by(Counter.number).limit(1))
        owing = s.execute(select(Dossier.code, Dossier.fees_total - Dossier.fees_paid)
                          .where(fees_owed_condition()).order_by(Dossier.id.desc()).limit(PAYMENTS * 20)).all()
    officer = Actor("canbo", Role.OFFICER, user_id=1, counter_id=counter_id, full_name="Nguyễn Thị Mai")
    chosen = rng.sample(owing, min(PAYMENTS, len(owing)))
    at = datetime(2026, 11, 20, 10, 0)
    pay_ms = []
    for i, (code, owed) in enumerate(chosen):
        t = time.perf_counter()
        record_payment(db, officer, code, owed, "transfer", f"BENCHPAY{i:08d}", at=at)
        pay_ms.append((time.perf_counter() - t) * 1000)
    page_ms = []
    for flt in (DossierFilter(fees_owed=True), DossierFilter(text="nguyen van", fees_owed=True)) * 10:
        t = time.perf_counter()
        fetch_page(db, officer, flt)
        page_ms.append((time.perf_counter() - t) * 1000)
    db.dispose()
    p50, p95 = _percentiles(pay_ms)
    f50, f95 = _percentiles(page_ms)
    return {"record_payment_p50_ms": round(p50, 2), "record_payment_p95_ms": round(p95, 2),
            "fees_owed_first_page_p50_ms": round(f50, 2), "fees_owed_first_page_p95_ms": round(f95, 2)}


def _small_office(folder: Path, dossiers: int) -> str:
    from app.domain.permissions import Actor
    from app.services.bootstrap import seed_demo_office
    from app.services.demo_data import generate
    from db.engine import Database
    from db.migrate import upgrade

    url = f"sqlite:///{folder / 'payments.sqlite3'}"
    db = Database(url)
    upgrade(db)
    seed_demo_office(db, force_password_change=False)
    generate(db, Actor.system(), dossiers, seed=25, until=datetime(2026, 11, 20, 16, 0))
    db.dispose()
    return url


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory(prefix="motcua-bench-payments-") as tmp:
        print(bench_payments(_small_office(Path(tmp), count)))
    sys.exit(0)
