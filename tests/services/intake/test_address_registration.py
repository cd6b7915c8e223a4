"""A dossier keeps the address's new units (codes) and, when converted, the address as first given."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.address_convert import convert
from app.errors import UserError
from app.services.intake.registration import register
from db.models import Dossier
from tests.helpers.factories import OFFICER, citizen, procedure_code, request

AT = datetime(2026, 11, 20, 9, 15)


def test_the_codes_and_the_old_address_are_stored(any_db):
    old = "Số 12 đường Lê Lợi, Phường 1, Thành phố Vĩnh Long, Vĩnh Long"
    conversion = convert(old)
    option = conversion.options[0]
    person = citizen(address=conversion.new_text(), province_code=option.province_code,
                     commune_code=option.commune_code, address_old=conversion.old_text)
    r = register(any_db, OFFICER, request(procedure_code(any_db), AT, applicant=person))
    with any_db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == r.code))
        assert d.applicant_address == "Số 12 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long"
        assert (d.applicant_province_code, d.applicant_commune_code) == ("86", "29551")
        assert d.applicant_address_old == old


def test_an_address_typed_freely_keeps_no_codes(db):
    r = register(db, OFFICER, request(procedure_code(db), AT))
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == r.code))
        assert d.applicant_address == "12 Lê Lợi, Phường 1, Vĩnh Long"
        assert (d.applicant_province_code, d.applicant_commune_code, d.applicant_address_old) == (None, None, None)


def test_a_commune_of_another_province_is_refused_and_nothing_is_written(db):
    person = citizen(province_code="86", commune_code="4")  # Phường Ba Đình, Hà Nội
    with pytest.raises(UserError) as caught:
        register(db, OFFICER, request(procedure_code(db), AT, applicant=person))
    assert str(caught.value) == "Phường Ba Đình không thuộc tỉnh Vĩnh Long: chọn lại xã/phường."
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 0


def test_the_old_address_is_shown_whole_to_the_officer_and_masked_to_a_supervisor(db):
    from app.cli.dossier_text import render
    from app.domain.permissions import Actor
    from app.domain.vocab import Role
    from app.services.dossiers.query import dossier_detail

    old = "Số 12 đường Lê Lợi, Phường 1, Thành phố Vĩnh Long, Vĩnh Long"
    conversion = convert(old)
    option = conversion.options[0]
    person = citizen(address=conversion.new_text(), province_code=option.province_code,
                     commune_code=option.commune_code, address_old=conversion.old_text)
    code = register(db, OFFICER, request(procedure_code(db), AT, applicant=person)).code
    whole = dossier_detail(db, OFFICER, code)
    assert whole["applicant_address_old"] == old
    assert f"Địa chỉ cũ:      {old}" in render(whole)
    boss = Actor(login="giamsat", role=Role.SUPERVISOR, user_id=3, full_name="Lê Văn Giám")
    masked = dossier_detail(db, boss, code)["applicant_address_old"]
    assert masked.startswith("***") and "Số 12" not in masked and "Vĩnh Long" in masked
