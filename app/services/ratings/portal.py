"""A rating's way to the portal: it travels as its dossier's history event "rated" in the outbox
(answering.py); once the portal took that event, the rating is marked sent."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import DossierEvent, Rating


def mark_sent(session: Session, event_uuids: Iterable[str]) -> int:
    """The ratings carried by these "rated" events are on the portal now; how many were marked."""
    uuids = list(event_uuids)
    if not uuids:
        return 0
    ratings = [(details or {}).get("rating", {}).get("uuid") for details in session.scalars(
        select(DossierEvent.details).where(DossierEvent.uuid.in_(uuids)))]
    ratings = [r for r in ratings if r]
    if not ratings:
        return 0
    return session.execute(update(Rating).where(Rating.uuid.in_(ratings), Rating.portal_state == "pending")
                           .values(portal_state="sent")).rowcount
