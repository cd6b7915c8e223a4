"""The 2025 forms' data kept with the events that issue them: Form 02's items, reason and contact,
each form's yearly number ("Số: …") taken in the change's own transaction, and Decree 118 Art. 11's
rule that a supplement is asked once (a second request needs its ground and a supervisor)."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import UserError
from app.services.bootstrap import DEMO_PASSWORD
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import (
    Agency,
    AuditRecord,
    Dossier,
    DossierEvent,
    OutboxMessage,
    User,
    YearlySequence,
)
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
MON = datetime(2026, 11, 23, 9, 0)
FORM02 = Facts(items=["Bản sao giấy khai sinh", "  ", "Giấy xác nhận tình trạng hôn nhân"],
               reason="Tờ khai thiếu chữ ký của người yêu cầu")
ADMIN = Actor(login="quantri", role=Role.ADMIN, user_id=4, counter_id=1, full_name="Phạm Quốc Huy")
ONCE = ("Hồ sơ đã được yêu cầu bổ sung 1 lần; theo Điều 11 Nghị định 118/2025/NĐ-CP chỉ yêu cầu bổ sung một "
        "lần: yêu cầu thêm cần ghi căn cứ và được lãnh đạo phê duyệt.")


def at(facts: Facts, when: datetime, **more) -> Facts:
    return Facts(**{**facts.__dict__, "at": when, **more})


def new_dossier(db, when: datetime = MON) -> str:
    return register(db, OFFICER, request(MARRIAGE, received_at=when)).code


def events(db, code: str, action: str) -> list[DossierEvent]:
    with db.reading() as s:
        return s.scalars(select(DossierEvent).join(Dossier).where(Dossier.code == code, DossierEvent.action == action)
                         .order_by(DossierEvent.id)).all()


def written(db) -> tuple[int, int, int]:
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (DossierEvent, AuditRecord, OutboxMessage))


def asked_twice(db) -> str:
    """A dossier asked for a supplement once, and back complete."""
    code = new_dossier(db)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, at(FORM02, MON + timedelta(minutes=10)))
    act(db, OFFICER, code, Action.RECEIVE_SUPPLEMENT, Facts(at=MON + timedelta(days=1)))
    return code


def test_form_02s_fields_are_kept_as_given_with_the_contact_by_default(any_db):
    code = new_dossier(any_db)
    before = written(any_db)
    act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, at(FORM02, MON.replace(hour=10)))
    assert written(any_db) == tuple(n + 1 for n in before)  # one event, one audit, one outbox record
    with any_db.reading() as s:
        office_phone = s.scalar(select(Agency.phone).order_by(Agency.id).limit(1))
    (e,) = events(any_db, code, "request_supplement")
    assert office_phone and e.details == {
        "items": ["Bản sao giấy khai sinh", "Giấy xác nhận tình trạng hôn nhân"],
        "reason": "Tờ khai thiếu chữ ký của người yêu cầu",
        "contact_name": "Nguyễn Thị Mai", "contact_phone": office_phone, "round": 1, "form_no": 1}
    assert e.note == "Bản sao giấy khai sinh; Giấy xác nhận tình trạng hôn nhân"  # for older readers

    other = new_dossier(any_db)
    act(any_db, OFFICER, other, Action.REQUEST_SUPPLEMENT,
        at(FORM02, MON.replace(hour=11), contact_name="Trần Văn Bảo", contact_phone="0270 3822 111"))
    (e,) = events(any_db, other, "request_supplement")
    assert (e.details["contact_name"], e.details["contact_phone"], e.details["form_no"]) == (
        "Trần Văn Bảo", "0270 3822 111", 2)


def test_items_and_a_reason_are_both_needed(db):
    code = new_dossier(db)
    before = written(db)
    with pytest.raises(UserError, match="^Yêu cầu bổ sung cần ghi ít nhất một nội dung cần bổ sung, hoàn thiện.$"):
        act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=[" ", ""], reason="Thiếu", at=MON))
    with pytest.raises(UserError, match="^«Yêu cầu bổ sung hồ sơ» cần ghi lý do.$"):
        act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason=" ", at=MON))
    assert written(db) == before
    with db.reading() as s:  # the refused attempts took no form number
        assert s.scalar(select(func.count()).select_from(YearlySequence)
                        .where(YearlySequence.name.like("form:%"))) == 0


def test_an_older_callers_single_note_becomes_the_items(db):
    code = new_dossier(db)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(reason="Bản sao giấy khai sinh;Giấy xác nhận cư trú",
                                                            at=MON))
    (e,) = events(db, code, "request_supplement")
    assert e.details["items"] == ["Bản sao giấy khai sinh", "Giấy xác nhận cư trú"]
    assert e.note == "Bản sao giấy khai sinh; Giấy xác nhận cư trú"


def test_each_form_numbers_its_events_per_year(any_db):
    reason = Facts(reason="Chờ xác minh của công an xã")
    a, b, c = (new_dossier(any_db) for _ in range(3))
    act(any_db, OFFICER, a, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo", at=MON))
    first = act(any_db, OFFICER, a, Action.EXTEND, at(reason, MON.replace(hour=10), new_due=MON + timedelta(days=5)))
    assert first.document.startswith(b"%PDF")  # the apology letter, made in the same transaction
    act(any_db, OFFICER, a, Action.STOP, at(reason, MON.replace(hour=11)))
    act(any_db, OFFICER, b, Action.WITHDRAW, at(reason, MON.replace(hour=11)))  # answered with Form 05 too
    act(any_db, OFFICER, c, Action.REQUEST_SUPPLEMENT, at(FORM02, MON.replace(hour=11)))
    act(any_db, OFFICER, c, Action.REFUSE, at(reason, MON.replace(hour=14)))
    got = {(e.action, e.details["form_no"]) for code in (a, b, c)
           for e in events(any_db, code, "extend") + events(any_db, code, "stop") + events(any_db, code, "withdraw")
           + events(any_db, code, "request_supplement") + events(any_db, code, "refuse")}
    assert got == {("extend", 1), ("stop", 1), ("withdraw", 2), ("request_supplement", 1), ("refuse", 1)}
    assert "form_no" not in events(any_db, a, "hand_over")[0].details  # no form, no number

    # 1 January: every form starts again at 1.
    d = new_dossier(any_db, datetime(2027, 1, 4, 8))
    act(any_db, OFFICER, d, Action.REQUEST_SUPPLEMENT, at(FORM02, datetime(2027, 1, 4, 9)))
    assert events(any_db, d, "request_supplement")[0].details["form_no"] == 1
    with any_db.reading() as s:
        rows = set(s.execute(select(YearlySequence.name, YearlySequence.year, YearlySequence.last_value)))
    assert {r for r in rows if r[0].startswith("form:")} == {
        ("form:apology", 2026, 1), ("form:stop", 2026, 2), ("form:supplement", 2026, 1), ("form:refusal", 2026, 1),
        ("form:supplement", 2027, 1)}


def test_a_second_supplement_is_refused_without_a_ground_and_a_supervisor(any_db):
    code = asked_twice(any_db)
    again = at(FORM02, MON + timedelta(days=2))
    before = written(any_db)
    for facts in (again, at(again, again.at, ground="Kết quả xác minh mới của công an xã"),
                  at(again, again.at, approver_login="lanhdao", approver_password=DEMO_PASSWORD)):
        with pytest.raises(UserError) as refused:
            act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, facts)
        assert str(refused.value) == ONCE
    assert written(any_db) == before and len(events(any_db, code, "request_supplement")) == 1


def test_a_wrong_approver_password_is_refused_and_counted(any_db):
    code = asked_twice(any_db)
    facts = at(FORM02, MON + timedelta(days=2), ground="Kết quả xác minh mới", approver_login="lanhdao",
               approver_password="sai-mat-khau-1")
    before = written(any_db)
    with pytest.raises(UserError, match="^Phê duyệt của lãnh đạo: Tên đăng nhập hoặc mật khẩu không đúng.$"):
        act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, facts)
    with any_db.reading() as s:
        assert s.scalar(select(User.failed_logins).where(User.login == "lanhdao")) == 1  # kept though refused
    assert written(any_db) == before


def test_an_officer_cannot_approve_a_second_supplement(any_db):
    code = asked_twice(any_db)
    facts = at(FORM02, MON + timedelta(days=2), ground="Kết quả xác minh mới", approver_login="canbo",
               approver_password=DEMO_PASSWORD)
    with pytest.raises(UserError, match="^Phê duyệt của lãnh đạo: Tài khoản «canbo» không có quyền phê duyệt"):
        act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT, facts)
    assert len(events(any_db, code, "request_supplement")) == 1


def test_a_second_supplement_with_its_ground_and_the_supervisors_approval(any_db):
    code = asked_twice(any_db)
    out = act(any_db, OFFICER, code, Action.REQUEST_SUPPLEMENT,
              at(FORM02, MON + timedelta(days=2), ground="Kết quả xác minh mới của công an xã",
                 approver_login=" LanhDao ", approver_password=DEMO_PASSWORD))
    assert out.status_to == 5
    second = events(any_db, code, "request_supplement")[1]
    assert (second.details["ground"], second.details["approved_by"], second.details["round"],
            second.details["form_no"]) == ("Kết quả xác minh mới của công an xã", "lanhdao", 2, 2)
    with any_db.reading() as s:  # the audit record of the request names the approver too
        record = s.scalars(select(AuditRecord).where(AuditRecord.action == "dossier.request_supplement")
                           .order_by(AuditRecord.id.desc()).limit(1)).one()
    assert (record.actor, record.details["approved_by"]) == ("canbo", "lanhdao")


def test_an_actor_who_may_approve_approves_by_acting(db):
    code = asked_twice(db)
    with pytest.raises(UserError, match="^Hồ sơ đã được yêu cầu bổ sung 1 lần"):  # still needs the ground
        act(db, ADMIN, code, Action.REQUEST_SUPPLEMENT, at(FORM02, MON + timedelta(days=2)))
    act(db, ADMIN, code, Action.REQUEST_SUPPLEMENT, at(FORM02, MON + timedelta(days=2), ground="Hồ sơ gốc bị mất"))
    assert events(db, code, "request_supplement")[1].details["approved_by"] == "quantri"
