"""What the hall display says when a counter calls a ticket, as text and as the sequence of short
pre-recorded clips (resources/sounds/vi) that say it.

"Mời công dân có số thứ tự A012 đến quầy số 3" is read: the phrase, the ticket's letter by its
Vietnamese name ("a"), each digit on its own ("không một hai": a ticket number is a code, not a
quantity), the second phrase, then the counter as a number ("ba", "mười lăm", "hai mươi mốt").
Clip stems are ASCII so the files travel through any file system and zip tool unharmed."""

from __future__ import annotations

import re

from app.domain.text import printable
from app.errors import UserError

PHRASE_CALL = "moi_cong_dan_co_so_thu_tu"
PHRASE_COUNTER = "den_quay_so"

# Digits 0-9, named by their Vietnamese words without tone marks.
DIGITS = ("khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin")
# The forms a digit takes inside a number: 10-19 start with "mười", 20-99 use "mươi"; a final 1
# after "mươi" is "mốt", a final 5 after "mười"/"mươi" is "lăm", a final 4 after "mươi" is "tư".
TEN, TENS, ONE_AFTER_TENS, FIVE_AFTER_TEN, FOUR_AFTER_TENS = "muoi", "muoi_", "mot_", "lam", "tu"
NUMBER_WORDS = (TEN, TENS, ONE_AFTER_TENS, FIVE_AFTER_TEN, FOUR_AFTER_TENS)

# Vietnamese names of the Latin letters, as an office worker spells them aloud.
LETTER_NAMES = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "E": "e", "F": "ép", "G": "giê", "H": "hát",
    "I": "i", "J": "di", "K": "ca", "L": "e-lờ", "M": "em-mờ", "N": "en-nờ", "O": "o", "P": "pê",
    "Q": "cu", "R": "e-rờ", "S": "ét-xì", "T": "tê", "U": "u", "V": "vê", "W": "vê kép",
    "X": "ích-xì", "Y": "i-dài", "Z": "dét",
}

# The words each clip says (what scripts/make_announcement_clips.py feeds the speech engine).
CLIP_TEXTS: dict[str, str] = {
    PHRASE_CALL: "Mời công dân có số thứ tự",
    PHRASE_COUNTER: "đến quầy số",
    **dict(zip(DIGITS, ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
               strict=True)),
    TEN: "mười", TENS: "mươi", ONE_AFTER_TENS: "mốt", FIVE_AFTER_TEN: "lăm", FOUR_AFTER_TENS: "tư",
    **{f"chu_{letter.lower()}": name for letter, name in LETTER_NAMES.items()},
}

MAX_COUNTER = 99
_LABEL_RE = re.compile(r"^([A-Z]+)([0-9]+)$")


def letter_clip(letter: str) -> str:
    return f"chu_{letter.lower()}"


def _check_label(label: str) -> tuple[str, str]:
    """The letters and digits of a ticket label such as "A012"; UserError naming what is wrong."""
    text = (label or "").strip().upper()
    if not text:
        raise UserError("Thiếu số thứ tự cần đọc.", field="label")
    bad = [c for c in text if not ("A" <= c <= "Z" or "0" <= c <= "9")]
    if bad:
        raise UserError(f"Số thứ tự «{printable(label)}» có ký tự «{printable(bad[0])}» không đọc được "
                        "(chỉ dùng chữ cái A–Z và chữ số).", field="label")
    m = _LABEL_RE.match(text)
    if not m:
        raise UserError(f"Số thứ tự «{printable(label)}» không đúng dạng chữ cái rồi chữ số (ví dụ A012).",
                        field="label")
    return m[1], m[2]


def _check_counter(counter: int) -> int:
    if isinstance(counter, bool) or not isinstance(counter, int) \
            or not 1 <= counter <= MAX_COUNTER:
        raise UserError(f"Số quầy «{printable(str(counter))}» không đọc được (chỉ từ 1 đến {MAX_COUNTER}).",
                        field="counter")
    return counter


def announcement_text(label: str, counter: int) -> str:
    """The sentence as shown on screen, e.g. "Mời công dân có số thứ tự A012 đến quầy số 3"."""
    letters, digits = _check_label(label)
    counter = _check_counter(counter)
    return f"{CLIP_TEXTS[PHRASE_CALL]} {letters}{digits} {CLIP_TEXTS[PHRASE_COUNTER]} {counter}"


def number_clips(n: int) -> list[str]:
    """Vietnamese number words for 1-99: 3 "ba", 10 "mười", 15 "mười lăm", 20 "hai mươi",
    21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm", 99 "chín mươi chín"."""
    n = _check_counter(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return [DIGITS[units]]
    head = [TEN] if tens == 1 else [DIGITS[tens], TENS]
    if units == 0:
        return head
    if units == 5:
        return [*head, FIVE_AFTER_TEN]
    if tens >= 2 and units == 1:
        return [*head, ONE_AFTER_TENS]
    if tens >= 2 and units == 4:
        return [*head, FOUR_AFTER_TENS]
    return [*head, DIGITS[units]]


def clip_names(label: str, counter: int) -> list[str]:
    """The clip stems to play, in order, for calling ticket `label` to counter `counter`."""
    letters, digits = _check_label(label)
    counter = _check_counter(counter)
    return [PHRASE_CALL, *(letter_clip(c) for c in letters), *(DIGITS[int(d)] for d in digits),
            PHRASE_COUNTER, *number_clips(counter)]


def all_clip_names() -> list[str]:
    """Every clip any announcement can need, in a stable order."""
    return list(CLIP_TEXTS)
