"""Screenshots of the settings window as the administrator sees it: the agency tab, the working
calendar (a month with a public holiday and the office's own day off and make-up day) and the
portal tab. `python -m tools.screenshots.settings <folder>` takes only these, on a fresh demo office."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from app.domain.permissions import Actor
from app.services.settings.calendar import DAY_OFF, WORKING_DAY, add_override
from app.services.settings.store import change_settings
from db.engine import Database

# The size the page has in the 1366×768 window, beside the navigation column.
PAGE_SIZE = (1196, 698)


def shoot_settings(db: Database, admin: Actor, out_dir: Path, shoot: Callable[[QWidget, Path], None],
                   now: datetime | None = None) -> None:
    """Writes settings_agency.png, settings_calendar.png and settings_portal.png into `out_dir`."""
    from ui.settings.page import SettingsPage

    if now is None:
        from tools.screenshots.desk import NOW as now
    out = Path(out_dir)
    system = Actor.system()
    # A sports day off on a Friday, worked back on the Saturday before it.
    friday, saturday = date(now.year, 11, 27), date(now.year, 11, 21)
    add_override(db, system, friday, DAY_OFF, "Nghỉ tham gia hội thao công chức tỉnh")
    add_override(db, system, saturday, WORKING_DAY, f"Làm bù cho ngày nghỉ {friday:%d/%m/%Y}")
    change_settings(db, system, {"portal.url": "https://dichvucong.vinhlong.gov.vn/motcua",
                                 "portal.token": "vl-mc-7f3a9c2e41d84b6e"})
    page = SettingsPage(db, admin, clock=lambda: now)
    page.resize(*PAGE_SIZE)
    page.show()
    page.show_tab(page.agency)
    shoot(page, out / "settings_agency.png")
    # The public holiday between them chosen: both of the office's colours stay visible.
    page.calendar.calendar.setSelectedDate(QDate(friday.year, 11, 24))
    page.show_tab(page.calendar)
    shoot(page, out / "settings_calendar.png")
    page.show_tab(page.portal)
    shoot(page, out / "settings_portal.png")
    page.close()


def main(out_dir: str) -> int:
    from app.services.trust.users import authenticate
    from tools.screenshots.desk import NOW, shoot
    from ui.main import make_app, prepare_database

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    make_app()
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_database(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}", demo=False, force_password_change=False)
        shoot_settings(db, authenticate(db, "quantri", "motcua2026", None), Path(out_dir), shoot, NOW)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
