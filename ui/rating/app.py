"""Starting the rating screen as its own program (`motcua rating --counter N`) on the small screen
or tablet-sized PC facing the citizen at that counter, sharing the office database. Its serial
keypad, if any, is the `keypad` of this PC's devices.json (app/devices/config.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from app.clock import now_local
from app.errors import UserError

log = logging.getLogger("motcua.ui")


def run_rating(url: str, data_dir: Path, counter: int, counter_id: int, demo: bool = False,
               windowed: bool = False) -> int:
    """`counter`: the counter's number, `counter_id` its row (the command checked both)."""
    from app import logs
    from app.data_folder import open_data_folder
    from app.devices.config import load_devices
    from db.engine import Database
    from ui import crash
    from ui.main import make_app
    from ui.rating.feed import RatingFeed
    from ui.rating.keys import SerialKeys
    from ui.rating.screen import RatingScreen

    logs.configure(data_dir, role="rating")  # done already when started by `motcua rating`
    open_data_folder(data_dir)
    app = make_app()
    crash.start()  # a bug in a slot or a thread: logged, and the screen runs on
    db = Database(url)
    feed = RatingFeed(db, counter_id, now_local)
    try:
        settings = feed.read_settings()
    except Exception as exc:  # noqa: BLE001 - checked by the command a moment ago: gone since
        from db.errors import describe

        raise UserError(str(describe(exc) or "Không đọc được cơ sở dữ liệu.")) from None
    keypad = None
    try:
        keypad_settings = load_devices(data_dir).keypad
    except UserError as exc:  # the screen works by touch without it; the technician reads the log
        log.warning("rating keypad not started: %s", exc)
    else:
        if keypad_settings.port:
            keypad = SerialKeys(keypad_settings).start()
    window = RatingScreen(feed, counter, settings, now_local, keypad)
    feed.start()
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.showFullScreen()
    window.activateWindow()
    window.setFocus()
    try:
        return app.exec()
    finally:
        feed.stop()
        if keypad is not None:
            keypad.stop()
        db.dispose()
