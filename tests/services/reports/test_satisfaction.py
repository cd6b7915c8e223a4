"""The satisfaction and notices figures (app/services/reports/satisfaction.py) over two months of
hand-counted ratings and notices (tests/helpers/satisfaction.py), on a real SQLite file and on
the real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.permissions import Actor
from app.domain.report import ReportFilter
from app.domain.satisfaction_report import RatingCounts
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.reports.satisfaction import build_satisfaction
from tests.helpers.satisfaction import MARRIAGE, PERIOD, RUDE, SINGLE, SLOW, build_ratings


def counts(c: RatingCounts) -> tuple:
    """asked, rated, no rating, waiting, (scores 5..1), satisfied, share satisfied."""
    return (c.asked, c.rated, c.no_rating, c.waiting, tuple(c.score(s) for s in (5, 4, 3, 2, 1)), c.satisfied,
            c.satisfied_share)


def check(f) -> None:
    assert counts(f.total) == (8, 6, 1, 1, (2, 1, 1, 1, 1), 3, 0.5)
    assert f.total.average == pytest.approx(20 / 6)
    assert f.total.reasons == {RUDE: 2, SLOW: 2}
    assert [(r.key, r.label, counts(r.counts)) for r in f.by_officer] == [
        ("canbo", "Nguyễn Thị Mai", (4, 3, 1, 0, (1, 1, 0, 1, 0), 2, 2 / 3)),
        ("canbo2", "Đỗ Văn Khoa", (3, 2, 0, 1, (1, 0, 1, 0, 0), 1, 0.5)),
        ("", "Không rõ cán bộ", (1, 1, 0, 0, (0, 0, 0, 0, 1), 0, 0.0)),
    ]
    assert [(r.key, counts(r.counts)) for r in f.by_counter] == [
        ("1", (4, 3, 1, 0, (1, 1, 0, 1, 0), 2, 2 / 3)),
        ("2", (4, 3, 0, 1, (1, 0, 1, 0, 1), 1, 1 / 3)),
    ]
    assert [(r.key, counts(r.counts)) for r in f.by_procedure] == [
        ("", (5, 4, 0, 1, (0, 1, 1, 1, 1), 1, 0.25)),  # queue services that made no dossier
        (MARRIAGE, (2, 2, 0, 0, (2, 0, 0, 0, 0), 2, 1.0)),
        (SINGLE, (1, 0, 1, 0, (0, 0, 0, 0, 0), 0, None)),  # nothing rated: no share, never 0 %
    ]
    assert [(r.key, r.label, counts(r.counts)) for r in f.by_month] == [
        ("2026-10", "10/2026", (3, 3, 0, 0, (1, 1, 0, 1, 0), 2, 2 / 3)),
        ("2026-11", "11/2026", (5, 3, 1, 1, (1, 0, 1, 0, 1), 1, 1 / 3)),
    ]
    # Each reason over the three ratings below "satisfied"; equal counts in the labels' order.
    assert [(r.key, r.label, r.count, r.share) for r in f.reasons] == [
        (SLOW, "Giải quyết đúng hẹn", 2, 2 / 3), (RUDE, "Thái độ của cán bộ", 2, 2 / 3)]
    notices = {r.key: (r.counts.written, r.counts.sent, r.counts.delivered, r.counts.failed, r.counts.cancelled,
                       r.counts.pending) for r in f.notices}
    assert notices == {"email": (4, 2, 0, 1, 0, 1), "sms": (4, 0, 2, 1, 1, 0), "zalo": (0, 0, 0, 0, 0, 0)}
    t = f.notices_total
    assert (t.written, t.sent, t.delivered, t.failed, t.cancelled, t.pending) == (8, 2, 2, 2, 1, 1)
    assert t.delivered_share == pytest.approx(2 / 6)


def test_the_figures_are_counted_as_the_rules_say(db):
    build_ratings(db)
    f = build_satisfaction(db, Actor.system(), PERIOD)
    check(f)
    d = f.as_dict()  # what `motcua report --format json` prints
    assert (d["total"]["satisfied"], d["total"]["satisfied_share"], d["total"]["scores"]["5"]) == (3, 0.5, 2)


@pytest.mark.postgres
def test_the_same_figures_on_postgresql(pg_db):
    build_ratings(pg_db)
    check(build_satisfaction(pg_db, Actor.system(), PERIOD))


def test_the_filters_narrow_them(db):
    build_ratings(db)
    single = build_satisfaction(db, Actor.system(), ReportFilter(PERIOD.start, PERIOD.end, procedure_code=SINGLE))
    assert counts(single.total) == (1, 0, 1, 0, (0, 0, 0, 0, 0), 0, None)
    assert {r.key: (r.counts.written, r.counts.failed) for r in single.notices} == {
        "email": (2, 1), "sms": (2, 1), "zalo": (0, 0)}
    counter2 = build_satisfaction(db, Actor.system(), ReportFilter(PERIOD.start, PERIOD.end, counter_id=2))
    assert counts(counter2.total) == (4, 3, 0, 1, (1, 0, 1, 0, 1), 1, 1 / 3)
    assert counter2.notices_total.written == 0  # both dossiers were received at counter 1
    officer = build_satisfaction(db, Actor.system(), PERIOD, officer_login="canbo2")
    assert counts(officer.total) == (3, 2, 0, 1, (1, 0, 1, 0, 0), 1, 0.5)
    assert [r.key for r in officer.by_officer] == ["canbo2"]


def test_an_empty_period_has_no_share(db):
    build_ratings(db)
    f = build_satisfaction(db, Actor.system(), ReportFilter(date(2026, 1, 1), date(2026, 1, 31)))
    assert (f.total.asked, f.total.satisfied_share, f.total.average) == (0, None, None)
    assert (f.by_officer, f.by_counter, f.by_procedure, f.reasons) == ([], [], [], [])
    assert [r.key for r in f.by_month] == ["2026-01"]


def test_bad_filters_are_refused_in_words(db):
    with pytest.raises(UserError, match="Không có cán bộ với tên đăng nhập «ai_do»"):
        build_satisfaction(db, Actor.system(), PERIOD, officer_login="ai_do")
    with pytest.raises(UserError, match="Không có thủ tục mã «9.999»"):
        build_satisfaction(db, Actor.system(), ReportFilter(PERIOD.start, PERIOD.end, procedure_code="9.999"))
    with pytest.raises(UserError, match="Ngày cuối"):
        build_satisfaction(db, Actor.system(), ReportFilter(date(2026, 2, 1), date(2026, 1, 1)))


def test_only_who_may_see_reports(db):
    guide = Actor(login="huongdan", role=Role.GUIDE, user_id=2)
    with pytest.raises(PermissionDenied):
        build_satisfaction(db, guide, PERIOD)
