"""From when a dossier's time counts when it was not received inside office hours on a working
day (app/services/intake/time_counts.py), against the office's real calendar in the database."""

from datetime import datetime, time

import pytest

from app.domain.calendar import WorkingCalendar
from app.domain.permissions import Actor
from app.services.intake.time_counts import Why, counting_start, counting_start_for, with_weekday
from app.services.settings.calendar import add_override

CAL = WorkingCalendar()  # 07:30–11:30, 13:30–17:00; the law's holidays


@pytest.mark.parametrize(("received", "starts", "why"), [
    (datetime(2026, 12, 5, 10, 0), datetime(2026, 12, 7, 7, 30), Why.DAY_OFF),  # Saturday
    (datetime(2026, 12, 6, 23, 59), datetime(2026, 12, 7, 7, 30), Why.DAY_OFF),  # Sunday night
    (datetime(2026, 12, 4, 17, 0), datetime(2026, 12, 7, 7, 30), Why.OUTSIDE_HOURS),  # Friday at closing
    (datetime(2026, 12, 7, 6, 45), datetime(2026, 12, 7, 7, 30), Why.OUTSIDE_HOURS),  # before opening
    (datetime(2026, 12, 7, 12, 10), datetime(2026, 12, 7, 13, 30), Why.OUTSIDE_HOURS),  # midday break
    (datetime(2026, 12, 31, 18, 0), datetime(2027, 1, 4, 7, 30), Why.OUTSIDE_HOURS),  # New Year's Day, weekend
])
def test_outside_hours_and_days_off_count_from_the_next_opening(received, starts, why):
    late = counting_start(CAL, received)
    assert (late.starts, late.why) == (starts, why)


@pytest.mark.parametrize("received", [datetime(2026, 12, 7, 7, 30), datetime(2026, 12, 7, 11, 29),
                                      datetime(2026, 12, 7, 13, 30), datetime(2026, 12, 7, 16, 59)])
def test_inside_office_hours_the_time_counts_from_the_receipt(received):
    assert counting_start(CAL, received) is None


def test_after_the_procedures_cutoff_it_counts_from_the_next_working_day():
    late = counting_start(CAL, datetime(2026, 12, 4, 15, 20), cutoff=time(15, 0))
    assert (late.starts, late.why, late.cutoff) == (datetime(2026, 12, 7, 7, 30), Why.AFTER_CUTOFF, time(15, 0))
    assert counting_start(CAL, datetime(2026, 12, 4, 14, 59), cutoff=time(15, 0)) is None


def test_the_offices_own_day_off_and_cutoff_are_read_from_the_database(db):
    add_override(db, Actor.system(), datetime(2026, 12, 7).date(), "day_off", "Bầu cử")
    late = counting_start_for(db, datetime(2026, 12, 5, 9, 0), "1.004194")
    assert (late.starts, late.why) == (datetime(2026, 12, 8, 7, 30), Why.DAY_OFF)
    # Marriage registration is received until 15:00 (its cutoff in the catalog).
    late = counting_start_for(db, datetime(2026, 12, 8, 15, 30), "1.000894")
    assert (late.starts, late.why, late.cutoff) == (datetime(2026, 12, 9, 7, 30), Why.AFTER_CUTOFF, time(15, 0))


def test_the_moment_names_its_weekday_in_vietnamese():
    assert with_weekday(datetime(2026, 12, 7, 7, 30)) == "07:30 thứ Hai 07/12/2026"
    assert with_weekday(datetime(2026, 12, 6, 13, 30)) == "13:30 Chủ nhật 06/12/2026"
