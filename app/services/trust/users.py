"""User accounts: argon2 password hashes, the password policy, roles, log-in with a lockout after
repeated wrong passwords, and the forced change of initial, demo and reset passwords."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.text import first_bad_char
from app.domain.vocab import USER_ROLES, Role
from app.errors import NotFound, PasswordChangeRequired, UserError
from app.services.journal import audit
from app.services.storable import check_storable
from db.engine import Database
from db.models import LoginAttempt, User

_hasher = PasswordHasher()
_LOGIN_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_LENGTH = 8
LONG_PASSWORD = 12  # from this length, letters alone are enough (a phrase)
MAX_FAILURES = 5  # wrong passwords in a row before the account locks
LOCK_MINUTES = 5
WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."
# Passwords anyone would try first, and the demo one printed in the README.
_COMMON = {"12345678", "123456789", "1234567890", "87654321", "11111111", "00000000", "password",
           "password1", "matkhau", "matkhau1", "matkhau123", "abc12345", "qwerty123", "admin123",
           "motcua123", "motcua2026", "iloveyou"}


def check_password_policy(password: str, login: str = "") -> None:
    """At least 8 characters, letters and digits (or 12 characters or more), no spaces around,
    not the login and not a password on everyone's first-try list."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.", field="password")
    if first_bad_char(password) is not None:
        raise UserError("Mật khẩu có ký tự không gõ được (ký tự điều khiển hoặc không phải UTF-8).", field="password")
    if password.strip() != password or not password.strip():
        raise UserError("Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.", field="password")
    folded = password.lower()
    if folded in _COMMON or len(set(folded)) < 3:
        raise UserError("Mật khẩu này quá dễ đoán: hãy chọn mật khẩu khác.", field="password")
    if login and login.strip().lower() in folded:
        raise UserError("Mật khẩu không được chứa tên đăng nhập.", field="password")
    has_letter = any(c.isalpha() for c in password)
    has_digit = any(c.isdigit() for c in password)
    if len(password) < LONG_PASSWORD and not (has_letter and has_digit):
        raise UserError(f"Mật khẩu dưới {LONG_PASSWORD} ký tự phải có cả chữ và số.", field="password")


def parse_role(text: str) -> Role:
    """A role a user account may have: the rating screen's role is no person's (USER_ROLES)."""
    names = ", ".join(r.value for r in USER_ROLES)
    try:
        role = Role(text)
    except ValueError:
        raise UserError(f"Vai trò «{text}» không tồn tại (chọn: {names}).", field="role") from None
    if role not in USER_ROLES:
        raise UserError(f"Vai trò «{text}» không dùng được cho tài khoản (chọn: {names}).", field="role")
    return role


def create_user(
    session: Session, actor: Actor, login: str, role: Role, password: str, *,
    full_name: str | None = None, agency_id: int | None = None, must_change_password: bool = False,
    enforce_policy: bool = True,
) -> User:
    actor.require(Permission.MANAGE_USERS)
    if role not in USER_ROLES:  # an account rating as the citizen would defeat the rule
        raise UserError(f"Không tạo được tài khoản với vai trò «{role.label}».", field="role")
    login = login.strip().lower()
    if not _LOGIN_RE.match(login):
        raise UserError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới (2–64 ký tự).",
            field="login",
        )
    check_storable(User, {"full_name": full_name}, {"full_name": "Họ tên"})
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise UserError(f"Tên đăng nhập «{login}» đã có.", field="login")
    if enforce_policy:
        check_password_policy(password, login)
    now = now_local()
    user = User(
        login=login, full_name=full_name or login, role=role.value,
        password_hash=_hasher.hash(password), active=True,
        must_change_password=must_change_password, agency_id=agency_id,
        created_at=now, password_changed_at=now,
    )
    session.add(user)
    session.flush()
    audit(session, actor, "user.create", "user", login, {"role": role.value})
    return user


def add_user(db: Database, actor: Actor, login: str, role: Role, password: str, full_name: str | None = None) -> None:
    """A new account; the password the administrator chose must be changed at the first log-in."""
    with db.writing() as s:
        create_user(s, actor, login, role, password, full_name=full_name, must_change_password=True)


def change_password(db: Database, actor: Actor, login: str, new_password: str) -> None:
    """Admins may set anyone's password (which must then be changed at the next log-in, and
    which lifts a lockout); a user may change their own."""
    if actor.login != login:
        actor.require(Permission.MANAGE_USERS)
    check_password_policy(new_password, login)
    with db.writing() as s:
        user = _find_user(s, login)
        if user is None:
            raise NotFound(f"Không có người dùng «{login}».")
        _set_password(user, new_password, must_change=actor.login != login)
        audit(s, actor, "user.passwd", "user", user.login)


def _find_user(s: Session, login: str) -> User | None:
    """The account of a login as typed. What cannot be a login (a NUL, a lone surrogate from a
    command line that is not UTF-8, 5,000 characters) is no account, and never reaches the
    database, which would refuse to even compare it."""
    name = login.strip().lower()
    return s.scalar(select(User).where(User.login == name)) if _LOGIN_RE.match(name) else None


def _set_password(user: User, password: str, *, must_change: bool) -> None:
    user.password_hash = _hasher.hash(password)
    user.password_changed_at = now_local()
    user.must_change_password = must_change
    user.failed_logins, user.locked_until = 0, None


def _typed(password: str) -> bytes:
    """A password as typed, as bytes: the same bytes as UTF-8 for any real password, and no
    UnicodeEncodeError for a lone surrogate (a command line that is not UTF-8): just a wrong one."""
    return password.encode("utf-8", "surrogatepass")


def _verify(user: User | None, password: str) -> bool:
    if user is None:
        _hasher.hash(_typed(password))  # same cost either way: no timing hint about the login
        return False
    try:
        return _hasher.verify(user.password_hash, _typed(password))
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(until) -> str:
    return (f"Tài khoản tạm khóa vì nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp. "
            f"Thử lại sau {until:%H:%M}, hoặc nhờ quản trị đặt lại mật khẩu.")


def _tally(s: Session, user: User | None, login: str, now: datetime) -> User | LoginAttempt:
    """What counts the wrong passwords: the account, or for a name with no account its
    LoginAttempt row (made on its first wrong password). Rows of names not tried for a day go."""
    if user is not None:
        return user
    s.execute(delete(LoginAttempt).where(LoginAttempt.last_at < now - timedelta(days=1)))
    key = hashlib.sha256(login.encode("utf-8", "surrogatepass")).hexdigest()
    # Two PCs trying the same name at once: the upsert and the row lock keep one exact count.
    insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    s.execute(insert(LoginAttempt).values(key=key, failed_logins=0, last_at=now).on_conflict_do_nothing())
    row = s.get(LoginAttempt, key, with_for_update=True, populate_existing=True)
    row.last_at = now
    return row


def check_credentials(s: Session, login: str, password: str,
                       counter_id: int | None) -> tuple[Actor | None, UserError | None]:
    """The user for a right password. Wrong ones are counted and the name locks after
    MAX_FAILURES; a locked name refuses even the right password until the lock ends. A name with
    no account is counted and locked the same way, with the same messages, so neither the
    message nor the lock tells which accounts exist. The refusal is returned, not raised, so
    the caller commits the count before raising it."""
    now = now_local()
    name = login.strip().lower()
    user = _find_user(s, name)
    user = user if user is not None and user.active else None
    tally = _tally(s, user, name, now)
    if tally.locked_until is not None and tally.locked_until > now:
        _hasher.hash(_typed(password))  # the same cost as a check: no timing hint either
        return None, UserError(_locked_message(tally.locked_until))
    if not _verify(user, password):
        tally.failed_logins = (tally.failed_logins or 0) + 1
        if tally.failed_logins < MAX_FAILURES:
            return None, UserError(WRONG_CREDENTIALS)
        tally.locked_until, tally.failed_logins = now + timedelta(minutes=LOCK_MINUTES), 0
        if user is not None:
            audit(s, Actor(login=user.login, role=Role(user.role), user_id=user.id, counter_id=counter_id),
                  "user.locked", "user", user.login, {"until": tally.locked_until.isoformat()})
        else:  # someone guessing names: the administrator sees it, but not what was typed
            audit(s, Actor(login="system:login", role=Role.GUIDE, counter_id=counter_id), "login.locked", "login", None,
                  {"until": tally.locked_until.isoformat()})
        return None, UserError(_locked_message(tally.locked_until))
    user.failed_logins, user.locked_until = 0, None
    return Actor(login=user.login, role=Role(user.role), user_id=user.id, counter_id=counter_id,
                 full_name=user.full_name), None


def authenticate(db: Database, login: str, password: str, counter_id: int | None = None) -> Actor:
    """The Actor for a correct login and password. A wrong login and a wrong password give the
    same message, so the screen never tells which accounts exist. An initial, demo or reset
    password opens nothing: PasswordChangeRequired, then change_initial_password."""
    with db.writing() as s:
        actor, refusal = check_credentials(s, login, password, counter_id)
        if actor is not None:
            user = s.get(User, actor.user_id)
            if user.must_change_password:
                refusal = PasswordChangeRequired(user.login)
            else:
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                audit(s, actor, "user.login", "user", user.login)
    if refusal is not None:
        raise refusal  # after the commit: the count of wrong passwords is kept
    return actor


def change_initial_password(db: Database, login: str, old_password: str, new_password: str,
                            counter_id: int | None = None) -> Actor:
    """Replace an initial, demo or reset password at log-in; returns the logged-in Actor."""
    if new_password == old_password:
        raise UserError("Mật khẩu mới phải khác mật khẩu cũ.", field="password")
    check_password_policy(new_password, login)
    with db.writing() as s:
        actor, refusal = check_credentials(s, login, old_password, counter_id)
        if actor is not None:
            user = s.get(User, actor.user_id)
            _set_password(user, new_password, must_change=False)
            audit(s, actor, "user.passwd", "user", user.login, {"initial": True})
            audit(s, actor, "user.login", "user", user.login)
    if refusal is not None:
        raise refusal
    return actor
