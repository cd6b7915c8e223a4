"""Addresses after the 2025 reform: the official units (vietnam-provinces), type-ahead matching
with diacritics optional, the province check, and old → new conversion (DOMAIN.md §0, §14)."""

from collections import Counter

import pytest

from app.domain import address as units
from app.domain.address_convert import convert, parse_new
from app.errors import UserError

VINH_LONG, LONG_CHAU = "86", "29551"


def test_the_34_provinces_of_resolution_202():
    provinces = units.provinces()
    assert len(provinces) == 34 and len({p.code for p in provinces}) == 34
    assert sum(p.city for p in provinces) == 6  # Hà Nội, Huế, Hải Phòng, Đà Nẵng, TP.HCM, Cần Thơ
    names = {p.name for p in provinces}
    assert {"Vĩnh Long", "Đồng Tháp", "Thành phố Hồ Chí Minh"} <= names
    assert not names & {"Bến Tre", "Trà Vinh", "Bà Rịa - Vũng Tàu"}  # merged away


def test_the_new_vinh_long_has_124_communes_centred_on_phuong_long_chau():
    communes = units.communes(VINH_LONG)
    assert len(communes) == 124
    assert Counter(c.kind for c in communes) == {"phường": 19, "xã": 105}  # DOMAIN.md §0
    assert units.commune(LONG_CHAU) == units.Commune(LONG_CHAU, "Phường Long Châu", "phường", VINH_LONG)
    names = {c.name for c in communes}
    # Former Bến Tre and Trà Vinh areas are part of it.
    assert {"Phường Bến Tre", "Phường Trà Vinh", "Xã Ba Tri", "Xã Cầu Kè"} <= names
    assert "Huyện" not in " ".join(names)


@pytest.mark.parametrize("typed", ["dong thap", "đồng tháp", "DONG THAP", "Đồng Tháp"])
def test_a_province_is_found_with_or_without_diacritics(typed):
    assert [p.name for p in units.find_provinces(typed)] == ["Đồng Tháp"]


@pytest.mark.parametrize("typed", ["long chau", "Long Châu", "phuong long chau", "LONG CHÂU"])
def test_a_commune_is_found_with_or_without_diacritics(typed):
    assert [c.code for c in units.find_communes(VINH_LONG, typed)] == [LONG_CHAU]


def test_d_with_stroke_folds_to_d():
    found = units.find_communes(VINH_LONG, "dai dien")
    assert [c.name for c in found] == ["Xã Đại Điền"]


def test_province_named_reads_the_end_of_an_address():
    assert units.province_named("Số 1, Phường Long Châu, tỉnh Vĩnh Long").code == VINH_LONG
    assert units.province_named("TP Hồ Chí Minh").code == "79"
    assert units.province_named("Bến Tre") is None  # no longer a province


def test_compose_has_no_district():
    assert units.compose("Số 12 đường Lê Lợi", LONG_CHAU, VINH_LONG) == \
        "Số 12 đường Lê Lợi, Phường Long Châu, tỉnh Vĩnh Long"
    assert units.compose("", "4", "1") == "Phường Ba Đình, Thành phố Hà Nội"


def test_a_commune_outside_the_chosen_province_is_refused_in_one_vietnamese_line():
    ba_dinh = "4"  # Hà Nội
    with pytest.raises(UserError) as caught:
        units.check_units(VINH_LONG, ba_dinh)
    assert str(caught.value) == "Phường Ba Đình không thuộc tỉnh Vĩnh Long: chọn lại xã/phường."
    assert caught.value.field == "address"
    with pytest.raises(UserError, match="Mã xã/phường không có trong danh mục"):
        units.check_units(VINH_LONG, "99999")
    with pytest.raises(UserError, match="Mã tỉnh/thành phố không có"):
        units.check_units("71", None)  # the old Vĩnh Long province code
    assert units.check_units(VINH_LONG, LONG_CHAU) == (VINH_LONG, LONG_CHAU)
    assert units.check_units(None, LONG_CHAU) == (VINH_LONG, LONG_CHAU)  # the commune implies it
    assert units.check_units(" ", "") == (None, None)


@pytest.mark.parametrize(("old", "new"), [
    # DOMAIN.md §14: Phường 1, 9, Trường An → Long Châu; Phường 3, 4 + xã Phước Hậu → Phước Hậu;
    # Phường 5 + xã Thanh Đức → Thanh Đức.
    ("Phường 1, Thành phố Vĩnh Long, Vĩnh Long", "Phường Long Châu, tỉnh Vĩnh Long"),
    ("Phường 9, TP Vĩnh Long, tỉnh Vĩnh Long", "Phường Long Châu, tỉnh Vĩnh Long"),
    ("Phường Trường An, Thành phố Vĩnh Long, Vĩnh Long", "Phường Long Châu, tỉnh Vĩnh Long"),
    ("Phường 3, Thành phố Vĩnh Long, Vĩnh Long", "Phường Phước Hậu, tỉnh Vĩnh Long"),
    ("P.4, TP. Vĩnh Long, Vĩnh Long", "Phường Phước Hậu, tỉnh Vĩnh Long"),
    ("Ấp Phước Yên, Xã Phước Hậu, Huyện Long Hồ, Vĩnh Long", "Ấp Phước Yên, Phường Phước Hậu, tỉnh Vĩnh Long"),
    ("Phường 05, Thành phố Vĩnh Long, Vĩnh Long", "Phường Thanh Đức, tỉnh Vĩnh Long"),
    ("xa thanh duc, huyen long ho, vinh long", "Phường Thanh Đức, tỉnh Vĩnh Long"),
    ("Khóm 1, Phường 1, Thành phố Trà Vinh, Trà Vinh, Việt Nam", "Khóm 1, Phường Trà Vinh, tỉnh Vĩnh Long"),
    ("Thị trấn Long Hồ, Huyện Long Hồ, Tỉnh Vĩnh Long", "Xã Long Hồ, tỉnh Vĩnh Long"),
    ("Huyện Côn Đảo, Bà Rịa - Vũng Tàu", "Đặc khu Côn Đảo, Thành phố Hồ Chí Minh"),  # a whole district
])
def test_old_addresses_convert_to_the_new_units(old, new):
    conversion = convert(old)
    assert conversion is not None and len(conversion.options) == 1
    assert conversion.new_text() == new
    assert conversion.old_text == old
    option = conversion.options[0]
    assert units.commune(option.commune_code).province_code == option.province_code


def test_the_street_is_kept_and_the_old_units_are_named():
    c = convert("Số 12 đường Lê Lợi, Phường 1, Thành phố Vĩnh Long, tỉnh Vĩnh Long")
    assert c.street == "Số 12 đường Lê Lợi"
    assert c.old_units == "Phường 1, Thành Phố Vĩnh Long, Tỉnh Vĩnh Long"
    assert (c.options[0].province_code, c.options[0].commune_code) == (VINH_LONG, LONG_CHAU)


def test_a_ward_split_between_communes_offers_each():
    c = convert("Phường Đội Cấn, Quận Ba Đình, Hà Nội")
    assert [c.new_text(i) for i in range(len(c.options))] == [
        "Phường Ba Đình, Thành phố Hà Nội", "Phường Ngọc Hà, Thành phố Hà Nội"]


@pytest.mark.parametrize("text", [
    "Số 1, Phường Long Châu, tỉnh Vĩnh Long",  # already new
    "Số 5 đường Hùng Vương, Phường 1, Vĩnh Long",  # no district: which Phường 1?
    "Phường 99, Thành phố Vĩnh Long, Vĩnh Long",  # no such ward… then the district alone is not enough
    "12 Main Street, Springfield", "", "   ", None,
])
def test_nothing_is_proposed_when_the_address_is_not_an_old_one(text):
    assert convert(text) is None


def test_every_new_commune_of_the_table_is_in_the_official_list():
    """The converter's new units all map to a vietnam-provinces code (its own codes differ)."""
    from app.domain import address_convert

    idx = address_convert._index()
    missing = {(p, c) for rows in idx.wards.values() for _, p, c in rows
               if (u := address_convert._new_unit(p, c)) is None or u.commune_code is None}
    assert missing == set()


def test_parse_new_splits_a_post_reform_address():
    street, province, commune = parse_new("Số 1 đường Lê Lợi, phuong long chau, tinh vinh long")
    assert (street, province.code, commune.code) == ("Số 1 đường Lê Lợi", VINH_LONG, LONG_CHAU)
    assert parse_new("Phường 1, Thành phố Vĩnh Long, Vĩnh Long") is None


def test_the_python_modules_give_the_same_units_as_the_json(monkeypatch):
    """A frozen build without the package's data files falls back to its Python modules."""
    import importlib.util

    expected = units._nested_divisions()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # as if the JSON were left out
    fallback = units._nested_divisions()

    def as_sets(data):
        return {(p["code"], p["name"], p["division_type"],
                 frozenset((w["code"], w["name"], w["division_type"]) for w in p["wards"])) for p in data}

    assert as_sets(fallback) == as_sets(expected) and len(expected) == 34
