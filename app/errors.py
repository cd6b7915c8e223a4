"""The three kinds of error (see ARCHITECTURE.md): user errors carry a message for the person
at the counter; cancellations are silent; anything else is a bug and keeps its traceback."""

from __future__ import annotations

import re

from app.domain.text import printable

_QUOTED = re.compile(r"«([^»]{301,})»")  # a long file path still shows whole


def one_line(message: str) -> str:
    """A message as it may be shown: whatever it quotes, one line with no invisible characters
    (escaped as printable() does), and a quoted value of more than 300 characters clipped. Every
    UserError passes through here, so a service quoting raw input cannot break a message."""
    return _QUOTED.sub(lambda m: "«" + printable(m.group(1), 240) + "»", printable(message, most=1 << 30))


class UserError(Exception):
    """Bad input or a refused action. `message` is Vietnamese, ready to show as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        message = one_line(message)
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class PermissionDenied(UserError):
    """The caller's role may not do this."""


class PasswordChangeRequired(UserError):
    """The password was right but is an initial, demo or reset one: choose a new one first."""

    def __init__(self, login: str):
        super().__init__("Đây là mật khẩu khởi tạo (hoặc vừa được đặt lại): hãy đặt mật khẩu mới trước khi làm việc.")
        self.login = login


class NotFound(UserError):
    """A dossier, procedure, user … that does not exist."""


class ValidationFailed(UserError):
    """Several problems found at once (e.g. a catalog file): one line each."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = [one_line(p) for p in problems]

    def __str__(self) -> str:
        return "\n".join([self.message, *("  - " + p for p in self.problems)])


class Cancelled(Exception):
    """The user cancelled: stay silent."""
