import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.bootstrap import DEMO_PASSWORD
from app.services.users import WRONG_CREDENTIALS, add_user, authenticate, change_password
from db.models import AuditRecord, User


def test_passwords_are_argon2_hashes_and_login_works(db):
    add_user(db, Actor.system(), "Tiepnhan2", Role.OFFICER, "mat-khau-dai", "Võ Thị Hạnh")
    with db.reading() as s:
        user = s.scalar(select(User).where(User.login == "tiepnhan2"))
    assert user.password_hash.startswith("$argon2id$") and "mat-khau-dai" not in user.password_hash
    actor = authenticate(db, "tiepnhan2", "mat-khau-dai", counter_id=2)
    assert (actor.role, actor.counter_id, actor.full_name) == (Role.OFFICER, 2, "Võ Thị Hạnh")


def test_wrong_login_and_wrong_password_say_the_same(db):
    with pytest.raises(UserError) as a:
        authenticate(db, "canbo", "sai-mat-khau")
    with pytest.raises(UserError) as b:
        authenticate(db, "khongco", DEMO_PASSWORD)
    assert str(a.value) == str(b.value) == WRONG_CREDENTIALS


def test_policy_duplicates_and_roles(db):
    with pytest.raises(UserError, match="ít nhất 8"):
        add_user(db, Actor.system(), "ngan", Role.OFFICER, "1234")
    with pytest.raises(UserError, match="đã có"):
        add_user(db, Actor.system(), "canbo", Role.OFFICER, "mat-khau-dai")
    with pytest.raises(UserError, match="Tên đăng nhập"):
        add_user(db, Actor.system(), "Lê Văn", Role.OFFICER, "mat-khau-dai")
    officer = authenticate(db, "canbo", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        add_user(db, officer, "moi", Role.OFFICER, "mat-khau-dai")
    with pytest.raises(PermissionDenied):
        change_password(db, officer, "quantri", "mat-khau-moi")


def test_change_password_own_and_by_admin(db):
    officer = authenticate(db, "canbo", DEMO_PASSWORD)
    change_password(db, officer, "canbo", "mat-khau-moi-1")
    authenticate(db, "canbo", "mat-khau-moi-1")
    change_password(db, Actor.system(), "canbo", "dat-lai-boi-qt")
    with db.reading() as s:
        user = s.scalar(select(User).where(User.login == "canbo"))
        assert user.must_change_password  # an admin reset must be changed at next log-in
        actions = list(s.scalars(select(AuditRecord.action).where(AuditRecord.entity_id == "canbo")))
    assert actions.count("user.passwd") == 2 and "user.login" in actions
