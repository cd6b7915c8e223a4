"""The hall announcement as text and as the clips that say it."""

import pytest

from app.domain.announcement import (
    CLIP_TEXTS,
    LETTER_NAMES,
    all_clip_names,
    announcement_text,
    clip_names,
    number_clips,
)
from app.errors import UserError

CALL, TO = "moi_cong_dan_co_so_thu_tu", "den_quay_so"


def test_the_text_is_the_sentence_of_the_brief():
    assert announcement_text("A012", 3) == "Mời công dân có số thứ tự A012 đến quầy số 3"
    assert announcement_text(" b007 ", 15) == "Mời công dân có số thứ tự B007 đến quầy số 15"


def test_the_clips_read_the_letter_by_name_each_digit_then_the_counter_as_a_number():
    assert clip_names("A012", 3) == [CALL, "chu_a", "khong", "mot", "hai", TO, "ba"]
    assert clip_names("Z999", 99) == [CALL, "chu_z", "chin", "chin", "chin", TO, "chin", "muoi_",
                                      "chin"]


@pytest.mark.parametrize("counter, words", [
    (1, ["mot"]),
    (5, ["nam"]),
    (10, ["muoi"]),
    (11, ["muoi", "mot"]),  # "mười một": mốt only after mươi
    (14, ["muoi", "bon"]),  # "mười bốn": tư only after mươi
    (15, ["muoi", "lam"]),  # "mười lăm"
    (20, ["hai", "muoi_"]),  # "hai mươi"
    (21, ["hai", "muoi_", "mot_"]),  # "hai mươi mốt"
    (24, ["hai", "muoi_", "tu"]),  # "hai mươi tư"
    (25, ["hai", "muoi_", "lam"]),  # "hai mươi lăm"
    (55, ["nam", "muoi_", "lam"]),
    (99, ["chin", "muoi_", "chin"]),
])
def test_counter_numbers_are_vietnamese_number_words(counter, words):
    assert number_clips(counter) == words
    assert clip_names("A001", counter)[-len(words):] == words
    assert clip_names("A001", counter)[-len(words) - 1] == TO


def test_every_clip_has_an_ascii_stem_and_words_to_say():
    stems = all_clip_names()
    assert len(stems) == len(set(stems)) == 2 + 10 + 5 + 26
    for stem in stems:
        assert stem.isascii() and stem.replace("_", "").isalnum(), stem
        assert CLIP_TEXTS[stem].strip()
    assert sorted(LETTER_NAMES) == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert LETTER_NAMES["B"] == "bê" and LETTER_NAMES["W"] == "vê kép"


def test_any_ticket_and_counter_needs_only_known_clips():
    known = set(all_clip_names())
    for letter in LETTER_NAMES:
        for counter in range(1, 100):
            assert set(clip_names(f"{letter}{counter:03d}", counter)) <= known


@pytest.mark.parametrize("label, counter, words", [
    ("", 3, "Thiếu số thứ tự"),
    ("   ", 3, "Thiếu số thứ tự"),
    ("Đ012", 3, "ký tự «Đ»"),
    ("A-12", 3, "ký tự «-»"),
    ("012", 3, "không đúng dạng"),
    ("A", 3, "không đúng dạng"),
    ("A01B", 3, "không đúng dạng"),
    ("A012", 0, "Số quầy «0»"),
    ("A012", 100, "Số quầy «100»"),
    ("A012", -1, "Số quầy «-1»"),
    ("A012", True, "Số quầy «True»"),
])
def test_what_cannot_be_said_is_refused_with_the_reason(label, counter, words):
    for f in (announcement_text, clip_names):
        with pytest.raises(UserError) as e:
            f(label, counter)
        assert words in e.value.message
