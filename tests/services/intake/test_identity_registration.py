"""Registration records identity as it is checked today (issue 20 §5): how the officer checked it,
an ID registered abroad accepted with its warning kept, a household business's 12-digit tax code,
and the principal when someone files on another's behalf, masked for roles that see masked data."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.cli.dossier_text import render
from app.domain.permissions import Actor
from app.domain.vocab import ApplicantKind, IdentityCheck, Role
from app.errors import UserError
from app.services.dossiers.query import dossier_detail
from app.services.intake.registration import Applicant, Principal, register
from db.models import Dossier, DossierEvent
from tests.helpers.factories import OFFICER, citizen, procedure_code, request

NOW = datetime(2026, 11, 23, 9, 0)
SUPERVISOR = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")
PRINCIPAL = Principal(name="Trần Thị Bích", address="Số 5 đường 30/4, Phường Long Châu, Vĩnh Long",
                      id_number="086185004321", phone="0939 123 456", email="bich.tran@example.vn",
                      paper="Giấy ủy quyền số 12/2026 ngày 20/11/2026")


def _stored(db, code):
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        event = s.scalar(select(DossierEvent).where(DossierEvent.dossier_id == d.id))
        return d.identity_check, d.principal, event.details


def test_identity_check_is_stored_and_none_when_not_said(db):
    r = register(db, OFFICER, request(procedure_code(db), NOW, identity_check=IdentityCheck.VNEID))
    assert _stored(db, r.code)[0] == "vneid"
    r = register(db, OFFICER, request(procedure_code(db), NOW, identity_check="card_qr"))
    assert _stored(db, r.code)[0] == "card_qr"
    r = register(db, OFFICER, request(procedure_code(db), NOW))
    assert _stored(db, r.code)[:2] == (None, None)
    with pytest.raises(UserError, match="kiểm tra danh tính") as err:
        register(db, OFFICER, request(procedure_code(db), NOW, identity_check="fingerprint"))
    assert err.value.field == "identity_check"


def test_an_id_registered_abroad_is_accepted_and_its_warning_recorded(db):
    applicant = citizen(id_number="840090012345", birth_date=date(1990, 6, 15), sex="Nam")
    r = register(db, OFFICER, request(procedure_code(db), NOW, applicant=applicant))
    assert len(r.warnings) == 1 and "«840»" in r.warnings[0]
    with db.reading() as s:
        assert s.scalar(select(Dossier.applicant_id_number).where(Dossier.code == r.code)) == "840090012345"
    assert _stored(db, r.code)[2]["id_warnings"] == list(r.warnings)


def test_a_number_disagreeing_with_the_birth_date_is_still_refused(db):
    applicant = citizen(id_number="086091012345", birth_date=date(1990, 6, 15), sex="Nam")
    with pytest.raises(UserError, match="năm sinh") as err:
        register(db, OFFICER, request(procedure_code(db), NOW, applicant=applicant))
    assert err.value.field == "cccd"


def test_a_household_business_files_with_its_personal_id_as_tax_code(db):
    business = Applicant(name="Hộ kinh doanh Tạp hóa Bé Ba", kind=ApplicantKind.BUSINESS, id_number="086 190 012345")
    r = register(db, OFFICER, request(procedure_code(db), NOW, applicant=business))
    with db.reading() as s:
        assert s.scalar(select(Dossier.applicant_id_number).where(Dossier.code == r.code)) == "086190012345"


def test_the_principal_is_validated_stored_and_masked(any_db):
    db = any_db  # the JSON column on SQLite and PostgreSQL
    r = register(db, OFFICER, request(procedure_code(db), NOW, principal=PRINCIPAL,
                                      identity_check=IdentityCheck.PASSPORT))
    assert _stored(db, r.code)[0] == "passport"
    assert _stored(db, r.code)[1] == {
        "name": "Trần Thị Bích", "address": "Số 5 đường 30/4, Phường Long Châu, Vĩnh Long",
        "id_number": "086185004321", "phone": "0939123456", "email": "bich.tran@example.vn",
        "paper": "Giấy ủy quyền số 12/2026 ngày 20/11/2026"}
    whole = dossier_detail(db, OFFICER, r.code)["principal"]
    assert whole["id_number"] == "086185004321" and whole["phone"] == "0939123456"
    masked = dossier_detail(db, SUPERVISOR, r.code)["principal"]
    assert masked == {"name": "Trần Thị Bích", "address": "***, Phường Long Châu, Vĩnh Long",
                      "id_number": "086******321", "phone": "093****456", "email": "b********@example.vn",
                      "paper": "Giấy ủy quyền số 12/2026 ngày 20/11/2026"}
    text = render(dossier_detail(db, SUPERVISOR, r.code))  # motcua dossier show
    assert "Danh tính:       Hộ chiếu" in text
    assert "Nộp thay cho:    Trần Thị Bích · Số định danh: 086******321 · Điện thoại: 093****456" in text


@pytest.mark.parametrize("change, field, words", [
    ({"name": "  "}, "principal_name", "họ tên người ủy quyền"),
    ({"id_number": "08618500432"}, "principal_cccd", "12 chữ số"),
    ({"phone": "12345"}, "principal_phone", "Số điện thoại"),
    ({"email": "bich@"}, "principal_email", "thư điện tử"),
    ({"paper": "Giấy\x00ủy quyền"}, "principal_paper", "Giấy ủy quyền"),
    ({"address": "x" * 501}, "principal_address", "Địa chỉ người ủy quyền"),
])
def test_a_bad_principal_is_one_named_refusal_and_nothing_is_written(db, change, field, words):
    bad = Principal(**{**PRINCIPAL.__dict__, **change})
    with pytest.raises(UserError) as err:
        register(db, OFFICER, request(procedure_code(db), NOW, principal=bad))
    assert err.value.field == field and words in str(err.value)
    with db.reading() as s:
        assert s.scalar(select(Dossier.id).limit(1)) is None


def test_a_principal_registered_abroad_is_a_warning(db):
    abroad = Principal(**{**PRINCIPAL.__dict__, "id_number": "840185004321"})
    r = register(db, OFFICER, request(procedure_code(db), NOW, principal=abroad))
    assert r.warnings and r.warnings[0].startswith("Người ủy quyền: ")
