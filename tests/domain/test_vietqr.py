"""VietQR payloads against the CRC check value and payloads real banking systems issued."""

import pytest

from app.domain.vietqr import BankAccount, crc16_ccitt_false, parse, payload, transfer_purpose
from app.errors import UserError

# Issued by payment services and read by banking apps (public examples).
REAL = [
    "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F",
    "00020101021138570010A00000072701270006970405011322082054793800208QRIBFTTA53037045802VN630497A6",
    "00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA5303704540420005802VN"
    "6224082018f8746b181045f0a2ce63040FC0",
]


def test_crc_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_static_payload_matches_a_real_one():
    assert payload(BankAccount("970416", "257678859")) == REAL[0]
    assert payload(BankAccount("970405", "2208205479380")) == REAL[1]


def test_payload_with_amount_and_message_matches_real_ones():
    assert payload(BankAccount("970422", "VQRQABRLS0448"), 2000, "18f8746b181045f0a2ce") == REAL[2]


@pytest.mark.parametrize("text", REAL)
def test_parse_checks_the_crc(text):
    fields = parse(text)
    assert fields["53"] == "704" and fields["58"] == "VN"
    broken = text[:-5] + ("0" if text[-5] != "0" else "1") + text[-4:]
    with pytest.raises(UserError, match="CRC"):
        parse(broken)


def test_dossier_code_is_the_transfer_message():
    code = "000.00.01.H62-261123-0007"
    text = payload(BankAccount("970436", "0011004455667"), 1_000_000, code)
    fields = parse(text)
    assert fields["54"] == "1000000" and fields["01"] == "12"
    assert fields["62"] == "0825" + code


def test_message_is_folded_to_what_banks_accept():
    assert transfer_purpose("Lệ phí hộ tịch – Đặng") == "Le phi ho tich Dang"
    assert len(transfer_purpose("x" * 40)) == 25


@pytest.mark.parametrize("bin_, account, amount, needle", [
    ("97043", "123", None, "BIN"), ("970436", "12-34", None, "Số tài khoản"),
    ("970436", "123", -5, "Số tiền"), ("970436", "123", 0, "Số tiền"),
])
def test_bad_account_or_amount_is_refused_in_vietnamese(bin_, account, amount, needle):
    with pytest.raises(UserError, match=needle):
        payload(BankAccount(bin_, account), amount)
