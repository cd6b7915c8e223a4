"""The criteria are data (a setting, the national evaluation's by default); the rating settings
are checked like every other; no user account can be given the rating screen's role."""

from __future__ import annotations

import json

import pytest

from app.domain.permissions import Actor, Permission
from app.domain.vocab import USER_ROLES, Role
from app.errors import UserError
from app.paths import RESOURCES
from app.services.ratings.criteria import Criterion, criteria, criteria_labels
from app.services.settings.store import SPECS, change_settings, load_settings
from app.services.trust.users import add_user, parse_role

ADMIN = Actor.system()


def test_the_defaults_are_off_thirty_seconds_and_the_national_criteria(db):
    shipped = json.loads((RESOURCES / "ratings" / "criteria_vi.json").read_text(encoding="utf-8"))["criteria"]
    settings = load_settings(db)
    assert (settings["rating.enabled"], settings["rating.timeout_s"]) == (False, 30)
    assert criteria(db) == [Criterion(c["key"], c["label"]) for c in shipped]
    assert len(shipped) == 11 and criteria_labels(db)["staff_attitude"] == "Thái độ của cán bộ"
    assert all(SPECS[k].label for k in ("rating.enabled", "rating.timeout_s", "rating.criteria"))


def test_an_office_sets_its_own_criteria(db):
    mine = [{"key": "waiting", "label": "Thời gian chờ đến lượt"}, {"key": "staff_attitude", "label": "Thái độ"}]
    change_settings(db, ADMIN, {"rating.criteria": mine, "rating.timeout_s": 120})
    assert criteria_labels(db) == {"waiting": "Thời gian chờ đến lượt", "staff_attitude": "Thái độ"}
    assert load_settings(db)["rating.timeout_s"] == 120


@pytest.mark.parametrize("key, value", [
    ("rating.criteria", []),
    ("rating.criteria", [{"key": f"c{i}", "label": f"Tiêu chí {i}"} for i in range(21)]),
    ("rating.criteria", [{"key": "a", "label": "Một"}, {"key": "a", "label": "Hai"}]),
    ("rating.criteria", [{"key": "a", "label": "Hai\ndòng"}]),
    ("rating.criteria", [{"key": "a", "label": "   "}]),
    ("rating.criteria", [{"key": "Thái độ", "label": "Thái độ"}]),
    ("rating.criteria", [{"key": "a\n", "label": "Một"}]),
    ("rating.criteria", [{"key": "a", "label": "Một", "note": "thêm"}]),
    ("rating.criteria", ["staff_attitude"]),
    ("rating.timeout_s", 9),
    ("rating.timeout_s", 121),
    ("rating.enabled", "có"),
])
def test_bad_rating_settings_are_refused_in_one_line(db, key, value):
    with pytest.raises(UserError) as err:
        change_settings(db, ADMIN, {key: value})
    assert SPECS[key].label in str(err.value) and "\n" not in str(err.value)
    assert load_settings(db)[key] == SPECS[key].default


def test_no_account_can_have_the_rating_screens_role(db):
    with pytest.raises(UserError, match="không dùng được cho tài khoản"):
        parse_role("rating_screen")
    assert [parse_role(r.value) for r in USER_ROLES] == list(USER_ROLES)
    with pytest.raises(UserError, match="Màn hình đánh giá"):
        add_user(db, ADMIN, "manhinh1", Role.RATING_SCREEN, "mat-khau-dai-9")
    assert Role.RATING_SCREEN not in USER_ROLES


def test_only_the_rating_screen_may_record_a_rating():
    assert [r for r in Role if Actor("x", r).can(Permission.RECORD_RATING)] == [Role.RATING_SCREEN]
    assert not Actor.system().can(Permission.RECORD_RATING)
    assert Actor("x", Role.RATING_SCREEN).can(Permission.RECORD_RATING)
    assert [p for p in Permission if Actor("x", Role.RATING_SCREEN).can(p)] == [Permission.RECORD_RATING]


def test_the_command_line_refuses_the_rating_screens_role_in_one_line(db, sqlite_url, tmp_path, capsys, monkeypatch):
    import io
    import sys

    from sqlalchemy import select

    from app.cli.main import main
    from db.models import User

    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-dai-9\n"))
    rc = main(["user", "add", "manhinh1", "--role", "rating_screen", "--password-stdin", "--db", sqlite_url,
               "--data-dir", str(tmp_path / "data")])
    out, err = capsys.readouterr()
    assert (rc, out, err.count("\n")) == (1, "", 1) and "không dùng được cho tài khoản" in err
    with db.reading() as s:
        assert s.scalar(select(User.id).where(User.login == "manhinh1")) is None
