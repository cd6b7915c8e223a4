"""Registering one dossier beside its floor, and a dossier's first receipt (part of `make bench`).

- `register_p50_ms` / `p95`: `register()` on a copy of the big database, committed: dossier,
  documents, fees, its ledger entry and code, history event, audit record, outbox record. Timed
  under the desk's garbage-collection regime (`timed_as_desk`): the desk turns automatic
  collection off and collects on its GUI thread's timer, never inside a registration.
- `register_floor_p50_ms`: the same rows written by bare `sqlite3` in one transaction with the
  app's durability (WAL, synchronous FULL, BEGIN IMMEDIATE): the two sequence upserts, the
  chain head read, the inserts (the FTS triggers fire as for the app). What is left between the
  two is Python.
- `receipt_pdf_cold_p50_ms`: a receipt built for a dossier whose codes are not yet cached
  (encoded anew: the first print of each new dossier), the fonts already loaded (the desk warms
  them up after log-in); `receipt_pdf_cold_qr_p50_ms` the same with the look-up QR and the
  VietQR an office may set (two QR codes a copy).

Alone: `python -m bench.register sqlite:///COPY.sqlite3` (it writes into that file).
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

from bench.run import percentiles

# The tables one registration writes, and how their rows of one dossier are found.
_ROWS = {"dossier_documents": "dossier_id", "dossier_fees": "dossier_id", "dossier_events": "dossier_id",
         "outbox": "dossier_id"}


def bench_register(copy: Path, repeat: int = 300) -> dict:
    """Registering into `copy` (a copy of the big database), then the floor into the same file."""
    from sqlalchemy import select

    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.intake.registration import Applicant, RegisterRequest, register
    from db.engine import Database
    from db.models import Procedure

    db = Database(f"sqlite:///{copy}")
    officer = Actor("canbo", Role.OFFICER, user_id=1, counter_id=1)
    with db.reading() as s:
        codes = list(s.scalars(select(Procedure.code).order_by(Procedure.id)))
    rng = random.Random(3)
    last = []

    def one():
        req = RegisterRequest(
            procedure_code=rng.choice(codes),
            applicant=Applicant(name="Nguyễn Văn Bình", id_number="086090012345", phone="0912345678"),
        )
        last[:] = [register(db, officer, req)]

    one()
    ms = timed_as_desk(one, repeat)
    db.dispose()
    p50, p95 = percentiles(ms)
    floor = register_floor_ms(copy, last[0].id, repeat)
    return {"register_p50_ms": p50, "register_p95_ms": p95, "register_floor_p50_ms": statistics.median(floor)}


def timed_as_desk(fn, repeat: int) -> list[float]:
    """`timed`, under the desk's garbage-collection regime (ui/gui_gc.py): automatic collection
    off, the due generation collected between calls (the desk's timer on the GUI thread), so a
    registration running in an ops worker is timed as the desk runs it."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    out = []
    try:
        for _ in range(repeat):
            counts, thresholds = gc.get_count(), gc.get_threshold()
            for generation in (2, 1, 0):
                if counts[generation] > thresholds[generation]:
                    gc.collect(generation)
                    break
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
    finally:
        if was_enabled:
            gc.enable()
    return out


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("busy_timeout = 30000", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")  # as db/engine.py sets them
    return conn


def _insert_sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def register_floor_ms(path: Path, dossier_id: int, repeat: int = 300) -> list[float]:
    """Bare sqlite3 writing the rows of registered dossier `dossier_id` again, `repeat` times,
    each time as a new dossier (its own code, UUIDs, ledger entry and audit hash)."""
    from app.services.trust.audit_chain import record_digest

    conn = _connect(path)
    conn.row_factory = sqlite3.Row
    dossier = dict(conn.execute("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).fetchone())
    children = {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} WHERE {k} = ? ORDER BY id", (dossier_id,))]
                for t, k in _ROWS.items()}
    audit = dict(conn.execute("SELECT * FROM audit_log WHERE entity = 'dossier' AND entity_id = ? "
                              "ORDER BY id DESC LIMIT 1", (dossier["code"],)).fetchone())
    conn.row_factory = None
    for rows in (*children.values(), [dossier], [audit]):
        for r in rows:
            r.pop("id")
    unit, day, _ = dossier["code"].rsplit("-", 2)
    seq_day = f"20{day[:2]}-{day[2:4]}-{day[4:]}"
    book = f"ledger:{dossier['ledger_book']}"
    dossier_cols, audit_cols = list(dossier), list(audit)
    child_cols = {t: list(rows[0]) for t, rows in children.items() if rows}
    dossier_sql, audit_sql = _insert_sql("dossiers", dossier_cols), _insert_sql("audit_log", audit_cols)
    child_sql = {t: _insert_sql(t, cols) for t, cols in child_cols.items()}
    old_event = children["dossier_events"][0]["uuid"]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        seq = conn.execute("INSERT INTO dossier_sequences (unit_code, day, last_value) VALUES (?, ?, 1) "
                           "ON CONFLICT (unit_code, day) DO UPDATE SET last_value = last_value + 1 "
                           "RETURNING last_value", (unit, seq_day)).fetchone()[0]
        number = conn.execute("INSERT INTO yearly_sequences (name, year, last_value) VALUES (?, ?, 1) "
                              "ON CONFLICT (name, year) DO UPDATE SET last_value = last_value + 1 "
                              "RETURNING last_value", (book, dossier["ledger_year"])).fetchone()[0]
        code, event = f"{unit}-{day}-{seq:04d}", str(uuid.uuid4())
        row = dossier | {"code": code, "uuid": str(uuid.uuid4()), "ledger_number": number}
        new_id = conn.execute(dossier_sql, [row[c] for c in dossier_cols]).lastrowid
        for table, rows in children.items():
            if not rows:
                continue
            cols = child_cols[table]
            extra = {"dossier_id": new_id}
            if table == "dossier_events":
                extra["uuid"] = event
            elif table == "outbox":
                extra["event_uuid"] = event
            conn.executemany(child_sql[table], [[(r | extra)[c] for c in cols] for r in rows])
        head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        record = audit | {"entity_id": code, "prev_hash": head,
                          "details": audit["details"].replace(old_event, event)}
        record["hash"] = record_digest(head, _moment(record["at"]), record["user_id"], record["actor"],
                                       record["counter_id"], record["action"], record["entity"], code,
                                       json.loads(record["details"]))
        conn.execute(audit_sql, [record[c] for c in audit_cols])
        conn.execute("COMMIT")
        out.append((time.perf_counter() - t) * 1000)
    conn.close()
    return out


def _moment(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)


def bench_receipt_cold(url: str, runs: int = 40) -> dict:
    """A receipt built with its codes not cached (the first print of a new dossier): the newest
    dossier with fees as the office's settings print it (`receipt_pdf_cold_p50_ms`, the bench
    office has no look-up address and no bank account, so Code128 only), and the same with the
    look-up QR and the VietQR an office may set (`receipt_pdf_cold_qr_p50_ms`)."""
    from sqlalchemy import select

    from app.domain.vietqr import BankAccount, payload
    from app.services.dossiers.receipts import receipt_data
    from db.engine import Database
    from db.models import Dossier
    from printing import barcodes
    from printing.receipt import build_receipt, warm_up

    db = Database(url)
    with db.reading() as s:
        code = s.scalar(select(Dossier.code).where(Dossier.fees_total > 0).order_by(Dossier.id.desc()).limit(1)) \
            or s.scalar(select(Dossier.code).order_by(Dossier.id.desc()).limit(1))
        data = receipt_data(s, code)
    db.dispose()
    account = BankAccount("970436", "0011001234567", "BO PHAN MOT CUA")
    with_qr = replace(data, lookup_url=f"https://dichvucong.vinhlong.gov.vn/tra-cuu?ma={data.code}",
                      transfer_qr=payload(account, 150_000, data.code), bank_line="Tài khoản 0011001234567")
    warm_up()  # fonts and ReportLab loaded, as after log-in
    out = {}
    for name, d in (("receipt_pdf_cold_p50_ms", data), ("receipt_pdf_cold_qr_p50_ms", with_qr)):
        build_receipt(d)
        cold = []
        for _ in range(runs):
            barcodes.code128_modules.cache_clear()
            barcodes.qr_modules.cache_clear()
            t = time.perf_counter()
            build_receipt(d)
            cold.append((time.perf_counter() - t) * 1000)
        out[name] = statistics.median(cold)
    return out


if __name__ == "__main__":
    target = sys.argv[1]
    found = bench_receipt_cold(target) | bench_register(Path(target.removeprefix("sqlite:///")),
                                                        int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    print(json.dumps({k: round(v, 2) for k, v in found.items()}, indent=2))
