"""What an officer types on the intake form and what the desk turns into text: CCCD number, phone,
e-mail, tax code, dossier and unit codes, the hall's announcement, the VietQR payload. Any input
gives a normalised value or one Vietnamese UserError naming the field; valid values round-trip."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.domain import announcement, vietqr
from app.domain.applicant import check_cccd, check_email, check_phone, check_tax_code
from app.domain.codes import (
    DossierCode,
    format_dossier_code,
    parse_dossier_code,
    validate_unit_code,
)
from app.errors import UserError
from app.services.intake.registration import Applicant, register
from db.models import Dossier
from tests.fuzz.strategies import any_text, assert_refusal, fuzz, mutated_text
from tests.helpers.factories import OFFICER, citizen, procedure_code
from tests.helpers.factories import request as make_request

ASCII_DIGITS = re.compile(r"[0-9]+")


def refused(call, *args, field=None, names=()):
    """`call(*args)`'s value, or None after checking its refusal."""
    try:
        return call(*args)
    except UserError as exc:
        if field is not None:
            assert exc.field == field
        assert_refusal(exc.message, names=names)
        return None


# --- applicant --------------------------------------------------------------------------------------
@fuzz(300)
@given(any_text, st.none() | st.dates(min_value=date(1900, 1, 1)), st.sampled_from([None, "Nam", "Nữ", "x\n"]))
@example("٠٧٩٠٩٠٠١٢٣٤٥", None, None)
def test_cccd_number(text, birth, sex):
    n = refused(check_cccd, text, field="cccd", names=("CCCD",)) if birth is None and sex is None else \
        refused(lambda: check_cccd(text, birth_date=birth, sex=sex), field="cccd", names=("CCCD",))
    if n is not None:
        assert ASCII_DIGITS.fullmatch(n) and len(n) == 12 and check_cccd(n) == n


@fuzz(300)
@given(st.one_of(any_text, mutated_text("+84 912.345.678")))
@example("0١٢٣٤٥٦٧٨٩")  # was: accepted, other scripts' digits stored as typed
def test_phone(text):
    p = refused(check_phone, text, field="phone", names=("Số điện thoại",))
    if p is not None:
        assert ASCII_DIGITS.fullmatch(p) and p[0] == "0" and len(p) in (10, 11) and check_phone(p) == p


@fuzz(200)
@given(st.sampled_from(["", "+84", "84", "0"]), st.from_regex(r"\A[1-9][0-9]{8}\Z"), st.sampled_from(["", " ", ".", "-"]))
def test_phone_round_trip(prefix, digits, sep):
    prefix = prefix or "0"
    written = prefix + sep.join([digits[:3], digits[3:6], digits[6:]])
    assert check_phone(written) == "0" + digits


@fuzz(300)
@given(st.one_of(any_text, mutated_text("an.nguyen@example.vn")))
@example("a\x00b@example.vn")  # was: accepted with the NUL
@example("a@" + "b" * 300 + ".vn")  # was: accepted, longer than the dossier's column
def test_email(text):
    e = refused(check_email, text, field="email", names=("thư điện tử",))
    if e is not None:
        assert len(e) <= 200 and e == e.strip() and check_email(e) == e
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in e)


@fuzz(300)
@given(st.one_of(any_text, mutated_text("0101234567-001")))
@example("٠١٢٣٤٥٦٧٨٩")  # was: accepted
def test_tax_code(text):
    t = refused(check_tax_code, text, field="tax_code", names=("Mã số thuế",))
    if t is not None:
        assert re.fullmatch(r"[0-9]{10}(-[0-9]{3})?|[0-9]{12}", t) and check_tax_code(t) == t


# --- codes --------------------------------------------------------------------------------------------
unit_codes = st.from_regex(r"\A[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}\Z")


@fuzz(300)
@given(st.one_of(any_text, mutated_text("000.00.01.H22-261123-TAM0001")))
@example("000.00.01.H22-260101-" + "1" * 5000)  # was: ValueError from int()
@example("000.00.01.H22-२६०१०१-0001")  # was: a code with Devanagari digits
def test_any_text_is_a_dossier_code_or_not(text):
    parsed = parse_dossier_code(text)
    if parsed is not None:
        assert isinstance(parsed, DossierCode) and parse_dossier_code(str(parsed)) == parsed
        assert str(parsed).isascii()


@fuzz(200)
@given(unit_codes, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(1, 9999), st.booleans())
def test_dossier_codes_round_trip(unit, day, seq, provisional):
    code = format_dossier_code(unit, day, seq, provisional=provisional)
    assert parse_dossier_code(code) == DossierCode(unit, day, seq, provisional)
    assert parse_dossier_code(code.lower()) == DossierCode(unit, day, seq, provisional)


@fuzz(200)
@given(st.one_of(any_text, unit_codes.flatmap(mutated_text)))
def test_unit_code(text):
    u = refused(validate_unit_code, text, field="unit_code", names=("Mã đơn vị",))
    if u is not None:
        assert validate_unit_code(u) == u


# --- the hall's announcement ---------------------------------------------------------------------------
@fuzz(300)
@given(st.one_of(any_text, st.from_regex(r"\A[A-Za-z]{1,3}[0-9]{1,4}\Z")),
       st.one_of(st.integers(-5, 120), st.sampled_from([True, 1.0, "3", None, 10**40])))
def test_announcement(label, counter):
    text = refused(announcement.announcement_text, label, counter, names=("Số thứ tự", "Số quầy", "số thứ tự"))
    clips = refused(announcement.clip_names, label, counter, names=("Số thứ tự", "Số quầy", "số thứ tự"))
    assert (text is None) == (clips is None)
    if clips is not None:
        assert set(clips) <= set(announcement.all_clip_names())
        assert text.endswith(f" {counter}") and clips[0] == announcement.PHRASE_CALL


# --- VietQR ---------------------------------------------------------------------------------------------
accounts = st.builds(vietqr.BankAccount, st.from_regex(r"\A[0-9]{6}\Z"), st.from_regex(r"\A[0-9A-Za-z]{1,19}\Z"))


@fuzz(200)
@given(accounts, st.none() | st.integers(1, 9_999_999_999_999), any_text)
def test_vietqr_payload_round_trips(account, amount, purpose):
    text = vietqr.payload(account, amount, purpose)
    fields = vietqr.parse(text)
    assert fields["53"] == "704" and fields["58"] == "VN" and fields.get("54") == (str(amount) if amount else None)
    assert account.account in fields["38"] and account.bin in fields["38"]
    message = vietqr.transfer_purpose(purpose)
    assert len(message) <= vietqr.PURPOSE_MAX and message.isascii()
    assert fields.get("62") == (f"08{len(message):02d}{message}" if message else None)


@fuzz(300)
@given(st.one_of(any_text, accounts.map(lambda a: vietqr.payload(a, 1000, "ho so")).flatmap(mutated_text)))
@example("ă" * 10 + "63041234")  # was: UnicodeEncodeError
@example("xx" * 10 + "6304" + "0000")
def test_vietqr_parse_any_text(text):
    fields = refused(vietqr.parse, text, names=("VietQR",))
    if fields is not None:
        assert all(len(tag) == 2 for tag in fields)


@fuzz(200)
@given(st.one_of(any_text, st.from_regex(r"\A[0-9]{6}\Z")), any_text,
       st.one_of(st.none(), st.integers(), st.sampled_from([True, 1.5, "100"])))
@example("٩٧٠٤٣٦", "123", None)  # was: passed the check, then UnicodeEncodeError
@example("970436", "123", True)  # was: a payload for "True" đồng
def test_vietqr_bad_account_or_amount(bin_, account, amount):
    text = refused(vietqr.payload, vietqr.BankAccount(bin_, account), amount, "",
                   names=("Mã ngân hàng", "Số tài khoản", "Số tiền"))
    if text is not None:
        assert text.isascii() and vietqr.parse(text)["53"] == "704"


# --- the whole intake form, registered in a real database ------------------------------------------------
def no_surrogates(text: str | None) -> bool:
    return text is None or not any(unicodedata.category(c) == "Cs" for c in text)


def field(valid: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), valid, valid, any_text.filter(no_surrogates))


applicants = st.builds(
    Applicant, name=st.one_of(st.just("Nguyễn Văn An"), any_text.filter(no_surrogates)),
    id_number=field(st.just("079090012345")), birth_date=st.one_of(st.none(), st.just(date(1990, 3, 4)),
                                                                   st.dates(min_value=date(1900, 1, 1))),
    sex=field(st.sampled_from(["Nam", "Nữ"])), phone=field(st.just("0912 345 678")),
    email=field(st.just("an.nguyen@example.vn")), address=field(st.just("12 Lê Lợi, Vĩnh Long")))


def dossiers(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Dossier))


@fuzz(25)
@given(applicants)
def test_the_intake_form_registers_or_names_the_field(db, applicant):
    before = dossiers(db)
    try:
        done = register(db, OFFICER, make_request(procedure_code(db), applicant=applicant))
    except UserError as exc:
        assert_refusal(exc.message)
        assert dossiers(db) == before
        return
    assert dossiers(db) == before + 1
    with db.reading() as s:
        d = s.get(Dossier, done.id)
        assert d.applicant_phone is None or (d.applicant_phone.isascii() and d.applicant_phone.isdigit())
        assert d.applicant_id_number is None or d.applicant_id_number.isascii()


# Was a bug: SQLite took any length and NUL, PostgreSQL refused the write (app/services/storable.py).
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("kw", [{"name": "A" * 301}, {"address": "x" * 501}, {"representative": "y" * 201},
                                {"name": "An\x00"}, {"name": "An\ud800"}], ids=str)
def test_what_the_dossier_cannot_hold_is_refused(request, backend, kw):
    db = request.getfixturevalue("db" if backend == "sqlite" else "pg_db")
    applicant = citizen(**{"name": "Nguyễn Văn An", **kw})
    with pytest.raises(UserError):
        register(db, OFFICER, make_request(procedure_code(db), applicant=applicant))
