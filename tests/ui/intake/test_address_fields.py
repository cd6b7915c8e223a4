"""The address at the intake form (issue 20 §4): province and commune picked by type-ahead with
diacritics optional, an ID card's old address converted and shown beside the original before the
officer takes it or keeps it. Typed through key events carrying their text (never keyClicks)."""


import pytest
from sqlalchemy import select

from app.domain import address as units
from app.domain.cccd_qr import parse_cccd_qr
from db.models import Dossier
from tests.helpers.keyboard import enter, focused, type_text
from tests.ui.intake.conftest import choose_marriage

OLD = "Số 12 đường Lê Lợi, Phường 1, Thành phố Vĩnh Long, Vĩnh Long"
QR = f"086190012345||Đặng Thị Ngọc Ánh|12031990|Nữ|{OLD}|01072021"
VINH_LONG, LONG_CHAU = "86", "29551"


def saved(db) -> Dossier:
    with db.reading() as s:
        return s.scalars(select(Dossier)).one()


def test_the_province_defaults_to_the_offices(form):
    fields = form.address_fields
    assert fields.province.code() == VINH_LONG and fields.province.text() == "Vĩnh Long"
    assert len(fields.commune.choices) == 124  # the new Vĩnh Long's communes, nothing else


def test_typing_long_chau_without_diacritics_picks_phuong_long_chau_and_saves_the_codes(form, db, qtbot):
    choose_marriage(form)
    fields = form.address_fields
    fields.commune.setFocus()
    type_text("long chau")
    qtbot.waitUntil(fields.commune.completer().popup().isVisible)
    assert fields.commune.matches() == [LONG_CHAU]
    with qtbot.waitSignal(fields.changed, timeout=2000):  # a pick is an edit of the form
        enter()
    assert fields.commune.code() == LONG_CHAU and fields.commune.text() == "Phường Long Châu"
    assert focused() is fields.province  # Enter picks and moves on, as the procedure picker does
    form.address.setFocus()
    type_text("Số 7 đường Nguyễn Huệ")
    form.name.setText("Đặng Thị Ngọc Ánh")
    assert form.save() is not None
    d = saved(db)
    assert d.applicant_address == "Số 7 đường Nguyễn Huệ, Phường Long Châu, tỉnh Vĩnh Long"
    assert (d.applicant_province_code, d.applicant_commune_code, d.applicant_address_old) == (
        VINH_LONG, LONG_CHAU, None)


def test_another_province_is_found_with_or_without_diacritics_and_brings_its_communes(form, qtbot):
    fields = form.address_fields
    fields.province.setFocus()
    fields.province.clear()  # holds the office's province
    type_text("đồng tháp")
    assert fields.province.matches() == ["82"]
    fields.province.clear()
    type_text("dong thap")
    assert fields.province.matches() == ["82"]
    enter()
    assert fields.province.code() == "82"
    assert [c.code for c in fields.commune.choices] == [c.code for c in units.communes("82")]
    assert fields.commune.code() is None


def test_an_old_card_address_is_shown_beside_its_conversion_and_taken(form, db):
    choose_marriage(form)
    form.fill_from_card(parse_cccd_qr(QR))
    fields = form.address_fields
    assert fields.proposal.isVisible()
    assert fields.old_label.text() == f"Địa chỉ cũ: {OLD}"
    assert fields.new_label.text() == ("Địa chỉ mới (sau sắp xếp năm 2025): "
                                       "Số 12 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long")
    assert not fields.options.isVisible()  # one proposal: nothing to choose between
    fields.accept_button.click()
    assert not fields.proposal.isVisible()
    assert (fields.commune.code(), fields.street.text()) == (LONG_CHAU, "Số 12 đường Lê Lợi")
    assert form.save() is not None
    d = saved(db)
    assert d.applicant_address == "Số 12 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long"
    assert (d.applicant_province_code, d.applicant_commune_code, d.applicant_address_old) == (
        VINH_LONG, LONG_CHAU, OLD)


def test_the_officer_may_keep_the_old_address_as_given(form, db):
    choose_marriage(form)
    form.fill_from_card(parse_cccd_qr(QR))
    form.address_fields.keep_button.click()
    assert not form.address_fields.proposal.isVisible()
    form.address.setFocus()
    form.notes.setFocus()  # leaving the line does not propose the same conversion again
    assert not form.address_fields.proposal.isVisible()
    assert form.save() is not None
    d = saved(db)
    assert (d.applicant_address, d.applicant_province_code, d.applicant_commune_code, d.applicant_address_old) == (
        OLD, None, None, None)


def test_a_split_ward_offers_a_choice(form):
    fields = form.address_fields
    fields.set_from_card("Phường Đội Cấn, Quận Ba Đình, Hà Nội")
    assert fields.options.isVisible() and fields.options.count() == 2
    fields.options.setCurrentIndex(1)
    assert fields.new_label.text().endswith("Phường Ngọc Hà, Thành phố Hà Nội")
    fields.accept_button.click()
    assert (fields.province.code(), fields.commune.text()) == ("1", "Phường Ngọc Hà")
    address, province, commune, old = fields.value()
    assert (address, province, old) == ("Phường Ngọc Hà, Thành phố Hà Nội", "1", "Phường Đội Cấn, Quận Ba Đình, Hà Nội")


def test_a_typed_old_address_is_proposed_when_the_line_is_left(form):
    form.address.setFocus()
    type_text("Ấp Phước Yên, Xã Phước Hậu, Huyện Long Hồ, Vĩnh Long")
    form.notes.setFocus()
    fields = form.address_fields
    assert fields.proposal.isVisible()
    assert fields.new_label.text().endswith("Ấp Phước Yên, Phường Phước Hậu, tỉnh Vĩnh Long")


def test_a_new_style_address_on_a_card_fills_the_pickers(form):
    form.address_fields.set_from_card("Số 3, Phường Long Châu, tỉnh Vĩnh Long")
    fields = form.address_fields
    assert not fields.proposal.isVisible()
    assert (fields.street.text(), fields.commune.code(), fields.province.code()) == ("Số 3", LONG_CHAU, VINH_LONG)


def test_clearing_the_form_resets_the_address(form):
    form.address_fields.set_from_card(OLD)
    form.address_fields.accept_new()
    form.clear()
    fields = form.address_fields
    assert fields.value() == (None, None, None, None) and not fields.proposal.isVisible()
    assert fields.province.code() == VINH_LONG and fields.commune.code() is None
    assert not form.is_dirty()  # resetting the address is not an edit


@pytest.fixture
def form(tall_form):
    return tall_form
