"""Personal data: masked in lists for roles that do not need it whole, and every view, look-up
and export an audit record naming who, when and which dossier."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.privacy import mask_id_number, mask_phone
from app.domain.vocab import Role
from app.errors import PermissionDenied
from app.services.dossiers.forms import ledger_xlsx, print_form
from app.services.dossiers.listing import DossierFilter, fetch_page
from app.services.dossiers.query import dossier_detail, search
from app.services.intake.registration import register
from db.models import AuditRecord
from tests.helpers.factories import OFFICER, citizen, procedure_code, request

NOW = datetime(2026, 11, 23, 9, 0)
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")


def _dossier(db, id_number="079090004321", phone="0939123456"):
    return register(db, OFFICER, request(procedure_code(db), NOW,
                                         applicant=citizen(id_number=id_number, phone=phone))).code


def _audits(db, action):
    with db.reading() as s:
        return s.execute(select(AuditRecord.actor, AuditRecord.entity_id, AuditRecord.details)
                         .where(AuditRecord.action == action).order_by(AuditRecord.id)).all()


def test_the_masks_keep_just_enough_to_tell_people_apart():
    assert mask_id_number("079090004321") == "079******321"
    assert mask_phone("0939123456") == "093****456"
    assert mask_id_number(None) is None and mask_id_number("12345") == "*****"


def test_the_one_rule_masks_each_kind_of_personal_data_by_field_name():
    from datetime import date

    from app.domain.privacy import mask, mask_address, mask_text, shown_to

    assert mask("applicant_email", "an.nguyen@example.vn") == "a********@example.vn"
    assert mask("applicant_birth_date", date(1990, 3, 4)) == mask("applicant_birth_date", "1990-03-04") == "**/**/****"
    assert mask_address("12 Lê Lợi, Phường 1, Vĩnh Long") == "***, Phường 1, Vĩnh Long"
    assert mask_address("Số 5, đường Hùng Vương, Phường 1, Vĩnh Long") == "***, Phường 1, Vĩnh Long"
    assert mask_address("Ấp Phú Hòa") == "***"
    assert mask("result_address", "Ấp Phú Hòa, xã Long Hồ") == "***, xã Long Hồ"
    # Free text: the numbers and e-mails in it, not the words, nor codes, dates or amounts.
    assert mask_text("Gọi 0939 123 456 hoặc +84 939.123.456, CCCD 079090004321, thư an@x.vn") == \
        "Gọi 093****456 hoặc 849*****456, CCCD 079******321, thư a*@x.vn"
    kept = "Mã 000.00.01.H62-261123-0001, ngày 23/11/2026, lệ phí 1.500.000 đ, thủ tục 1.011442.000.00.00.H38"
    assert mask_text(kept) == kept
    # A dossier's details: key by key, into the history's facts; other fields as they are.
    detail = {"code": "X", "applicant_name": "Nguyễn Văn An", "applicant_sex": "Nam", "applicant_phone": "0939123456",
              "events": [{"note": "gọi 0939123456", "details": {
                  "collector": {"name": "Trần B", "id_number": "079090004321"},
                  "post": {"shipment": "EB123", "address": "12 Lê Lợi, Phường 1, Vĩnh Long"},
                  "before": {"applicant_email": "an@x.vn"}}}]}
    assert mask("dossier", detail) == {
        "code": "X", "applicant_name": "Nguyễn Văn An", "applicant_sex": "Nam", "applicant_phone": "093****456",
        "events": [{"note": "gọi 093****456", "details": {
            "collector": {"name": "Trần B", "id_number": "079******321"},
            "post": {"shipment": "EB123", "address": "***, Phường 1, Vĩnh Long"},
            "before": {"applicant_email": "a*@x.vn"}}}]}
    assert shown_to(OFFICER, "dossier", detail) is detail and shown_to(SUPERVISOR, "applicant_phone", None) is None


def test_lists_show_whole_numbers_to_officers_and_masked_ones_to_supervisors(db):
    code = _dossier(db)
    mine = search(db, OFFICER, "079090004321")
    theirs = search(db, SUPERVISOR, "079090004321")
    assert [(r.code, r.applicant_id_number, r.applicant_phone) for r in mine] == [(code, "079090004321", "0939123456")]
    assert [(r.code, r.applicant_id_number, r.applicant_phone) for r in theirs] == [(code, "079******321", "093****456")]
    page = fetch_page(db, SUPERVISOR, DossierFilter(text="0939123456"))
    assert [(r.applicant_id_number, r.applicant_phone) for r in page] == [("079******321", "093****456")]


def test_a_look_up_by_number_is_logged_without_the_number(db):
    code = _dossier(db)
    search(db, SUPERVISOR, "079090004321")
    fetch_page(db, OFFICER, DossierFilter(text="0939123456"))
    fetch_page(db, OFFICER, DossierFilter(text="0939123456"), before_id=10**9)  # the next page: same look-up
    search(db, OFFICER, "Nguyễn")  # a name is not an identifier: not a look-up record
    rows = _audits(db, "dossier.lookup")
    assert [(a, d["by"], d["value"], d["codes"]) for a, _e, d in rows] == [
        ("lanhdao", "id_number", "079******321", [code]),
        ("canbo", "phone", "093****456", [code]),
    ]


def test_every_view_of_a_dossier_is_logged(db):
    code = _dossier(db)
    dossier_detail(db, SUPERVISOR, code)
    dossier_detail(db, OFFICER, code)
    print_form(db, OFFICER, "control", code, NOW)
    views = _audits(db, "dossier.view")
    assert [(a, e, d["what"]) for a, e, d in views] == [
        ("lanhdao", code, "detail"), ("canbo", code, "detail"), ("canbo", code, "form:control")]


def test_the_ledger_export_is_for_the_counter_and_is_logged(db):
    _dossier(db)
    with pytest.raises(PermissionDenied, match="xuất dữ liệu hồ sơ"):
        ledger_xlsx(db, SUPERVISOR, NOW.date(), NOW.date())
    assert _audits(db, "export.ledger") == []
    assert ledger_xlsx(db, OFFICER, NOW.date(), NOW.date())[:2] == b"PK"
    [(who, _e, details)] = _audits(db, "export.ledger")
    assert (who, details["rows"], details["as"], details["from"]) == ("canbo", 1, "xlsx", "2026-11-23")
