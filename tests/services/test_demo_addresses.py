"""The demo office is a post-2025 intake point: its dossiers carry the units of their time, and
nothing happens on a day off."""

from datetime import date, datetime

from sqlalchemy import select

from app.domain import address as units
from app.domain.address_convert import convert
from app.domain.permissions import Actor
from app.services import demo_names
from app.services.demo_data import REFORM_DAY, generate
from app.services.settings.calendar import DAY_OFF, add_override, load_calendar
from db.models import Agency, Dossier, DossierEvent

ADMIN = Actor.system()
UNTIL = datetime(2026, 11, 20, 15, 30)  # a Friday
VINH_LONG = "86"


def test_the_demo_office_is_the_provincial_service_centre_in_phuong_long_chau(db):
    with db.reading() as s:
        agency = s.scalars(select(Agency)).one()
    assert agency.name.startswith("Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long")
    assert agency.parent_name == "UBND TỈNH VĨNH LONG" and agency.unit_code == "000.00.01.H62"
    assert agency.address == "Số 1 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long"
    assert convert(agency.address) is None  # already in the new units: nothing to convert


def test_every_old_place_of_the_demo_vocabulary_converts_as_stated():
    for ward, district, province, new in demo_names.OLD_PLACES:
        conversion = convert(f"{ward}, {district}, tỉnh {province}")
        assert conversion is not None, (ward, district)
        assert [o.commune_name for o in conversion.options] == [new]
        assert conversion.options[0].province_code == VINH_LONG


def test_dossiers_carry_the_units_of_their_day(db):
    generate(db, ADMIN, 1500, seed=4, until=UNTIL, years=2)
    communes = {c.code: c for c in units.communes(VINH_LONG)}
    with db.reading() as s:
        rows = s.execute(select(Dossier.received_at, Dossier.applicant_address, Dossier.applicant_province_code,
                                Dossier.applicant_commune_code, Dossier.applicant_address_old)).all()
    before = [r for r in rows if r.received_at.date() < REFORM_DAY]
    after = [r for r in rows if r.received_at.date() >= REFORM_DAY]
    assert len(before) > 100 and len(after) > 100
    for r in after:
        commune = communes[r.applicant_commune_code]  # a commune of the new Vĩnh Long, nothing else
        assert r.applicant_province_code == VINH_LONG
        assert r.applicant_address.endswith(f", {commune.name}, tỉnh Vĩnh Long")
        assert not any(w in r.applicant_address for w in ("Huyện", "Thị xã", "Thành phố", "Thị trấn"))
        if r.applicant_address_old is not None:  # an ID card's old address, converted
            assert convert(r.applicant_address_old).options[0].commune_code == commune.code
    converted = [r for r in after if r.applicant_address_old]
    assert converted and len(converted) < len(after) / 2
    assert {communes[r.applicant_commune_code].name for r in after} >= {"Phường Long Châu"}
    former = {"Phường Bến Tre", "Phường Trà Vinh", "Xã Ba Tri", "Xã Cầu Kè", "Xã Tiểu Cần", "Xã Mỏ Cày"}
    assert {communes[r.applicant_commune_code].name for r in after} & former  # Bến Tre and Trà Vinh areas
    for r in before:
        assert (r.applicant_province_code, r.applicant_commune_code, r.applicant_address_old) == (None, None, None)
        conversion = convert(r.applicant_address)  # a real old ward–district pair of the old Vĩnh Long
        assert conversion is not None, r.applicant_address
        assert r.applicant_address.endswith(", tỉnh Vĩnh Long")


def test_no_event_falls_on_a_day_off(db):
    add_override(db, ADMIN, date(2026, 10, 14), DAY_OFF, "Nghỉ theo quyết định của tỉnh")  # a Wednesday
    sunday = datetime(2026, 11, 22, 10, 0)
    generate(db, ADMIN, 1200, seed=6, until=sunday, years=1)
    calendar = load_calendar(db)
    with db.reading() as s:
        moments = s.scalars(select(DossierEvent.at)).all()
        received = s.scalars(select(Dossier.received_at)).all()
    assert len(moments) > 2000
    assert [m for m in moments if not calendar.is_working_day(m.date())] == []
    assert [m for m in received if not calendar.is_working_day(m.date())] == []
    assert max(moments) <= sunday and max(moments).date() == date(2026, 11, 20)  # the Friday before
