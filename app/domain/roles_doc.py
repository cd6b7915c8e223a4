"""The role × action matrix as Markdown, written from the tables the services enforce
(permissions.MATRIX and the lifecycle's TRANSITIONS), and what a role without
`view_personal_data` sees of an applicant, written by running the masking rule itself
(app/domain/privacy.py): docs/roles.md holds this text, and a test keeps the two the same."""

from __future__ import annotations

from app.domain.lifecycle import ACTION_LABELS, TRANSITIONS
from app.domain.permissions import DENIED_MESSAGES, MATRIX, Permission
from app.domain.privacy import mask
from app.domain.vocab import Role

_ROLES = (Role.OFFICER, Role.GUIDE, Role.SUPERVISOR, Role.ADMIN, Role.RATING_SCREEN)


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


# One example of each personal field, as the services name them.
_EXAMPLES = (
    ("Số CCCD / mã số thuế", "applicant_id_number", "079090004321"),
    ("Số điện thoại", "applicant_phone", "0939123456"),
    ("Email", "applicant_email", "an.nguyen@example.vn"),
    ("Ngày sinh", "applicant_birth_date", "04/03/1990"),
    ("Địa chỉ (cả địa chỉ nhận kết quả qua bưu chính)", "applicant_address", "12 Lê Lợi, Phường 1, Vĩnh Long"),
    ("Ghi chú, trích yếu, người đại diện, ghi chú trong lịch sử", "notes", "Gọi 0939 123 456 khi có kết quả"),
    ("Họ tên, giới tính", "applicant_name", "Nguyễn Văn An"),
)


def privacy_markdown() -> str:
    """What each role sees of an applicant: whole with `view_personal_data`, masked without."""
    whole = " / ".join(r.label for r in _ROLES if Permission.VIEW_PERSONAL_DATA in MATRIX[r])
    masked = " / ".join(r.label for r in _ROLES if Permission.VIEW_PERSONAL_DATA not in MATRIX[r]
                        and Permission.VIEW_DOSSIER in MATRIX[r])
    lines = [f"| Thông tin người nộp | {whole} | {masked} |", "|---|---|---|"]
    for label, field, value in _EXAMPLES:
        lines.append(f"| {label} | `{value}` | `{mask(field, value)}` |")
    return "\n".join(lines)
