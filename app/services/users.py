"""User accounts: argon2 password hashes, the password policy, roles, log-in with a lockout after
repeated wrong passwords, and the forced change of initial, demo and reset passwords."""

from __future__ import annotations

import re
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.text import first_bad_char
from app.domain.vocab import Role
from app.errors import NotFound, PasswordChangeRequired, UserError
from app.services.journal import audit
from db.engine import Database
from db.models import User

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
    try:
        return Role(text)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise UserError(f"Vai trò «{text}» không tồn tại (chọn: {names}).", field="role") from None


def create_user(
    session: Session, actor: Actor, login: str, role: Role, password: str, *,
    full_name: str | None = None, agency_id: int | None = None, must_change_password: bool = False,
    enforce_policy: bool = True,
) -> User:
    actor.require(Permission.MANAGE_USERS)
    login = login.strip().lower()
    if not _LOGIN_RE.match(login):
        raise UserError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới (2–64 ký tự).",
            field="login",
        )
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
        user = s.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None:
            raise NotFound(f"Không có người dùng «{login}».")
        _set_password(user, new_password, must_change=actor.login != login)
        audit(s, actor, "user.passwd", "user", user.login)


def _set_password(user: User, password: str, *, must_change: bool) -> None:
    user.password_hash = _hasher.hash(password)
    user.password_changed_at = now_local()
    user.must_change_password = must_change
    user.failed_logins, user.locked_until = 0, None


def _verify(user: User | None, password: str) -> bool:
    if user is None:
        _hasher.hash(password)  # same cost either way: no timing hint about the login
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(until) -> str:
    return (f"Tài khoản tạm khóa vì nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp. "
            f"Thử lại sau {until:%H:%M}, hoặc nhờ quản trị đặt lại mật khẩu.")


def _check_credentials(s: Session, login: str, password: str,
                       counter_id: int | None) -> tuple[Actor | None, UserError | None]:
    """The user for a right password. Wrong ones are counted and the account locks after
    MAX_FAILURES; a locked account refuses even the right password until the lock ends. The
    refusal is returned, not raised, so the caller commits the count before raising it."""
    now = now_local()
    user = s.scalar(select(User).where(User.login == login.strip().lower(), User.active.is_(True)))
    if user is not None and user.locked_until is not None and user.locked_until > now:
        _hasher.hash(password)
        return None, UserError(_locked_message(user.locked_until))
    if not _verify(user, password):
        if user is None:
            return None, UserError(WRONG_CREDENTIALS)
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins < MAX_FAILURES:
            return None, UserError(WRONG_CREDENTIALS)
        user.locked_until, user.failed_logins = now + timedelta(minutes=LOCK_MINUTES), 0
        audit(s, Actor(login=user.login, role=Role(user.role), user_id=user.id, counter_id=counter_id),
              "user.locked", "user", user.login, {"until": user.locked_until.isoformat()})
        return None, UserError(_locked_message(user.locked_until))
    user.failed_logins, user.locked_until = 0, None
    return Actor(login=user.login, role=Role(user.role), user_id=user.id, counter_id=counter_id,
                 full_name=user.full_name), None


def authenticate(db: Database, login: str, password: str, counter_id: int | None = None) -> Actor:
    """The Actor for a correct login and password. A wrong login and a wrong password give the
    same message, so the screen never tells which accounts exist. An initial, demo or reset
    password opens nothing: PasswordChangeRequired, then change_initial_password."""
    with db.writing() as s:
        actor, refusal = _check_credentials(s, login, password, counter_id)
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
        actor, refusal = _check_credentials(s, login, old_password, counter_id)
        if actor is not None:
            user = s.get(User, actor.user_id)
            _set_password(user, new_password, must_change=False)
            audit(s, actor, "user.passwd", "user", user.login, {"initial": True})
            audit(s, actor, "user.login", "user", user.login)
    if refusal is not None:
        raise refusal
    return actor
