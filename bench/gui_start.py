"""Run as a separate process by bench/gui.py: start the app on a database, show the login window,
print "READY" once it is painted, and quit. The parent measures from spawn to READY."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str) -> int:
    from PySide6.QtCore import QTimer

    from ui.main import Desk, home_facts, make_app, prepare_database

    app = make_app()
    db = prepare_database(url, demo=False)
    desk = Desk(db, data_dir=None, facts=home_facts(db))  # type: ignore[arg-type]
    dialog = desk.login_dialog()
    dialog.show()

    def ready():
        dialog.grab()  # painted, not just created
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
