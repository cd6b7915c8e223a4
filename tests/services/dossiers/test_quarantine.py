"""Quarantined changes: listed with the portal's reasons in the counter's words, corrected, and
sent again; a correction is a change of its own (event, audit, outbox)."""

from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.errors import UserError
from app.services.dossiers import quarantine
from app.services.intake.registration import register
from db.models import AuditRecord, Dossier, DossierEvent, OutboxMessage
from tests.helpers.factories import OFFICER, request

MON = datetime(2026, 11, 23, 9, 0)


def quarantine_first(db, code):
    with db.writing() as s:
        d = s.scalar(select(Dossier.id).where(Dossier.code == code))
        first = s.scalar(select(OutboxMessage.id).where(OutboxMessage.dossier_id == d).order_by(OutboxMessage.id))
        s.execute(update(OutboxMessage).where(OutboxMessage.id == first).values(
            state="quarantined", last_error="Dữ liệu không hợp lệ", quarantined_at=MON,
            error_fields=[{"field": "SoDienThoai", "label": "Số điện thoại", "message": "Số điện thoại phải có 10 hoặc 11 chữ số"}]))
        return first


def test_list_correct_and_retry(any_db):
    code = register(any_db, OFFICER, request("1.000894", received_at=MON)).code
    first = quarantine_first(any_db, code)
    quarantine.correct_contact(any_db, OFFICER, code, {"applicant_phone": "0912 345 679"}, "Gõ nhầm số")
    [q] = quarantine.quarantined(any_db, OFFICER)
    assert (q.outbox_id, q.code, q.change, q.waiting_behind) == (first, code, "Tiếp nhận hồ sơ", 1)
    assert q.fields == [("Số điện thoại", "Số điện thoại phải có 10 hoặc 11 chữ số")]
    quarantine.retry(any_db, OFFICER, first)
    assert quarantine.quarantined(any_db, OFFICER) == []
    with any_db.reading() as s:
        assert s.scalar(select(Dossier.applicant_phone).where(Dossier.code == code)) == "0912345679"
        rows = s.execute(select(OutboxMessage.kind, OutboxMessage.seq, OutboxMessage.state)
                         .order_by(OutboxMessage.id)).all()
        assert rows == [("receive", 1, "pending"), ("correct", 2, "pending")]
        event = s.scalars(select(DossierEvent).where(DossierEvent.action == "correct")).one()
        assert event.note == "Gõ nhầm số" and event.details["before"] == {"applicant_phone": "0912345678"}
        assert s.scalar(select(AuditRecord).where(AuditRecord.action == "portal.retry")) is not None
    with pytest.raises(UserError, match="không còn"):
        quarantine.retry(any_db, OFFICER, first)


def test_a_correction_is_checked_and_needs_a_reason(db):
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with pytest.raises(UserError, match="lý do"):
        quarantine.correct_contact(db, OFFICER, code, {"applicant_phone": "0912345679"}, " ")
    with pytest.raises(UserError, match="điện thoại"):
        quarantine.correct_contact(db, OFFICER, code, {"applicant_phone": "12"}, "sửa")
    with pytest.raises(UserError, match="Chỉ sửa"):
        quarantine.correct_contact(db, OFFICER, code, {"status": "9"}, "sửa")
    with pytest.raises(UserError, match="Không có gì"):
        quarantine.correct_contact(db, OFFICER, code, {"applicant_phone": "0912345678"}, "sửa")
    with db.reading() as s:
        assert s.scalars(select(OutboxMessage.kind)).all() == ["receive"]


def test_a_corrected_address_carries_the_codes_of_the_units_it_names(db):
    from tests.helpers.factories import citizen

    applicant = citizen(address="12 Lê Lợi, Phường Long Châu, Tỉnh Vĩnh Long", province_code="86",
                        commune_code="29551")
    code = register(db, OFFICER, request("1.000894", received_at=MON, applicant=applicant)).code

    def units():
        with db.reading() as s:
            d = s.scalar(select(Dossier).where(Dossier.code == code))
            return d.applicant_province_code, d.applicant_commune_code

    assert units() == ("86", "29551")
    quarantine.correct_contact(db, OFFICER, code, {"applicant_address": "5 Nguyễn Huệ, Phường Phước Hậu, Vĩnh Long"},
                               "Địa chỉ mới")
    assert units() == ("86", "29557")  # Phường Phước Hậu
    quarantine.correct_contact(db, OFFICER, code, {"applicant_address": "Ấp 3, xã cũ không rõ"}, "Theo lời khai")
    assert units() == (None, None)
