"""The citizen ID card QR (what a scanner types): any text, and valid codes with a few edits, give a
card or one Vietnamese UserError naming the field; valid cards round-trip whatever the scanner adds.
(tests/domain/test_cccd_qr.py has the worked examples.)"""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.applicant import cccd_provinces
from app.domain.cccd_qr import _LABELS, CitizenCard, looks_like_cccd_qr, parse_cccd_qr
from app.errors import UserError
from tests.fuzz.strategies import any_text, assert_refusal, fuzz, mutated_text, vietnamese_word

QR = "079090012345|025123456|Nguyễn Văn An|15061990|Nam|Số 12 đường Lê Lợi, Phường 1|01072021"


@st.composite
def cards(draw) -> CitizenCard:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    digit = (birth.year // 100 - 19) * 2 + (0 if sex == "Nam" else 1)
    province = draw(st.sampled_from(sorted(cccd_provinces())))
    number = f"{province}{digit}{birth.year % 100:02d}{draw(st.integers(0, 999_999)):06d}"
    old_id = draw(st.none() | st.from_regex(r"\A[0-9]{9}\Z"))
    name = " ".join(draw(st.lists(vietnamese_word.map(str.capitalize), min_size=1, max_size=6)))
    address = f"Số {draw(st.integers(1, 999))}, " + " ".join(draw(st.lists(vietnamese_word, min_size=1, max_size=8)))
    issued = draw(st.none() | st.dates(min_value=birth, max_value=date.today()))
    return CitizenCard(number, old_id, name, birth, sex, address, issued)


def qr_text(card: CitizenCard, six: bool) -> str:
    fields = [card.number, card.old_id or "", card.name, f"{card.birth_date:%d%m%Y}", card.sex,
              card.address, f"{card.issue_date:%d%m%Y}" if card.issue_date else ""]
    if six:
        del fields[1]
    return "|".join(fields)


def check(text: str) -> CitizenCard | None:
    """Parse `text`: a well-formed card, or a refusal that names its field."""
    try:
        card = parse_cccd_qr(text)
    except UserError as exc:
        assert exc.field in _LABELS, exc.field
        names = ("CCCD",) if exc.field == "cccd" else \
            ("Nơi cư trú", "Nơi thường trú") if exc.field == "address" else (_LABELS[exc.field],)
        assert_refusal(exc.message, names=names)
        return None
    assert len(card.number) == 12 and card.number.isascii() and card.number.isdigit()
    assert card.old_id is None or (len(card.old_id) == 9 and card.old_id.isascii() and card.old_id.isdigit())
    assert card.sex in ("Nam", "Nữ") and card.birth_date <= date.today()
    for value in (card.name, card.address):
        assert value and value == " ".join(value.split()) and unicodedata.is_normalized("NFC", value)
        assert len(value) <= 500 and len(card.name) <= 300
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in value)
    assert card.issue_date is None or card.birth_date <= card.issue_date <= date.today()
    assert all(value == " ".join(value.split()) and len(value) <= 500 for value in card.extra)
    return card


@fuzz(300)
@given(any_text)
@example("079090012345|025123456|Nguyễn Văn An|15061990|Nam|" + "x" * 5000 + "\ud800|01072021")
@example("079090012345|025123456|Nguyễn Văn An|" + "9" * 5000 + "|Nam|Vĩnh Long|")
@example("079090012345||Nguyễn\u200bVăn An|15061990|Nam|Vĩnh Long|")  # was: a zero-width space kept
@example("079090012345||" + "An " * 200 + "|15061990|Nam|Vĩnh Long|")  # was: longer than the dossier keeps
def test_any_text(text):
    check(text)
    assert isinstance(looks_like_cccd_qr(text), bool)


@fuzz(300)
@given(mutated_text(QR))
def test_a_valid_code_with_a_few_edits(text):
    check(text)


@fuzz(200)
@given(cards(), st.booleans(), st.booleans(), st.sampled_from(["", "\r", "\n", "\r\n", "\t", "\r\n\t", " \x03"]))
def test_valid_cards_round_trip(card, six, nfd, suffix):
    six = six and card.old_id is None
    text = qr_text(card, six) + suffix
    if nfd:
        text = unicodedata.normalize("NFD", text)
    assert looks_like_cccd_qr(text)
    assert check(text) == card


@fuzz(200)
@given(cards(), st.integers(0, 6), any_text)
def test_one_field_replaced_by_anything(card, index, junk):
    fields = qr_text(card, False).split("|")
    fields[index] = junk
    check("|".join(fields))
