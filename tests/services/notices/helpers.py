"""Shared steps of the notices tests: a dossier, the citizen's consent, channels switched on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.domain.permissions import Actor
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import Dossier, Notice, NoticeConsent
from tests.helpers.factories import OFFICER, procedure_code, request

NOW = datetime(2026, 11, 23, 9, 30)
PHONE, EMAIL = "0912345678", "an.nguyen@example.vn"


def dossier(db, channels: list[str] | None, at: datetime = NOW, **applicant) -> str:
    """A dossier registered at `at`; `channels`: the consent asked at intake (None: never asked).
    The consent row is written here as intake will write it (helper D's registration)."""
    from tests.helpers.factories import citizen

    reg = register(db, OFFICER, request(procedure_code(db), at, applicant=citizen(**applicant)))
    if channels is not None:
        with db.writing() as s:
            s.add(NoticeConsent(dossier_id=reg.id, channels=channels, asked_at=at, asked_by=None))
    return reg.code


def switch_on(db, *channels: str, url: str = "http://127.0.0.1:9", provider: str = "sandbox", **more) -> None:
    values = {}
    for c in channels:
        values[f"notices.{c}.enabled"] = True
        if c == "email":
            values["notices.email.host"] = "127.0.0.1"
        else:
            values[f"notices.{c}.url"], values[f"notices.{c}.provider"] = url, provider
    change_settings(db, Actor.system(), {**values, **more})


def notices(db, code: str | None = None) -> list[Notice]:
    with db.reading() as s:
        q = select(Notice).order_by(Notice.id)
        if code:
            q = q.join(Dossier, Dossier.id == Notice.dossier_id).where(Dossier.code == code)
        rows = list(s.scalars(q))
        for n in rows:
            s.expunge(n)
        return rows
