from datetime import date, datetime

import pytest

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.errors import PermissionDenied, UserError
from app.services.dossiers.query import classify, dossier_detail, search
from app.services.intake.registration import register
from tests.helpers.factories import OFFICER, citizen, procedure_code, request

PEOPLE = [
    ("Nguyễn Văn An", "079090012345", "0912345678", date(1990, 3, 4), "Nam"),
    ("Đặng Thị Đào", "001185004321", "0987654321", date(1985, 6, 7), "Nữ"),
    ("Nguyễn Anh Tuấn", "092200001111", "0355555555", date(2000, 1, 2), "Nam"),
    ("Trần Văn Ân", "086078009999", "0777777777", date(1978, 9, 9), "Nam"),
]


@pytest.fixture
def registered(any_db):
    code = procedure_code(any_db)
    out = {}
    for name, cccd, phone, born, sex in PEOPLE:
        r = register(any_db, OFFICER, request(code, datetime(2026, 11, 20, 9), applicant=citizen(
            name=name, id_number=cccd, phone=phone, birth_date=born, sex=sex)))
        out[name] = r.code
    return any_db, out


def names(rows):
    return sorted(r.applicant_name for r in rows)


def test_name_search_ignores_diacritics_and_d(registered):
    db, _ = registered
    assert names(search(db, OFFICER, "nguyen van an")) == ["Nguyễn Văn An"]
    assert names(search(db, OFFICER, "dang")) == ["Đặng Thị Đào"]
    assert names(search(db, OFFICER, "ĐẶNG THỊ ĐÀO")) == ["Đặng Thị Đào"]
    assert names(search(db, OFFICER, "dao")) == ["Đặng Thị Đào"]
    # "an" also prefixes "Anh", and "Ân" folds to "an": type-ahead shows all three
    assert names(search(db, OFFICER, "an")) == ["Nguyễn Anh Tuấn", "Nguyễn Văn An", "Trần Văn Ân"]
    assert names(search(db, OFFICER, "nguyen")) == ["Nguyễn Anh Tuấn", "Nguyễn Văn An"]
    assert search(db, OFFICER, "pham") == []


def test_exact_code_cccd_and_phone(registered):
    db, codes = registered
    code = codes["Trần Văn Ân"]
    assert names(search(db, OFFICER, code.lower())) == ["Trần Văn Ân"]
    assert names(search(db, OFFICER, "001185004321")) == ["Đặng Thị Đào"]
    assert names(search(db, OFFICER, "0355 555 555")) == ["Nguyễn Anh Tuấn"]


def test_search_box_classification():
    assert classify("000.00.01.h62-261120-0001") == ("code", "000.00.01.H62-261120-0001")
    assert classify("079090012345")[0] == "id_number"
    assert classify("0912345678")[0] == "phone"
    assert classify(" Lê  Văn ") == ("name", "le van")


def test_search_needs_text_and_a_role_that_may_search(db):
    with pytest.raises(UserError, match="Nhập mã hồ sơ"):
        search(db, OFFICER, "   ")
    with pytest.raises(PermissionDenied):
        search(db, Actor("g", Role.GUIDE), "nguyen")


def test_detail_has_every_part(registered):
    db, codes = registered
    d = dossier_detail(db, OFFICER, codes["Nguyễn Văn An"])
    assert d["applicant_id_number"] == "079090012345" and d["status_label"] == "Được tiếp nhận"
    assert d["events"][0]["action"] == "receive" and d["documents"] and d["procedure"]["name"]
