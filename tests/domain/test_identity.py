"""Identity as it is today (issue 20 §5): the căn cước card's QR with more than seven fields, the
address label by card kind, the 12-digit personal ID as tax code, a country code as a warning,
and a QR whose number disagrees with its own birth date or sex flagged, not silently taken."""

import unicodedata
from datetime import date

import pytest

from app.domain.applicant import check_tax_code, inspect_cccd, inspect_tax_code
from app.domain.cccd_qr import CAN_CUOC, CCCD, can_cuoc_from, looks_like_cccd_qr, parse_cccd_qr
from app.domain.vocab import IdentityCheck
from app.errors import UserError

ADDRESS = "Ấp Phú Hòa, Xã Phú Quới, Huyện Long Hồ, Vĩnh Long"
BASE7 = f"086090012345|025123456|Nguyễn Văn Ánh|15061990|Nam|{ADDRESS}|"


def test_six_seven_and_nine_fields_map_the_first_seven_by_position():
    six = parse_cccd_qr(f"086090012345|Nguyễn Văn Ánh|15061990|Nam|{ADDRESS}|01072021")
    seven = parse_cccd_qr(BASE7 + "01072021")
    nine = parse_cccd_qr(BASE7 + "15082024|086090099999|Nguyễn  Văn Bé ")
    assert all(looks_like_cccd_qr(t) for t in (BASE7 + "01072021", BASE7 + "15082024|a|b"))
    assert (six.old_id, six.extra, seven.old_id, seven.extra) == (None, (), "025123456", ())
    assert nine.extra == ("086090099999", "Nguyễn Văn Bé")
    assert (nine.name, nine.address, nine.issue_date) == ("Nguyễn Văn Ánh", ADDRESS, date(2024, 8, 15))
    assert nine.warnings == ()


def test_nfd_text_with_extra_fields_comes_out_nfc():
    nfd = unicodedata.normalize("NFD", BASE7 + "15082024|Trần Thị Ấu|Lê Văn Ơn\r\n")
    card = parse_cccd_qr(nfd)
    assert card.extra == ("Trần Thị Ấu", "Lê Văn Ơn")
    assert all(unicodedata.is_normalized("NFC", v) for v in (card.name, card.address, *card.extra))


def test_address_label_follows_the_card_kind():
    assert can_cuoc_from() == date(2024, 7, 1)  # resources/data/id_cards.json
    cccd = parse_cccd_qr(BASE7 + "30062024")
    can_cuoc = parse_cccd_qr(BASE7 + "01072024")
    unknown = parse_cccd_qr(BASE7)
    more = parse_cccd_qr(BASE7 + "|086090099999")  # only a căn cước card carries an 8th field
    assert (cccd.kind, cccd.address_label) == (CCCD, "Nơi thường trú")
    assert (can_cuoc.kind, can_cuoc.address_label) == (CAN_CUOC, "Nơi cư trú")
    assert (unknown.kind, unknown.address_label) == (None, "Nơi cư trú")
    assert more.kind == CAN_CUOC


def test_a_country_code_is_a_warning_not_a_refusal():
    found = inspect_cccd("840090012345", birth_date=date(1990, 6, 15), sex="Nam")
    assert found.number == "840090012345"
    assert len(found.warnings) == 1 and "«840»" in found.warnings[0] and "nước ngoài" in found.warnings[0]
    assert inspect_cccd("086090012345").warnings == ()
    card = parse_cccd_qr("840" + BASE7[3:] + "01072021")
    assert card.number == "840090012345" and "nước ngoài" in card.warnings[0]


@pytest.mark.parametrize("number, words", [
    ("086091012345", "năm sinh"),  # the year digits say 1991
    ("086190012345", "giới tính"),  # digit 4 = 1 says Nữ
    ("086290012345", "năm sinh"),  # digit 4 = 2 says born in the 2000s
])
def test_a_number_that_disagrees_with_its_own_card_is_flagged(number, words):
    card = parse_cccd_qr(number + BASE7[12:] + "01072021")
    assert card.number == number
    assert len(card.warnings) == 1 and card.warnings[0].startswith("Mã QR đáng ngờ") and words in card.warnings[0]
    with pytest.raises(UserError, match=words):  # and the dossier cannot be registered with it
        inspect_cccd(card.number, birth_date=card.birth_date, sex=card.sex)


def test_twelve_digit_personal_id_is_a_tax_code():
    assert check_tax_code("086 090 012345") == "086090012345"
    assert inspect_tax_code("840090012345").warnings != ()
    assert check_tax_code("0101234567") == "0101234567"
    assert check_tax_code("0101234567001") == "0101234567-001"
    for bad in ("01012345678", "08609001234X", "0101234567-01"):
        with pytest.raises(UserError, match="Mã số thuế") as err:
            check_tax_code(bad)
        assert err.value.field == "tax_code"


def test_identity_check_labels():
    assert [(c.value, c.label) for c in IdentityCheck] == [
        ("card_seen", "Xem thẻ căn cước/CCCD"), ("card_qr", "Đọc mã QR trên thẻ"),
        ("vneid", "Tài khoản VNeID mức 2"), ("passport", "Hộ chiếu")]


def test_the_principals_fields_are_masked_by_name_wherever_they_sit():
    from app.domain.privacy import mask

    assert mask("principal_id_number", "086185004321") == "086******321"
    assert mask("principal_phone", "0939123456") == "093****456"
    assert mask("principal_email", "bich.tran@example.vn") == "b********@example.vn"
    assert mask("principal_address", "Số 5 đường 30/4, Phường Long Châu, Vĩnh Long") == \
        "***, Phường Long Châu, Vĩnh Long"
    assert mask("principal_name", "Trần Thị Bích") == "Trần Thị Bích"
    assert mask("paper", "Giấy ủy quyền số 12/2026, ĐT 0939123456") == "Giấy ủy quyền số 12/2026, ĐT 093****456"
