"""Queue rules on both databases: numbers per group and day, priority strictly first or one after
every N regular, recalls before a no-show, transfers called first, the daily reset."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.domain.permissions import Actor
from app.domain.queue import WAITING, Waiting, choose
from app.errors import UserError
from app.services.queue import tickets as q
from db.models import AuditRecord, QueueGroup, QueueTicket
from tests.helpers.factories import OFFICER

MON = datetime(2026, 11, 23, 7, 30)
ADMIN = Actor.system()


def t(minutes: int) -> datetime:
    return MON + timedelta(minutes=minutes)


def test_choose_orders_heads_priority_and_regular():
    w = [Waiting(1, t(0), False, False), Waiting(2, t(1), True, False), Waiting(3, t(2), False, False)]
    assert choose(w, every=0, regular_run=0).id == 2  # strictly first
    assert choose(w, every=2, regular_run=0).id == 1  # regular until 2 have been called
    assert choose(w, every=2, regular_run=2).id == 2
    assert choose(w + [Waiting(4, t(3), False, True)], every=0, regular_run=0).id == 4  # transferred: first
    assert choose([], 0, 0) is None
    assert choose([Waiting(2, t(1), True, False)], every=5, regular_run=0).id == 2  # nobody else waits


def test_numbers_per_group_and_day_and_the_reset(any_db):
    assert [q.issue_ticket(any_db, "TP", at=t(i)).label for i in range(3)] == ["A001", "A002", "A003"]
    assert q.issue_ticket(any_db, "VH", at=t(4)).label == "B001"
    tomorrow = q.issue_ticket(any_db, "TP", at=t(24 * 60))
    assert tomorrow.label == "A001"  # a new day starts again
    with any_db.reading() as s:
        row = s.get(QueueTicket, tomorrow.id)
        group = s.scalar(select(QueueGroup).where(QueueGroup.code == "TP"))
    assert (row.number, row.day, row.status, row.calls, row.head) == (1, t(24 * 60).date(), WAITING, 0, False)
    assert len(row.uuid) == 36 and (group.last_number, group.day) == (1, row.day)
    with pytest.raises(UserError, match="Không có nhóm"):
        q.issue_ticket(any_db, "XX")
    with pytest.raises(UserError, match="đối tượng ưu tiên"):
        q.issue_ticket(any_db, "TP", priority="vip")


def test_range_runs_out_with_a_clear_message(db):
    with db.writing() as s:
        s.execute(update(QueueGroup).where(QueueGroup.code == "TK").values(last_allowed=2))
    q.issue_ticket(db, "TK", at=t(0))
    q.issue_ticket(db, "TK", at=t(1))
    with pytest.raises(UserError, match="đã phát hết số hôm nay \\(C002\\)"):
        q.issue_ticket(db, "TK", at=t(2))


def test_people_ahead_and_estimated_wait(db):
    first = q.issue_ticket(db, "TP", at=t(0))
    assert (first.ahead, first.wait_minutes) == (0, None)  # nobody ahead; no service time yet today
    q.call_next(db, OFFICER, 1, ["TP"], at=t(1))
    q.done(db, OFFICER, 1, at=t(11))  # ten minutes a citizen
    for i in range(3):
        last = q.issue_ticket(db, "TP", at=t(12 + i))
    assert (last.ahead, last.wait_minutes) == (2, 20)  # two ahead of the third, ten minutes each


def test_priority_interleaving_one_after_every_two(any_db):
    with any_db.writing() as s:
        s.execute(update(QueueGroup).where(QueueGroup.code == "TP").values(priority_every=2))
    for i, prio in enumerate([None, None, None, "elderly", None, "disabled"]):
        q.issue_ticket(any_db, "TP", priority=prio, at=t(i))
    order = [q.call_next(any_db, OFFICER, 1, ["TP"], at=t(10 + i)).label for i in range(6)]
    assert order == ["A001", "A002", "A004", "A003", "A005", "A006"]
    assert q.call_next(any_db, OFFICER, 1, ["TP"], at=t(20)) is None


def test_recall_no_show_and_done(any_db):
    q.issue_ticket(any_db, "TP", at=t(0))
    called = q.call_next(any_db, OFFICER, 2, at=t(1))
    assert (called.label, called.counter_number, called.calls) == ("A001", 2, 1)
    with pytest.raises(UserError, match="gọi lại đủ 3 lần"):
        q.no_show(any_db, ADMIN, 2, at=t(2))
    assert q.recall(any_db, OFFICER, 2, at=t(3)).calls == 2
    assert q.recall(any_db, OFFICER, 2, at=t(4)).calls == 3
    assert q.no_show(any_db, ADMIN, 2, at=t(5)).status == "no_show"
    with pytest.raises(UserError, match="chưa gọi số nào"):
        q.done(any_db, OFFICER, 2)
    with any_db.reading() as s:
        assert s.scalar(select(AuditRecord.action).where(AuditRecord.action == "queue.no_show")) == "queue.no_show"


def test_call_next_finishes_the_current_one(any_db):
    q.issue_ticket(any_db, "TP", at=t(0))
    q.issue_ticket(any_db, "TP", at=t(1))
    q.call_next(any_db, OFFICER, 1, at=t(2))
    q.serve(any_db, OFFICER, 1, at=t(3))
    assert q.call_next(any_db, OFFICER, 1, at=t(9)).label == "A002"
    with any_db.reading() as s:
        first = s.scalar(select(QueueTicket).where(QueueTicket.label == "A001"))
    assert (first.status, first.served_at, first.done_at) == ("done", t(3), t(9))


def test_transfer_goes_to_the_head_of_the_other_queue(any_db):
    for i in range(3):
        q.issue_ticket(any_db, "VH", at=t(i))
    q.issue_ticket(any_db, "TP", at=t(3))
    assert q.call_next(any_db, OFFICER, 1, ["TP"], at=t(4)).label == "A001"
    assert q.transfer(any_db, ADMIN, 1, to_group="VH", at=t(5)) == "A001"
    assert q.call_next(any_db, OFFICER, 2, ["VH"], at=t(6)).label == "A001"  # before B001, which came earlier
    q.transfer(any_db, ADMIN, 2, to_counter=3, at=t(7))
    assert q.call_next(any_db, OFFICER, 1, ["VH"], at=t(8)).label == "B001"  # meant for counter 3, not 1
    assert q.call_next(any_db, OFFICER, 3, ["VH"], at=t(9)).label == "A001"
    with pytest.raises(UserError, match="một nhóm dịch vụ hoặc một quầy"):
        q.transfer(any_db, ADMIN, 3)
    with pytest.raises(UserError, match="chính quầy này"):
        q.transfer(any_db, ADMIN, 3, to_counter=3)


def test_the_dossier_registered_while_serving_is_linked(db):
    from app.services.intake.registration import register
    from tests.helpers.factories import OFFICER, request

    q.issue_ticket(db, "TP", at=t(0))
    q.call_next(db, OFFICER, 1, at=t(1))
    code = register(db, OFFICER, request("1.000894", received_at=t(5), ticket="a001")).code
    with db.reading() as s:
        ticket = s.scalar(select(QueueTicket).where(QueueTicket.label == "A001"))
        from db.models import Dossier

        assert ticket.dossier_id == s.scalar(select(Dossier.id).where(Dossier.code == code))


def test_the_kiosk_opens_a_little_before_each_session_and_not_on_days_off():
    from datetime import time

    from app.domain.queue import kiosk_open

    sessions = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
    day = datetime(2026, 11, 23)

    def at(h, m):
        return kiosk_open(True, sessions, day.replace(hour=h, minute=m), 15)

    assert [at(7, 14), at(7, 15), at(11, 29), at(11, 30), at(13, 15), at(16, 59), at(17, 0)] == [
        False, True, True, False, True, True, False]
    assert at(12, 0) is False  # lunch, beyond the quarter hour before the afternoon
    assert kiosk_open(False, sessions, day.replace(hour=9), 15) is False  # a holiday or a weekend


def test_the_board_knows_holidays_and_the_notice(db):
    from app.services.queue.board import hall

    assert hall(db, datetime(2026, 11, 23, 9, 0)).open_now is True
    assert hall(db, datetime(2026, 9, 2, 9, 0)).open_now is False  # National Day
    assert hall(db, datetime(2026, 11, 22, 9, 0)).open_now is False  # a Sunday
    h = hall(db, datetime(2026, 11, 23, 9, 0))
    assert h.hours == "07:30–11:30, 13:30–17:00" and h.announce is True and "số thứ tự" in h.notice
