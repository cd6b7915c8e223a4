"""Codes as data (resources/data/code_shapes.json, app/domain/codes.py): both unit forms, both
dossier shapes and provisional codes read back what was written, past 9,999 a day; the shapes are
the same to the scanner and to the search box; a file whose shapes could read one code two ways
is refused."""

import json
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.devices.scan_routing import ScanKind
from app.devices.scan_routing import classify as scanned
from app.domain import codes
from app.domain.codes import (
    code_sort_key,
    dossier_code_problem,
    format_dossier_code,
    is_system_id,
    is_unit_code,
    load_shapes,
    parse_dossier_code,
    validate_unit_code,
)
from app.errors import UserError
from app.services.dossiers.query import classify as searched
from tests.helpers.hypothesis_budget import examples

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
qcvn_units = st.from_regex(r"\A[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}\Z")
decision20_units = st.builds(
    lambda letter, digits, groups: ".".join([letter + digits, *groups]),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), st.from_regex(r"\A[0-9]{2}\Z"),
    st.lists(st.text(ALNUM, min_size=1, max_size=4), max_size=7)).filter(lambda u: len(u) <= 35)
units = st.one_of(qcvn_units, decision20_units)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def written(draw):
    """(code as written, unit, day, sequence, provisional, system id) over every shape."""
    unit, day = draw(units), draw(days)
    kind = draw(st.sampled_from(["2018", "04/2025", "provisional"]))
    if kind == "provisional":
        seq = draw(st.integers(1, codes.shapes().provisional.max_sequence))
        return format_dossier_code(unit, day, seq, provisional=True), unit, day, seq, True, ""
    shape = codes.shapes().dossier[kind]
    aa = draw(st.from_regex(rf"\A[0-9]{{{shape.system_id_digits}}}\Z")) if shape.system_id_digits else ""
    seq = draw(st.one_of(st.integers(1, 10_001), st.integers(1, shape.max_sequence)))
    return format_dossier_code(unit, day, seq, shape=kind, system_id=aa), unit, day, seq, False, aa


@examples(400)
@given(written())
@example(("H62.18.05-261120-0110000", "H62.18.05", date(2026, 11, 20), 10000, False, "01"))
@example(("000.00.01.H22-261120-10000", "000.00.01.H22", date(2026, 11, 20), 10000, False, ""))
def test_every_code_written_reads_back_the_same_everywhere(case):
    code, unit, day, seq, provisional, aa = case
    parsed = parse_dossier_code(code)
    assert (parsed.unit_code, parsed.day, parsed.sequence, parsed.provisional, parsed.system_id) == \
        (unit, day, seq, provisional, aa)
    assert str(parsed) == code and is_unit_code(unit)
    # The scanner and the search box take it for a dossier code, in any case the scanner types.
    assert scanned(code.lower()) == scanned(code) and scanned(code).kind is ScanKind.DOSSIER
    assert searched(f" {code.lower()} ") == ("code", code)
    assert dossier_code_problem(code) is None


def test_the_two_shapes_and_provisional_codes_are_told_apart():
    assert parse_dossier_code("000.00.01.H22-260125-0001").shape == "2018"
    assert parse_dossier_code("000.00.01.H22-260125-10000").shape == "2018"
    new = parse_dossier_code("H62.18-260125-010001")
    assert (new.shape, new.system_id, new.sequence) == ("04/2025", "01", 1)
    long = parse_dossier_code("H62.18-260125-0110000")
    assert (long.shape, long.system_id, long.sequence) == ("04/2025", "01", 10000)
    tam = parse_dossier_code("H62-260125-TAM0001")
    assert tam.provisional and tam.shape is None


@pytest.mark.parametrize("text", [
    "", "hello", "H62.18", "000.00.01.H22-251332-0001", "000.00.01-250102-0001", "000.00.01.H22-250102-01",
    "000.00.01.H22-250102-00001",  # one number, one code: no second way to write 1
    "H62.18-260125-0000", "H62.18-260125-000000", "H62.18-260125-01000",  # no sequence 0
    "H6.18-260125-0001", "62H.18-260125-0001", "H62..18-260125-0001", "H62.18.-260125-0001",
    "H62." + "1" * 32 + "-260125-0001",  # a unit of 36 characters
    "H62-260125-TAM01", "H62-260125-TAM1234567890", "H62-2601250-0001", "H62-260125-0001-1",
    "H62-260125-１２３４",  # full-width digits
    "H62-260125-0110000000000",
])
def test_not_a_dossier_code(text):
    assert parse_dossier_code(text) is None
    assert scanned(text).kind is not ScanKind.DOSSIER
    assert searched(text)[0] != "code"


def test_codes_sort_by_number_past_9999():
    day = date(2026, 1, 25)
    written_ = [format_dossier_code("H62.18", day, n) for n in (10001, 2, 9999, 10000, 1)]
    assert sorted(written_)[-1].endswith("-9999")  # what the text alone does
    assert [parse_dossier_code(c).sequence for c in sorted(written_, key=code_sort_key)] == [1, 2, 9999, 10000, 10001]
    later = format_dossier_code("H62.18", date(2026, 1, 26), 1)
    tam = format_dossier_code("H62.18", day, 1, provisional=True)
    assert sorted([later, tam, written_[0], "không phải mã"], key=code_sort_key) == \
        [written_[0], tam, later, "không phải mã"]


def test_a_bad_code_is_one_vietnamese_line_naming_both_shapes_with_examples():
    message = dossier_code_problem("H62-26012-1")
    assert message == ("Mã hồ sơ «H62-26012-1» không đúng dạng: cần <mã đơn vị>-<yyMMdd>-<số thứ tự> theo Thông tư "
                       "01/2018/TT-VPCP, Thông tư 03/2025/TT-VPCP (ví dụ 000.00.01.H22-260125-0001) hoặc <mã định "
                       "danh cơ quan>-<yyMMdd>-<AA><số thứ tự> theo Thông tư 04/2025/TT-VPCP, cho hệ thống tập "
                       "trung toàn quốc (ví dụ H62.18-260125-010001).")
    with pytest.raises(UserError) as err:
        validate_unit_code("H62-18")
    assert err.value.field == "unit_code" and "\n" not in err.value.message
    for part in ("«H62-18»", "QCVN 102:2016 (ví dụ 000.00.01.H22)", "Quyết định 20/2020/QĐ-TTg",
                 "(ví dụ H62, H62.18, H62.18.05)"):
        assert part in err.value.message


@pytest.mark.parametrize("unit", ["H62", "h62.18", " H62.18.05 ", "000.00.01.H22", "A01.B2.C3D4",
                                  "H62." + ".".join(["1234"] * 6)])
def test_unit_codes_of_both_forms(unit):
    assert validate_unit_code(unit) == unit.strip().upper()


@pytest.mark.parametrize("unit", ["", "H2", "H622", "62", "H62.", ".H62", "H62..1", "H62-18", "H62 18", "Ｈ62",
                                  "000.00.01.H2", "H62." + "1" * 32])
def test_not_unit_codes(unit):
    with pytest.raises(UserError, match="không đúng dạng"):
        validate_unit_code(unit)


def test_the_shape_an_office_issues_needs_its_aa():
    day = date(2026, 1, 25)
    assert format_dossier_code("H62.18", day, 7, shape="04/2025", system_id="35") == "H62.18-260125-350007"
    with pytest.raises(UserError, match=r"cần mã hệ thống \(AA\): 2 chữ số") as err:
        format_dossier_code("H62.18", day, 7, shape="04/2025", system_id="")
    assert err.value.field == "codes.system_id"
    with pytest.raises(UserError, match="Không có dạng mã hồ sơ «2020»: chọn 2018 hoặc 04/2025"):
        format_dossier_code("H62.18", day, 7, shape="2020")
    assert [is_system_id(v) for v in ("", "01", "99", "1", "123", "0A", "٠١", None)] == \
        [True, True, True, False, False, False, False, False]


def _shapes_file(tmp_path, change):
    raw = json.loads(codes.SHAPES_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "code_shapes.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_shapes_load_and_a_changed_file_is_read(tmp_path):
    assert set(load_shapes(codes.SHAPES_FILE).dossier) == {"2018", "04/2025"}

    def three_digit_aa(raw):
        raw["dossier_shapes"][1].update(system_id_digits=3, example="H62.18-260125-0010001")
    assert load_shapes(_shapes_file(tmp_path, three_digit_aa)).dossier["04/2025"].system_id_digits == 3


@pytest.mark.parametrize("change", [
    lambda raw: raw["dossier_shapes"][0].update(max_digits=6),  # "123456": 2018's or 04/2025's?
    lambda raw: raw["unit_forms"][1].update(examples=["H62-18"]),
    lambda raw: raw["dossier_shapes"][1].update(example="H62.18-260125-0001"),
    lambda raw: raw["provisional"].update(mark="01"),
])
def test_shapes_that_could_read_one_code_two_ways_are_refused(tmp_path, change):
    with pytest.raises(ValueError):
        load_shapes(_shapes_file(tmp_path, change))
