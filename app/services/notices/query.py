"""What the desk reads of the notices: a dossier's notices (its history shows them beside the
events) and the list of notices that failed for good, with the reason. Recipients come masked
for a role without `view_personal_data`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.notices import FAILED, NoticeKind, channel_label, mask_recipient, state_label
from app.domain.permissions import Actor, Permission
from app.domain.privacy import sees_whole
from app.services.dossiers.query import get_dossier
from db.engine import Database
from db.models import Dossier, Notice


@dataclass(frozen=True)
class NoticeView:
    uuid: str
    code: str  # the dossier's
    kind: str
    kind_label: str
    channel: str
    channel_label: str
    recipient: str  # masked unless the actor may see personal data whole
    state: str
    state_label: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None  # pending only
    sent_at: datetime | None
    delivered_at: datetime | None
    last_error: str | None
    subject: str | None
    body: str
    attachment: str | None


def _view(n: Notice, code: str, whole: bool) -> NoticeView:
    return NoticeView(n.uuid, code, n.kind, NoticeKind(n.kind).label, n.channel, channel_label(n.channel),
                      n.recipient if whole else mask_recipient(n.channel, n.recipient), n.state, state_label(n.state),
                      n.attempts, n.created_at, n.next_attempt_at if n.state == "pending" else None, n.sent_at,
                      n.delivered_at, n.last_error, n.subject, n.body, n.attachment)


def notice_rows(session: Session, dossier_id: int, code: str, whole: bool) -> list[NoticeView]:
    rows = session.scalars(select(Notice).where(Notice.dossier_id == dossier_id).order_by(Notice.created_at, Notice.id))
    return [_view(n, code, whole) for n in rows]


def notices_of(db: Database, actor: Actor, code: str) -> list[NoticeView]:
    """The dossier's notices, oldest first: what was sent, when, by which channel, and whether it arrived."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        d = get_dossier(s, code)
        return notice_rows(s, d.id, d.code, sees_whole(actor))


def failed_notices(db: Database, actor: Actor, limit: int = 500) -> list[NoticeView]:
    """Notices refused for good or given up on, newest first, with the reason: the officer's list."""
    actor.require(Permission.MANAGE_NOTICES)
    whole = sees_whole(actor)
    with db.reading() as s:
        rows = s.execute(select(Notice, Dossier.code).join(Dossier, Dossier.id == Notice.dossier_id)
                         .where(Notice.state == FAILED).order_by(Notice.id.desc()).limit(limit)).all()
        return [_view(n, code, whole) for n, code in rows]


def history_rows(session: Session, dossier_id: int, code: str, whole: bool) -> list[dict]:
    """The dossier's notices as plain data for dossier_detail (its `notices`)."""
    return [{"uuid": v.uuid, "kind": v.kind, "kind_label": v.kind_label, "channel": v.channel,
             "channel_label": v.channel_label, "recipient": v.recipient, "state": v.state,
             "state_label": v.state_label, "attempts": v.attempts, "created_at": v.created_at.isoformat(),
             "sent_at": v.sent_at and v.sent_at.isoformat(), "delivered_at": v.delivered_at and v.delivered_at.isoformat(),
             "last_error": v.last_error} for v in notice_rows(session, dossier_id, code, whole)]


def recent_notices(db: Database, actor: Actor, limit: int = 200) -> list[NoticeView]:
    """The latest notices of every dossier, newest first (the command line's plain `list`)."""
    actor.require(Permission.MANAGE_NOTICES)
    whole = sees_whole(actor)
    with db.reading() as s:
        rows = s.execute(select(Notice, Dossier.code).join(Dossier, Dossier.id == Notice.dossier_id)
                         .order_by(Notice.id.desc()).limit(limit)).all()
        return [_view(n, code, whole) for n, code in rows]
