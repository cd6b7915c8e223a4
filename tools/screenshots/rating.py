"""Screenshots of the citizen's rating screen at a tablet-like 1280×800: idle with the ticket being
served, the prompt after the officer's "Xong", and the reasons after a low score (then answered,
so the reports that follow have a rating to show).

Alone: `python -m tools.screenshots.rating docs/screenshots` (a temporary demo database)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.services import ratings
from app.services.journal import audit
from app.services.queue import tickets as q
from app.services.settings.store import change_settings
from db.engine import Database
from db.models import Counter

SIZE = (1280, 800)
OFFICER = Actor(login="canbo", role=Role.OFFICER, user_id=1, full_name="Nguyễn Thị Mai")
ADMIN = Actor(login="quantri", role=Role.ADMIN, user_id=4, full_name="Phạm Quốc Huy")


def shoot_rating(db: Database, out: Path, shoot: Callable[[QWidget, Path], None], now: datetime) -> None:
    """Writes rating_idle.png, rating_prompt.png and rating_reasons.png into `out`."""
    from ui.rating.feed import RatingFeed, View
    from ui.rating.screen import RatingScreen

    change_settings(db, ADMIN, {"rating.enabled": True})
    with db.writing() as s:
        counter = s.scalar(select(Counter.id).where(Counter.number == 1))
        officer = Actor(login=OFFICER.login, role=OFFICER.role, user_id=OFFICER.user_id, counter_id=counter)
        audit(s, officer, "user.login", "user", officer.login, None, now - timedelta(hours=1))  # who is at the counter
    q.issue_ticket(db, "TP", at=now - timedelta(minutes=12))
    q.call_next(db, OFFICER, counter, ["TP"], at=now - timedelta(minutes=10))
    q.serve(db, OFFICER, counter, at=now - timedelta(minutes=9))

    feed = RatingFeed(db, counter, lambda: now)  # not started: each picture shows what is read here
    screen = RatingScreen(feed, 1, feed.read_settings(), lambda: now)
    screen.resize(*SIZE)
    screen.show()
    screen.show_view(View(None, ratings.serving(db, counter, now)))
    shoot(screen, Path(out) / "rating_idle.png")

    q.done(db, OFFICER, counter, at=now)
    screen.show_view(View(ratings.prompt_for(db, counter, now), None))
    shoot(screen, Path(out) / "rating_prompt.png")

    screen.choose(2, "screen")
    keys = list(screen.reasons.toggles)
    for key in keys[:2]:
        screen.reasons.toggles[key].setChecked(True)
    shoot(screen, Path(out) / "rating_reasons.png")
    assert screen.size().toTuple() == SIZE, f"the rating screen outgrew {SIZE}: {screen.size().toTuple()}"
    ratings.answer(db, counter, screen.prompt.uuid, 2, keys[:2], "screen", now)
    screen.close()


def main(out_dir: str) -> int:
    from tools.screenshots.desk import NOW, shoot, start
    from ui.main import prepare_database

    out, _app = start(out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_database(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}", demo=False, force_password_change=False)
        try:
            shoot_rating(db, out, shoot, NOW)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
