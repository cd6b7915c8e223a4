"""`motcua settings`: list, change one, export to a file, import from a file."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.context import open_db
from app.domain.permissions import Actor
from app.errors import UserError


def _value(key: str, text: str):
    from app.services.settings import SPECS

    spec = SPECS.get(key)
    if spec is None:
        raise UserError(f"Không có mục cài đặt «{key}».")
    if spec.kind == "text":
        return text
    try:
        return json.loads(text)  # 3, true, ["1.000894"]
    except json.JSONDecodeError:
        if spec.kind == "bool" and text.lower() in ("co", "có", "khong", "không"):
            return text.lower() in ("co", "có")
        raise UserError(f"Giá trị «{text}» không hợp lệ cho «{spec.label}»: cần {spec.rule}.") from None


def settings_command(args) -> int:
    from app.files import write_atomically
    from app.services.settings import SPECS, change_setting, load_settings
    from app.services.settings_file import export_settings, import_settings

    actor = Actor.system()
    db = open_db(args, seed_catalog=False)
    c = args.settings_command
    if c == "list":
        for key, value in load_settings(db).items():
            shown = ("(đã đặt)" if value else "(trống)") if SPECS[key].secret else json.dumps(value, ensure_ascii=False)
            print(f"{key}\t{shown}\t{SPECS[key].label}")
    elif c == "set":
        change_setting(db, actor, args.key, _value(args.key, args.value))
        print(f"Đã đổi «{SPECS[args.key].label}».")
    elif c == "export":
        out = Path(args.file)
        try:
            write_atomically(out, export_settings(db, actor))
        except OSError as exc:
            raise UserError(f"Không ghi được tệp «{out}»: {exc.strerror or exc}.") from None
        print(f"Đã ghi cài đặt vào {out} (không gồm mã truy cập cổng).")
    else:
        n = import_settings(db, actor, Path(args.file))
        print(f"Đã áp dụng {n} mục cài đặt từ {args.file}.")
    return 0
