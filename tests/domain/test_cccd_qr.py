"""The citizen ID card (CCCD) QR parser: both forms, scanner suffixes, NFD input, one named error
per bad field, and (hypothesis) any text gives a card or a UserError, valid cards round-trip."""

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.applicant import cccd_provinces
from app.domain.cccd_qr import CitizenCard, looks_like_cccd_qr, parse_cccd_qr
from app.errors import UserError
from tests.helpers.hypothesis_budget import examples

ADDRESS = "Số 12 đường Lê Lợi, Phường 1, TP Vĩnh Long"
QR7 = f"079090012345|025123456|Nguyễn Văn An|15061990|Nam|{ADDRESS}|01072021"
QR6 = f"079090012345|Nguyễn Văn An|15061990|Nam|{ADDRESS}|01072021"
CARD = CitizenCard("079090012345", "025123456", "Nguyễn Văn An", date(1990, 6, 15), "Nam",
                   ADDRESS, date(2021, 7, 1))
SUFFIXES = ["\r", "\n", "\r\n", "\t", "\r\n\t"]


def test_example_number_is_consistent():
    # 079 = province, 0 = born in the 1900s and male, 90 = born in (19)90
    assert "079" in cccd_provinces()


def test_seven_fields():
    assert parse_cccd_qr(QR7) == CARD


def test_six_fields_has_no_old_id():
    assert parse_cccd_qr(QR6) == CitizenCard(CARD.number, None, *[getattr(CARD, f) for f in (
        "name", "birth_date", "sex", "address", "issue_date")])


def test_empty_old_id_and_issue_date_are_none():
    card = parse_cccd_qr(f"079090012345||Nguyễn Văn An|15061990|Nam|{ADDRESS}|")
    assert card.old_id is None and card.issue_date is None


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("qr", [QR7, QR6])
def test_scanner_suffixes(qr, suffix):
    assert parse_cccd_qr(qr + suffix) == parse_cccd_qr(qr)
    assert looks_like_cccd_qr(qr + suffix)


def test_nfd_input_gives_nfc_fields():
    nfd = unicodedata.normalize("NFD", QR7)
    assert nfd != QR7
    card = parse_cccd_qr(nfd)
    assert card == CARD and unicodedata.is_normalized("NFC", card.name)


def test_woman_born_in_the_2000s():
    # digit 4 = 3: 2000s, female; digits 5–6 = 05
    card = parse_cccd_qr("086305001234|Lê  Thị Hồng\u00a0Đào|01012005|nữ|Ấp 3, xã Tân Hạnh|20052022")
    assert (card.name, card.sex, card.birth_date, card.old_id) == (
        "Lê Thị Hồng Đào", "Nữ", date(2005, 1, 1), None)


def test_sex_word_is_case_insensitive():
    assert parse_cccd_qr(QR7.replace("|Nam|", "|NAM|")).sex == "Nam"


GOOD = ["079090012345", "025123456", "Nguyễn Văn An", "15061990", "Nam", ADDRESS, "01072021"]


def _with(index: int, value: str) -> str:
    fields = list(GOOD)
    fields[index] = value
    return "|".join(fields)


@pytest.mark.parametrize("qr, field, words", [
    ("079090012345|Nguyễn Văn An|15061990", "cccd", "3 trường"),
    (QR7 + "|Lê\x07Văn|x", "cccd", "trường thứ 8"),  # extra fields are kept, not their control characters
    (_with(0, "07909001234"), "cccd", "12 chữ số"),
    (_with(0, "٠٧٩٠٩٠٠١٢٣٤٥"), "cccd", "12 chữ số"),  # Arabic-Indic digits
    (_with(1, "12345"), "old_id", "CMND"),
    (_with(1, "02512345X"), "old_id", "CMND"),
    (_with(2, "   "), "name", "Họ và tên"),
    (_with(3, "31021990"), "birth_date", "ngày có thật"),
    (_with(3, "1506199"), "birth_date", "8 chữ số"),
    (_with(3, "15/06/1990"), "birth_date", "8 chữ số"),
    (_with(3, "15063990"), "birth_date", "tương lai"),
    (_with(4, "Male"), "sex", "Nam"),
    (_with(4, "Nu"), "sex", "Nữ"),
    (_with(5, " "), "address", "Nơi thường trú"),  # issued 2021: a CCCD card
    (_with(5, " ").replace("01072021", "02072024"), "address", "Nơi cư trú"),  # a căn cước card
    (_with(6, "01011980"), "issue_date", "trước ngày sinh"),
    (_with(6, "00002021"), "issue_date", "ngày có thật"),
    (_with(2, "Nguyễn\x00 Văn An"), "cccd", "Họ và tên"),  # NUL: the field is named in the text
    (_with(5, "Số 12\x1bđường"), "cccd", "điều khiển"),
])
def test_each_problem_is_one_named_error(qr, field, words):
    with pytest.raises(UserError) as err:
        parse_cccd_qr(qr)
    assert err.value.field == field
    assert words in str(err.value) and err.value.message == str(err.value)


def test_birth_date_in_the_future():
    tomorrow = date.today() + timedelta(days=1)
    number = f"079{(tomorrow.year // 100 - 19) * 2}{tomorrow.year % 100:02d}012345"
    with pytest.raises(UserError) as err:
        parse_cccd_qr(_with(0, number).replace("15061990", f"{tomorrow:%d%m%Y}"))
    assert err.value.field == "birth_date"


# --- any text -------------------------------------------------------------------------------------

def _card_or_user_error(text: str) -> CitizenCard | None:
    try:
        card = parse_cccd_qr(text)
    except UserError as exc:
        assert str(exc) and exc.field in (
            None, "cccd", "old_id", "name", "birth_date", "sex", "address", "issue_date")
        return None
    assert type(card) is CitizenCard
    assert isinstance(card.extra, tuple) and isinstance(card.warnings, tuple)
    return card


@examples(500)
@given(st.text())
def test_any_text_gives_a_card_or_a_user_error(text):
    if _card_or_user_error(text) is not None:
        assert looks_like_cccd_qr(text)  # whatever parses as a card is routed to the card reader


@examples(500)
@given(st.lists(st.one_of(st.text(max_size=12), st.from_regex(r"\A[0-9]{8,12}\Z")),
                min_size=5, max_size=8))
def test_any_qr_shaped_text_gives_a_card_or_a_user_error(fields):
    _card_or_user_error("|".join(fields))
    _card_or_user_error("|".join(["079090012345", *fields[1:]]))


# --- round trip -----------------------------------------------------------------------------------

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=7).map(str.capitalize)


@st.composite
def cards(draw) -> CitizenCard:
    birth = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)))
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    digit = (birth.year // 100 - 19) * 2 + (0 if sex == "Nam" else 1)
    province = draw(st.sampled_from(sorted(cccd_provinces())))
    number = f"{province}{digit}{birth.year % 100:02d}{draw(st.integers(0, 999_999)):06d}"
    old_id = draw(st.none() | st.from_regex(r"\A[0-9]{9}\Z"))
    name = " ".join(draw(st.lists(WORDS, min_size=2, max_size=5)))
    place = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    address = f"Số {draw(st.integers(1, 999))}, {place}"
    issued = draw(st.none() | st.dates(min_value=birth, max_value=date.today()))
    return CitizenCard(number, old_id, name, birth, sex, address, issued)


def qr_line(card: CitizenCard, *, six: bool = False) -> str:
    fields = [card.number, card.old_id or "", card.name, f"{card.birth_date:%d%m%Y}", card.sex,
              card.address, f"{card.issue_date:%d%m%Y}" if card.issue_date else ""]
    if six:
        del fields[1]
    return "|".join(fields)


@examples(300)
@given(cards(), st.one_of(st.sampled_from(["", *SUFFIXES]), st.text(alphabet=" \t\r\n\x03\x04\x00")),
       st.booleans(), st.booleans())
def test_round_trip(card, suffix, nfd, six):
    six = six and card.old_id is None
    text = qr_line(card, six=six) + suffix
    if nfd:
        text = unicodedata.normalize("NFD", text)
    assert looks_like_cccd_qr(text)
    assert parse_cccd_qr(text) == card


# --- routing --------------------------------------------------------------------------------------

def test_looks_like_both_forms_and_not_a_dossier_code():
    assert looks_like_cccd_qr(QR7) and looks_like_cccd_qr(QR6)
    assert looks_like_cccd_qr(QR7 + "|079090099999|Nguyễn Văn Ba|Trần Thị Tư")
    assert not looks_like_cccd_qr("000.00.01.H62-261123-0001")
    assert not looks_like_cccd_qr("A012") and not looks_like_cccd_qr("")
    assert not looks_like_cccd_qr("0790900123|Nguyễn Văn An|15061990|Nam|Vĩnh Long|01072021")
    assert not looks_like_cccd_qr("079090012345|Nguyễn Văn An|15061990")


@given(st.text().filter(lambda t: "|" not in t))
def test_random_text_does_not_look_like_a_cccd_qr(text):
    assert not looks_like_cccd_qr(text)
