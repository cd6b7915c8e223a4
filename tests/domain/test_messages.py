"""Every refusal is one readable line, whatever a service quotes into it (app/errors.one_line)."""

from __future__ import annotations

import pytest

from app.domain.text import printable
from app.errors import NotFound, UserError, ValidationFailed, one_line


def test_printable_escapes_what_cannot_be_seen_and_clips_long_values():
    assert printable("Nguyễn\u200bVăn\nA\x00") == "Nguyễn\\u200bVăn\\nA\\x00"
    assert printable("đ" * 100) == "đ" * 60 + "…"
    assert printable("Trần Thị Bích Ngọc") == "Trần Thị Bích Ngọc"  # Vietnamese stays as written


@pytest.mark.parametrize("raw,shown", [
    ("Không có hồ sơ «H62\x1b[2J»", "Không có hồ sơ «H62\\x1b[2J»"),  # a terminal escape, quoted raw by a service
    ("Không có người dùng «a\nb\u2028c»", "Không có người dùng «a\\nb\\u2028c»"),
    ("Mã «" + "9" * 400 + "» sai", "Mã «" + "9" * 240 + "…» sai"),
    ("Tệp «" + "/thu-muc" * 30 + "» không có", "Tệp «" + "/thu-muc" * 30 + "» không có"),  # a path: whole
    ("Quầy số 3 đã có.", "Quầy số 3 đã có."),
])
def test_a_user_error_is_one_line_whatever_it_quotes(raw, shown):
    for kind in (UserError, NotFound):
        error = kind(raw)
        assert str(error) == error.message == shown and "\n" not in str(error)
    assert one_line(shown) == shown  # already clean: unchanged


def test_a_list_of_problems_has_one_line_per_problem():
    error = ValidationFailed("Tệp danh mục có 2 lỗi:", ["mã «x\ny» sai", "thiếu tên"])
    assert str(error).splitlines() == ["Tệp danh mục có 2 lỗi:", "  - mã «x\\ny» sai", "  - thiếu tên"]
