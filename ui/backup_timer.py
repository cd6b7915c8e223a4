"""Daily automatic backups for the counter desk: once when the desk opens, then every hour,
app.services.trust.backup.run_daily_backup runs in a low-priority process of its own
(app/services/trust/backup_apart.py), which a worker thread waits for (never the GUI thread); it
makes a backup only when none has been made today, so the hourly look is cheap. The backup yields
to the counter: copied and checked in steps with pauses between them, at low priority, sharing
nothing with the desk's process (a thread in it shared Python's lock with the GUI).

Only an SQLite database (one office PC) is backed up from the desk. An office server is backed up
on the server itself by a scheduled `motcua backup --auto` (docs/backup.md): the counters of a
shared server would otherwise each copy it, with pg_dump that a counter PC usually does not have."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.clock import now_local
from app.errors import UserError
from app.services.trust.backup_apart import run_daily_backup_apart
from app.services.trust.backup_sqlite import background_priority
from db.engine import Database

log = logging.getLogger("motcua.db")

HOUR_MS = 60 * 60 * 1000


class BackupTimer(QObject):
    """`done` carries the new backup's Path, or None when there was nothing to do today;
    `failed` carries a Vietnamese message for the status bar. Both arrive on the GUI thread."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, db: Database, data_dir: Path, *, interval_ms: int = HOUR_MS,
                 clock: Callable[[], datetime] = now_local,
                 run: Callable[[Database, Path, datetime], Path | None] = run_daily_backup_apart,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.data_dir, self.clock, self._run = db, Path(data_dir), clock, run
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        return self.db.is_sqlite

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> BackupTimer:
        if self.enabled and not self._timer.isActive():
            self.run_now()
            self._timer.start()
        return self

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop looking; wait for a backup under way (it is only a file copy). True if none is left."""
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def run_now(self) -> bool:
        """Start a look now unless one is still running. True if one was started."""
        if not self.enabled or self.running:
            return False
        self._thread = threading.Thread(target=self._work, args=(self.clock(),), name="daily-backup",
                                        daemon=True)
        self._thread.start()
        return True

    def _work(self, now: datetime) -> None:  # worker thread: signals are queued to the GUI thread
        try:
            # At low priority, on this thread of its own: the counter comes first (backup_sqlite.Pace).
            with background_priority():
                path = self._run(self.db, self.data_dir, now)
        except UserError as exc:
            self.failed.emit(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: logged with its traceback, said once
            log.exception("automatic backup failed")
            self.failed.emit(self.tr("Automatic backup failed ({error}); the details are in the log.")
                             .format(error=type(exc).__name__))
            return
        if path is not None:  # in <data>/logs/motcua.log: the last backup the desk made, and when
            log.info("automatic backup made: %s", path.name)
        self.done.emit(path)
