"""Two months of a small office's ratings and notices, counted by hand in the tests of the
satisfaction figures (services, the reports tab, the exports). Rows are written straight into
the tables the rating screen and the notices' sender fill (db/models.py), on a real database."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.domain.report import ReportFilter
from app.domain.vocab import Role
from app.services.intake.registration import register
from db.models import Counter, Dossier, Notice, Rating, User
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
SINGLE = "1.004873"
PERIOD = ReportFilter(date(2026, 10, 1), date(2026, 11, 30))
NOW = datetime(2026, 11, 30, 18, 0)
RUDE, SLOW = "staff_attitude", "timeliness"  # criteria of resources/ratings/criteria_vi.json

# (asked at, officer login or None, counter number, dossier "D1"/"D2" or None, state, score, reasons)
RATINGS = [
    (datetime(2026, 9, 30, 23, 59), "canbo", 1, None, "rated", 1, [RUDE]),  # before the period
    (datetime(2026, 10, 5, 9, 0), "canbo", 1, "D1", "rated", 5, None),
    (datetime(2026, 10, 6, 9, 0), "canbo", 1, None, "rated", 4, None),
    (datetime(2026, 10, 7, 9, 0), "canbo", 1, None, "rated", 2, [RUDE, SLOW]),
    (datetime(2026, 11, 3, 9, 0), "canbo", 1, "D2", "no_rating", None, None),
    (datetime(2026, 11, 4, 9, 0), "canbo2", 2, None, "rated", 3, [SLOW]),
    (datetime(2026, 11, 5, 9, 0), "canbo2", 2, "D1", "rated", 5, None),
    (datetime(2026, 11, 6, 9, 0), "canbo2", 2, None, "asked", None, None),
    (datetime(2026, 11, 7, 9, 0), None, 2, None, "rated", 1, [RUDE]),
    (datetime(2026, 12, 1, 0, 0), "canbo", 1, None, "rated", 1, None),  # after it
]
# (written at, dossier, channel, state)
NOTICES = [
    (datetime(2026, 10, 5, 9, 5), "D1", "email", "sent"),
    (datetime(2026, 10, 10, 9, 5), "D1", "email", "sent"),
    (datetime(2026, 11, 3, 9, 5), "D2", "email", "failed"),
    (datetime(2026, 11, 4, 9, 5), "D2", "email", "pending"),
    (datetime(2026, 10, 5, 9, 5), "D1", "sms", "delivered"),
    (datetime(2026, 10, 6, 9, 5), "D1", "sms", "delivered"),
    (datetime(2026, 11, 3, 9, 5), "D2", "sms", "failed"),
    (datetime(2026, 11, 5, 9, 5), "D2", "sms", "cancelled"),
    (datetime(2026, 12, 2, 9, 5), "D1", "email", "sent"),  # after the period
]


def build_ratings(db) -> None:
    """The dossiers D1 (marriage) and D2 (single status), a second officer, and the rows above."""
    dossiers = {"D1": register(db, OFFICER, request(MARRIAGE, received_at=datetime(2026, 10, 5, 8, 30))).code,
                "D2": register(db, OFFICER, request(SINGLE, received_at=datetime(2026, 11, 3, 8, 30))).code}
    with db.writing() as s:
        if s.scalar(select(User.id).where(User.login == "canbo2")) is None:
            s.add(User(login="canbo2", full_name="Đỗ Văn Khoa", role=Role.OFFICER.value, password_hash="x",
                       created_at=NOW))
            s.flush()
        users = dict(s.execute(select(User.login, User.id)).all())
        counters = dict(s.execute(select(Counter.number, Counter.id)).all())
        ids = {k: s.execute(select(Dossier.id, Dossier.procedure_id).where(Dossier.code == code)).one()
               for k, code in dossiers.items()}
        for i, (at, login, counter, dossier, state, score, reasons) in enumerate(RATINGS):
            d = ids[dossier] if dossier else None
            s.add(Rating(service_key=f"test:{i}", occasion="return" if d else "service",
                         counter_id=counters[counter], user_id=users[login] if login else None,
                         dossier_id=d.id if d else None, procedure_id=d.procedure_id if d else None,
                         state=state, asked_at=at, expires_at=at + timedelta(seconds=30),
                         answered_at=at + timedelta(seconds=10) if state == "rated" else None,
                         score=score, reasons=reasons, source="screen" if state == "rated" else None))
        for at, dossier, channel, state in NOTICES:
            s.add(Notice(event_uuid=str(uuid.uuid4()), dossier_id=ids[dossier].id, kind="result_ready",
                         channel=channel, recipient="an.nguyen@example.vn" if channel == "email" else "0912345678",
                         body="Hồ sơ đã có kết quả.", state=state, attempts=1, created_at=at, next_attempt_at=at,
                         sent_at=at if state in ("sent", "delivered") else None))

