"""The overdue watch sorts open dossiers into late, due today and due by the next working day."""

from datetime import datetime

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.watch import overdue_watch
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, request

FRI = datetime(2026, 11, 20, 10, 0)  # Tuesday 24/11 is a holiday (Vietnam Cultural Day)


def reg(db, due: datetime, received=datetime(2026, 11, 2, 8, 0)):
    code = register(db, OFFICER, request("1.000894", received_at=received)).code
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="x", new_due=due, at=received))
    return code


def test_buckets(any_db):
    late = reg(any_db, datetime(2026, 11, 19, 17, 0))
    today = reg(any_db, datetime(2026, 11, 20, 17, 0))
    monday = reg(any_db, datetime(2026, 11, 23, 17, 0))
    reg(any_db, datetime(2026, 11, 25, 17, 0))  # after the next working day: not listed
    returned = reg(any_db, datetime(2026, 11, 18, 17, 0))
    act(any_db, OFFICER, returned, Action.HAND_OVER, Facts(division="P", giver="A", taker="B"))
    act(any_db, OFFICER, returned, Action.STOP, Facts(reason="dừng"))  # closed: never overdue
    w = overdue_watch(any_db, Actor(login="ld", role=Role.SUPERVISOR), FRI)
    assert [r.code for r in w.overdue.rows] == [late] and w.overdue.count == 1
    assert [r.code for r in w.due_today.rows] == [today]
    assert [r.code for r in w.due_next_working_day.rows] == [monday]
    assert w.total == 3
    mine = overdue_watch(any_db, Actor(login="other", role=Role.OFFICER, user_id=999), FRI, mine_only=True)
    assert mine.total == 0 and mine.mine_only
    assert overdue_watch(any_db, OFFICER, FRI, mine_only=True).total == 3


def test_waiting_for_a_supplement_is_not_late(any_db):
    code = reg(any_db, datetime(2026, 11, 19, 17, 0))
    act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu tờ khai", at=FRI.replace(hour=8)))
    assert overdue_watch(any_db, OFFICER, FRI).total == 0


def test_counts_are_whole_when_the_list_is_cut(db, monkeypatch):
    monkeypatch.setattr("app.services.dossiers.watch.LIMIT", 2)
    for _ in range(3):
        reg(db, datetime(2026, 11, 19, 17, 0))
    w = overdue_watch(db, OFFICER, FRI)
    assert len(w.overdue.rows) == 2 and w.overdue.count == 3
