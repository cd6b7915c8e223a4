"""Ticket printer bytes: Vietnamese through WPC1258 as base letter + combining tone, the ticket
layout, the raster fallback, and a decoder (the printer emulator's) that takes any input."""

import unicodedata
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from app.devices.escpos import (
    CUT_LINE,
    Ticket,
    decode_escpos,
    encode_wpc1258,
    ticket_bytes,
    ticket_raster_bytes,
)
from tests.helpers.hypothesis_budget import examples

VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
EVERY_TONE = " ".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES)
SENTENCE = "Đ đ Người dân được tiếp nhận hồ sơ, trả kết quả đúng hẹn; ở mỗi quầy ưu tiên người cao tuổi."
TICKET = Ticket("A012", "Tư pháp - Hộ tịch", datetime(2026, 11, 23, 8, 5), "Bộ phận Một cửa", 4, "Xin cảm ơn")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_every_tone_on_every_vowel_round_trips():
    for text in (EVERY_TONE, SENTENCE, EVERY_TONE + " " + SENTENCE):
        encoded = encode_wpc1258(text)
        assert b"?" not in encoded
        assert nfc(encoded.decode("cp1258")) == nfc(text)


def test_decomposed_input_round_trips_too():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert encode_wpc1258(nfd) == encode_wpc1258(SENTENCE)


@given(st.text(alphabet="".join(set(EVERY_TONE + SENTENCE)), max_size=80))
def test_any_vietnamese_text_round_trips(text):
    assert nfc(encode_wpc1258(text).decode("cp1258")) == nfc(text)


def test_a_letter_cp1258_lacks_is_its_base_letter_then_the_tone():
    expected = "â".encode("cp1258") + "\u0301".encode("cp1258")  # computed, not trusted
    assert expected == b"\xe2\xec"
    assert encode_wpc1258("ấ") == expected
    assert encode_wpc1258("ộ") == "ô".encode("cp1258") + "\u0323".encode("cp1258")
    assert encode_wpc1258("ơ") == "ơ".encode("cp1258")  # cp1258 has it whole
    assert encode_wpc1258("Đ đ") == "Đ đ".encode("cp1258")


def test_what_cp1258_cannot_carry_becomes_a_question_mark():
    assert encode_wpc1258("A漢B") == b"A?B"


def test_ticket_bytes():
    data = ticket_bytes(TICKET)
    assert data.startswith(b"\x1b@\x1bt\x34")  # ESC @, ESC t 52
    assert b"\x1d!\x11" + b"A012\n" + b"\x1d!\x00" in data  # the number double width and height
    assert data.endswith(b"\x1dV\x42\x00")  # GS V 66 0
    assert encode_wpc1258("Tư pháp - Hộ tịch") + b"\n" in data
    assert ticket_bytes(TICKET, code_page=46).startswith(b"\x1b@\x1bt\x2e")


def test_ticket_reads_back_with_its_diacritics():
    text = decode_escpos(ticket_bytes(TICKET))
    lines = text.splitlines()
    for line in ("Bộ phận Một cửa", "A012", "Tư pháp - Hộ tịch", "Số người đang chờ: 4",
                 "08:05 23/11/2026", "Xin cảm ơn"):
        assert line in lines, line
    assert lines[-1] == CUT_LINE == "--- cắt giấy ---"
    assert text == nfc(text)


def test_control_characters_in_a_field_cannot_inject_commands():
    data = ticket_bytes(Ticket("A1", "Hộ tịch\x1bi", datetime(2026, 1, 2, 3, 4), "UBND", 0))
    assert b"\x1bi" not in data
    assert decode_escpos(data).count(CUT_LINE) == 1


def test_raster_ticket():
    data = ticket_raster_bytes(TICKET)
    assert data.startswith(b"\x1b@\x1dv0\x00")
    row_bytes = int.from_bytes(data[6:8], "little")
    rows = int.from_bytes(data[8:10], "little")
    assert row_bytes == 384 // 8 and rows > 100
    image = data[10:10 + row_bytes * rows]
    assert len(image) == row_bytes * rows and any(image)  # something black was drawn
    assert data[10 + row_bytes * rows:].endswith(b"\x1dV\x42\x00")
    assert decode_escpos(data).splitlines() == [f"[ảnh 384×{rows}]", "", "", "", CUT_LINE]


def test_a_long_service_name_wraps_instead_of_running_off_the_paper():
    short = ticket_raster_bytes(TICKET)
    long = ticket_raster_bytes(Ticket("A012", "Đăng ký khai sinh có yếu tố nước ngoài cho trẻ em",
                                      TICKET.issued_at, TICKET.office, 4, TICKET.note))
    assert int.from_bytes(long[8:10], "little") > int.from_bytes(short[8:10], "little")


def test_decoder_follows_code_pages_and_skips_what_it_does_not_show():
    data = (b"\x1b@\x1bt\x00\x82\n"  # PC437: é
            b"\x1bt\x34\xe2\xec\n"  # WPC1258: ấ
            b"\x1bt\x2e\x1bE\x01\x1b!\x30\x1dB\x01bold\n"  # 46 reads as WPC1258 too; styles dropped
            b"\x1b\x70\x00\x19\xfa"  # cash drawer pulse: ESC p m t1 t2
            b"\x1dk\x04123\x00"  # a barcode, NUL-terminated
            b"\x1dV\x00")
    assert decode_escpos(data).splitlines() == ["é", "ấ", "bold", CUT_LINE]


@examples(500)
@given(st.binary(max_size=500))
def test_decoder_never_raises(data):
    text = decode_escpos(data)
    assert isinstance(text, str) and text == nfc(text)


def test_decoder_on_ten_kilobytes_of_nul():
    assert decode_escpos(b"\x00" * 10_240) == ""


def test_decoder_on_truncated_commands():
    for data in (b"\x1b", b"\x1bt", b"\x1d", b"\x1dv0\x00\x30", b"\x1dv0\x00\x30\x00\xff\xff\x00"):
        assert decode_escpos(b"ab" + data) in ("ab", "ab\n[ảnh 384×65535]")
