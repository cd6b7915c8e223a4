"""The office issues the dossier code shape its settings name (`codes.shape`, `codes.system_id`),
under a unit code of either form, past 9,999 dossiers a day; the search box and the scanner find
the dossier by the code whatever its shape; a shape the office cannot issue is refused before
anything is written."""

from datetime import datetime

import pytest
from sqlalchemy import func, select, update

from app.devices.scan_routing import ScanKind, Scanned
from app.devices.scan_routing import classify as scanned
from app.domain.codes import code_sort_key, parse_dossier_code
from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import UserError
from app.services.dossiers.query import get_dossier, search
from app.services.intake.registration import register
from app.services.sequences import next_sequence
from app.services.settings import office
from app.services.settings.store import change_settings, load_settings
from db.models import AuditRecord, Dossier, DossierSequence
from tests.helpers.factories import OFFICER, request

MARRIAGE = "1.000894"
UNIT = "000.00.01.H62"
MON = datetime(2026, 11, 23, 9, 0)
ADMIN = Actor("quantri", Role.ADMIN, user_id=4)


def issue_circular_04(db, unit="h62.18.05", aa="01"):
    office.update_agency(db, ADMIN, unit_code=unit)
    change_settings(db, ADMIN, {"codes.shape": "04/2025", "codes.system_id": aa})


def found_by_code(db, code: str) -> list[str]:
    return [r.code for r in search(db, OFFICER, code)]


def test_an_office_on_circular_04_issues_its_codes_and_finds_them(any_db):
    issue_circular_04(any_db)
    first = register(any_db, OFFICER, request(MARRIAGE, received_at=MON))
    second = register(any_db, OFFICER, request(MARRIAGE, received_at=MON))
    assert (first.code, second.code) == ("H62.18.05-261123-010001", "H62.18.05-261123-010002")
    assert not first.provisional
    # A scanned receipt, in the lower case a wedge scanner may type, opens the dossier ...
    assert scanned(second.code.lower() + "\r\n") == Scanned(ScanKind.DOSSIER, second.code)
    with any_db.reading() as s:
        assert get_dossier(s, second.code).id == second.id
    # ... and the search box takes it for a code, not for a name.
    assert found_by_code(any_db, f" {second.code.lower()} ") == [second.code]


def test_codes_already_issued_keep_their_shape_and_are_still_found(db):
    old = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    issue_circular_04(db, unit="H62.18", aa="35")
    new = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    assert (old, new) == (f"{UNIT}-261123-0001", "H62.18-261123-350001")
    assert [parse_dossier_code(c).shape for c in (old, new)] == ["2018", "04/2025"]
    assert (found_by_code(db, old), found_by_code(db, new)) == ([old], [new])


@pytest.mark.parametrize("settings,tails", [
    ({}, ("10000", "10001")),
    ({"codes.shape": "04/2025", "codes.system_id": "07"}, ("0710000", "0710001")),
])
def test_the_10001st_dossier_of_a_day_gets_a_five_digit_sequence(db, settings, tails):
    change_settings(db, ADMIN, settings)
    with db.writing() as s:  # 9,999 numbers already taken today: the day's counter row, set there
        assert next_sequence(s, UNIT, MON.date()) == 1
        s.execute(update(DossierSequence).where(DossierSequence.unit_code == UNIT).values(last_value=9_999))
    codes = [register(db, OFFICER, request(MARRIAGE, received_at=MON)).code for _ in range(2)]
    assert codes == [f"{UNIT}-261123-{t}" for t in tails]
    assert [parse_dossier_code(c).sequence for c in codes] == [10_000, 10_001]
    assert all(str(parse_dossier_code(c)) == c and scanned(c).kind is ScanKind.DOSSIER for c in codes)
    assert [found_by_code(db, c) for c in codes] == [[c] for c in codes]
    ninth = codes[0][:-5] + "9999"  # the 9,999th sorts before them, though its text does not
    assert sorted([codes[1], ninth, codes[0]], key=code_sort_key) == [ninth, *codes] != sorted([ninth, *codes])


def _written(db) -> tuple[int, int]:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Dossier)), s.scalar(select(func.count()).select_from(AuditRecord))


def test_circular_04_without_its_aa_registers_nothing_and_says_which_setting(db):
    change_settings(db, ADMIN, {"codes.shape": "04/2025"})
    before = _written(db)
    with pytest.raises(UserError, match=r"cần mã hệ thống \(AA\): 2 chữ số .*\(cài đặt codes.system_id\), ví dụ "
                                        r"H62.18-260125-010001\.$"):
        register(db, OFFICER, request(MARRIAGE, received_at=MON))
    assert _written(db) == before


@pytest.mark.parametrize("key,value,words", [
    ("codes.shape", "2020", "Giá trị «2020» không hợp lệ cho «Dạng mã hồ sơ cơ quan cấp»: cần 2018 "
                            "(<mã đơn vị>-<yyMMdd>-<số thứ tự>, ví dụ 000.00.01.H22-260125-0001) hoặc 04/2025 "
                            "(<mã định danh cơ quan>-<yyMMdd>-<AA><số thứ tự>, ví dụ H62.18-260125-010001)."),
    ("codes.shape", ["2018"], "Giá trị «một danh sách» không hợp lệ cho «Dạng mã hồ sơ cơ quan cấp»"),
    ("codes.system_id", "1A", "Giá trị «1A» không hợp lệ cho «Mã hệ thống (AA) trong mã hồ sơ theo Thông tư "
                              "04/2025/TT-VPCP»: cần 2 chữ số"),
    ("codes.system_id", "012", "Giá trị «012» không hợp lệ"),
])
def test_the_code_settings_refuse_garbage_in_vietnamese(db, key, value, words):
    with pytest.raises(UserError) as refused:
        change_settings(db, ADMIN, {key: value})
    assert refused.value.message.startswith(words) and refused.value.field == key
    assert (load_settings(db)["codes.shape"], load_settings(db)["codes.system_id"]) == ("2018", "")
