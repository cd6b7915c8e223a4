"""Queue rules that need no database: ticket labels, priority categories, and which waiting ticket
a counter calls next.

Order: a ticket transferred here comes first (it has waited already); then, if priority tickets
are served strictly first (`every` = 0), the oldest priority ticket; otherwise one priority ticket
after every `every` regular ones; within each kind, first issued first called."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PRIORITIES = {
    "elderly": "Người cao tuổi",
    "disabled": "Người khuyết tật",
    "pregnant": "Phụ nữ có thai",
    "merit": "Người có công với cách mạng",
    "child": "Người đi cùng trẻ nhỏ",
}
STATUSES = {"printing": "Đang in vé", "issued": "Đang chờ", "called": "Đã gọi", "serving": "Đang phục vụ",
            "done": "Xong", "no_show": "Vắng mặt", "void": "Hủy (không in được vé)"}
WAITING, CALLED, SERVING, DONE, NO_SHOW = "issued", "called", "serving", "done", "no_show"
# A kiosk ticket is "printing" until the printer took it: only then does it wait in the queue
# (a ticket counts as issued only if it printed); one the printer refused is void.
PRINTING, VOID = "printing", "void"


def label(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


@dataclass(frozen=True)
class Waiting:
    id: int
    issued_at: datetime
    priority: bool
    head: bool


def choose(waiting: list[Waiting], every: int, regular_run: int) -> Waiting | None:
    """The ticket to call next among `waiting`; `regular_run` regular tickets have been called
    since the last priority one."""
    if not waiting:
        return None
    heads = [w for w in waiting if w.head]
    if heads:
        return min(heads, key=lambda w: (w.issued_at, w.id))
    priority = sorted((w for w in waiting if w.priority), key=lambda w: (w.issued_at, w.id))
    regular = sorted((w for w in waiting if not w.priority), key=lambda w: (w.issued_at, w.id))
    if priority and (every == 0 or regular_run >= every or not regular):
        return priority[0]
    return regular[0] if regular else priority[0]


def kiosk_open(working_day: bool, sessions, at: datetime, early_minutes: int) -> bool:
    """The kiosk issues numbers on working days, from `early_minutes` before each office session
    (citizens queue before the doors open) until the session ends."""
    if not working_day:
        return False
    now = at.time()
    for start, end in sessions:
        opens = (datetime.combine(at.date(), start) - timedelta(minutes=early_minutes)).time()
        if opens <= now < end:
            return True
    return False
