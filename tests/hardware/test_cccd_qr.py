"""The citizen ID card QR: both forms, any suffix, NFC; each bad field named; any text gives
either a card or that one kind of error (hypothesis)."""

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.scan_routing import ScanKind, classify
from app.domain.applicant import cccd_provinces
from app.domain.cccd_qr import CitizenCard, looks_like_cccd_qr, parse_cccd_qr
from app.errors import UserError

QR = "079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi, Phường 1, TP Vĩnh Long|01072021"
CARD = CitizenCard("079090012345", "025123456", "Nguyễn Văn An", date(1990, 6, 15), "Nam",
                   "Số 12 đường Lê Lợi, Phường 1, TP Vĩnh Long", date(2021, 7, 1))


@pytest.mark.parametrize("suffix", ["", "\r", "\n", "\r\n", "\t", "\r\n\t"])
def test_seven_fields_any_suffix(suffix):
    assert parse_cccd_qr(QR + suffix) == CARD


def test_six_fields_nfd_and_a_woman_born_in_the_2000s():
    qr = "086305001234|Lê Thị Hồng Đào|01012005|Nữ|Ấp 3, xã Tân Hạnh|20052022"
    card = parse_cccd_qr(unicodedata.normalize("NFD", qr))
    assert (card.name, card.sex, card.birth_date, card.old_id) == ("Lê Thị Hồng Đào", "Nữ", date(2005, 1, 1), None)


@pytest.mark.parametrize("qr, field", [
    ("079090012345|Nguyễn Văn An|15061990", "cccd"),
    ("079090012345|12345|Nguyễn Văn An|15061990|Nam|Vĩnh Long|01072021", "old_id"),
    ("079090012345||  |15061990|Nam|Vĩnh Long|01072021", "name"),
    ("079090012345||Nguyễn Văn An|31021990|Nam|Vĩnh Long|01072021", "birth_date"),
    ("079090012345||Nguyễn Văn An|15061990|Male|Vĩnh Long|01072021", "sex"),
    ("079090012345||Nguyễn Văn An|15061990|Nam||01072021", "address"),
    ("079090012345||Nguyễn Văn An|15061990|Nam|Vĩnh Long|01011980", "issue_date"),
    ("079091012345||Nguyễn Văn An|15061990|Nam|Vĩnh Long|01072021", "cccd"),  # year digits say 1991
    ("079190012345||Nguyễn Văn An|15061990|Nam|Vĩnh Long|01072021", "cccd"),  # sex digit says Nữ
    ("079090012345||Nguyễn\x00 Văn An|15061990|Nam|Vĩnh Long|01072021", "cccd"),
])
def test_each_problem_names_its_field(qr, field):
    with pytest.raises(UserError) as err:
        parse_cccd_qr(qr)
    assert err.value.field == field and str(err.value)


@settings(max_examples=500)
@given(st.text())
def test_any_text_gives_a_card_or_one_clear_error(text):
    try:
        assert isinstance(parse_cccd_qr(text), CitizenCard)
    except UserError as exc:
        assert str(exc)


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@st.composite
def cards(draw):
    birth = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)))
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    digit = (birth.year // 100 - 19) * 2 + (0 if sex == "Nam" else 1)
    province = draw(st.sampled_from(sorted(cccd_provinces())))
    number = f"{province}{digit}{birth.year % 100:02d}{draw(st.integers(0, 999999)):06d}"
    words = st.text(alphabet=LETTERS, min_size=1, max_size=8).map(str.capitalize)
    name = " ".join(draw(st.lists(words, min_size=2, max_size=4)))
    issued = draw(st.one_of(st.none(), st.dates(min_value=birth, max_value=date(2025, 12, 31))))
    old = draw(st.one_of(st.none(), st.from_regex(r"\A[0-9]{9}\Z")))
    return CitizenCard(number, old, name, birth, sex, f"Ấp {draw(st.integers(1, 20))}, xã Long Phước", issued)


@settings(max_examples=200)
@given(cards(), st.sampled_from(["", "\r", "\r\n", "\t"]), st.booleans(), st.booleans())
def test_round_trip(card, suffix, nfd, six):
    fields = [card.number, card.old_id or "", card.name, f"{card.birth_date:%d%m%Y}", card.sex, card.address,
              f"{card.issue_date:%d%m%Y}" if card.issue_date else ""]
    if six and card.old_id is None:
        del fields[1]
    text = "|".join(fields) + suffix
    parsed = parse_cccd_qr(unicodedata.normalize("NFD", text) if nfd else text)
    assert parsed == card
    assert looks_like_cccd_qr(text) and classify(text).kind is ScanKind.CITIZEN_ID


def test_routing_tells_codes_apart():
    assert classify("000.00.01.h62-261123-0001").text == "000.00.01.H62-261123-0001"
    assert classify("A012").kind is ScanKind.TICKET and classify("stt:b007").text == "B007"
    assert classify("hello").kind is ScanKind.UNKNOWN
    assert not looks_like_cccd_qr("000.00.01.H62-261123-0001")
