"""The one way to record a change: audit records for everything, and for a dossier its history
event, audit record and portal outbox record, all in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage, new_uuid


def audit(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    record = AuditRecord(
        at=at or now_local(),
        user_id=actor.user_id,
        actor=actor.login,
        counter_id=actor.counter_id,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        details=details or {},
    )
    session.add(record)
    return record


def dossier_changed(
    session: Session,
    actor: Actor,
    dossier: Dossier,
    action: str,
    *,
    status_from: int | None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> DossierEvent:
    """Write the event, audit and outbox records for a change already applied to `dossier`.
    The event's UUID is the portal's idempotency key for this change."""
    at = at or now_local()
    session.flush()  # the dossier needs its id
    event = DossierEvent(
        uuid=new_uuid(),
        dossier=dossier,
        action=action,
        status_from=status_from,
        status_to=dossier.status,
        at=at,
        user_id=actor.user_id,
        counter_id=actor.counter_id,
        note=note,
        details=details or {},
    )
    session.add(event)
    audit(session, actor, f"dossier.{action}", "dossier", dossier.code,
          {"event": event.uuid, "status_from": status_from, "status_to": dossier.status, **(details or {})}, at)
    if not dossier.is_demo:  # synthetic data must never reach the real portal
        session.add(
            OutboxMessage(
                event_uuid=event.uuid,
                dossier_id=dossier.id,
                kind=action,
                payload={"dossier_uuid": dossier.uuid, "code": dossier.code, "status": dossier.status},
                created_at=at,
                state="pending",
                attempts=0,
            )
        )
    return event
