from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PasswordChangeRequired, PermissionDenied, UserError
from app.services.bootstrap import DEMO_PASSWORD, seed_demo_office
from app.services.trust.users import (
    LOCK_MINUTES,
    MAX_FAILURES,
    WRONG_CREDENTIALS,
    add_user,
    authenticate,
    change_initial_password,
    change_password,
    check_password_policy,
)
from db.models import AuditRecord, LoginAttempt, User


def test_passwords_are_argon2_hashes_and_login_works(db):
    add_user(db, Actor.system(), "Tiepnhan2", Role.OFFICER, "mat-khau-dai", "Võ Thị Hạnh")
    with db.reading() as s:
        user = s.scalar(select(User).where(User.login == "tiepnhan2"))
    assert user.password_hash.startswith("$argon2id$") and "mat-khau-dai" not in user.password_hash
    with pytest.raises(PasswordChangeRequired):  # the administrator chose it: the officer chooses their own
        authenticate(db, "tiepnhan2", "mat-khau-dai", counter_id=2)
    actor = change_initial_password(db, "tiepnhan2", "mat-khau-dai", "cua-rieng-toi-1", counter_id=2)
    assert (actor.role, actor.counter_id, actor.full_name) == (Role.OFFICER, 2, "Võ Thị Hạnh")
    assert authenticate(db, "tiepnhan2", "cua-rieng-toi-1", counter_id=2).user_id == actor.user_id


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
    with pytest.raises(PasswordChangeRequired):
        authenticate(db, "canbo", "dat-lai-boi-qt")
    change_initial_password(db, "canbo", "dat-lai-boi-qt", "cua-toi-lan-2")
    with db.reading() as s:
        actions = list(s.scalars(select(AuditRecord.action).where(AuditRecord.entity_id == "canbo")))
    assert actions.count("user.passwd") == 3 and "user.login" in actions  # own, reset, the new own one


@pytest.mark.parametrize("password, problem", [
    ("abc1", "ít nhất 8"),
    (" matkhau99 ", "khoảng trắng"),
    ("12345678", "dễ đoán"),
    ("motcua2026", "dễ đoán"),
    ("aaaaaaaa1", "dễ đoán"),
    ("canbo-2026x", "tên đăng nhập"),
    ("chuthoima", "cả chữ và số"),
    ("99887766554", "cả chữ và số"),
])
def test_password_policy_names_the_problem(password, problem):
    with pytest.raises(UserError, match=problem) as err:
        check_password_policy(password, "canbo")
    assert err.value.field == "password"


@pytest.mark.parametrize("password", ["quay1-mot-cua", "Hanh1985", "mot cau rat dai khong so"])
def test_password_policy_accepts_reasonable_passwords(password):
    check_password_policy(password, "canbo")


def test_lockout_after_repeated_wrong_passwords_then_it_ends(db, monkeypatch):
    import app.services.trust.users as users

    now = [datetime(2026, 11, 23, 9, 0)]
    monkeypatch.setattr(users, "now_local", lambda: now[0])
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(UserError, match=WRONG_CREDENTIALS):
            authenticate(db, "canbo", "sai-mat-khau-1")
    authenticate(db, "canbo", DEMO_PASSWORD)  # a right one before the limit resets the count
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(UserError, match=WRONG_CREDENTIALS):
            authenticate(db, "canbo", "sai-mat-khau-1")
    with pytest.raises(UserError, match=f"sai mật khẩu {MAX_FAILURES} lần") as locked:
        authenticate(db, "canbo", "sai-mat-khau-1")
    assert "09:05" in str(locked.value)
    with pytest.raises(UserError, match="tạm khóa"):  # even the right password, while locked
        authenticate(db, "canbo", DEMO_PASSWORD)
    now[0] += timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert authenticate(db, "canbo", DEMO_PASSWORD).login == "canbo"
    with db.reading() as s:
        actions = list(s.scalars(select(AuditRecord.action).where(AuditRecord.entity_id == "canbo")
                                 .order_by(AuditRecord.id)))
    assert actions.count("user.locked") == 1 and actions[-1] == "user.login"



def _answers(db, login: str, password: str, times: int) -> list[str]:
    said = []
    for _ in range(times):
        with pytest.raises(UserError) as refusal:
            authenticate(db, login, password)
        said.append(str(refusal.value))
    return said


def test_a_name_with_no_account_is_locked_like_one_that_has_one(any_db, monkeypatch):
    """Five wrong tries must not tell an account that exists from one that does not."""
    import app.services.trust.users as users

    monkeypatch.setattr(users, "now_local", lambda: datetime(2026, 11, 23, 9, 0))
    real = _answers(any_db, "canbo", "sai-mat-khau-1", MAX_FAILURES + 1)
    made_up = _answers(any_db, "Khong.Co.Ai ", "sai-mat-khau-1", MAX_FAILURES + 1)
    assert real == made_up  # word for word, the lock included
    assert real[MAX_FAILURES - 1].startswith("Tài khoản tạm khóa") and real[0] == WRONG_CREDENTIALS
    with any_db.reading() as s:
        rows = s.scalars(select(LoginAttempt)).all()
        assert [(r.failed_logins, r.locked_until) for r in rows] == [(0, datetime(2026, 11, 23, 9, 5))]
        assert "khong" not in rows[0].key  # a hash: what was typed is not kept
        audit = s.scalars(select(AuditRecord).where(AuditRecord.action == "login.locked")).one()
        assert audit.actor == "system:login" and audit.entity_id is None and "khong" not in str(audit.details)


def test_tries_at_names_with_no_account_are_forgotten_after_a_day(db, monkeypatch):
    import app.services.trust.users as users

    now = [datetime(2026, 11, 23, 9, 0)]
    monkeypatch.setattr(users, "now_local", lambda: now[0])
    _answers(db, "ai-do", "sai-mat-khau-1", 2)
    now[0] += timedelta(days=1, minutes=1)
    _answers(db, "nguoi-khac", "sai-mat-khau-1", 1)
    with db.reading() as s:
        assert [r.failed_logins for r in s.scalars(select(LoginAttempt))] == [1]  # only the new name

def test_an_admin_reset_lifts_a_lockout(db):
    for _ in range(MAX_FAILURES):
        with pytest.raises(UserError):
            authenticate(db, "lanhdao", "sai-mat-khau-1")
    change_password(db, Actor.system(), "lanhdao", "dat-lai-2026x")
    actor = change_initial_password(db, "lanhdao", "dat-lai-2026x", "lanh-dao-moi-7")
    assert actor.role is Role.SUPERVISOR


def test_demo_accounts_must_choose_their_own_password(sqlite_url):
    from db.engine import Database
    from db.migrate import upgrade

    db = Database(sqlite_url)
    upgrade(db)
    seed_demo_office(db)  # as `make run` does
    for login in ("canbo", "huongdan", "lanhdao", "quantri"):
        with pytest.raises(PasswordChangeRequired) as err:
            authenticate(db, login, DEMO_PASSWORD)
        assert err.value.login == login
    with pytest.raises(UserError, match="khác mật khẩu cũ"):
        change_initial_password(db, "canbo", DEMO_PASSWORD, DEMO_PASSWORD)
    with pytest.raises(UserError, match=WRONG_CREDENTIALS):  # the old password must be right
        change_initial_password(db, "canbo", "khong-dung-1", "mat-khau-moi-9")
    with pytest.raises(UserError, match="dễ đoán"):
        change_initial_password(db, "canbo", DEMO_PASSWORD, "12345678")
    assert change_initial_password(db, "canbo", DEMO_PASSWORD, "mat-khau-moi-9").login == "canbo"
    assert authenticate(db, "canbo", "mat-khau-moi-9").login == "canbo"
    db.dispose()


@pytest.mark.parametrize("login,password", [
    ("\udcffcanbo", "sai\udcff"),  # bytes that are not UTF-8, from a command line
    ("can\x00bo", "motcua2026"), ("canbo", "\x00"), ("x" * 5000, "y" * 5000),
])
def test_a_login_or_password_no_database_could_hold_is_just_wrong(any_db, login, password):
    with pytest.raises(UserError) as refusal:
        authenticate(any_db, login, password)
    assert str(refusal.value) == WRONG_CREDENTIALS
    if login != "canbo":
        with pytest.raises(UserError, match="Không có người dùng"):
            change_password(any_db, Actor.system(), login, "mat-khau-moi-2026")
