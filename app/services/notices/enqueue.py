"""Notices written in the dossier's own transaction (the outbox): called by act_in after
`dossier_changed` and by the provisional code's replacement. One Notice per event and channel
the citizen consented to (NoticeConsent), that the office has set up, and that has an address:
no consent row, no channel, no address, no message. Nothing here touches the network."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.domain.notices import PENDING, PHONE_CHANNELS, NoticeKind
from app.services.notices.templates import fields_for, merged, render
from db.models import Dossier, Notice, NoticeConsent, new_uuid

_INSERT = insert(Notice.__table__)

# What each dossier change tells the citizen, by the history's action name.
KIND_OF: dict[str, NoticeKind] = {
    "request_supplement": NoticeKind.SUPPLEMENT,
    "result_ready": NoticeKind.RESULT_READY,
    "extend": NoticeKind.EXTENSION,
    "request_payment": NoticeKind.FEE_OWED,
    "code_assigned": NoticeKind.OFFICIAL_CODE,
}
ATTACHMENT_OF = {NoticeKind.EXTENSION: "form04"}  # built when sent, from the dossier's extension event

_CHANNEL_KEYS = tuple(f"notices.{c}.{k}" for c in ("email", "sms", "zalo") for k in ("enabled",)) + (
    "notices.email.host", "notices.sms.url", "notices.zalo.url", "notices.templates", "notices.sms.unaccented",
    "notices.result_keep_days")


def configured_channels(settings: dict[str, Any]) -> list[str]:
    """The channels the office switched on and pointed somewhere. `settings` may be part of them
    (what one settings page saved): what it leaves out is not switched on by it."""
    where = {"email": "notices.email.host", "sms": "notices.sms.url", "zalo": "notices.zalo.url"}
    return [c for c, key in where.items() if settings.get(f"notices.{c}.enabled") and settings.get(key)]


def enqueue_in(session: Session, dossier: Dossier, action, event_uuid: str, details: dict[str, Any] | None,
               at: datetime) -> int:
    """Write the notices `action` (an Action or its value) calls for; returns how many."""
    name = getattr(action, "value", action)
    kind = KIND_OF.get(name)
    if kind is None or dossier.is_demo:  # made-up dossiers carry made-up numbers
        return 0
    details = details or {}
    if kind is NoticeKind.FEE_OWED and not isinstance(details.get("amount"), int):
        return 0  # a payment request with no amount has nothing to tell
    consent = session.get(NoticeConsent, dossier.id)
    if consent is None or not consent.channels:
        return 0
    from app.services.settings.store import settings_of

    settings = settings_of(session, _CHANNEL_KEYS)
    channels = [c for c in configured_channels(settings) if c in consent.channels]
    rows = []
    fields = None
    for channel in channels:
        recipient = dossier.applicant_email if channel == "email" else dossier.applicant_phone
        recipient = (recipient or "").strip()
        if not recipient or (channel in PHONE_CHANNELS) != ("@" not in recipient):
            continue
        if fields is None:
            fields = fields_for(session, dossier, kind.value, details, at)
            templates = merged(settings["notices.templates"])
        text = render(kind.value, channel, fields, templates,
                      unaccent=channel == "sms" and settings["notices.sms.unaccented"])
        rows.append({"uuid": new_uuid(), "event_uuid": event_uuid, "dossier_id": dossier.id, "kind": kind.value,
                     "channel": channel, "recipient": recipient[:255], "subject": (text.subject or None) and text.subject[:255],
                     "body": text.body, "attachment": ATTACHMENT_OF.get(kind) if channel == "email" else None,
                     "state": PENDING, "attempts": 0, "created_at": at, "next_attempt_at": at})
    if rows:
        session.connection().execute(_INSERT, rows)
    return len(rows)


# A signed document as a notice's attachment: "sig:" + the SignedDocument's uuid (the column holds 40).
SIGNED_PREFIX = "sig:"


def e_receipt_in(session: Session, dossier: Dossier, document_uuid: str, at: datetime) -> int:
    """The signed e-receipt (Form 01) of an online dossier, by e-mail only (SMS and Zalo cannot
    carry the file), when the citizen agreed to e-mail notices and the office set e-mail up; keyed
    by the document's uuid, so it is written once whatever calls it again. Returns how many (0 or 1)."""
    if dossier.is_demo:
        return 0
    consent = session.get(NoticeConsent, dossier.id)
    if consent is None or "email" not in (consent.channels or []):
        return 0
    recipient = (dossier.applicant_email or "").strip()
    if "@" not in recipient:
        return 0
    from app.services.settings.store import settings_of

    settings = settings_of(session, _CHANNEL_KEYS)
    if "email" not in configured_channels(settings):
        return 0
    if session.scalar(select(Notice.id).where(Notice.event_uuid == document_uuid, Notice.channel == "email")):
        return 0
    kind = NoticeKind.E_RECEIPT.value
    text = render(kind, "email", fields_for(session, dossier, kind, {}, at), merged(settings["notices.templates"]))
    session.connection().execute(_INSERT, [{
        "uuid": new_uuid(), "event_uuid": document_uuid, "dossier_id": dossier.id, "kind": kind, "channel": "email",
        "recipient": recipient[:255], "subject": (text.subject or None) and text.subject[:255], "body": text.body,
        "attachment": SIGNED_PREFIX + document_uuid, "state": PENDING, "attempts": 0, "created_at": at,
        "next_attempt_at": at}])
    return 1


def attach_signed_in(session: Session, event_uuid: str, document_uuid: str) -> int:
    """The e-mail notice of the event a signed form reports (Form 02 with the supplement request,
    Form 04 with the extension…) carries the signed form instead of none or an unsigned one, if it
    is not sent yet. Returns how many notices changed."""
    return session.execute(
        update(Notice).where(Notice.event_uuid == event_uuid, Notice.channel == "email", Notice.state == PENDING)
        .values(attachment=SIGNED_PREFIX + document_uuid).execution_options(synchronize_session=False)).rowcount
