"""User accounts: argon2 password hashes, roles, log-in."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vocab import Role
from app.errors import NotFound, UserError
from app.services.journal import audit
from db.engine import Database
from db.models import User

_hasher = PasswordHasher()
_LOGIN_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_LENGTH = 8
WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.", field="password")
    if password.strip() != password or not password.strip():
        raise UserError("Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.", field="password")


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
        check_password_policy(password)
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
    with db.writing() as s:
        create_user(s, actor, login, role, password, full_name=full_name)


def change_password(db: Database, actor: Actor, login: str, new_password: str) -> None:
    """Admins may set anyone's password; a user may change their own."""
    if actor.login != login:
        actor.require(Permission.MANAGE_USERS)
    check_password_policy(new_password)
    with db.writing() as s:
        user = s.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None:
            raise NotFound(f"Không có người dùng «{login}».")
        user.password_hash = _hasher.hash(new_password)
        user.password_changed_at = now_local()
        user.must_change_password = actor.login != login  # set by an admin: change it at next log-in
        audit(s, actor, "user.passwd", "user", user.login)


def authenticate(db: Database, login: str, password: str, counter_id: int | None = None) -> Actor:
    """The Actor for a correct login and password. A wrong login and a wrong password give the
    same message, so the screen never tells which accounts exist."""
    with db.writing() as s:
        user = s.scalar(select(User).where(User.login == login.strip().lower(), User.active.is_(True)))
        ok = False
        if user is not None:
            try:
                ok = _hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
        else:
            _hasher.hash(password)  # same cost either way: no timing hint about the login
        if not ok:
            raise UserError(WRONG_CREDENTIALS)
        actor = Actor(login=user.login, role=Role(user.role), user_id=user.id,
                      counter_id=counter_id, full_name=user.full_name)
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        audit(s, actor, "user.login", "user", user.login)
        return actor
