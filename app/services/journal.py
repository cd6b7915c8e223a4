"""The one way to record a change: audit records for everything, and for a dossier its history
event, audit record and portal outbox record, all in the caller's transaction. Audit records
are chained by hash as they are written (app/services/trust/audit_chain.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor
from app.services import storable  # noqa: F401 - checks every flush for text longer than its column
from app.services.trust.audit_chain import seal
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage, new_uuid

ENTITY_ID_LENGTH = AuditRecord.__table__.c.entity_id.type.length


def audit(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    details = dict(details or {})
    entity_id = None if entity_id is None else str(entity_id)
    if entity_id is not None and len(entity_id) > ENTITY_ID_LENGTH:
        # What someone typed can be longer than the column: PostgreSQL would refuse the whole
        # change. The column keeps the start; the record keeps all of it.
        details["entity_id"] = entity_id
        entity_id = entity_id[:ENTITY_ID_LENGTH - 1] + "…"
    record = AuditRecord(
        at=at or now_local(),
        user_id=actor.user_id,
        actor=actor.login,
        counter_id=actor.counter_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
    )
    return seal(session, record)


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
    to_portal: bool = True,
) -> DossierEvent:
    """Write the event, audit and outbox records for a change already applied to `dossier`.
    The event's UUID is the portal's idempotency key for this change. `to_portal` False: the change
    came from the portal itself (an online dossier pulled into the inbox), so nothing goes back."""
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
    if to_portal and not dossier.is_demo:  # synthetic data must never reach the real portal
        # PhienBan: the dossier's changes numbered 1, 2, 3… as the portal will apply them.
        seq = (session.scalar(select(func.max(OutboxMessage.seq)).where(OutboxMessage.dossier_id == dossier.id))
               or 0) + 1
        session.add(
            OutboxMessage(
                event_uuid=event.uuid,
                dossier_id=dossier.id,
                kind=action,
                payload={"dossier_uuid": dossier.uuid, "code": dossier.code, "status": dossier.status},
                created_at=at,
                state="pending",
                attempts=0,
                seq=seq,
            )
        )
    return event
