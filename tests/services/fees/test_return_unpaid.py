"""Nothing leaves unpaid (issue 25 §1): returning the result of a dossier that still owes is
refused with the amount owed, unless a supervisor beside the officer allows it with their own login
and a written reason; the reason, the amount and the approver are in the history and the audit log."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.domain.permissions import MATRIX, Actor, Permission
from app.domain.vocab import USER_ROLES, DossierStatus, Role
from app.errors import UserError
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.payments import record_payment, void_payment
from app.services.intake.registration import FeeLine, register
from app.services.settings.store import change_settings
from db.models import AuditRecord, Dossier, DossierEvent, User
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 8, 30)
FRI = datetime(2026, 11, 27, 15, 0)
COLLECTOR = dict(collector_name="Nguyễn Văn An", collector_id_number="079090012345")
REFUSAL = ("^Hồ sơ còn phải nộp 15.000 đ phí, lệ phí: thu đủ trước khi trả kết quả, hoặc lãnh đạo cho phép "
           r"\(ghi lý do\).$")


def ready(db, *fees: int) -> str:
    code = register(db, OFFICER, request("1.000894", received_at=MON,
                                         fees=[FeeLine(f"Khoản {i}", a) for i, a in enumerate(fees, 1)])).code
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Tư pháp", giver="Mai", taker="Bảo", at=MON))
    act(db, OFFICER, code, Action.RESULT_READY, Facts(at=FRI))
    return code


def state(db, code: str) -> tuple:
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        return d.status, d.returned_at, s.scalar(select(func.count()).select_from(DossierEvent)
                                                 .where(DossierEvent.dossier_id == d.id))


def returned(db, code: str) -> DossierEvent:
    with db.reading() as s:
        return s.scalar(select(DossierEvent).join(Dossier).where(Dossier.code == code,
                                                                DossierEvent.action == "return_result"))


@pytest.mark.parametrize("facts", [
    Facts(**COLLECTOR, at=FRI),
    Facts(**COLLECTOR, unpaid_reason="Hộ nghèo", at=FRI),  # a reason alone is not leave
    Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa", at=FRI),  # by post just the same
])
def test_a_result_that_still_owes_is_not_returned(any_db, facts):
    code = ready(any_db, 10000, 5000)
    before = state(any_db, code)
    with pytest.raises(UserError, match=REFUSAL):
        act(any_db, OFFICER, code, Action.RETURN_RESULT, facts)
    assert state(any_db, code) == before and before[0] == DossierStatus.RESOLVED


def test_paid_in_full_it_is_returned_with_nothing_to_note(db):
    code = ready(db, 10000, 5000)
    record_payment(db, OFFICER, code, 10000, "cash", at=MON)
    with pytest.raises(UserError, match="còn phải nộp 5.000 đ"):
        act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, at=FRI))
    record_payment(db, OFFICER, code, 5000, "transfer", "FT1", at=MON)
    act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, at=FRI))
    assert "unpaid" not in returned(db, code).details


def test_a_voided_payment_owes_again(db):
    code = ready(db, 15000)
    done = record_payment(db, OFFICER, code, 15000, "cash", at=MON)
    void_payment(db, OFFICER, done.payment_id, "Ghi nhầm", at=MON)
    with pytest.raises(UserError, match=REFUSAL):
        act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, at=FRI))


def test_the_supervisor_allows_it_with_a_reason_in_the_history_and_the_audit(any_db):
    code = ready(any_db, 10000, 5000)
    record_payment(any_db, OFFICER, code, 5000, "cash", at=MON)
    act(any_db, OFFICER, code, Action.RETURN_RESULT,
        Facts(**COLLECTOR, unpaid_reason="  Hộ nghèo, nộp sau  ", approver_login="lanhdao",
              approver_password=DEMO_PASSWORD, at=FRI))
    e = returned(any_db, code)
    unpaid = {"owed": 10000, "reason": "Hộ nghèo, nộp sau", "approved_by": "lanhdao"}
    assert e.details["unpaid"] == unpaid and e.status_to == DossierStatus.RETURNED
    with any_db.reading() as s:
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.return_result"))
    assert audit.details["unpaid"] == unpaid and audit.actor == "canbo"


def test_the_approval_without_a_reason_asks_for_the_reason(db):
    code = ready(db, 15000)
    with pytest.raises(UserError, match="^Trả kết quả khi hồ sơ còn phải nộp 15.000 đ phí, lệ phí cần ghi lý do.$"):
        act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, approver_login="lanhdao",
                                                           approver_password=DEMO_PASSWORD, at=FRI))
    assert state(db, code)[0] == DossierStatus.RESOLVED


def test_a_wrong_password_is_refused_and_counts_towards_the_lock(db):
    code = ready(db, 15000)
    with pytest.raises(UserError, match="^Phê duyệt của lãnh đạo: "):
        act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, unpaid_reason="Hộ nghèo",
                                                           approver_login="lanhdao", approver_password="sai", at=FRI))
    assert state(db, code)[0] == DossierStatus.RESOLVED
    with db.reading() as s:
        assert s.scalar(select(User.failed_logins).where(User.login == "lanhdao")) == 1


def test_an_actor_with_the_right_needs_only_the_reason(db):
    user_id = _user_id(db, "quantri")
    admin = Actor(login="quantri", role=Role.ADMIN, user_id=user_id, counter_id=1, full_name="Phạm Quốc Huy")
    code = ready(db, 15000)
    act(db, admin, code, Action.RETURN_RESULT, Facts(**COLLECTOR, unpaid_reason="Miễn theo quyết định", at=FRI))
    assert returned(db, code).details["unpaid"] == {"owed": 15000, "reason": "Miễn theo quyết định",
                                                   "approved_by": "quantri"}


def test_with_the_rule_off_the_debt_is_still_noted(db):
    change_settings(db, Actor.system(), {"fees.block_unpaid_return": False})
    code = ready(db, 15000)
    act(db, OFFICER, code, Action.RETURN_RESULT, Facts(**COLLECTOR, at=FRI))
    assert returned(db, code).details["unpaid"] == {"owed": 15000, "reason": None, "approved_by": None}


def _user_id(db, login: str) -> int:
    with db.reading() as s:
        return s.scalar(select(User.id).where(User.login == login))


@pytest.mark.parametrize("role", USER_ROLES)
def test_only_a_role_that_may_allows_an_unpaid_return(db, role):
    """The approver logged in beside the officer, as each role: approve_unpaid_return decides."""
    login = {Role.OFFICER: "canbo", Role.GUIDE: "huongdan", Role.SUPERVISOR: "lanhdao", Role.ADMIN: "quantri"}[role]
    code = ready(db, 15000)
    facts = Facts(**COLLECTOR, unpaid_reason="Hộ nghèo", approver_login=login, approver_password=DEMO_PASSWORD, at=FRI)
    if Permission.APPROVE_UNPAID_RETURN in MATRIX[role]:
        act(db, OFFICER, code, Action.RETURN_RESULT, facts)
        assert returned(db, code).details["unpaid"]["approved_by"] == login
    else:
        with pytest.raises(UserError, match=f"^Phê duyệt của lãnh đạo: Tài khoản «{login}» không có quyền cho phép "
                                            "trả kết quả khi hồ sơ còn nợ phí, lệ phí: cần lãnh đạo phê duyệt.$"):
            act(db, OFFICER, code, Action.RETURN_RESULT, facts)
        assert state(db, code)[0] == DossierStatus.RESOLVED
