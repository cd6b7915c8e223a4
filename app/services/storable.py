"""Text a database column can hold: within its length (PostgreSQL refuses longer text; SQLite would
keep it, and the two must agree), and free of NUL, control characters and lone surrogates, which
no database stores. Checked before anything is written, with the field named in Vietnamese."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String

from app.domain.text import first_bad_char
from app.errors import UserError


def check_storable(model, values: dict[str, Any], labels: dict[str, str]) -> None:
    columns = model.__table__.columns
    for key, value in values.items():
        if not isinstance(value, str):
            continue
        label = labels.get(key, key)
        if first_bad_char(value, allowed="\n\t") is not None:
            raise UserError(f"«{label}» có ký tự không hợp lệ (ký tự điều khiển hoặc không đọc được): "
                            "hãy gõ lại.", field=key)
        column_type = columns[key].type if key in columns else None
        most = column_type.length if isinstance(column_type, String) else None
        if most is not None and len(value) > most:
            raise UserError(f"«{label}» dài {len(value)} ký tự, quá {most} ký tự cho phép.", field=key)
