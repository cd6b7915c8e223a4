"""The desk asks for a rating: "Xong" on a served ticket and a result returned at a counter, once
per service; a newer prompt at a counter ends the older one; nothing at all while ratings are off."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.domain.lifecycle import Action
from app.domain.ratings import ASKED, NO_RATING
from app.services.dossiers.lifecycle import Facts, act
from app.services.queue import tickets as q
from app.services.ratings import ask_in, prompt_for, serving
from app.services.trust.users import authenticate
from db.models import AuditRecord, Dossier, DossierEvent, Procedure, QueueTicket
from tests.helpers.factories import OFFICER
from tests.services.ratings.conftest import (
    COLLECTOR,
    MON,
    enable,
    ratings,
    resolved_dossier,
    serve_ticket,
)


def test_xong_asks_the_counters_screen_once_per_service(on_db):
    ticket = serve_ticket(on_db, MON)
    done_at = MON + timedelta(minutes=8)
    q.done(on_db, OFFICER, 1, at=done_at)
    [r] = ratings(on_db)
    assert (r.service_key, r.occasion, r.state, r.counter_id, r.ticket_id, r.user_id) == (
        f"ticket:{ticket}", "service", ASKED, 1, ticket, OFFICER.user_id)
    assert (r.asked_at, r.expires_at, r.score, r.reasons, r.portal_state) == (
        done_at, done_at + timedelta(seconds=30), None, None, None)
    prompt = prompt_for(on_db, 1, done_at + timedelta(seconds=1))
    assert (prompt.uuid, prompt.occasion, prompt.ticket_label, prompt.officer_name, prompt.dossier_code) == (
        r.uuid, "service", "A001", "Nguyễn Thị Mai", None)
    assert prompt_for(on_db, 2, done_at + timedelta(seconds=1)) is None  # another counter's screen
    with on_db.writing() as s:  # the same service asked again (a retried "Xong"): still one rating
        assert ask_in(s, OFFICER, occasion="service", counter_id=1, ticket_id=ticket, at=done_at) is None
    assert len(ratings(on_db)) == 1
    with on_db.reading() as s:
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "rating.ask"))
    assert (audit.actor, audit.entity_id, audit.details["service"]) == ("canbo", r.uuid, f"ticket:{ticket}")


def test_with_ratings_off_nothing_is_asked(db):
    """The default: an office without a rating screen collects no "no rating" rows."""
    serve_ticket(db, MON)
    q.done(db, OFFICER, 1, at=MON + timedelta(minutes=5))
    code = resolved_dossier(db)
    act(db, OFFICER, code, Action.RETURN_RESULT, COLLECTOR)
    assert ratings(db) == []


def test_a_newer_prompt_at_the_counter_ends_the_older_one(on_db):
    serve_ticket(on_db, MON)
    q.done(on_db, OFFICER, 1, at=MON + timedelta(minutes=5))
    serve_ticket(on_db, MON + timedelta(minutes=5, seconds=1), counter_id=2)
    q.done(on_db, OFFICER, 2, at=MON + timedelta(minutes=5, seconds=2))  # another counter: untouched
    serve_ticket(on_db, MON + timedelta(minutes=5, seconds=3))
    newer_at = MON + timedelta(minutes=5, seconds=10)
    q.done(on_db, OFFICER, 1, at=newer_at)
    first, other, newer = ratings(on_db)
    assert (first.state, first.answered_at, first.score) == (NO_RATING, newer_at, None)
    assert (other.state, newer.state) == (ASKED, ASKED)
    assert prompt_for(on_db, 1, newer_at + timedelta(seconds=1)).uuid == newer.uuid
    assert prompt_for(on_db, 2, newer_at + timedelta(seconds=1)).uuid == other.uuid


def test_returning_a_result_at_the_counter_asks_with_the_dossier_and_procedure(on_db):
    code = resolved_dossier(on_db)
    at = MON + timedelta(hours=3)
    out = act(on_db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                                collector_id_number="079090012345", at=at))
    [r] = ratings(on_db)
    with on_db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        procedure = s.get(Procedure, d.procedure_id).name
    assert (r.service_key, r.occasion, r.dossier_id, r.procedure_id, r.ticket_id, r.asked_at) == (
        f"return:{out.event_uuid}", "return", d.id, d.procedure_id, None, at)
    prompt = prompt_for(on_db, 1, at)
    assert (prompt.dossier_code, prompt.procedure_name, prompt.ticket_label, prompt.occasion) == (
        code, procedure, None, "return")


def test_a_result_sent_by_post_or_returned_with_no_counter_asks_nothing(on_db):
    posted = resolved_dossier(on_db)
    act(on_db, OFFICER, posted, Action.RETURN_RESULT, Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa"))
    elsewhere = resolved_dossier(on_db)
    from dataclasses import replace

    act(on_db, replace(OFFICER, counter_id=None), elsewhere, Action.RETURN_RESULT, COLLECTOR)
    assert ratings(on_db) == []


def test_a_result_returned_to_the_citizen_being_served_is_that_tickets_one_rating(on_db):
    """The citizen's ticket is linked to the dossier and served at this counter: the return asks
    under the ticket's key, so "Xong" afterwards does not ask a second time."""
    code = resolved_dossier(on_db)
    ticket = serve_ticket(on_db, MON + timedelta(hours=2))
    with on_db.writing() as s:
        d_id = s.scalar(select(Dossier.id).where(Dossier.code == code))
        label = s.get(QueueTicket, ticket).label
        assert q.link_dossier_in(s, label, d_id, (MON + timedelta(hours=2)).date())
    act(on_db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                          collector_id_number="079090012345",
                                                          at=MON + timedelta(hours=2, minutes=3)))
    q.done(on_db, OFFICER, 1, at=MON + timedelta(hours=2, minutes=3, seconds=5))  # while the screen asks
    [r] = ratings(on_db)
    assert (r.service_key, r.occasion, r.ticket_id, r.dossier_id, r.state) == (
        f"ticket:{ticket}", "return", ticket, d_id, ASKED)
    assert prompt_for(on_db, 1, MON + timedelta(hours=2, minutes=3, seconds=6)).ticket_label == label
    with on_db.reading() as s:  # the return itself is recorded as always
        assert s.scalar(select(DossierEvent.action).where(DossierEvent.dossier_id == d_id)
                        .order_by(DossierEvent.id.desc()).limit(1)) == "return_result"


def test_the_idle_screen_shows_the_ticket_served_and_the_officer_logged_in_there(db):
    from app.services.bootstrap import DEMO_PASSWORD

    now = MON + timedelta(minutes=1)
    assert serving(db, 1, now) is None
    authenticate(db, "canbo", DEMO_PASSWORD, counter_id=1)
    with db.writing() as s:  # the log-in happened this morning, before the ticket
        s.execute(AuditRecord.__table__.update().where(AuditRecord.action == "user.login")
                  .values(at=MON - timedelta(minutes=30)))
    serve_ticket(db, MON)
    shown = serving(db, 1, now)
    assert (shown.ticket_label, shown.officer_name) == ("A001", "Nguyễn Thị Mai")
    assert serving(db, 2, now) is None
    q.done(db, OFFICER, 1, at=now)
    assert serving(db, 1, now) is None


def test_the_prompts_life_is_the_setting(db):
    enable(db, **{"rating.timeout_s": 45})
    serve_ticket(db, MON)
    q.done(db, OFFICER, 1, at=MON + timedelta(minutes=2))
    [r] = ratings(db)
    assert r.expires_at - r.asked_at == timedelta(seconds=45)
    assert prompt_for(db, 1, r.asked_at + timedelta(seconds=44)).uuid == r.uuid
    assert prompt_for(db, 1, r.asked_at + timedelta(seconds=45)) is None
