"""`motcua rating --counter N`: the citizen's rating screen of counter N (ui/rating/). The
database and the counter are checked here first, so a typo is one Vietnamese line and exit 2,
never a window that cannot work nor an empty database file made by mistake."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.context import resolve
from app.errors import UserError

BAD_SETUP = 2  # the database or the counter named cannot be used


def _counter_id(url: str, number: int) -> int:
    """The active counter numbered `number` in the office database at `url`; UserError else."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import Database
    from db.errors import describe
    from db.migrate import needs_upgrade
    from db.models import Counter

    db = Database(url)
    try:
        if db.is_sqlite and not Path(db.url.database).expanduser().is_file():
            raise UserError(f"Không có tệp cơ sở dữ liệu «{db.url.database}»: mở ứng dụng quầy một lần "
                            "hoặc chạy «motcua db upgrade», rồi mở màn hình đánh giá.")
        try:
            if needs_upgrade(db):
                raise UserError("Cơ sở dữ liệu chưa ở phiên bản mới nhất: mở ứng dụng quầy hoặc chạy "
                                "«motcua db upgrade», rồi mở màn hình đánh giá.")
            with db.reading() as s:
                found = s.scalar(select(Counter.id).where(Counter.number == number, Counter.active)
                                 .order_by(Counter.id).limit(1))
        except SQLAlchemyError as exc:
            known = describe(exc, db.display_name)
            raise UserError(str(known) if known else f"Không đọc được cơ sở dữ liệu ({db.display_name}).") from None
        if found is None:
            raise UserError(f"Không có quầy số {number} đang hoạt động trong cơ sở dữ liệu này.")
        return found
    finally:
        db.dispose()


def run_rating(args) -> int:
    from app.cli import commands_dossier  # its _frontend: the window, found as an entry point

    _folder, url = resolve(args)
    try:
        counter_id = _counter_id(url, args.counter)
    except UserError as exc:
        sys.stderr.write(f"motcua: lỗi: {exc}\n")
        return BAD_SETUP
    return commands_dossier._frontend("rating", args, counter=args.counter, counter_id=counter_id,
                                      windowed=args.windowed)
