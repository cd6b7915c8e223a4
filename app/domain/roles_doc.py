"""The role × action matrix as Markdown, written from the tables the services enforce
(permissions.MATRIX and the lifecycle's TRANSITIONS): docs/roles.md holds this text, and a
test keeps the two the same."""

from __future__ import annotations

from app.domain.lifecycle import ACTION_LABELS, TRANSITIONS
from app.domain.permissions import DENIED_MESSAGES, MATRIX, Permission
from app.domain.vocab import Role

_ROLES = (Role.OFFICER, Role.GUIDE, Role.SUPERVISOR, Role.ADMIN)


def _table(head: str, rows: list[tuple[str, set[Role]]]) -> str:
    lines = [f"| {head} | " + " | ".join(r.label for r in _ROLES) + " |",
             "|---|" + "---|" * len(_ROLES)]
    for label, roles in rows:
        lines.append(f"| {label} | " + " | ".join("✔" if r in roles else "—" for r in _ROLES) + " |")
    return "\n".join(lines)


def matrix_markdown() -> str:
    perms = [(f"{DENIED_MESSAGES[p]} (`{p.value}`)", {r for r in _ROLES if p in MATRIX[r]}) for p in Permission]
    actions: dict[str, set[Role]] = {}
    for (_status, action), rule in TRANSITIONS.items():
        actions.setdefault(f"{ACTION_LABELS[action]} (`{action.value}`)", set()).update(rule.roles)
    return (_table("Được phép", perms) + "\n\n"
            + _table("Bước xử lý hồ sơ (ở trạng thái cho phép)", sorted(actions.items())))
