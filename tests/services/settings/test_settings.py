"""Office settings: defaults, checked values, permission and audit."""

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.settings.store import SPECS, change_setting, load_settings
from db.models import AuditRecord

ADMIN = Actor("quantri", Role.ADMIN)


def test_defaults_then_a_change_is_stored_and_audited(db):
    assert load_settings(db) == {k: s.default for k, s in SPECS.items()}
    change_setting(db, ADMIN, "idle_lock_minutes", 3)
    change_setting(db, ADMIN, "receipt.paper", "A5")
    s = load_settings(db)
    assert s["idle_lock_minutes"] == 3 and s["receipt.paper"] == "A5"
    with db.reading() as session:
        rec = session.scalars(select(AuditRecord).where(AuditRecord.action == "settings.change")
                              .order_by(AuditRecord.id)).first()
    assert rec.entity_id == "idle_lock_minutes" and rec.details == {"from": 10, "to": 3}


@pytest.mark.parametrize("key,value,message", [
    ("idle_lock_minutes", 0, "từ 1 đến 240"),
    ("idle_lock_minutes", "5", "từ 1 đến 240"),
    ("receipt.paper", "Letter", "A4 hoặc A5"),
    ("receipt.copies", 9, "1, 2 hoặc 3"),
    ("receipt.lookup_url", "https://cong.example/tra-cuu", "{code}"),
    ("khong.co", 1, "Không có mục cài đặt"),
])
def test_bad_values_are_refused_and_nothing_changes(db, key, value, message):
    with pytest.raises(UserError, match=message.replace("{", r"\{").replace("}", r"\}")):
        change_setting(db, ADMIN, key, value)
    assert load_settings(db) == {k: s.default for k, s in SPECS.items()}


def test_an_officer_cannot_change_settings(db):
    with pytest.raises(PermissionDenied):
        change_setting(db, Actor("canbo", Role.OFFICER), "idle_lock_minutes", 5)


def test_several_settings_are_all_checked_before_any_is_written(db):
    from app.services.settings.store import change_settings

    with pytest.raises(UserError, match="A4 hoặc A5"):
        change_settings(db, ADMIN, {"idle_lock_minutes": 5, "receipt.paper": "B5"})
    assert load_settings(db)["idle_lock_minutes"] == 10


def test_one_setting_reads_as_the_whole_list_gives_it(db):
    """setting_in (the registering transaction's way) agrees with settings_in for a default, a
    stored value and a stored value that no longer passes its check."""
    from sqlalchemy import update

    from app.domain.permissions import Actor
    from app.services.settings.store import change_settings, setting_in, settings_in
    from db.models import Setting

    with db.reading() as s:
        assert setting_in(s, "codes.shape") == settings_in(s)["codes.shape"] == "2018"
    change_settings(db, Actor.system(), {"codes.shape": "04/2025", "codes.system_id": "18"})
    with db.writing() as s:
        assert setting_in(s, "codes.shape") == "04/2025" and setting_in(s, "codes.system_id") == "18"
        s.execute(update(Setting).where(Setting.key == "codes.shape").values(value="1999"))  # edited by hand
        assert setting_in(s, "codes.shape") == settings_in(s)["codes.shape"] == "2018"
