"""A busy counter's closing for `make bench` (app/services/fees/closing.py): 1,000 payments taken at
counter 1 in a day (written directly into a fresh office database, each with a receipt, 90 %
issued), then `close_counter` (`closing_1000_s`) and its one-page PDF and XLSX
(`closing_files_1000_s`). Run alone: `python -m bench.closing`."""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

PAYMENTS = 1000


def bench_closing(folder: Path | None = None) -> dict:
    from sqlalchemy import insert, select, update

    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.bootstrap import seed_demo_office
    from app.services.fees.closing import close_counter, closing_pdf, closing_xlsx
    from app.services.intake.registration import Applicant, FeeLine, RegisterRequest, register
    from db.engine import Database
    from db.migrate import upgrade
    from db.models import Counter, Dossier, DossierPayment, FeeReceipt, Procedure

    folder = Path(folder or tempfile.mkdtemp(prefix="motcua-bench-closing-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(f"sqlite:///{folder / 'closing.sqlite3'}")
    upgrade(db)
    seed_demo_office(db, force_password_change=False)
    with db.reading() as s:
        counter_id = s.scalar(select(Counter.id).where(Counter.number == 1))
        codes = s.scalars(select(Procedure.code).order_by(Procedure.id).limit(30)).all()
    officer = Actor(login="canbo", role=Role.OFFICER, user_id=1, counter_id=counter_id, full_name="Nguyễn Thị Mai")
    start = datetime(2026, 11, 23, 7, 30)
    dossiers = [register(db, officer, RegisterRequest(procedure_code=c, applicant=Applicant(name="Nguyễn Văn An"),
                                                      received_at=start, fees=[FeeLine("Lệ phí", 10_000_000)])).code
                for c in codes]
    with db.writing() as s:
        ids = s.scalars(select(Dossier.id).where(Dossier.code.in_(dossiers))).all()
        payments, receipts = [], []
        for i in range(PAYMENTS):
            method = ("cash", "cash", "transfer", "online")[i % 4]
            at = start + timedelta(seconds=30 * i)
            payments.append({"id": i + 1, "uuid": str(uuid.uuid4()), "dossier_id": ids[i % len(ids)],
                             "amount": 15000 + 1000 * (i % 9), "method": method,
                             "reference": None if method == "cash" else f"FT{i:08d}", "paid_at": at,
                             "recorded_by": 1, "counter_id": counter_id, "event_uuid": f"bench:{i}"})
            issued = i % 10 != 0
            receipts.append({"uuid": str(uuid.uuid4()), "payment_id": i + 1, "dossier_id": ids[i % len(ids)],
                             "state": "issued" if issued else "pending", "provider": "sandbox", "unit_name": "Bench",
                             "payer_name": "Nguyễn Văn An", "amount": 15000, "lines": [], "method": method,
                             "template_code": "01BLP0-001", "symbol": "BL-26E",
                             "number": f"{i + 1:07d}" if issued else None, "created_at": at, "attempts": 0})
        s.execute(insert(DossierPayment), payments)
        s.execute(insert(FeeReceipt), receipts)
        s.execute(update(Dossier).where(Dossier.id.in_(ids)).values(fees_paid=0))
    t = time.perf_counter()
    view = close_counter(db, officer, counter_id, 0, at=start + timedelta(hours=10))
    closed = time.perf_counter() - t
    t = time.perf_counter()
    pdf, xlsx = closing_pdf(db, officer, view.id), closing_xlsx(db, officer, view.id)
    files = time.perf_counter() - t
    db.dispose()
    assert view.payments == PAYMENTS and pdf.startswith(b"%PDF") and xlsx[:2] == b"PK"
    return {"closing_1000_s": round(closed, 3), "closing_files_1000_s": round(files, 3)}


if __name__ == "__main__":
    print(bench_closing())
    sys.exit(0)
