"""Shared steps of the receipt tests: a dossier with fees, the provider switched on, the rows."""

from __future__ import annotations

import socket
from datetime import datetime

from sqlalchemy import select

from app.domain.permissions import Actor
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from db.models import DossierEvent, FeeReceipt
from tests.helpers.factories import OFFICER, request

NOW = datetime(2026, 11, 23, 9, 0)
FEES = [FeeLine("Lệ phí", 30000), FeeLine("Phí bản sao", 8000)]
TEMPLATE, SYMBOL = "01BLP0-001", "BL-26E"


def dossier(db, fees=FEES, at: datetime = NOW) -> str:
    return register(db, OFFICER, request("1.000894", received_at=at, fees=list(fees))).code


def switch_on(db, url: str, **more) -> None:
    change_settings(db, Actor.system(), {
        "fees.receipts.enabled": True, "fees.receipts.url": url, "fees.receipts.provider": "sandbox",
        "fees.receipts.template_code": TEMPLATE, "fees.receipts.symbol": SYMBOL, "fees.receipts.timeout_s": 2,
        **more})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rows(db) -> list[FeeReceipt]:
    with db.reading() as s:
        out = list(s.scalars(select(FeeReceipt).order_by(FeeReceipt.id)))
        for r in out:
            s.expunge(r)
        return out


def events(db, action: str) -> list[DossierEvent]:
    with db.reading() as s:
        out = list(s.scalars(select(DossierEvent).where(DossierEvent.action == action).order_by(DossierEvent.id)))
        for e in out:
            s.expunge(e)
        return out


def next_try(db) -> datetime:
    """When the receipt outbox tries again (the latest of the rows waiting)."""
    return max(r.next_attempt_at for r in rows(db) if r.state in ("pending", "cancel_pending") and r.next_attempt_at)
