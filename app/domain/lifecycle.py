"""A dossier's life as one table: (status, action) → new status, and who may do it.
The services look every change up here and refuse anything the table does not list."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.vocab import DossierStatus as S
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError


class Action(StrEnum):
    RECEIVE = "receive"  # an online or postal dossier checked and accepted at the counter
    REFUSE = "refuse"
    HAND_OVER = "hand_over"  # to the specialist division (or on to another one)
    TAKE_BACK = "take_back"  # the division hands the dossier back to the counter
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REQUEST_PAYMENT = "request_payment"  # financial obligation (taxes, land use fees …)
    PAYMENT_DONE = "payment_done"
    RESULT_READY = "result_ready"
    RETURN_RESULT = "return_result"
    WITHDRAW = "withdraw"  # the citizen takes the dossier back
    STOP = "stop"
    EXTEND = "extend"  # a new due moment, with the apology form

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.RECEIVE: "Tiếp nhận hồ sơ",
    Action.REFUSE: "Từ chối tiếp nhận",
    Action.HAND_OVER: "Chuyển phòng chuyên môn",
    Action.TAKE_BACK: "Nhận lại từ phòng chuyên môn",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung hồ sơ",
    Action.RECEIVE_SUPPLEMENT: "Nhận hồ sơ bổ sung",
    Action.REQUEST_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Action.PAYMENT_DONE: "Đã thực hiện nghĩa vụ tài chính",
    Action.RESULT_READY: "Có kết quả",
    Action.RETURN_RESULT: "Trả kết quả",
    Action.WITHDRAW: "Công dân rút hồ sơ",
    Action.STOP: "Dừng xử lý",
    Action.EXTEND: "Gia hạn, xin lỗi",
}

# The status a supplement returns to is the one it interrupted (read from the history).
PREVIOUS = 0

# The one-stop form each action issues, whose "Số: …" runs per form and year
# (app/services/sequences.next_yearly, "form:<form>"): a citizen's withdrawal is answered with
# the stop notice too (Form 05, Circular 03/2025 Art. 7).
FORM_OF = {
    Action.REQUEST_SUPPLEMENT: "supplement",
    Action.REFUSE: "refusal",
    Action.EXTEND: "apology",
    Action.STOP: "stop",
    Action.WITHDRAW: "stop",
}

# Decree 118/2025 Art. 11: a dossier is asked for a supplement once; asking again is the
# exception, with its ground written and a supervisor's approval.
SUPPLEMENT_ONCE = ("Hồ sơ đã được yêu cầu bổ sung {times} lần; theo Điều 11 Nghị định 118/2025/NĐ-CP chỉ yêu cầu "
                   "bổ sung một lần: yêu cầu thêm cần ghi căn cứ và được lãnh đạo phê duyệt.")

COUNTER = frozenset({Role.OFFICER, Role.ADMIN})
LEADERS = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})
OPEN = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION)


@dataclass(frozen=True)
class Rule:
    to: int  # a DossierStatus, or PREVIOUS
    roles: frozenset[Role]
    needs_reason: bool = False


def _rules() -> dict[tuple[S, Action], Rule]:
    t: dict[tuple[S, Action], Rule] = {
        (S.NEW, Action.RECEIVE): Rule(S.RECEIVED, COUNTER),
        (S.NEW, Action.REFUSE): Rule(S.REFUSED, COUNTER, needs_reason=True),
        (S.NEW, Action.REQUEST_SUPPLEMENT): Rule(S.SUPPLEMENT_REQUESTED, COUNTER, needs_reason=True),
        (S.RECEIVED, Action.HAND_OVER): Rule(S.PROCESSING, COUNTER),
        (S.RECEIVED, Action.REQUEST_SUPPLEMENT): Rule(S.SUPPLEMENT_REQUESTED, COUNTER, needs_reason=True),
        (S.PROCESSING, Action.HAND_OVER): Rule(S.PROCESSING, COUNTER),
        (S.PROCESSING, Action.TAKE_BACK): Rule(S.PROCESSING, COUNTER),
        (S.PROCESSING, Action.REQUEST_SUPPLEMENT): Rule(S.SUPPLEMENT_REQUESTED, COUNTER, needs_reason=True),
        (S.PROCESSING, Action.REQUEST_PAYMENT): Rule(S.FINANCIAL_OBLIGATION, COUNTER, needs_reason=True),
        (S.PROCESSING, Action.RESULT_READY): Rule(S.RESOLVED, COUNTER),
        (S.SUPPLEMENT_REQUESTED, Action.RECEIVE_SUPPLEMENT): Rule(PREVIOUS, COUNTER),
        (S.SUPPLEMENT_REQUESTED, Action.REFUSE): Rule(S.REFUSED, COUNTER, needs_reason=True),
        (S.FINANCIAL_OBLIGATION, Action.PAYMENT_DONE): Rule(S.PROCESSING, COUNTER),
        (S.RESOLVED, Action.RETURN_RESULT): Rule(S.RETURNED, COUNTER),
    }
    for status in (S.NEW, *OPEN):
        t[(status, Action.WITHDRAW)] = Rule(S.WITHDRAWN, COUNTER, needs_reason=True)
    for status in (S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION):
        t[(status, Action.STOP)] = Rule(S.STOPPED, LEADERS, needs_reason=True)
    for status in OPEN:
        t[(status, Action.EXTEND)] = Rule(status, LEADERS, needs_reason=True)
    return t


TRANSITIONS: dict[tuple[S, Action], Rule] = _rules()


def allowed_actions(status: int, role: Role) -> list[Action]:
    """What the dossier screen offers this user for a dossier in this status."""
    return [a for (s, a), rule in TRANSITIONS.items() if s == status and role in rule.roles]


def check(status: int, action: Action, role: Role) -> Rule:
    """The rule for this change, or a UserError that says plainly why not."""
    status = S(status)
    rule = TRANSITIONS.get((status, action))
    if rule is None:
        possible = [a.label.lower() for (s, a) in TRANSITIONS if s == status]
        hint = (" Có thể: " + ", ".join(possible) + ".") if possible else ""
        raise UserError(f"Không thể «{action.label.lower()}» khi hồ sơ đang ở trạng thái "
                        f"«{status.label}».{hint}")
    if role not in rule.roles:
        raise PermissionDenied(f"Vai trò «{role.label}» không được «{action.label.lower()}».")
    return rule
