"""Reading JSON someone hands the app (a catalog, a settings file, a value typed on the command
line): every way it can be wrong is one Vietnamese sentence, never a Python exception. Nesting is
bounded: json's parser recurses, and so does every later step that walks the document."""

from __future__ import annotations

import json
from typing import Any

from app.errors import UserError

MAX_DEPTH = 32  # the deepest real file (a catalog) has 5 levels


class NotJson(UserError):
    """The text is not JSON at all (as opposed to JSON nested too deeply)."""


def _depth(value: Any) -> int:
    """How deeply `value` nests, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def decode_text(data: bytes, what: str) -> str:
    """UTF-8 (a byte order mark, as Windows Notepad writes, is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}).") from None


def parse_json(data: str | bytes, what: str) -> Any:
    """The document `data` holds; `what` names it in messages ("Tệp «danh-muc.json»")."""
    text = decode_text(data, what) if isinstance(data, bytes) else data
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJson(f"{what} không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}.") from None
    except RecursionError:
        raise UserError(f"{what} lồng nhau quá sâu (tối đa {MAX_DEPTH} tầng).") from None
    except ValueError:  # a number of thousands of digits (int's limit on conversions)
        raise UserError(f"{what} có số quá dài.") from None
    if _depth(value) > MAX_DEPTH:
        raise UserError(f"{what} lồng nhau quá sâu (tối đa {MAX_DEPTH} tầng).")
    return value
