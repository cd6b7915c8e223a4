"""Opening the database the command line asked for, and reporting unexpected failures."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from app.errors import UserError
from app.paths import data_dir, default_db_url

log = logging.getLogger("motcua")


def resolve(args) -> tuple[Path, str]:
    folder = data_dir(getattr(args, "data_dir", None))
    url = getattr(args, "db", None) or os.environ.get("MOTCUA_DB") or default_db_url(folder)
    return folder, url


def open_db(args, *, seed_catalog: bool = True):
    """The Database, migrated (SQLite) or checked to be current (PostgreSQL: migrating a shared
    office server is an explicit `motcua db upgrade`), with the bundled catalog on first use."""
    from sqlalchemy import func, select

    from app.domain.permissions import Actor
    from app.paths import CATALOG_FILE
    from app.services.catalog import import_catalog_in, load_catalog_file
    from db.engine import Database
    from db.migrate import needs_upgrade, upgrade
    from db.models import Procedure

    _, url = resolve(args)
    db = Database(url)
    if needs_upgrade(db):
        if not db.is_sqlite:
            raise UserError("Cơ sở dữ liệu máy chủ chưa ở phiên bản mới nhất: chạy «motcua db upgrade».")
        upgrade(db)
    from app.services.settings.store import upgrade_settings

    upgrade_settings(db)
    if seed_catalog:
        with db.reading() as s:
            empty = s.scalar(select(func.count()).select_from(Procedure)) == 0
        if empty:
            catalog = load_catalog_file(CATALOG_FILE)
            with db.writing() as s:
                import_catalog_in(s, Actor.system(), catalog, CATALOG_FILE.name)
    return db


def report_unexpected(exc: BaseException, args) -> str:
    """One line for the user; the traceback goes to a log file in the data folder."""
    text = "".join(traceback.format_exception(exc))
    try:
        folder, _ = resolve(args)
        logs = folder / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(text, encoding="utf-8")
        where = f"chi tiết ghi tại {path}"
    except OSError:
        where = "không ghi được tệp nhật ký"
    return f"lỗi không mong đợi ({type(exc).__name__}); {where}."


def read_stdin_line(what: str) -> str | None:
    """One line of standard input without its line end, None at the end. Read as bytes and decoded
    as UTF-8 here, whatever the console's code page: bytes of another encoding are refused by
    name instead of raising deep inside a command."""
    from app.jsonfile import decode_text

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin replaced by a text stream (an embedding program, the tests)
        line = sys.stdin.readline()
    else:
        raw = stream.readline()
        line = decode_text(raw, f"{what} từ đầu vào chuẩn") if raw else ""
    return line.rstrip("\r\n") if line else None


def stdin_lines(what: str) -> Iterator[str]:
    while (line := read_stdin_line(what)) is not None:
        yield line
