"""What the hall display and kiosk read (the board), how they learn of changes (the feed), kiosk
tickets held until printed, and the groups each counter calls from."""

import logging
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.queue import tickets as q
from app.services.queue.board import board
from app.services.queue.feed import open_feed
from db.models import AuditRecord, QueueTicket
from tests.helpers.factories import OFFICER

MON = datetime(2026, 11, 23, 7, 30)
ADMIN = Actor.system()


def t(minutes: int) -> datetime:
    return MON + timedelta(minutes=minutes)


def officer(counter_id: int) -> Actor:
    return Actor(login="canbo", role=Role.OFFICER, full_name="Cán bộ", user_id=1, counter_id=counter_id)


def test_board_shows_counters_last_calls_and_waiting(any_db):
    for i in range(4):
        q.issue_ticket(any_db, "TP", at=t(i))
    q.issue_ticket(any_db, "VH", at=t(4))
    q.call_next(any_db, OFFICER, 1, ["TP"], at=t(5))
    q.call_next(any_db, OFFICER, 2, ["TP"], at=t(6))
    q.recall(any_db, OFFICER, 1, at=t(7))
    b = board(any_db, t(8))
    assert [(c.number, c.label) for c in b.counters[:3]] == [(1, "A001"), (2, "A002"), (3, None)]
    assert [(c.label, c.counter_number, c.calls) for c in b.calls] == [("A001", 1, 2), ("A002", 2, 1)]
    assert {g.code: g.waiting for g in b.groups} == {"TP": 2, "VH": 1, "TK": 0}
    q.done(any_db, OFFICER, 1, at=t(9))
    assert board(any_db, t(9)).counters[0].label is None  # free again
    assert board(any_db, t(24 * 60)).calls == ()  # tomorrow's board starts empty


def test_a_kiosk_ticket_waits_only_once_printed_and_a_refused_one_never_counts(any_db):
    held = q.issue_ticket(any_db, "TP", at=t(0), held=True)
    assert q.call_next(any_db, OFFICER, 1, ["TP"], at=t(1)) is None  # still at the printer
    q.release(any_db, held.id)
    assert q.call_next(any_db, OFFICER, 1, ["TP"], at=t(2)).label == "A001"
    refused = q.issue_ticket(any_db, "TP", at=t(3), held=True)
    q.void(any_db, ADMIN, refused.id, "printer offline")
    q.release(any_db, refused.id)  # too late: a void ticket stays void
    nxt = q.issue_ticket(any_db, "TP", at=t(4))
    assert nxt.label == "A003"  # the void number is never handed out again
    assert q.call_next(any_db, OFFICER, 1, ["TP"], at=t(5)).label == "A003"
    with any_db.reading() as s:
        assert s.scalar(select(QueueTicket.status).where(QueueTicket.id == refused.id)) == "void"
        assert s.scalar(select(AuditRecord.details).where(AuditRecord.action == "queue.void")) == {
            "reason": "printer offline"}


def test_each_counter_calls_from_its_own_groups(any_db):
    q.issue_ticket(any_db, "TP", at=t(0))
    q.issue_ticket(any_db, "VH", at=t(1))
    q.set_counter_groups(any_db, officer(2), 2, ["VH"])
    assert q.counter_groups(any_db, 2) == ["VH"] and q.counter_groups(any_db, 1) is None
    assert q.call_next(any_db, OFFICER, 2, at=t(2)).label == "B001"  # A001 is older but not this counter's
    assert q.call_next(any_db, OFFICER, 1, at=t(3)).label == "A001"  # counter 1: every group
    with pytest.raises(UserError, match="quầy mình đang ngồi"):
        q.set_counter_groups(any_db, officer(2), 1, ["VH"])
    with pytest.raises(UserError, match="«XX»"):
        q.set_counter_groups(any_db, ADMIN, 1, ["TP", "XX"])
    with pytest.raises(UserError, match="ít nhất một nhóm"):
        q.set_counter_groups(any_db, ADMIN, 1, [])
    guide = Actor(login="hd", role=Role.GUIDE, full_name="Hướng dẫn", user_id=2)
    with pytest.raises(PermissionDenied):
        q.set_counter_groups(any_db, guide, 1, ["TP"])
    q.set_counter_groups(any_db, ADMIN, 2, None)
    assert q.counter_groups(any_db, 2) is None


def test_the_feed_wakes_on_a_change_from_another_connection(any_db):
    feed = open_feed(any_db)
    try:
        assert feed.wait(0.2) is False  # nothing happened
        threading.Timer(0.2, lambda: q.issue_ticket(any_db, "TP", at=t(0))).start()
        assert feed.wait(30.0) is True  # True: woken by the change (the timeout returns False)
        assert feed.wait(0.2) is False  # and only once
    finally:
        feed.close()


@pytest.mark.expected_log("app.services.queue.feed", logging.WARNING, r"^queue feed: ")  # the lost connection
def test_the_postgresql_feed_survives_losing_its_connection(pg_db):
    feed = open_feed(pg_db)
    try:
        with pg_db.writing() as s:
            s.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"))
        assert feed.wait(0.5) is False  # the broken connection is noticed, not raised
        assert feed.wait(0.5) is True  # back: re-read, as changes may have been missed
        q.issue_ticket(pg_db, "TP", at=t(0))
        assert feed.wait(30.0) is True
    finally:
        feed.close()
