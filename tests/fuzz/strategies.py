"""What the fuzz tests feed the parsers, and what every refusal must look like."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.helpers.hypothesis_budget import examples as budget


def fuzz(examples: int) -> settings:
    """A test's budget (tests/helpers/hypothesis_budget.py): `examples` in `make test` (the "ci"
    profile: the same inputs every run), 25 times as many fresh ones under HYPOTHESIS_PROFILE=long.
    Database fixtures live across examples on purpose: each example compares the database with
    itself before and after."""
    return settings(budget(examples),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])


# --- text ------------------------------------------------------------------------------------------
# Strings that broke parsers somewhere: NUL, lone surrogates (what invalid UTF-8 becomes in argv or a
# JSON \ud800 escape), invisible format characters, other scripts' digits, numbers too big for
# int(), JSON's non-numbers, line breaks, Vietnamese in both normal forms.
SPECIAL = ["", " ", "\x00", "\ud800", "\udcff", "\u200b", "\ufeff", "\u00a0", "\r\n", "\n", "\t", "\x1b[2J",
           "٠١٢٣٤٥٦٧٨٩", "१२३", "０１２", "²", "ß", "ı", "ﬁ", "9" * 5000, "1e999", "-1", "NaN", "Infinity",
           "null", "true", "[]", "{}", "Nguyễn Văn An", unicodedata.normalize("NFD", "Đặng Thị Ánh"),
           "x" * 10_000, "'; DROP TABLE dossiers; --", "%s%n", "{code}", "../../etc/passwd", "CON", "…"]

any_char = st.characters(exclude_categories=())  # every code point, surrogates included
any_text = st.one_of(st.text(any_char, max_size=60), st.sampled_from(SPECIAL))
vietnamese_letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
vietnamese_word = st.text(st.sampled_from(vietnamese_letters + vietnamese_letters.upper()), min_size=1, max_size=8)
vietnamese_text = st.lists(vietnamese_word, min_size=1, max_size=6).map(" ".join)


@st.composite
def mutated_text(draw, base: str) -> str:
    """`base` with a few edits: cut short, a slice dropped or doubled, something odd inserted, a
    character replaced, decomposed (NFD), upper-cased."""
    text = base
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["cut", "drop", "double", "insert", "replace", "nfd", "upper"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, len(text)))
        if op == "cut":
            text = text[:i]
        elif op == "drop":
            text = text[:i] + text[j:]
        elif op == "double":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(any_text) + text[i:]
        elif op == "replace" and i < len(text):
            text = text[:i] + draw(any_char) + text[i + 1:]
        elif op == "nfd":
            text = unicodedata.normalize("NFD", text)
        elif op == "upper":
            text = text.upper()
    return text


# --- JSON ------------------------------------------------------------------------------------------
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([2**31, 2**63, -(2**63) - 1, 10**40]),
    st.floats(), any_text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)


@st.composite
def mutated_json(draw, value: Any, depth: int = 0) -> Any:
    """`value` (a parsed JSON document) with one change somewhere inside it: a key dropped or
    added, a value replaced by anything, a list emptied or an item doubled, a string edited."""
    if isinstance(value, dict) and value and depth < 6 and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value, key=str)))
        return {**value, key: draw(mutated_json(value[key], depth + 1))}
    if isinstance(value, list) and value and depth < 6 and draw(st.booleans()):
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], draw(mutated_json(value[i], depth + 1)), *value[i + 1:]]
    op = draw(st.sampled_from(["replace", "drop", "extra", "wrap", "edit", "number"]))
    if op == "drop" and isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value, key=str)))
        return {k: v for k, v in value.items() if k != key}
    if op == "drop" and isinstance(value, list) and value:
        return value[1:]
    if op == "extra" and isinstance(value, dict):
        return {**value, draw(any_text): draw(json_value)}
    if op == "extra" and isinstance(value, list):
        return [*value, *value, draw(json_value)]
    if op == "wrap":
        return draw(st.sampled_from([[value], {"data": value}, json.dumps(value)]))
    if op == "edit" and isinstance(value, str):
        return draw(mutated_text(value))
    if op == "number":
        return draw(st.sampled_from([0, -1, 1.5, 2**31, 10**400, float("inf"), float("nan"), True, "1", "١"]))
    return draw(json_value)


def mutations(value: Any, most: int = 3) -> st.SearchStrategy:
    """`value` with 1 to `most` changes (chained)."""
    strategy = mutated_json(value)
    for _ in range(most - 1):
        strategy = st.one_of(strategy, strategy.flatmap(mutated_json))
    return strategy


def dumps(value: Any) -> bytes:
    """JSON as a file or a response would carry it (NaN and lone surrogates included)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


# --- what a refusal must look like -----------------------------------------------------------------
VIETNAMESE = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
PYTHON_WORDS = ("Traceback", "Error:", "Error(", "KeyError", "TypeError", "ValueError", "IndexError",
                "AttributeError", "Exception", "Input should", "Field required", "NoneType", "object has no")


def assert_refusal(message: str, *, names: tuple[str, ...] = (), lines: int = 1) -> None:
    """A refusal as the person at the counter (or the admin at a terminal) reads it: Vietnamese,
    not a Python repr, on `lines` line(s) at most, free of raw control characters, and naming the
    problem (one of `names` in it, when given)."""
    assert message and message.strip(), "empty message"
    assert any(c in VIETNAMESE for c in message.lower()), f"not Vietnamese: {message!r}"
    assert not any(w in message for w in PYTHON_WORDS), f"Python leaks into: {message!r}"
    assert len(message.splitlines()) <= lines, f"more than {lines} line(s): {message!r}"
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in message.replace("\n", "")), \
        f"raw control character in: {message!r}"
    if names:
        assert any(n in message for n in names), f"{message!r} names none of {names}"
