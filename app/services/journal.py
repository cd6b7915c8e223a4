"""The one way to record a change: audit records for everything, and for a dossier its history
event, audit record and portal outbox record, all in the caller's transaction. Audit records
are chained by hash as they are written (app/services/trust/audit_chain.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor
from app.services import storable  # noqa: F401 - checks every flush for text longer than its column
from app.services.trust.audit_chain import chain_head, record_digest, seal
from db.fast import fast
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage, new_uuid

ENTITY_ID_LENGTH = AuditRecord.__table__.c.entity_id.type.length
# Core statements for a dossier written without the ORM (DossierRef): compiled once, cached.
_INSERT_EVENT = insert(DossierEvent.__table__)
_INSERT_AUDIT = insert(AuditRecord.__table__)
_INSERT_OUTBOX = insert(OutboxMessage.__table__)


@dataclass(frozen=True)
class DossierRef:
    """A dossier written with Core statements in this transaction (registration, where the ORM's
    unit of work was most of the time spent), not loaded as an object: what its records need.
    `new`: inserted in this very transaction, so it has no outbox record yet."""

    id: int
    uuid: str
    code: str
    status: int
    is_demo: bool = False
    new: bool = False


def audit(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    return seal(session, AuditRecord(**_audit_values(actor, action, entity, entity_id, details, at)))


def _audit_values(actor: Actor, action: str, entity: str, entity_id: str | int | None,
                  details: dict[str, Any] | None, at: datetime | None) -> dict[str, Any]:
    details = dict(details or {})
    entity_id = None if entity_id is None else str(entity_id)
    if entity_id is not None and len(entity_id) > ENTITY_ID_LENGTH:
        # What someone typed can be longer than the column: PostgreSQL would refuse the whole
        # change. The column keeps the start; the record keeps all of it.
        details["entity_id"] = entity_id
        entity_id = entity_id[:ENTITY_ID_LENGTH - 1] + "…"
    return {"at": at or now_local(), "user_id": actor.user_id, "actor": actor.login,
            "counter_id": actor.counter_id, "action": action, "entity": entity, "entity_id": entity_id,
            "details": details}


def _audit_row(session: Session, values: dict[str, Any]) -> None:
    """`seal` as one Core insert: the same chain (the head read under the same lock), no object."""
    prev = chain_head(session)
    v = values
    digest = record_digest(prev, v["at"], v["user_id"], v["actor"], v["counter_id"], v["action"], v["entity"],
                           v["entity_id"], v["details"])
    fast(session).run(_INSERT_AUDIT, {**values, "prev_hash": prev, "hash": digest})


def dossier_changed(
    session: Session,
    actor: Actor,
    dossier: Dossier | DossierRef,
    action: str,
    *,
    status_from: int | None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
    to_portal: bool = True,
) -> DossierEvent | None:
    """Write the event, audit and outbox records for a change already applied to `dossier`.
    The event's UUID is the portal's idempotency key for this change. `to_portal` False: the change
    came from the portal itself (an online dossier pulled into the inbox), so nothing goes back.
    A DossierRef (a dossier written with Core statements) gets the same rows by Core inserts and
    nothing is returned (the event's row is written all the same)."""
    at = at or now_local()
    row = {"uuid": new_uuid(), "action": action, "status_from": status_from, "status_to": dossier.status, "at": at,
           "user_id": actor.user_id, "counter_id": actor.counter_id, "note": note, "details": details or {}}
    audit_details = {"event": row["uuid"], "status_from": status_from, "status_to": dossier.status,
                     **(details or {})}
    core = isinstance(dossier, DossierRef)
    if core:  # Core inserts: no object is built (its instrumented attributes cost more than the row)
        fast(session).run(_INSERT_EVENT, row | {"dossier_id": dossier.id})
        _audit_row(session, _audit_values(actor, f"dossier.{action}", "dossier", dossier.code, audit_details, at))
        event = None
    else:
        session.flush()  # the dossier needs its id
        event = DossierEvent(**row, dossier=dossier)
        session.add(event)
        audit(session, actor, f"dossier.{action}", "dossier", dossier.code, audit_details, at)
    if to_portal and not dossier.is_demo:  # synthetic data must never reach the real portal
        # PhienBan: the dossier's changes numbered 1, 2, 3… as the portal will apply them.
        seq = 1 if core and dossier.new else (session.scalar(
            select(func.max(OutboxMessage.seq)).where(OutboxMessage.dossier_id == dossier.id)) or 0) + 1
        values = {"event_uuid": row["uuid"], "dossier_id": dossier.id, "kind": action,
                  "payload": {"dossier_uuid": dossier.uuid, "code": dossier.code, "status": dossier.status},
                  "created_at": at, "state": "pending", "attempts": 0, "seq": seq}
        if core:
            fast(session).run(_INSERT_OUTBOX, values)
        else:
            session.add(OutboxMessage(**values))
    return event

