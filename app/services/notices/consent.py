"""The citizen's consent to notices (issue 23 §2): asked at intake, recorded with the dossier in
its registration's transaction, changed by an officer when the citizen asks (audited). No row:
never asked, so no message at all; an empty list: asked and refused. A channel needs its contact:
e-mail an address, SMS and Zalo a phone number."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.services.journal import audit
from db.engine import Database
from db.models import Dossier, NoticeConsent

# In the order the intake form shows them; the keys are app.domain.notices.CHANNELS's.
CHANNEL_ORDER = ("email", "sms", "zalo")
_NEEDS = {"email": "email", "sms": "phone", "zalo": "phone"}
_NAMES = {"email": "thư điện tử", "sms": "SMS", "zalo": "Zalo"}
_CONTACT = {"email": "địa chỉ thư điện tử", "phone": "số điện thoại"}

# Registration's fast path writes its rows with Core statements (app/services/intake/registration.py).
_T = NoticeConsent.__table__
_INSERT = insert(_T)
_DELETE = delete(_T)


def check_channels(channels: Iterable[str] | None, *, phone: str | None, email: str | None) -> list[str] | None:
    """The channels in their fixed order, each known and with its contact given; None stays None
    (not asked). One Vietnamese UserError (field "notice_channels") otherwise."""
    if channels is None:
        return None
    chosen = set(channels)
    unknown = chosen - set(CHANNEL_ORDER)
    if unknown:
        raise UserError(f"Kênh thông báo không có trong danh sách: {', '.join(sorted(unknown))}.",
                        field="notice_channels")
    contacts = {"phone": phone, "email": email}
    for channel in CHANNEL_ORDER:
        if channel in chosen and not (contacts[_NEEDS[channel]] or "").strip():
            raise UserError(f"Nhận thông báo qua {_NAMES[channel]} cần có {_CONTACT[_NEEDS[channel]]}.",
                            field="notice_channels")
    return [c for c in CHANNEL_ORDER if c in chosen]


def record_consent_in(session: Session, actor: Actor, dossier_id: int, channels: Iterable[str],
                      at: datetime, *, new: bool = False) -> list[str]:
    """Write what the citizen agreed to (replacing what was recorded); `new`: the dossier was
    inserted in this transaction, so there is nothing to replace (one statement, registration's
    speed). The caller has checked the channels against the contacts (`check_channels`) and
    records the change in its own event or audit record."""
    ordered = [c for c in CHANNEL_ORDER if c in set(channels)]
    conn = session.connection()
    if not new:
        conn.execute(_DELETE.where(_T.c.dossier_id == dossier_id))
    conn.execute(_INSERT, {"dossier_id": dossier_id, "channels": ordered, "asked_at": at,
                           "asked_by": actor.user_id})
    return ordered


def consent_of(session: Session, dossier_id: int) -> list[str] | None:
    """The channels the citizen agreed to; None if never asked."""
    row = session.execute(select(_T.c.channels).where(_T.c.dossier_id == dossier_id)).first()
    return None if row is None else list(row.channels or [])


@dataclass(frozen=True)
class Consent:
    """For the dossier window: what is recorded, and which channels its contacts allow."""

    code: str
    channels: tuple[str, ...] | None  # None: never asked
    asked_at: datetime | None
    possible: tuple[str, ...]  # channels whose contact the dossier has


def _dossier(session: Session, code: str):
    d = Dossier.__table__.c
    row = session.execute(select(d.id, d.applicant_phone, d.applicant_email).where(d.code == code)).first()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ {code}.")
    return row


def _possible(row) -> tuple[str, ...]:
    contacts = {"phone": row.applicant_phone, "email": row.applicant_email}
    return tuple(c for c in CHANNEL_ORDER if (contacts[_NEEDS[c]] or "").strip())


def dossier_consent(db: Database, actor: Actor, code: str) -> Consent:
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        row = _dossier(s, code)
        found = s.execute(select(_T.c.channels, _T.c.asked_at).where(_T.c.dossier_id == row.id)).first()
    return Consent(code, None if found is None else tuple(found.channels or ()),
                   None if found is None else found.asked_at, _possible(row))


def change_consent(db: Database, actor: Actor, code: str, channels: Iterable[str],
                   at: datetime | None = None) -> Consent:
    """The citizen asked the officer to change it (at the counter, on the phone): recorded with an
    audit record saying what it was and what it became, in one transaction."""
    actor.require(Permission.CHANGE_DOSSIER)
    at = at or now_local()
    with db.writing() as s:
        row = _dossier(s, code)
        ordered = check_channels(channels, phone=row.applicant_phone, email=row.applicant_email)
        before = consent_of(s, row.id)
        record_consent_in(s, actor, row.id, ordered, at)
        audit(s, actor, "notice.consent", "dossier", code, {"from": before, "to": ordered}, at)
    return Consent(code, tuple(ordered), at, _possible(row))
