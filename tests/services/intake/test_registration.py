from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.domain.codes import parse_dossier_code
from app.domain.permissions import Actor
from app.domain.vocab import DossierStatus, ResultMethod, Role
from app.errors import PermissionDenied, UserError
from app.services.intake.registration import DocumentLine, register
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import OFFICER, citizen, procedure_code, request


def counts(db):
    with db.reading() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Dossier, DossierEvent, AuditRecord, OutboxMessage))


def test_register_writes_dossier_event_audit_and_outbox_together(any_db):
    code = procedure_code(any_db, unit="working_days")
    before = counts(any_db)
    r = register(any_db, OFFICER, request(code, datetime(2026, 11, 20, 9, 15)))
    assert counts(any_db) == tuple(n + 1 for n in before)
    assert r.code == "000.00.01.H62-261120-0001"
    with any_db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == r.code))
        assert d.status == DossierStatus.RECEIVED and d.received_at == datetime(2026, 11, 20, 9, 15)
        assert d.due_at == r.due_at and d.due_at.time().hour == 17
        assert d.applicant_name == "Nguyễn Văn An" and d.applicant_name_folded == "nguyen van an"
        assert len(d.documents) >= 1 and all(doc.received for doc in d.documents)
        event = s.scalar(select(DossierEvent).where(DossierEvent.dossier_id == d.id))
        outbox = s.scalar(select(OutboxMessage).where(OutboxMessage.dossier_id == d.id))
        audit = s.scalar(select(AuditRecord).where(AuditRecord.entity_id == r.code))
        assert outbox.event_uuid == event.uuid  # the portal's idempotency key
        assert audit.action == "dossier.receive" and audit.actor == "canbo" and audit.counter_id == 1
        assert (event.status_from, event.status_to) == (None, DossierStatus.RECEIVED)


def test_codes_count_up_per_day_and_restart_the_next_day(db):
    code = procedure_code(db)
    codes = [register(db, OFFICER, request(code, datetime(2026, 11, d, 9))).code for d in (19, 19, 20)]
    assert [parse_dossier_code(c).sequence for c in codes] == [1, 2, 1]


@pytest.mark.parametrize("change,message", [
    (dict(applicant=citizen(name="  ")), "họ tên"),
    (dict(applicant=citizen(id_number="079090012345", birth_date=date(1991, 1, 1))), "năm sinh"),
    (dict(applicant=citizen(phone="123")), "điện thoại"),
    (dict(result_method=ResultMethod.POST), "địa chỉ nhận"),
    (dict(sets=0), "Số bộ"),
    (dict(due_override=datetime(2026, 12, 31, 17)), "lý do"),
])
def test_bad_input_is_refused_and_nothing_is_written(db, change, message):
    code = procedure_code(db)
    before = counts(db)
    with pytest.raises(UserError, match=message):
        register(db, OFFICER, request(code, datetime(2026, 11, 20, 9), **change))
    assert counts(db) == before


def test_missing_mandatory_document_needs_a_reason(db):
    code = procedure_code(db)
    docs = [DocumentLine("Tờ khai", mandatory=True, received=False)]
    with pytest.raises(UserError, match="Tờ khai"):
        register(db, OFFICER, request(code, datetime(2026, 11, 20, 9), documents=docs))
    r = register(db, OFFICER, request(code, datetime(2026, 11, 20, 9), documents=docs,
                                      missing_documents_reason="Công dân hẹn bổ sung trong ngày"))
    with db.reading() as s:
        event = s.scalar(select(DossierEvent).join(Dossier).where(Dossier.code == r.code))
        assert event.details["missing_documents"]["documents"] == ["Tờ khai"]


def test_due_override_with_reason_is_kept_in_the_history(db):
    code = procedure_code(db)
    chosen = datetime(2026, 12, 31, 16, 0)
    r = register(db, OFFICER, request(code, datetime(2026, 11, 20, 9), due_override=chosen,
                                      due_override_reason="Công dân xin hẹn muộn hơn"))
    assert r.due_at == chosen
    with db.reading() as s:
        event = s.scalar(select(DossierEvent).join(Dossier).where(Dossier.code == r.code))
        assert event.details["due_override"]["chosen"] == chosen.isoformat()
        assert event.details["due_override"]["reason"] == "Công dân xin hẹn muộn hơn"


@pytest.mark.parametrize("role", [Role.GUIDE, Role.SUPERVISOR])
def test_only_officers_and_admins_register(db, role):
    code = procedure_code(db)
    with pytest.raises(PermissionDenied):
        register(db, Actor("x", role), request(code, datetime(2026, 11, 20, 9)))
    assert counts(db)[0] == 0
