"""The citizen's answer, the only way a score is written: from the counter's rating screen or its
keypad, acting as `screen_actor(counter)` (the one role with `record_rating`: no officer,
supervisor or administrator can rate in the citizen's place). One transaction writes the rating,
its audit record and, for a dossier's service, the dossier's history event "rated" (no status
change) with its portal outbox record (journal.dossier_changed), so the rating reaches the portal
with the dossier's changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.permissions import Actor, Permission
from app.domain.ratings import (
    ASKED,
    NO_RATING,
    OCCASIONS,
    RATED,
    SCORES,
    SOURCES,
    answer_problem,
    note_for,
)
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.journal import audit, dossier_changed
from app.services.ratings.criteria import criteria_in
from db.engine import Database
from db.models import Counter, Dossier, Rating, User

RATED_ACTION = "rated"  # DossierEvent.action of a citizen's rating (app/services/dossiers/listing.py labels it)
EXPIRY = Actor(login="system:rating", role=Role.RATING_SCREEN, full_name="Hết giờ đánh giá")


def screen_actor(counter_id: int) -> Actor:
    """Who the rating screen of a counter is in the audit log and the dossier's history."""
    return Actor(login=f"rating:{counter_id}", role=Role.RATING_SCREEN, counter_id=counter_id,
                 full_name="Màn hình đánh giá")


def _check_actor(actor: Actor | None, counter_id: int) -> Actor:
    actor = actor or screen_actor(counter_id)
    actor.require(Permission.RECORD_RATING)
    if actor.counter_id != counter_id:
        raise PermissionDenied("Màn hình đánh giá chỉ ghi đánh giá của quầy mình.")
    return actor


def _rating_of_counter(s: Session, counter_id: int, uuid: str) -> Rating:
    rating = s.scalar(select(Rating).where(Rating.uuid == str(uuid)[:36]).with_for_update())
    if rating is None or rating.counter_id != counter_id:
        raise UserError("Lượt đánh giá này không có ở quầy này.")
    return rating


def answer(db: Database, counter_id: int, uuid: str, score: int, reasons: list[str] | tuple[str, ...] | None,
           source: str, at: datetime, *, actor: Actor | None = None) -> None:
    """Record the citizen's score (1-5) and, at REASONS_AT or lower, the criteria they name. The
    same answer sent again (a screen retrying after a lost connection) is accepted and writes
    nothing; anything else on a rating that is answered, lapsed or of another counter is refused."""
    actor = _check_actor(actor, counter_id)
    reasons = list(reasons) if isinstance(reasons, list | tuple) else [] if reasons is None else reasons
    if source not in SOURCES:
        raise UserError("Nguồn đánh giá phải là màn hình hoặc bàn phím đánh giá.")
    with db.writing() as s:
        rating = _rating_of_counter(s, counter_id, uuid)
        if rating.state == RATED:
            if rating.score == score and list(rating.reasons or []) == reasons:
                return
            raise UserError("Lượt đánh giá này đã được ghi.")
        if rating.state != ASKED or rating.expires_at <= at:
            raise UserError("Đã hết thời gian đánh giá lượt này.")
        criteria = {c.key: c.label for c in criteria_in(s)}
        problem = answer_problem(score, reasons, criteria)
        if problem:
            raise UserError(problem)
        rating.state, rating.score, rating.reasons, rating.source, rating.answered_at = RATED, score, reasons, source, at
        labels = [criteria[r] for r in reasons]
        if rating.dossier_id is not None:
            _to_dossier(s, actor, rating, labels, at)
        audit(s, actor, "rating.answer", "rating", rating.uuid,
              {"score": score, "reasons": reasons, "source": source, "service": rating.service_key,
               "dossier_id": rating.dossier_id}, at)


def _to_dossier(s: Session, actor: Actor, rating: Rating, labels: list[str], at: datetime) -> None:
    """The rating in the dossier's history and, with it, on its way to the portal."""
    d = s.scalar(select(Dossier).where(Dossier.id == rating.dossier_id).with_for_update())
    officer = s.scalar(select(User.full_name).where(User.id == rating.user_id)) if rating.user_id else None
    counter = s.scalar(select(Counter.number).where(Counter.id == rating.counter_id))
    details = {"rating": {"uuid": rating.uuid, "score": rating.score, "level": SCORES[rating.score],
                          "reasons": list(rating.reasons or []), "reason_labels": labels,
                          "occasion": rating.occasion, "occasion_label": OCCASIONS[rating.occasion],
                          "officer_name": officer, "counter_number": counter, "asked_at": rating.asked_at.isoformat()}}
    rating.portal_state = None if d.is_demo else "pending"  # demo dossiers never reach the portal
    dossier_changed(s, actor, d, RATED_ACTION, status_from=d.status, note=note_for(rating.score, labels),
                    details=details, at=at)


def no_answer(db: Database, counter_id: int, uuid: str, at: datetime, *, actor: Actor | None = None) -> None:
    """The citizen left without rating (the screen's time ran out, or they chose not to): "no
    rating", never a default score. Already ended without a score: nothing to do."""
    actor = _check_actor(actor, counter_id)
    with db.writing() as s:
        rating = _rating_of_counter(s, counter_id, uuid)
        if rating.state == NO_RATING:
            return
        if rating.state == RATED:
            raise UserError("Lượt đánh giá này đã được ghi.")
        rating.state, rating.answered_at = NO_RATING, at
        audit(s, actor, "rating.no_answer", "rating", rating.uuid, {"service": rating.service_key}, at)


def expire(db: Database, now: datetime) -> int:
    """Mark every prompt whose time is up "no rating" (a screen that was off or lost the database
    never answered them); how many."""
    with db.writing() as s:
        lapsed = s.execute(select(Rating.id, Rating.uuid, Rating.expires_at)
                           .where(Rating.state == ASKED, Rating.expires_at <= now)).all()
        if not lapsed:
            return 0
        for r in lapsed:
            s.execute(update(Rating).where(Rating.id == r.id, Rating.state == ASKED)
                      .values(state=NO_RATING, answered_at=r.expires_at))
        audit(s, EXPIRY, "rating.expire", "rating", None, {"ratings": [r.uuid for r in lapsed]}, now)
    return len(lapsed)
