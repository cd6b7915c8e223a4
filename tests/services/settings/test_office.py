"""The office's own record and its counters: checked whole, changed only by an administrator,
audited in the same transaction; a counter with a history is taken out of use, never deleted."""

import re

import pytest
from sqlalchemy import select

from app.clock import now_local
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.intake.registration import register
from app.services.queue.tickets import call_next, done, issue_ticket
from app.services.settings import office
from app.services.settings.calendar import load_calendar
from db.models import AuditRecord, Counter
from tests.helpers.factories import OFFICER, procedure_code, request

ADMIN = Actor("quantri", Role.ADMIN, user_id=4)
OTHERS = [Actor("canbo", Role.OFFICER, counter_id=1), Actor("huongdan", Role.GUIDE),
          Actor("lanhdao", Role.SUPERVISOR)]


def _audits(db, action):
    with db.reading() as s:
        return s.scalars(select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.id)).all()


def test_the_agency_is_updated_normalised_and_audited_with_what_changed(any_db):
    before = office.agency_profile(any_db)
    assert before.unit_code == "000.00.01.H62" and before.office_hours == "07:30-11:30,13:30-17:00"
    after = office.update_agency(any_db, ADMIN, name="  Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long ",
                                 unit_code="000.00.04.h62", phone="0270 3 822 999", address=before.address,
                                 office_hours="7:00-11:30, 13:00-16:30")
    assert after.name == "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long"
    assert after.unit_code == "000.00.04.H62" and after.office_hours == "07:00-11:30,13:00-16:30"
    assert office.agency_profile(any_db) == after
    assert str(load_calendar(any_db).office_hours) == "07:00-11:30,13:00-16:30"  # due times follow
    (record,) = _audits(any_db, "agency.update")
    assert record.actor == "quantri" and record.entity_id == str(before.id)
    assert record.details == {
        "from": {"name": before.name, "unit_code": "000.00.01.H62", "phone": before.phone,
                 "office_hours": "07:30-11:30,13:30-17:00"},
        "to": {"name": after.name, "unit_code": "000.00.04.H62", "phone": "0270 3 822 999",
               "office_hours": "07:00-11:30,13:00-16:30"}}
    # Saving the same values again records nothing.
    office.update_agency(any_db, ADMIN, **{k: getattr(after, k) for k in office.EDITABLE})
    assert len(_audits(any_db, "agency.update")) == 1


@pytest.mark.parametrize("changes,field,words", [
    ({"unit_code": "H62-000"}, "unit_code", "QCVN 102:2016 (ví dụ 000.00.01.H22) hoặc mã định danh điện tử theo "
                                            "Quyết định 20/2020/QĐ-TTg"),
    ({"unit_code": "H62.18.05.ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, "unit_code", "(ví dụ H62, H62.18, H62.18.05)"),
    ({"name": "   "}, "name", "Cần ghi tên cơ quan"),
    ({"name": "x" * 301}, "name", "dài quá 300"),
    ({"phone": "gọi 0270"}, "phone", "không hợp lệ"),
    ({"office_hours": "11:30-07:30"}, "office_hours", "giờ bắt đầu (11:30) phải trước giờ kết thúc"),
    ({"office_hours": "07:30-11:30,11:00-17:00"}, "office_hours", "không được chồng lên nhau"),
    ({"office_hours": "7h30-11h30"}, "office_hours", "không đúng dạng giờ"),
    ({"office_hours": ""}, "office_hours", "ít nhất một buổi"),
    ({"office_hours": "07:30-25:00"}, "office_hours", "không đúng dạng giờ"),
    ({"website": "x"}, None, "không có mục «website»"),
])
def test_a_bad_value_is_refused_by_name_and_nothing_is_written(db, changes, field, words):
    before = office.agency_profile(db)
    with pytest.raises(UserError, match=re.escape(words)) as refused:
        office.update_agency(db, ADMIN, address="Số 2 đường Lê Lợi", **changes)  # a good change with the bad one
    assert refused.value.field == field
    assert office.agency_profile(db) == before  # the valid change given with it is not half-written
    assert _audits(db, "agency.update") == []


@pytest.mark.parametrize("typed,kept", [("h62.18.05", "H62.18.05"), (" H62 ", "H62"), ("000.00.01.h22", "000.00.01.H22")])
def test_a_unit_code_of_either_form_is_accepted(db, typed, kept):
    assert office.update_agency(db, ADMIN, unit_code=typed).unit_code == kept
    (record,) = _audits(db, "agency.update")
    assert record.details == {"from": {"unit_code": "000.00.01.H62"}, "to": {"unit_code": kept}}


def test_a_unit_code_used_by_another_agency_is_refused(db):
    from db.models import Agency

    with db.writing() as s:
        s.add(Agency(name="Cơ quan khác", unit_code="000.00.02.H62", office_hours="07:30-11:30"))
    with pytest.raises(UserError, match="mã của một cơ quan khác") as refused:
        office.update_agency(db, ADMIN, unit_code="000.00.02.h62")
    assert refused.value.field == "unit_code" and office.agency_profile(db).unit_code == "000.00.01.H62"


@pytest.mark.parametrize("actor", OTHERS, ids=lambda a: a.role.value)
def test_only_an_administrator_changes_the_office(db, actor):
    before, counters = office.agency_profile(db), office.list_counters(db)
    with pytest.raises(PermissionDenied, match="không được phép thay đổi cài đặt"):
        office.update_agency(db, actor, name="Đổi tên")
    for attempt in (lambda: office.add_counter(db, actor, 4, "Quầy 4"),
                    lambda: office.update_counter(db, actor, counters[0].id, name="Đổi"),
                    lambda: office.update_counter(db, actor, counters[0].id, active=False),
                    lambda: office.remove_counter(db, actor, counters[2].id)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert office.agency_profile(db) == before and office.list_counters(db) == counters


def test_counters_are_added_renamed_and_taken_out_of_use(any_db):
    assert [(c.number, c.name, c.active) for c in office.list_counters(any_db)] == [
        (1, "Quầy số 1", True), (2, "Quầy số 2", True), (3, "Quầy số 3", True)]
    four = office.add_counter(any_db, ADMIN, 4, "")
    assert (four.number, four.name, four.active, four.used) == (4, "Quầy số 4", True, False)
    with pytest.raises(UserError, match="Đã có quầy số 4") as refused:
        office.add_counter(any_db, ADMIN, 4, "Quầy trùng")
    assert refused.value.field == "counter_number"
    with pytest.raises(UserError, match="từ 1 đến 99"):
        office.add_counter(any_db, ADMIN, 0, "Quầy không số")
    renamed = office.update_counter(any_db, ADMIN, four.id, name="  Quầy ưu tiên  ")
    assert renamed.name == "Quầy ưu tiên"
    with pytest.raises(UserError, match="Cần ghi tên quầy") as refused:
        office.update_counter(any_db, ADMIN, four.id, name=" ")
    assert refused.value.field == "counter_name"
    stopped = office.update_counter(any_db, ADMIN, four.id, active=False)
    assert not stopped.active and stopped.name == "Quầy ưu tiên"
    with pytest.raises(UserError, match="đang ngừng dùng"):
        office.add_counter(any_db, ADMIN, 4, "")
    assert office.update_counter(any_db, ADMIN, four.id, active=True).active
    actions = [(r.action, r.details) for r in _audits(any_db, "counter.add") + _audits(any_db, "counter.update")]
    assert actions == [
        ("counter.add", {"number": 4, "name": "Quầy số 4"}),
        ("counter.update", {"number": 4, "from": {"name": "Quầy số 4"}, "to": {"name": "Quầy ưu tiên"}}),
        ("counter.update", {"number": 4, "from": {"active": True}, "to": {"active": False}}),
        ("counter.update", {"number": 4, "from": {"active": False}, "to": {"active": True}})]


def test_a_counter_with_dossiers_is_deactivated_never_deleted(db):
    register(db, OFFICER, request(procedure_code(db)))  # received at counter 1
    counters = {c.number: c for c in office.list_counters(db)}
    assert counters[1].used and not counters[3].used
    assert office.remove_counter(db, ADMIN, counters[1].id) is False
    with db.reading() as s:
        assert s.get(Counter, counters[1].id).active is False
    assert office.remove_counter(db, ADMIN, counters[3].id) is True  # never used: it goes
    assert [(c.number, c.active) for c in office.list_counters(db)] == [(1, False), (2, True)]
    assert [r.details for r in _audits(db, "counter.remove")] == [{"number": 3, "name": "Quầy số 3"}]


def test_the_last_counter_in_use_and_a_counter_serving_a_ticket_stay_in_use(db):
    now = now_local()  # the check looks at today's tickets
    ticket = issue_ticket(db, "TP", at=now)
    called = call_next(db, OFFICER, 2, at=now)
    assert called.label == ticket.label
    two = next(c for c in office.list_counters(db) if c.number == 2)
    with pytest.raises(UserError, match=f"còn số thứ tự {ticket.label}") as refused:
        office.update_counter(db, ADMIN, two.id, active=False)
    assert refused.value.field == "counter_active"
    with pytest.raises(UserError, match=f"còn số thứ tự {ticket.label}"):
        office.remove_counter(db, ADMIN, two.id)
    one, three = (c for c in office.list_counters(db) if c.number != 2)
    office.update_counter(db, ADMIN, one.id, active=False)
    office.update_counter(db, ADMIN, three.id, active=False)
    done(db, OFFICER, 2, at=now)  # the citizen has been served: only the last-counter rule is left
    with pytest.raises(UserError, match="ít nhất một quầy đang dùng"):
        office.update_counter(db, ADMIN, two.id, active=False)
    assert [c.active for c in office.list_counters(db)] == [False, True, False]
    office.update_counter(db, ADMIN, three.id, active=True)
    assert office.update_counter(db, ADMIN, two.id, active=False).active is False
