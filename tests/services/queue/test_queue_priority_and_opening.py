"""Issue 22, the kiosk: a priority ticket carries its reason (the category chosen at the kiosk) to
the counter and the hall display, on both backends; the closed kiosk knows when it opens next
from the office calendar (weekends, the office's days off, the lunch break)."""

from datetime import date, datetime

from app.domain.calendar import OfficeHours
from app.domain.permissions import Actor
from app.services.queue import tickets as q
from app.services.queue.board import board, hall, next_opening
from app.services.settings.calendar import DAY_OFF, add_override
from tests.helpers.factories import OFFICER

MON = datetime(2026, 12, 7, 8, 30)  # Monday 07/12/2026, office open
SUN_NIGHT = datetime(2026, 12, 6, 19, 0)


def test_a_priority_ticket_carries_its_reason_to_the_counter_and_the_board(any_db):
    q.issue_ticket(any_db, "TP", "pregnant", at=MON)
    called = q.call_next(any_db, OFFICER, 1, at=MON)
    assert (called.label, called.priority) == ("A001", "pregnant")
    assert q.counter_ticket(any_db, 1).priority == "pregnant"
    assert q.recall(any_db, OFFICER, 1, at=MON.replace(minute=31)).priority == "pregnant"
    b = board(any_db, MON)
    assert [(c.label, c.priority) for c in b.counters if c.number == 1] == [("A001", "pregnant")]
    assert [(c.label, c.priority) for c in b.calls] == [("A001", "pregnant")]

    q.issue_ticket(any_db, "TP", at=MON.replace(minute=40))  # a regular one: no reason
    assert q.call_next(any_db, OFFICER, 1, at=MON.replace(minute=41)).priority is None
    b = board(any_db, MON)
    assert [(c.label, c.priority) for c in b.calls] == [("A002", None), ("A001", "pregnant")]
    assert [c.priority for c in b.counters if c.number == 1] == [None]


def test_the_next_opening_skips_the_weekend_and_the_days_off(db):
    assert hall(db, SUN_NIGHT).open_now is False
    # The kiosk opens 15 minutes before the office (queue.kiosk_open_early's default).
    assert hall(db, SUN_NIGHT).opens_at == datetime(2026, 12, 7, 7, 15)
    assert hall(db, datetime(2026, 12, 7, 6, 0)).opens_at == datetime(2026, 12, 7, 7, 15)
    assert hall(db, datetime(2026, 12, 7, 12, 0)).opens_at == datetime(2026, 12, 7, 13, 15)  # after lunch
    assert hall(db, datetime(2026, 12, 11, 17, 0)).opens_at == datetime(2026, 12, 14, 7, 15)  # Friday → Monday
    add_override(db, Actor.system(), date(2026, 12, 7), DAY_OFF, "Nghỉ theo quyết định của tỉnh")
    assert hall(db, SUN_NIGHT).opens_at == datetime(2026, 12, 8, 7, 15)


def test_next_opening_over_the_law_s_holidays():
    from app.domain.calendar import WorkingCalendar

    cal = WorkingCalendar()
    sessions = OfficeHours().sessions
    # 30/04 and 01/05/2027 (Friday, Saturday) are holidays, Monday 03/05 the day off in lieu:
    # after Thursday 29/04 comes Tuesday 04/05.
    assert next_opening(cal.is_working_day, sessions, datetime(2027, 4, 29, 18, 0), 0) == datetime(2027, 5, 4, 7, 30)
    assert next_opening(lambda _d: False, sessions, SUN_NIGHT, 0) is None  # no working day at all
