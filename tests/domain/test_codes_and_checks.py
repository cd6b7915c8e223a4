from datetime import date

import pytest

from app.domain.applicant import check_cccd, check_email, check_phone, check_tax_code
from app.domain.codes import format_dossier_code, parse_dossier_code, validate_unit_code
from app.domain.folding import fold
from app.errors import UserError


def test_dossier_code_shape_round_trips():
    code = format_dossier_code("000.00.01.H22", date(2025, 1, 2), 1)
    assert code == "000.00.01.H22-250102-0001"
    parsed = parse_dossier_code(code)
    assert (parsed.unit_code, parsed.day, parsed.sequence) == ("000.00.01.H22", date(2025, 1, 2), 1)


@pytest.mark.parametrize("text", ["", "000.00.01.H22-251332-0001", "000.00.01-250102-0001",
                                  "000.00.01.H22-250102-01", "hello"])
def test_not_a_dossier_code(text):
    assert parse_dossier_code(text) is None


def test_the_sequence_goes_past_9999_and_stops_where_the_shape_does():
    assert format_dossier_code("000.00.01.H22", date(2025, 1, 2), 10000) == "000.00.01.H22-250102-10000"
    with pytest.raises(UserError, match=r"hết số thứ tự hồ sơ trong ngày 02/01/2025 \(tối đa 99999\)"):
        format_dossier_code("000.00.01.H22", date(2025, 1, 2), 100000)


def test_unit_codes():
    assert validate_unit_code(" 000.00.04.g14 ") == "000.00.04.G14"
    assert validate_unit_code("h62.18.05") == "H62.18.05"
    with pytest.raises(UserError, match="QCVN 102:2016"):
        validate_unit_code("H2")


@pytest.mark.parametrize("text,folded", [
    ("Nguyễn Văn An", "nguyen van an"), ("ĐẶNG Thị Đào", "dang thi dao"),
    ("Lê  Hoàng-Ánh", "le hoang anh"), ("Nguye\u0302\u0303n", "nguyen"),  # NFD input
])
def test_fold_removes_every_vietnamese_mark_including_d(text, folded):
    assert fold(text) == folded


def test_cccd_checks_province_century_sex_and_year():
    assert check_cccd("079 090 012345", birth_date=date(1990, 3, 4), sex="Nam") == "079090012345"
    assert check_cccd("079190012345", birth_date=date(1990, 3, 4), sex="Nữ")
    assert check_cccd("001305001234", birth_date=date(2005, 1, 1), sex="Nữ")
    with pytest.raises(UserError, match="12 chữ số"):
        check_cccd("07919001234")
    assert check_cccd("003190012345") == "003190012345"  # not a province: a warning (tests/domain/test_identity.py)
    with pytest.raises(UserError, match="năm sinh"):
        check_cccd("079090012345", birth_date=date(1991, 3, 4))
    with pytest.raises(UserError, match="năm sinh"):
        check_cccd("079290012345", birth_date=date(1990, 3, 4))  # digit 2 means born in the 2000s
    with pytest.raises(UserError, match="giới tính Nam"):
        check_cccd("079090012345", sex="Nữ")
    with pytest.raises(UserError, match="giới tính Nữ"):
        check_cccd("079190012345", birth_date=date(1990, 3, 4), sex="Nam")


def test_phone_email_tax_code():
    assert check_phone("+84 912.345.678") == "0912345678"
    assert check_phone("0270 3822 000") == "02703822000"
    for bad in ("12345", "1912345678", "09123456789012"):
        with pytest.raises(UserError, match="Số điện thoại"):
            check_phone(bad)
    assert check_email(" a.b@so.vinhlong.gov.vn ") == "a.b@so.vinhlong.gov.vn"
    with pytest.raises(UserError, match="thư điện tử"):
        check_email("a@b")
    assert check_tax_code("0101234567") == "0101234567"
    assert check_tax_code("0101234567-001") == check_tax_code("0101234567001") == "0101234567-001"
    with pytest.raises(UserError, match="Mã số thuế"):
        check_tax_code("01012345")
