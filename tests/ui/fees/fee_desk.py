"""A day of fees at counter 1 for the desk's fee pages (helper F's tests): dossiers registered with a
fee and paid by the demo officer, logged in at counter 1 as at the desk."""

from __future__ import annotations

from datetime import datetime

from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.payments import record_payment
from app.services.intake.registration import FeeLine, register
from app.services.trust.users import authenticate
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
EVENING = datetime(2026, 11, 23, 17, 0)


def officer(db):
    return authenticate(db, "canbo", DEMO_PASSWORD, 1)


def supervisor(db):
    return authenticate(db, "lanhdao", DEMO_PASSWORD, None)


def dossier(db, fee: int = 100_000, at: datetime = MON) -> str:
    return register(db, OFFICER, request("1.000894", received_at=at, fees=[FeeLine("Lệ phí", fee)])).code


def day_of_payments(db) -> list[str]:
    """Counter 1: cash 30.000 and 20.000, a transfer of 8.000: no provider, so every receipt waits
    for its paper number."""
    actor = officer(db)
    a, b = dossier(db), dossier(db)
    record_payment(db, actor, a, 30_000, "cash", at=MON.replace(hour=9), payer_name="Nguyễn Văn An")
    record_payment(db, actor, b, 20_000, "cash", at=MON.replace(hour=10))
    record_payment(db, actor, a, 8_000, "transfer", reference="FT2632712345", at=MON.replace(hour=11))
    return [a, b]
