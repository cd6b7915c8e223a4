"""Office settings (app/services/settings/store.py): a value of any type for any key is taken or refused
with a UserError naming the setting, never a TypeError; a refused change writes nothing; an
accepted one is stored and read back as it was, on SQLite and PostgreSQL. The last three tests
were bugs this pass found in settings.py, fixed there."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.domain.permissions import Actor
from app.errors import UserError
from app.services.settings.store import SPECS, _validated, change_settings, load_settings
from db.models import AuditRecord, Setting
from tests.fuzz.strategies import any_text, assert_refusal, fuzz, json_value

KEYS = sorted(SPECS)
# Values of every JSON type, and for each key the near misses of its own type.
values = st.one_of(json_value, any_text, st.integers(-10, 2000), st.sampled_from(
    ["A4", "A5", "", "970436", "2025", "https://x.vn/{code}", "http://127.0.0.1:9", True, False, [], ["1.0"]]))


@fuzz(400)
@given(st.sampled_from([*KEYS, "khong.co", ""]), values)
def test_any_value_for_any_key(key, value):
    try:
        result = _validated(key, value)
    except UserError as exc:
        assert key not in SPECS or exc.field == key
        assert_refusal(exc.message, names=(SPECS[key].label,) if key in SPECS else ("mục cài đặt",))
        return
    assert key in SPECS and result == value and SPECS[key].check(value)


def snapshot(db):
    with db.reading() as s:
        return (sorted((r.key, repr(r.value)) for r in s.scalars(select(Setting))),
                s.scalar(select(func.count()).select_from(AuditRecord)))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@fuzz(15)
@given(changes=st.dictionaries(st.sampled_from(KEYS), values,
                               min_size=1, max_size=3))
def test_a_change_is_stored_whole_or_not_at_all(request, backend, changes):
    db = request.getfixturevalue("db" if backend == "sqlite" else "pg_db")
    before = snapshot(db)
    try:
        change_settings(db, Actor.system(), changes)
    except UserError as exc:
        assert exc.message
        assert snapshot(db) == before
        return
    stored = load_settings(db)
    assert {k: stored[k] for k in changes} == changes


@pytest.mark.parametrize("key, value", [("backup.daily", None), ("receipt.place", "Vĩnh\nLong"),
                                        ("backup.daily", "\u2028"),
                                        ("receipt.place", "Vĩnh\u2028Long"),
                                        ("receipt.place", "a\x1fb"), ("receipt.header_unit", "x" * 5000),
                                        ("khong.co\x00", 1)])
def test_a_refused_value_is_quoted_on_one_clean_line(key, value):
    with pytest.raises(UserError) as err:
        _validated(key, value)
    assert_refusal(err.value.message)
    assert len(err.value.message) < 400


def test_a_text_that_cannot_be_stored_is_refused(db):
    with pytest.raises(UserError):
        change_settings(db, Actor.system(), {"receipt.place": "Vĩnh Long\ud800"})


@pytest.mark.parametrize("key, value", [
    ("bank.bin", "٩٧٠٤٣٦"),  # other scripts' digits: VietQR refuses them when printing
    ("bank.account", "ăbc"),  # VietQR takes ASCII letters and digits only
    ("portal.url", "http://["),  # not an address
    ("portal.token", "mã truy cập"),  # an HTTP header carries neither "ã" nor a space
    ("forms.set", "١"),  # isalnum() takes other scripts' digits: no such template file
    ("receipt.lookup_url", "https://x.vn/{code}\n"),  # a line break inside the QR code's address
    ("backup.folder", "D:\\sao-luu\x00"),  # NUL in a path
])
def test_values_that_cannot_work_are_refused(key, value):
    with pytest.raises(UserError):
        _validated(key, value)


def test_a_number_too_long_to_print_is_refused_by_name():
    with pytest.raises(UserError) as err:
        _validated("receipt.copies", 10**5000)  # str() of it raises ValueError in Python 3.11
    assert_refusal(err.value.message)
    assert "quá lớn" in err.value.message
