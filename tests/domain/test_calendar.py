"""Working days and due moments across the year's holidays, swaps, office overrides and cutoffs."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import OfficeHours, WorkingCalendar, to_local_naive
from app.domain.vocab import TimeUnit
from app.errors import UserError
from tests.helpers.hypothesis_budget import examples

DAYS, HOURS, WITHIN = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.WITHIN_DAY
CAL = WorkingCalendar()


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm)


@pytest.mark.parametrize("day,working", [
    (date(2026, 2, 13), True),    # Friday before Tết
    (date(2026, 2, 16), False),   # Giao thừa
    (date(2026, 2, 20), False),   # Mùng bốn
    (date(2026, 2, 23), True),    # back to work
    (date(2026, 4, 27), False),   # Hùng Kings fell on Sunday 26/4: substitute Monday
    (date(2026, 4, 30), False), (date(2026, 5, 1), False),
    (date(2026, 8, 31), False),   # swapped day off before 2/9 ...
    (date(2026, 8, 22), True),    # ... worked on Saturday 22/8
    (date(2026, 9, 1), False), (date(2026, 9, 2), False),
    (date(2026, 11, 24), False),  # Vietnam Cultural Day
    (date(2026, 11, 22), False),  # an ordinary Sunday
    (date(2025, 5, 2), False),    # 2025 swap: Friday off ...
    (date(2025, 4, 26), True),    # ... Saturday worked
])
def test_working_days_follow_the_law_and_the_government_swaps(day, working):
    assert CAL.is_working_day(day) is working


def test_days_are_counted_from_the_day_after_receipt():
    # Friday 20/11 + 3: Mon 23, (Tue 24 holiday), Wed 25, Thu 26 at closing time
    assert CAL.due_at(at(2026, 11, 20), 3, DAYS) == datetime(2026, 11, 26, 17, 0)
    assert CAL.due_at(at(2026, 11, 20), 1, DAYS) == datetime(2026, 11, 23, 17, 0)


def test_tet_is_skipped():
    # Thursday 12/2/2026 + 5: Fri 13, then Tết 16–20, Mon 23, Tue 24, Wed 25, Thu 26
    assert CAL.due_at(at(2026, 2, 12), 5, DAYS) == datetime(2026, 2, 26, 17, 0)


def test_reunification_and_labour_day():
    # Wed 29/4/2026 + 2: (30/4, 1/5 off, weekend) Mon 4/5, Tue 5/5
    assert CAL.due_at(at(2026, 4, 29), 2, DAYS) == datetime(2026, 5, 5, 17, 0)


def test_national_day_with_its_adjacent_and_swapped_days():
    # Fri 21/8/2026 + 1: Saturday 22/8 is a make-up working day
    assert CAL.due_at(at(2026, 8, 21), 1, DAYS) == datetime(2026, 8, 22, 17, 0)
    # Fri 28/8 + 1: Mon 31/8 (swap), Tue 1/9, Wed 2/9 off -> Thu 3/9
    assert CAL.due_at(at(2026, 8, 28), 1, DAYS) == datetime(2026, 9, 3, 17, 0)


def test_substitute_day_for_a_holiday_on_sunday():
    # Fri 24/4/2026 + 1: Mon 27/4 is the substitute for Hùng Kings on Sunday 26/4
    assert CAL.due_at(at(2026, 4, 24), 1, DAYS) == datetime(2026, 4, 28, 17, 0)


def test_received_on_sunday_counts_from_monday():
    # Sunday 15/11/2026: counts as received Monday 16 (not counted), + 2 -> Wed 18
    assert CAL.due_at(at(2026, 11, 15, 10), 2, DAYS) == datetime(2026, 11, 18, 17, 0)
    assert CAL.due_at(at(2026, 11, 15, 10), 0, DAYS) == datetime(2026, 11, 16, 17, 0)


def test_cutoff_moves_receipt_to_the_next_working_day():
    cutoff = time(15, 0)
    before, after = at(2026, 11, 20, 14, 59), at(2026, 11, 20, 15, 0)
    assert CAL.due_at(before, 0, WITHIN, cutoff) == datetime(2026, 11, 20, 17, 0)
    assert CAL.due_at(after, 0, WITHIN, cutoff) == datetime(2026, 11, 23, 17, 0)
    assert CAL.due_at(before, 2, DAYS, cutoff) == datetime(2026, 11, 25, 17, 0)
    # after the cutoff: treated as received Mon 23 -> Wed 25 (24 off), Thu 26
    assert CAL.due_at(after, 2, DAYS, cutoff) == datetime(2026, 11, 26, 17, 0)


def test_within_the_day_after_closing_is_due_the_next_working_day():
    assert CAL.due_at(at(2026, 11, 20, 17, 30), 0, WITHIN) == datetime(2026, 11, 23, 17, 0)


def test_office_overrides_win_over_the_law():
    cal = WorkingCalendar(days_off={date(2026, 11, 23): "Đại hội cơ quan"},
                          working_days={date(2026, 11, 28): "Làm bù"})
    assert not cal.is_working_day(date(2026, 11, 23))
    assert cal.is_working_day(date(2026, 11, 28))
    # Fri 20 + 3: (Mon 23 office day off, Tue 24 holiday) Wed 25, Thu 26, Fri 27
    assert cal.due_at(at(2026, 11, 20), 3, DAYS) == datetime(2026, 11, 27, 17, 0)
    # Fri 27 + 1: Saturday 28 is worked
    assert cal.due_at(at(2026, 11, 27), 1, DAYS) == datetime(2026, 11, 28, 17, 0)
    # an office may even work on a public holiday
    worked = WorkingCalendar(working_days={date(2026, 11, 24): "Trực"})
    assert worked.due_at(at(2026, 11, 23), 1, DAYS) == datetime(2026, 11, 24, 17, 0)


def test_working_hours_skip_lunch_nights_and_holidays():
    assert CAL.due_at(at(2026, 11, 20, 14), 4, HOURS) == datetime(2026, 11, 23, 8, 30)
    assert CAL.due_at(at(2026, 11, 19, 10), 4, HOURS) == datetime(2026, 11, 19, 16, 0)  # 1.5 h + 2.5 h
    assert CAL.due_at(at(2026, 11, 19, 12), 1, HOURS) == datetime(2026, 11, 19, 14, 30)  # lunch
    assert CAL.due_at(at(2026, 11, 19, 6), 4, HOURS) == datetime(2026, 11, 19, 11, 30)  # early
    # Mon 23 16:00 + 2 h: 1 h Monday, Tuesday is a holiday, 1 h Wednesday from 07:30
    assert CAL.due_at(at(2026, 11, 23, 16), 2, HOURS) == datetime(2026, 11, 25, 8, 30)
    assert CAL.due_at(at(2026, 11, 22, 10), 7.5, HOURS) == datetime(2026, 11, 23, 17, 0)  # Sunday: a full day
    assert CAL.due_at(at(2026, 11, 19, 9), 0.5, HOURS) == datetime(2026, 11, 19, 9, 30)


def test_agency_office_hours_are_used():
    cal = WorkingCalendar(office_hours=OfficeHours.parse("08:00-12:00,13:00-16:30"))
    assert cal.due_at(at(2026, 11, 19), 1, DAYS) == datetime(2026, 11, 20, 16, 30)
    assert cal.due_at(at(2026, 11, 19, 11), 2, HOURS) == datetime(2026, 11, 19, 14, 0)
    assert str(OfficeHours.parse(" 7:30-11:30 , 13:30-17:00")) == "07:30-11:30,13:30-17:00"


@pytest.mark.parametrize("text", ["", "7-11", "11:30-07:30", "07:30-11:30,11:00-17:00", "25:00-26:00"])
def test_bad_office_hours_are_refused_with_a_vietnamese_message(text):
    with pytest.raises(UserError, match="Giờ làm việc"):
        OfficeHours.parse(text)


def test_year_listing_names_holidays_in_vietnamese_and_includes_overrides():
    cal = WorkingCalendar(days_off={date(2026, 11, 23): "Đại hội cơ quan"})
    listing = {i.day: i for i in cal.year(2026)}
    assert listing[date(2026, 11, 24)].reason == "Ngày Văn hóa Việt Nam"
    assert "Tết Nguyên Đán" in listing[date(2026, 2, 17)].reason
    assert listing[date(2026, 8, 22)].working and listing[date(2026, 8, 22)].source == "swap"
    assert listing[date(2026, 11, 23)].source == "office" and not listing[date(2026, 11, 23)].working
    assert list(listing) == sorted(listing)


def test_aware_moments_are_converted_to_vietnam_time():
    utc = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert to_local_naive(utc) == datetime(2026, 11, 20, 9, 0)
    assert CAL.due_at(utc, 3, DAYS) == datetime(2026, 11, 26, 17, 0)


def test_a_calendar_without_working_days_fails_clearly():
    start = date(2026, 1, 1)
    off = {start + timedelta(days=i): "x" for i in range(4 * 366)}
    with pytest.raises(UserError, match="không có ngày làm việc"):
        WorkingCalendar(days_off=off).due_at(datetime(2026, 1, 1, 9), 1, DAYS)


moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31))


@examples(300)
@given(received=moments, n=st.integers(0, 40))
def test_day_based_due_is_a_working_day_at_closing_after_receipt(received, n):
    due = CAL.due_at(received, n, DAYS)
    assert due > received and due.time() == time(17, 0) and CAL.is_working_day(due.date())
    start = CAL.receipt_day(received)
    assert CAL.working_days_between(start, due.date()) == n
    assert CAL.due_at(received, n + 1, DAYS) > due


@examples(300)
@given(received=moments, minutes=st.integers(1, 60 * 40))
def test_hour_based_due_lies_inside_office_hours_on_a_working_day(received, minutes):
    due = CAL.due_at(received, minutes / 60, HOURS)
    assert due > received and CAL.is_working_day(due.date())
    assert any(s < due.time() <= e for s, e in OfficeHours().sessions)


@pytest.mark.parametrize("received,amount,unit,message", [
    (at(2026, 11, 20), 1001, DAYS, "tối đa 1.000 ngày làm việc"),
    (at(2026, 11, 20), 10**400, DAYS, "tối đa 1.000 ngày làm việc"),  # too big for a float
    (at(2026, 11, 20), float("inf"), HOURS, "tối đa 8.000 giờ làm việc"),
    (at(2026, 11, 20), float("nan"), HOURS, "tối đa 8.000 giờ làm việc"),
    (datetime(9999, 12, 31, 9), 1, DAYS, "ngoài khoảng năm 1900–2100"),
    (datetime(1, 1, 1, 9), 1, WITHIN, "ngoài khoảng năm 1900–2100"),
    (datetime(9999, 12, 31, 23, tzinfo=UTC), 1, DAYS, "ngoài khoảng ngày tính được"),
])
def test_a_due_date_that_cannot_mean_anything_is_refused_not_overflowed(received, amount, unit, message):
    with pytest.raises(UserError, match=message):
        CAL.due_at(received, amount, unit)


def test_the_longest_allowed_time_limit_still_has_a_due_date():
    due = CAL.due_at(at(2100, 12, 31), 1000, DAYS)
    assert due.year == 2104 and CAL.is_working_day(due.date())
    assert CAL.due_at(at(2026, 11, 20), 8000, HOURS) > at(2030, 1, 1)
