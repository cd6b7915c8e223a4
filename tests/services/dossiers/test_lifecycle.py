"""A dossier's life through the service: each action is one transaction writing dossier, event,
audit and outbox; refused actions write nothing; the clock rules for supplements and extensions."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus as S
from app.domain.vocab import Role
from app.errors import UserError
from app.services.dossiers.lifecycle import Facts, act, on_time_class
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"  # the tests read due moments from the calendar, never assume them
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, user_id=3)
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=2)
MON = datetime(2026, 11, 23, 9, 0)
HANDOVER = Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai", taker="Trần Văn Bảo")


def counts(db):
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (DossierEvent, AuditRecord, OutboxMessage))


def dossier(db, code):
    with db.reading() as s:
        return s.scalars(select(Dossier).where(Dossier.code == code)).one()


@pytest.fixture
def code(any_db):
    return register(any_db, OFFICER, request(MARRIAGE, received_at=MON)).code


def test_whole_life_writes_event_audit_outbox_each_time(any_db, code):
    steps = [(Action.HAND_OVER, HANDOVER, S.PROCESSING),
             (Action.TAKE_BACK, Facts(division="Phòng Tư pháp", giver="Trần Văn Bảo", taker="Nguyễn Thị Mai"),
              S.PROCESSING),
             (Action.RESULT_READY, Facts(), S.RESOLVED),
             (Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An", collector_id_number="079090012345"),
              S.RETURNED)]
    for i, (action, facts, status) in enumerate(steps):
        before = counts(any_db)
        out = act(any_db, OFFICER, code, action, replace_at(facts, MON.replace(hour=10 + i)))
        assert out.status_to == status
        assert counts(any_db) == tuple(n + 1 for n in before)
    d = dossier(any_db, code)
    assert d.status == S.RETURNED and d.finished_at == MON.replace(hour=12) and d.returned_at == MON.replace(hour=13)
    with any_db.reading() as s:
        events = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.id)).all()
    assert [e.action for e in events] == ["receive", "hand_over", "take_back", "result_ready", "return_result"]
    assert events[1].details == {"division": "Phòng Tư pháp", "giver": "Nguyễn Thị Mai", "taker": "Trần Văn Bảo"}
    assert events[3].details["on_time"] in ("early", "on_time")
    assert events[4].details["collector"]["id_number"] == "079090012345"


def replace_at(facts, at):
    from dataclasses import replace

    return replace(facts, at=at)


def test_refused_action_writes_nothing(any_db, code):
    before = counts(any_db)
    with pytest.raises(UserError, match="Không thể «trả kết quả» khi hồ sơ đang ở trạng thái «Được tiếp nhận»"):
        act(any_db, OFFICER, code, Action.RETURN_RESULT, Facts(collector_name="A", collector_id_number="1"))
    with pytest.raises(UserError, match="cần ghi phòng chuyên môn"):
        act(any_db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp"))
    with pytest.raises(UserError, match="cần ghi lý do"):
        act(any_db, OFFICER, code, Action.WITHDRAW, Facts(reason="  "))
    with pytest.raises(UserError, match=f"Vai trò «{Role.GUIDE.label}» không được «chuyển phòng chuyên môn»"):
        act(any_db, GUIDE, code, Action.HAND_OVER, HANDOVER)
    assert counts(any_db) == before and dossier(any_db, code).status == S.RECEIVED


def test_supervisor_may_stop_but_not_hand_over(any_db, code):
    act(any_db, OFFICER, code, Action.HAND_OVER, HANDOVER)
    with pytest.raises(UserError, match="không được «chuyển phòng chuyên môn»"):
        act(any_db, SUPERVISOR, code, Action.HAND_OVER, HANDOVER)
    assert act(any_db, SUPERVISOR, code, Action.STOP, Facts(reason="Có tranh chấp")).status_to == S.STOPPED


def test_supplement_during_processing_restarts_the_clock_by_default(any_db, code):
    act(any_db, OFFICER, code, Action.HAND_OVER, replace_at(HANDOVER, MON.replace(hour=10)))
    act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu giấy xác nhận", at=MON.replace(hour=11)))
    first_due = dossier(any_db, code).due_at
    back = datetime(2026, 12, 1, 9, 0)
    out = act(any_db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=back))
    fresh = register(any_db, OFFICER, request(MARRIAGE, received_at=back))  # same procedure, received then
    assert out.status_to == S.PROCESSING and out.due_at == dossier(any_db, fresh.code).due_at
    assert out.due_at > first_due
    with any_db.reading() as s:
        e = s.scalars(select(DossierEvent).where(DossierEvent.action == "receive_supplement")).one()
    assert e.details["clock"] == "restart" and e.details["due_from"] == first_due.isoformat()


def test_supplement_pauses_the_clock_when_the_procedure_says_so(any_db):
    proc = "1.001193"  # birth registration
    change_settings(any_db, Actor.system(), {"lifecycle.supplement_pause": [proc]})
    code = register(any_db, OFFICER, request(proc, received_at=MON)).code
    due = dossier(any_db, code).due_at
    act(any_db, OFFICER, code, Action.HAND_OVER, replace_at(HANDOVER, MON.replace(hour=10)))
    # Asked on the day of receipt: the whole processing time is still left when it comes back.
    act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu", at=MON.replace(hour=11)))
    back = datetime(2026, 12, 1, 9, 0)
    out = act(any_db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=back))
    from app.services.settings.calendar import load_calendar

    cal = load_calendar(any_db)
    left = cal.working_days_between(MON.date(), due.date())
    assert out.due_at.date() == cal.add_working_days(back.date(), left)


def test_supplement_at_intake_returns_as_received_and_restarts(any_db, code):
    act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Thiếu tờ khai", at=MON.replace(hour=9, minute=30)))
    out = act(any_db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=datetime(2026, 11, 25, 8, 0)))
    assert out.status_to == S.RECEIVED


def test_extension_needs_reason_and_a_later_moment_and_is_kept(any_db, code):
    due = dossier(any_db, code).due_at
    with pytest.raises(UserError, match="cần ghi lý do"):
        act(any_db, OFFICER, code, Action.EXTEND, Facts(new_due=datetime(2026, 12, 10, 17, 0)))
    with pytest.raises(UserError, match="sau thời điểm hẹn hiện tại"):
        act(any_db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=due))
    out = act(any_db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=datetime(2026, 12, 10, 17, 0)))
    assert out.status_to == S.RECEIVED and out.due_at == datetime(2026, 12, 10, 17, 0)
    with any_db.reading() as s:
        e = s.scalars(select(DossierEvent).where(DossierEvent.action == "extend")).one()
    assert e.note == "Chờ xác minh" and e.details["due_from"] == due.isoformat() and e.details["apology"]


def test_return_by_post_records_the_shipment(any_db, code):
    act(any_db, OFFICER, code, Action.HAND_OVER, HANDOVER)
    act(any_db, OFFICER, code, Action.RESULT_READY)
    act(any_db, OFFICER, code, Action.RETURN_RESULT, Facts(postal_code="EB123456789VN", postal_address="Ấp Phú Hòa"))
    with any_db.reading() as s:
        e = s.scalars(select(DossierEvent).where(DossierEvent.action == "return_result")).one()
    assert e.details["post"]["shipment"] == "EB123456789VN"


def test_on_time_classes():
    due = datetime(2026, 11, 25, 17, 0)
    assert on_time_class(datetime(2026, 11, 24, 16, 0), due) == "early"
    assert on_time_class(datetime(2026, 11, 25, 17, 0), due) == "on_time"
    assert on_time_class(datetime(2026, 11, 25, 17, 1), due) == "late"
