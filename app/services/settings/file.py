"""Settings as a file: to copy one office's settings to another PC or office, or keep them with
a backup. Secrets (the portal token) are never written out. Reading checks the whole file first:
a file with one bad value changes nothing, and the message names the key and the problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.jsonfile import parse_json
from app.oserrors import os_reason
from app.services.settings.store import SPECS, VERSION, change_settings, load_settings
from db.engine import Database

MARK = "motcua_settings"  # the file's version key
MAX_BYTES = 1_000_000


def export_settings(db: Database, actor: Actor) -> bytes:
    actor.require(Permission.EDIT_SETTINGS)
    values = {k: v for k, v in load_settings(db).items() if not SPECS[k].secret}
    return (json.dumps({MARK: VERSION, "settings": values}, ensure_ascii=False, indent=2) + "\n").encode()


def parse_settings_file(data: bytes, name: str) -> dict[str, Any]:
    """The settings a file holds, checked key by key; a UserError naming the first problem."""
    if len(data) > MAX_BYTES:
        raise UserError(f"Tệp cài đặt «{name}» quá lớn (tối đa 1 MB).")
    doc = parse_json(data, f"Tệp cài đặt «{name}»")  # depth bounded, UTF-8 checked
    if not isinstance(doc, dict) or MARK not in doc or not isinstance(doc.get("settings"), dict):
        raise UserError(f"Tệp «{name}» không phải tệp cài đặt của Một Cửa (thiếu «{MARK}» hoặc «settings»).")
    version = doc[MARK]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(f"Tệp cài đặt «{name}»: phiên bản «{version}» không hợp lệ.")
    if version > VERSION:
        raise UserError(f"Tệp cài đặt «{name}» được ghi bởi phiên bản Một Cửa mới hơn (phiên bản {version}): "
                        "hãy cập nhật phần mềm.")
    values = doc["settings"]
    unknown = sorted(k for k in values if k not in SPECS)
    if unknown:
        raise UserError(f"Tệp cài đặt «{name}» có mục không tồn tại: «{unknown[0]}».")
    return values  # versions 1 and 2 share their keys; values are checked by change_settings


def import_settings(db: Database, actor: Actor, path: Path) -> int:
    """Apply a settings file: all of it, or nothing. Returns how many settings it held."""
    actor.require(Permission.EDIT_SETTINGS)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Không đọc được tệp cài đặt «{path}»: {os_reason(exc)}.") from None
    values = parse_settings_file(data, path.name)
    change_settings(db, actor, values)
    return len(values)
