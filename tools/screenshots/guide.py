"""Screenshots of the volunteer guide desk: the desk with a level-4 procedure found without
diacritics, a morning's citizens already recorded, and page 1 of the guide printed for it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.permissions import Actor
from app.services.guide.guidance import log_guidance, print_guide_sheet
from db.engine import Database
from ui.guide.desk import GuideDeskPage
from ui.intake.receipt_preview import render_pages

PROCEDURE = "1.001193"  # Đăng ký khai sinh: level 4, whole process
EARLIER = (  # minutes before now, procedure, phone left (with consent)
    (95, "1.004222", None), (70, "1.001193", "0907 111 222"), (41, "1.004194", None), (12, "2.009202", None))


def shoot_guide(db: Database, actor_guide: Actor, out_dir: Path, shoot: Callable[[QWidget, Path], None],
                settle: Callable[..., None], now: datetime | None = None) -> None:
    """Writes guide_desk.png and guide_sheet.png into `out_dir`."""
    if now is None:
        from tools.screenshots.desk import NOW as now
    out = Path(out_dir)
    for minutes, code, phone in EARLIER:
        log_guidance(db, actor_guide, code, phone=phone, consent=phone is not None,
                     at=now - timedelta(minutes=minutes))
    with tempfile.TemporaryDirectory() as tmp:
        page = GuideDeskPage(db, actor_guide, lambda: now, Path(tmp), open_file=lambda _path: False)
        page.resize(1196, 698)  # as in the 1366×768 window, beside the navigation column
        page.show()
        page.explorer.search.setText("dang ky khai sinh")
        page.select(PROCEDURE)
        page.consent.setChecked(True)
        page.phone.setText("0912 345 678")
        settle()
        shoot(page, out / "guide_desk.png")
        pdf = print_guide_sheet(db, actor_guide, PROCEDURE, Path(tmp), now).read_bytes()
        page.close()
    render_pages(pdf, 100)[0].save(str(out / "guide_sheet.png"))
    print(f"wrote {out / 'guide_sheet.png'}")
