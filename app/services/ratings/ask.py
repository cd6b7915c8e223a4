"""Asking the citizen for a rating, inside the desk's own transaction: the officer's "Xong" on a
ticket (app/services/queue/tickets.py `done`) and a result returned at a counter
(app/services/dossiers/lifecycle.py `act_in`). The rating screen of that counter then shows the
prompt (screen.py); only the screen answers it (answering.py).

One rating per service: `service_key` is unique ("ticket:<id>" for a served ticket,
"return:<event uuid>" for a returned result, except that a result returned to the citizen whose
ticket, linked to that dossier, is being served at that counter is that ticket's service, so "Xong"
afterwards does not ask again)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.domain.permissions import Actor
from app.domain.queue import CALLED, SERVING
from app.domain.ratings import ASKED, NO_RATING, OCCASIONS
from app.services.journal import audit
from app.services.settings.store import settings_of
from db.models import Dossier, QueueTicket, Rating

_SETTINGS = ("rating.enabled", "rating.timeout_s")
_KEY_TAKEN = select(Rating.id).where(Rating.service_key == bindparam("key"))
_SERVED_FOR_DOSSIER = (select(QueueTicket.id)
                       .where(QueueTicket.counter_id == bindparam("counter"),
                              QueueTicket.status.in_((CALLED, SERVING)),
                              QueueTicket.dossier_id == bindparam("dossier"))
                       .order_by(QueueTicket.id.desc()).limit(1))
_OPEN_AT_COUNTER = select(Rating.id, Rating.uuid).where(Rating.counter_id == bindparam("counter"),
                                                        Rating.state == ASKED)


def ask_in(session: Session, actor: Actor, *, occasion: str, counter_id: int | None, ticket_id: int | None = None,
           dossier_id: int | None = None, at: datetime, event_uuid: str | None = None) -> Rating | None:
    """Ask for a rating of this service at `counter_id`, in the caller's transaction. None when
    ratings are off, there is no counter, or this service was asked for already. `event_uuid`:
    the history event of a returned result (the service's key when no ticket is being served)."""
    if counter_id is None:
        return None
    settings = settings_of(session, _SETTINGS)
    if not settings["rating.enabled"]:
        return None
    if occasion not in OCCASIONS:
        raise ValueError(f"unknown rating occasion {occasion!r}")
    if occasion == "return":
        served = session.scalar(_SERVED_FOR_DOSSIER, {"counter": counter_id, "dossier": dossier_id})
        if served is not None:
            ticket_id = served
        elif event_uuid is None:
            raise ValueError("a returned result is asked for with its event's uuid")
        key = f"ticket:{ticket_id}" if served is not None else f"return:{event_uuid}"
    elif ticket_id is None:
        raise ValueError("a service is asked for with its ticket")
    else:
        key = f"ticket:{ticket_id}"
    if session.scalar(_KEY_TAKEN, {"key": key}) is not None:
        return None
    procedure_id = None
    if dossier_id is not None:
        procedure_id = session.scalar(select(Dossier.procedure_id).where(Dossier.id == dossier_id))
    # A newer prompt at the counter means the citizen asked before has gone: never a default score.
    ended = session.execute(_OPEN_AT_COUNTER, {"counter": counter_id}).all()
    if ended:
        session.execute(update(Rating).where(Rating.id.in_([r.id for r in ended]), Rating.state == ASKED)
                        .values(state=NO_RATING, answered_at=at))
    rating = Rating(service_key=key, occasion=occasion, counter_id=counter_id, user_id=actor.user_id,
                    ticket_id=ticket_id, dossier_id=dossier_id, procedure_id=procedure_id, state=ASKED,
                    asked_at=at, expires_at=at + timedelta(seconds=settings["rating.timeout_s"]))
    session.add(rating)
    session.flush()
    audit(session, actor, "rating.ask", "rating", rating.uuid,
          {"occasion": occasion, "service": key, "counter_id": counter_id, "dossier_id": dossier_id,
           "ended": [r.uuid for r in ended]}, at)
    return rating
