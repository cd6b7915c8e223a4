"""Two months of a small office's fee payments and receipts, for the tests of the fee report
(services, exports, command line, reports tab). The dossiers are registered through the intake
service; the payments and receipts are written straight into their tables (db/models.py), as the
payment and receipt services leave them, on a real database. The tests count the expected figures
from PAYMENTS one by one in Python (`expected_*`), not from the report's own queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update

from app.domain.vocab import Channel, DossierStatus, Role
from app.services.intake.registration import FeeLine, register
from db.models import Counter, Dossier, DossierPayment, FeeReceipt, User
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
SINGLE = "1.004873"
START, END = date(2026, 10, 1), date(2026, 11, 30)
NOW = datetime(2026, 12, 5, 10, 0)


@dataclass(frozen=True)
class D:  # a dossier: received at, procedure, fee, channel, counter number (None: none)
    received_at: datetime
    procedure: str
    fee: int
    channel: Channel = Channel.IN_PERSON
    counter: int | None = 1
    status: DossierStatus | None = None  # None: as registered (received)


DOSSIERS = {
    "D1": D(datetime(2026, 10, 5, 8, 30), MARRIAGE, 15_000),
    "D2": D(datetime(2026, 11, 3, 8, 30), SINGLE, 20_000),
    "D3": D(datetime(2026, 11, 12, 8, 0), SINGLE, 30_000, Channel.ONLINE, None),
    "D4": D(datetime(2026, 11, 10, 8, 0), SINGLE, 10_000),
    "D5": D(datetime(2026, 9, 20, 8, 0), MARRIAGE, 55_000),  # received before the period
    "D6": D(datetime(2026, 10, 20, 8, 0), MARRIAGE, 0),  # no fee
    "D7": D(datetime(2026, 11, 20, 8, 0), SINGLE, 12_000, Channel.ONLINE, None),
    "D8": D(datetime(2026, 11, 21, 8, 0), SINGLE, 8_000, Channel.POST, 2),
    "D9": D(datetime(2026, 11, 22, 8, 0), SINGLE, 9_000, status=DossierStatus.REFUSED),  # refused: no share
}


@dataclass(frozen=True)
class Pay:  # a payment: paid at, dossier, amount, method, counter number, officer login, voided
    paid_at: datetime
    dossier: str
    amount: int
    method: str
    counter: int | None
    officer: str | None
    void: tuple[datetime, str] | None = None  # (voided at, reason), by canbo


PAYMENTS = [
    Pay(datetime(2026, 9, 30, 23, 59, 59), "D5", 5_000, "cash", 1, "canbo"),  # before the period
    Pay(datetime(2026, 10, 1, 0, 0), "D5", 50_000, "transfer", 2, "canbo2"),  # its first moment
    Pay(datetime(2026, 10, 5, 10, 0), "D1", 15_000, "cash", 1, "canbo"),
    Pay(datetime(2026, 11, 3, 9, 0), "D2", 10_000, "cash", 1, "canbo"),
    Pay(datetime(2026, 11, 4, 9, 0), "D2", 10_000, "transfer", 2, "canbo2"),
    Pay(datetime(2026, 11, 12, 9, 0), "D3", 30_000, "online", None, None),
    Pay(datetime(2026, 11, 15, 9, 0), "D4", 10_000, "cash", 1, "canbo",
        void=(datetime(2026, 11, 15, 9, 30), "Ghi nhầm hồ sơ")),
    Pay(datetime(2026, 11, 20, 9, 0), "D7", 12_000, "online", None, None,
        void=(datetime(2026, 11, 21, 9, 0), "Cổng báo giao dịch không thành công")),
    Pay(datetime(2026, 11, 21, 9, 0), "D8", 8_000, "transfer", 2, "canbo2"),
    Pay(datetime(2026, 12, 1, 0, 0), "D2", 1_000, "cash", 1, "canbo"),  # after the period
]


@dataclass(frozen=True)
class Rec:  # a receipt: payment index, state, created at, cancelled at, reason, number, error
    payment: int
    state: str
    created_at: datetime
    cancelled_at: datetime | None = None
    reason: str | None = None
    number: str | None = None
    error: str | None = None


RECEIPTS = [
    Rec(2, "cancelled", datetime(2026, 10, 5, 10, 0), datetime(2026, 10, 6, 8, 0), "Sai tên người nộp", "0000007"),
    Rec(2, "issued", datetime(2026, 10, 6, 8, 0), number="0000008"),  # its replacement
    Rec(1, "issued", datetime(2026, 10, 1, 0, 0), number="0000006"),
    Rec(3, "pending", datetime(2026, 11, 3, 9, 0)),
    Rec(4, "unissued", datetime(2026, 11, 4, 9, 0)),
    Rec(5, "failed", datetime(2026, 11, 12, 9, 0), error="Nhà cung cấp từ chối: sai mã số thuế"),
    Rec(0, "cancelled", datetime(2026, 9, 30, 23, 59), datetime(2026, 12, 2, 8, 0), "Sai số tiền", "0000005"),
    Rec(9, "pending", datetime(2026, 12, 1, 0, 0)),  # the payment after the period: not the period's
]


def build_fees(db) -> dict[str, str]:
    """The dossiers, payments and receipts above; returns {"D1": dossier code, …}."""
    codes = {}
    for key, d in DOSSIERS.items():
        fees = [FeeLine("Lệ phí", d.fee)] if d.fee else []
        codes[key] = register(db, OFFICER, request(d.procedure, received_at=d.received_at, fees=fees)).code
    with db.writing() as s:
        if s.scalar(select(User.id).where(User.login == "canbo2")) is None:
            s.add(User(login="canbo2", full_name="Đỗ Văn Khoa", role=Role.OFFICER.value, password_hash="x",
                       created_at=NOW))
            s.flush()
        users = dict(s.execute(select(User.login, User.id)).all())
        counters = dict(s.execute(select(Counter.number, Counter.id)).all())
        ids = {}
        for key, d in DOSSIERS.items():
            values = {"channel": int(d.channel), "counter_id": counters[d.counter] if d.counter else None}
            if d.status is not None:
                values["status"] = int(d.status)
            s.execute(update(Dossier).where(Dossier.code == codes[key]).values(**values))
            ids[key] = s.scalar(select(Dossier.id).where(Dossier.code == codes[key]))
        rows = []
        for p in PAYMENTS:
            row = DossierPayment(dossier_id=ids[p.dossier], amount=p.amount, method=p.method,
                                 reference=None if p.method == "cash" else f"GD{len(rows):04d}",
                                 paid_at=p.paid_at, recorded_by=users[p.officer] if p.officer else None,
                                 counter_id=counters[p.counter] if p.counter else None, event_uuid=f"ev-{len(rows)}",
                                 voided_at=p.void[0] if p.void else None, void_reason=p.void[1] if p.void else None,
                                 voided_by=users["canbo"] if p.void else None)
            s.add(row)
            rows.append(row)
        s.flush()
        paid: dict[int, int] = defaultdict(int)
        for p, row in zip(PAYMENTS, rows, strict=True):
            if not p.void:
                paid[row.dossier_id] += p.amount
        for did, amount in paid.items():
            s.execute(update(Dossier).where(Dossier.id == did).values(fees_paid=amount))
        for r in RECEIPTS:
            p, row = PAYMENTS[r.payment], rows[r.payment]
            s.add(FeeReceipt(payment_id=row.id, dossier_id=row.dossier_id, state=r.state, provider="sandbox",
                             unit_name="Trung tâm Phục vụ hành chính công", payer_name="Nguyễn Văn An",
                             amount=p.amount, lines=[{"name": "Lệ phí", "amount": p.amount, "kind": "le_phi"}],
                             method=p.method, template_code="01BLP0-001" if r.number else None,
                             symbol="BL-26E" if r.number else None, number=r.number,
                             issued_at=r.created_at if r.number else None, created_at=r.created_at,
                             last_error=r.error, cancel_reason=r.reason, cancelled_at=r.cancelled_at,
                             cancel_requested_at=r.cancelled_at,
                             cancelled_by=users["canbo"] if r.cancelled_at else None))
    return codes


def in_period(p: Pay, start: date = START, end: date = END) -> bool:
    return start <= p.paid_at.date() <= end


def expected_totals(key, *, counter: int | None = None, start: date = START, end: date = END) -> dict:
    """{slice key: (count, amount)} of the payments of the period not voided, one by one."""
    out: dict = defaultdict(lambda: [0, 0])
    for p in PAYMENTS:
        if in_period(p, start, end) and not p.void and (counter is None or p.counter == counter):
            k = key(p)
            out[k][0] += 1
            out[k][1] += p.amount
    return {k: tuple(v) for k, v in out.items()}
