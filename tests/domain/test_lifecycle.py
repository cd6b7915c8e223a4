"""The transition table, exhaustively: every status × action × role either moves as the table
says or is refused with a message that names the status or the role."""

import itertools

import pytest

from app.domain.lifecycle import PREVIOUS, TRANSITIONS, Action, allowed_actions, check
from app.domain.vocab import DossierStatus, Role
from app.errors import UserError

EXPECTED = {  # the regulation's flow, written out independently of the table's construction
    (1, "receive"): 2, (1, "refuse"): 3, (1, "request_supplement"): 5, (1, "withdraw"): 7,
    (2, "hand_over"): 4, (2, "request_supplement"): 5, (2, "withdraw"): 7, (2, "extend"): 2,
    (4, "hand_over"): 4, (4, "take_back"): 4, (4, "request_supplement"): 5, (4, "request_payment"): 6,
    (4, "result_ready"): 9, (4, "withdraw"): 7, (4, "stop"): 8, (4, "extend"): 4,
    (5, "receive_supplement"): PREVIOUS, (5, "refuse"): 3, (5, "withdraw"): 7, (5, "stop"): 8,
    (5, "extend"): 5,
    (6, "payment_done"): 4, (6, "withdraw"): 7, (6, "stop"): 8, (6, "extend"): 6,
    (9, "return_result"): 10,
}
SUPERVISOR_MAY = {"stop", "extend"}


@pytest.mark.parametrize("status,action,role", list(itertools.product(DossierStatus, Action, Role)))
def test_every_status_action_role(status, action, role):
    key = (int(status), action.value)
    if key not in EXPECTED:
        with pytest.raises(UserError) as exc:
            check(status, action, role)
        assert status.label in str(exc.value)
        return
    may = role in (Role.OFFICER, Role.ADMIN) or (role is Role.SUPERVISOR and action.value in SUPERVISOR_MAY)
    if may:
        assert check(status, action, role).to == EXPECTED[key]
    else:
        with pytest.raises(UserError) as exc:
            check(status, action, role)
        assert role.label in str(exc.value)


def test_table_has_nothing_more_than_expected():
    assert {(int(s), a.value) for s, a in TRANSITIONS} == set(EXPECTED)


def test_terminal_states_offer_nothing():
    for status in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED):
        assert allowed_actions(status, Role.ADMIN) == []


def test_refusal_message_says_what_is_possible():
    with pytest.raises(UserError, match="Đã xử lý xong.*Có thể: trả kết quả"):
        check(DossierStatus.RESOLVED, Action.HAND_OVER, Role.OFFICER)


def test_guide_may_do_nothing():
    assert all(allowed_actions(s, Role.GUIDE) == [] for s in DossierStatus)
