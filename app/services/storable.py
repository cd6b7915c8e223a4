"""Text a database column can hold: within its length (PostgreSQL refuses longer text; SQLite would
keep it, and the two must agree), and free of NUL, control characters and lone surrogates, which
no database stores. Checked before anything is written, with the field named in Vietnamese."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event
from sqlalchemy.orm import Session

from app.domain.text import first_bad_char
from app.errors import UserError


def column_length(model, key: str) -> int | None:
    """The most characters the model's text column `key` holds (None: unbounded)."""
    column_type = model.__table__.columns[key].type
    return column_type.length if isinstance(column_type, String) else None


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


# --- every write: no text longer than its column reaches the database ------------------------------
# The services check what people type where they take it (with their own labels, above); this
# check at flush time covers every other writer (users, calendar, agency, counters, catalog,
# settings, the portal's data), so SQLite and PostgreSQL agree on what is stored.
LABELS = {
    "users.login": "Tên đăng nhập", "users.full_name": "Họ tên", "calendar_overrides.reason": "Lý do",
    "agencies.name": "Tên cơ quan", "agencies.parent_name": "Tên cơ quan chủ quản", "agencies.address": "Địa chỉ",
    "agencies.phone": "Điện thoại", "agencies.place_name": "Địa danh", "agencies.office_hours": "Giờ làm việc",
    "agencies.unit_code": "Mã đơn vị", "counters.name": "Tên quầy", "procedures.code": "Mã thủ tục",
    "procedures.sector_code": "Mã lĩnh vực", "procedures.sector_name": "Tên lĩnh vực",
    "queue_groups.name": "Tên nhóm hàng chờ", "queue_groups.code": "Mã nhóm hàng chờ",
}


def too_long(obj) -> tuple[str, int, int, str] | None:
    """(label, length, most, column) for the first text attribute of `obj` longer than its column."""
    table = getattr(obj, "__table__", None)
    if table is None:
        return None
    for column in table.columns:
        most = getattr(column.type, "length", None)
        if most is None or not isinstance(column.type, String):
            continue
        value = obj.__dict__.get(column.key)  # loaded or set values only: no lazy load here
        if isinstance(value, str) and len(value) > most:
            return LABELS.get(f"{table.name}.{column.key}", f"{table.name}.{column.key}"), len(value), most, column.key
    return None


def _check_flush(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        found = too_long(obj)
        if found is not None:
            label, length, most, column = found
            raise UserError(f"«{label}» dài {length} ký tự, quá {most} ký tự cho phép.", field=column)


if not event.contains(Session, "before_flush", _check_flush):
    event.listen(Session, "before_flush", _check_flush)
