"""The shipped procedure catalog (resources/catalog/procedures.json): valid, honest and usable at the
counter. These check the data, not the import code (tests/services/test_catalog_import.py does that)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from app.domain.catalog_schema import CatalogFile
from app.domain.vocab import ProcessClass, ResultMethod, TimeUnit
from app.paths import CATALOG_FILE

CULTURE_PREFIX = "VHTTDL-"  # local sector codes of the Department of Culture, Sports and Tourism
NATIONAL_CODE = re.compile(r"^[123]\.\d{6}$")
LOCAL_CODE = re.compile(r"^[123]\.\d{6}\.000\.00\.00\.H\d{2}$")


@pytest.fixture(scope="module")
def raw() -> str:
    return CATALOG_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(raw) -> CatalogFile:
    return CatalogFile.model_validate_json(raw)


@pytest.fixture(scope="module")
def procs(catalog):
    return catalog.procedures


def by_name(procs, text):
    found = [p for p in procs if text in p.name]
    assert found, f"không có thủ tục nào chứa «{text}»"
    return found[0]


def all_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from all_strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_strings(v)


def test_file_is_valid_and_large_enough(catalog, procs):
    assert catalog.version == 1
    assert len(procs) >= 36
    assert catalog.source and "code_verified" in catalog.source


def test_culture_sports_tourism_and_commune_counts(procs):
    culture = [p for p in procs if p.sector_code.startswith(CULTURE_PREFIX)]
    commune = [p for p in procs if p.agency_level == "commune"]
    assert len(culture) >= 20
    assert all(p.agency_level == "province" for p in culture)
    assert len(commune) >= 12
    assert {p.sector_name for p in commune} >= {"Chứng thực", "Hộ tịch", "Đăng ký, quản lý cư trú"}


def test_each_sector_code_has_one_name(procs):
    names: dict[str, set[str]] = {}
    for p in procs:
        names.setdefault(p.sector_code, set()).add(p.sector_name)
    assert all(len(v) == 1 for v in names.values()), names


def test_codes_are_unique_and_shaped_like_portal_codes(procs):
    codes = [p.code for p in procs]
    assert len(codes) == len(set(codes))
    bad = [c for c in codes if not (NATIONAL_CODE.match(c) or LOCAL_CODE.match(c))]
    assert not bad


def test_names_are_unique(procs):
    names = [p.name for p in procs]
    assert len(names) == len(set(names))


def test_unverified_codes_say_so_in_notes(procs):
    """A sample code is flagged and the officer reading the notes is told."""
    unverified = [p for p in procs if not p.code_verified]
    assert unverified, "mã mẫu phải được đánh dấu, không giả vờ đã xác minh tất cả"
    for p in unverified:
        assert p.notes and "chưa đối chiếu" in p.notes, p.code


def test_verified_codes_are_national_codes(procs):
    for p in procs:
        if p.code_verified:
            assert NATIONAL_CODE.match(p.code), p.code


def test_every_text_is_nfc_and_free_of_mojibake(raw):
    data = json.loads(raw)
    for s in all_strings(data):
        assert unicodedata.is_normalized("NFC", s), s
        assert "?" not in s, s  # a lost Vietnamese letter shows up as "?"
        assert "\ufffd" not in s, s
        assert not re.search("Ã|Ä|Æ|áº|á»", s), s  # UTF-8 read as cp1252/latin-1
    assert unicodedata.is_normalized("NFC", raw)


def test_vietnamese_text_really_has_diacritics(procs):
    """A catalog typed without accents ("Dang ky khai sinh") would pass NFC but be unusable."""
    for p in procs:
        assert any(ord(ch) > 127 for ch in p.name), p.name


def test_certified_copy_is_same_day_with_a_15h_cutoff(procs):
    p = by_name(procs, "Chứng thực bản sao từ bản chính")
    assert p.agency_level == "commune"
    assert p.cutoff == "15:00"
    assert p.processing_time.unit is TimeUnit.WITHIN_DAY and p.processing_time.value == 0
    amounts = {f.amount for f in p.fees}
    assert 2000 in amounts  # 2.000 đồng/trang, Circular 226/2016/TT-BTC
    assert "23/2015" in (p.legal_basis or "")


def test_cutoffs_only_on_same_day_procedures(procs):
    for p in procs:
        if p.cutoff is not None:
            assert p.processing_time.unit is TimeUnit.WITHIN_DAY, p.code


def test_within_day_means_zero_and_days_are_whole(procs):
    for p in procs:
        t = p.processing_time
        if t.unit is TimeUnit.WITHIN_DAY:
            assert t.value == 0, p.code
        else:
            assert t.value > 0, p.code
        if t.unit is TimeUnit.WORKING_DAYS:
            assert t.value == int(t.value) and t.value <= 60, p.code


def test_at_least_one_procedure_of_each_time_unit(procs):
    assert {p.processing_time.unit for p in procs} == set(TimeUnit)


def test_known_processing_times(procs):
    def days(name):
        t = by_name(procs, name).processing_time
        assert t.unit is TimeUnit.WORKING_DAYS
        return t.value

    assert days("Cấp Giấy xác nhận tình trạng hôn nhân") == 3
    assert days("Đăng ký thường trú") == 7
    assert days("Đăng ký tạm trú") == 3
    assert days("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke") == 5
    for name in ("Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực chữ ký"):
        assert by_name(procs, name).processing_time.unit is TimeUnit.WITHIN_DAY


def test_known_fees(procs):
    def amounts(name):
        return {f.amount for f in by_name(procs, name).fees}

    assert 10000 in amounts("Chứng thực chữ ký")
    assert amounts("Cấp thẻ hướng dẫn viên du lịch nội địa") == {650000}
    assert amounts("Cấp thẻ hướng dẫn viên du lịch quốc tế") == {650000}
    assert {4000000, 6000000, 12000000, 2000000, 3000000} <= amounts(
        "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"
    )
    assert amounts("Đăng ký kết hôn") == {0}  # free for citizens living in Viet Nam


def test_required_culture_topics_are_present(procs):
    culture_names = " | ".join(p.name for p in procs if p.sector_code.startswith(CULTURE_PREFIX))
    for topic in (
        "biểu diễn nghệ thuật",
        "karaoke",
        "vũ trường",
        "hướng dẫn viên du lịch nội địa",
        "hướng dẫn viên du lịch quốc tế",
        "Cấp đổi thẻ",
        "Cấp lại thẻ",
        "cơ sở lưu trú du lịch",
        "lữ hành nội địa",
        "thư viện",
        "bảo tàng",
        "hoạt động thể thao",
        "bảng quảng cáo",
        "triển lãm mỹ thuật",
        "nhiếp ảnh",
        "lễ hội",
    ):
        assert topic in culture_names, topic


def test_required_commune_topics_are_present(procs):
    commune_names = " | ".join(p.name for p in procs if p.agency_level == "commune")
    for topic in (
        "Chứng thực bản sao",
        "Chứng thực chữ ký",
        "Chứng thực hợp đồng",
        "khai sinh",
        "kết hôn",
        "khai tử",
        "Trích lục",
        "tình trạng hôn nhân",
        "thông tin về cư trú",
        "thường trú",
        "tạm trú",
    ):
        assert topic in commune_names, topic


def test_whole_process_online_returns_results_by_post_or_online(procs):
    for p in procs:
        if p.online_level == 4 or p.process_class is ProcessClass.WHOLE:
            assert {ResultMethod.POST, ResultMethod.ONLINE} & set(p.result_return), p.code


def test_online_levels_agree_with_process_classes(procs):
    """Level 4 (Decree 43/2011) is the whole process online; levels 1-2 offer no online filing."""
    for p in procs:
        if p.online_level == 4:
            assert p.process_class is ProcessClass.WHOLE, p.code
        if p.online_level is not None and p.online_level <= 3:
            assert p.process_class is not ProcessClass.WHOLE, p.code
        if p.online_level is not None and p.online_level <= 2:
            assert p.process_class is None, p.code
    assert any(p.online_level == 4 for p in procs) and any(p.online_level == 3 for p in procs)


def test_result_return_has_no_duplicates(procs):
    for p in procs:
        assert len(p.result_return) == len(set(p.result_return)), p.code


def test_documents_are_usable_at_the_counter(procs):
    for p in procs:
        assert any(d.mandatory for d in p.documents), p.code
        names = [d.name for d in p.documents]
        assert len(names) == len(set(names)), p.code


def test_every_procedure_names_its_legal_basis(procs):
    for p in procs:
        assert p.legal_basis and re.search(r"Luật|Nghị định|Thông tư", p.legal_basis), p.code


def test_fee_amounts_are_plausible_vnd(procs):
    for p in procs:
        for f in p.fees:
            assert f.amount <= 50_000_000, (p.code, f.name)
            assert f.amount % 1000 == 0, (p.code, f.name)
