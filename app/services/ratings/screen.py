"""What the rating screen of a counter reads (ui/rating/, polled every ~100 ms): the prompt to
show, and while there is none, the ticket being served and the officer serving it. Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import bindparam, select

from app.domain.queue import CALLED, SERVING
from app.domain.ratings import ASKED
from db.engine import Database
from db.models import AuditRecord, Dossier, Procedure, QueueTicket, Rating, User


@dataclass(frozen=True)
class Prompt:
    uuid: str
    occasion: str  # app/domain/ratings.OCCASIONS
    asked_at: datetime
    expires_at: datetime
    ticket_label: str | None
    dossier_code: str | None
    procedure_name: str | None
    officer_name: str | None


@dataclass(frozen=True)
class Serving:
    ticket_label: str
    officer_name: str | None  # who logged in at this counter today (None: nobody known)


# Built once: the screen asks many times a second. The counter's "asked" rows are few (a newer
# prompt ends the older ones), found by ix_ratings_counter_state.
_PROMPT = (select(Rating.uuid, Rating.occasion, Rating.asked_at, Rating.expires_at, QueueTicket.label,
                  Dossier.code, Procedure.name, User.full_name)
           .outerjoin(QueueTicket, QueueTicket.id == Rating.ticket_id)
           .outerjoin(Dossier, Dossier.id == Rating.dossier_id)
           .outerjoin(Procedure, Procedure.id == Rating.procedure_id)
           .outerjoin(User, User.id == Rating.user_id)
           .where(Rating.counter_id == bindparam("counter"), Rating.state == ASKED,
                  Rating.expires_at > bindparam("now"))
           .order_by(Rating.asked_at.desc(), Rating.id.desc()).limit(1))
_SERVED = (select(QueueTicket.label)
           .where(QueueTicket.counter_id == bindparam("counter"), QueueTicket.status.in_((CALLED, SERVING)))
           .order_by(QueueTicket.id.desc()).limit(1))
# The officer at the counter: the last log-in at it today (the desk logs in with its counter).
_OFFICER = (select(User.full_name).join(AuditRecord, AuditRecord.user_id == User.id)
            .where(AuditRecord.action == "user.login", AuditRecord.counter_id == bindparam("counter"),
                   AuditRecord.at >= bindparam("since"), AuditRecord.at <= bindparam("now"))
            .order_by(AuditRecord.at.desc(), AuditRecord.id.desc()).limit(1))


def prompt_for(db: Database, counter_id: int, now: datetime) -> Prompt | None:
    """The newest prompt of this counter still open (asked, not lapsed), or None."""
    with db.reading() as s:
        row = s.execute(_PROMPT, {"counter": counter_id, "now": now}).first()
    return Prompt(*row) if row is not None else None


def serving(db: Database, counter_id: int, now: datetime) -> Serving | None:
    """The ticket called or served at this counter now and the officer there; None: nobody."""
    with db.reading() as s:
        label = s.scalar(_SERVED, {"counter": counter_id})
        if label is None:
            return None
        officer = s.scalar(_OFFICER, {"counter": counter_id, "since": datetime.combine(now.date(), time()),
                                      "now": now})
    return Serving(label, officer)
