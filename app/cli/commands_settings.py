"""`motcua settings`: list, change one, export to a file, import from a file."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.context import open_db
from app.domain.permissions import Actor
from app.errors import UserError
from app.jsonfile import NotJson, parse_json


def _value(key: str, text: str):
    from app.services.settings.store import SPECS

    spec = SPECS.get(key)
    if spec is None:
        raise UserError(f"Không có mục cài đặt «{key}».")
    if spec.kind == "text":
        return text
    if spec.kind == "bool" and text.lower() in ("co", "có", "khong", "không"):
        return text.lower() in ("co", "có")
    try:
        return parse_json(text, f"Giá trị cho «{spec.label}»")  # 3, true, ["1.000894"]; depth bounded
    except NotJson:
        raise UserError(f"Giá trị «{text}» không hợp lệ cho «{spec.label}»: cần {spec.rule}.") from None


def settings_command(args) -> int:
    from app.cli.output import output_path, write_output
    from app.services.settings.file import export_settings, import_settings
    from app.services.settings.store import SPECS, change_setting, load_settings

    actor = Actor.system()
    c = args.settings_command
    if c == "export":
        output_path(args.file)  # refused before the database is opened
    db = open_db(args, seed_catalog=False)
    if c == "list":
        for key, value in load_settings(db).items():
            shown = ("(đã đặt)" if value else "(trống)") if SPECS[key].secret else json.dumps(value, ensure_ascii=False)
            print(f"{key}\t{shown}\t{SPECS[key].label}")
    elif c == "set":
        change_setting(db, actor, args.key, _value(args.key, args.value))
        print(f"Đã đổi «{SPECS[args.key].label}».")
    elif c == "export":
        out = write_output(args.file, export_settings(db, actor))
        print(f"Đã ghi cài đặt vào {out} (không gồm mã truy cập cổng).")
    else:
        n = import_settings(db, actor, Path(args.file))
        print(f"Đã áp dụng {n} mục cài đặt từ {args.file}.")
    return 0
