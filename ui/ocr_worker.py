"""Background OCR for the counter desk (app/services/files/ocr.py), on a thread of its own: never
the GUI thread, never inside a receipt's transaction. It looks for pending files when it starts,
when `wake()` is called (a line was just scanned) and otherwise every `idle_check` seconds; with
nothing pending that look is one indexed query. Outcomes reach the GUI thread through queued
signals.

With the engine missing, the desk says so once (`unavailable`, a Vietnamese line: OCR is
optional) and the files wait as "pending" for a PC that has it, or for this one once it is
installed (the next `wake()` or start looks again). The main window starts it with
`OcrWorker.start_for(self)`, which also stops it (and any OCR under way) when the window closes."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from sqlalchemy.exc import DBAPIError

from app.services.files import ocr
from app.services.files.ocr_engine import Engine, EngineMissing, find_engine
from app.services.settings.store import load_settings
from db.engine import Database

log = logging.getLogger("motcua.files")

IDLE_CHECK = 60.0  # seconds between looks for pending files when nothing woke the worker
ENGINE_RECHECK = 600.0  # seconds between looks for a missing engine
FIRST_DELAY = 10.0  # the desk starts and logs in first; a wake() ends the wait sooner


class OcrWorker(QObject):
    """`file_done(sha256, reason)`: reason None when the file now has a text layer, else why not.
    `unavailable(line)`: the engine cannot run on this PC (once per look that finds it missing
    after it was there, or at the first look)."""

    file_done = Signal(str, object)
    unavailable = Signal(str)

    def __init__(self, db: Database, data_dir: Path, *, idle_check: float = IDLE_CHECK,
                 first_delay: float = FIRST_DELAY, find: Callable[[str], Engine] = find_engine,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.data_dir, self.idle_check, self._find = db, Path(data_dir), idle_check, find
        self.first_delay = first_delay
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._engine: Engine | None = None
        self._said_missing = False
        self._look_for_engine = True  # at start, on wake(), and every ENGINE_RECHECK while missing
        self._missing_at = 0.0
        self._failing = False

    @classmethod
    def start_for(cls, window, **options) -> OcrWorker:
        """Made for `window` (its db and data_dir), started, the engine's absence shown in its
        status bar, and stopped when the window closes. `options` as for the constructor."""
        worker = cls(window.db, window.data_dir, parent=window, **options)
        worker.unavailable.connect(lambda line: window.statusBar().showMessage(line, 15_000))
        window.installEventFilter(worker)
        return worker.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self.stop()
        return False

    # ---- GUI thread -----------------------------------------------------------------------------
    def start(self) -> OcrWorker:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ocr", daemon=True)
            self._thread.start()
        return self

    def wake(self) -> None:
        """Look for pending files now (after a scan was kept, or the engine was installed)."""
        self._look_for_engine = True
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        """End the thread; an OCR under way is ended and its file goes back to pending."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- the worker thread ----------------------------------------------------------------------
    def _run(self) -> None:
        self._wake.wait(self.first_delay)
        self._wake.clear()
        while not self._stop.is_set():
            try:
                self._look()
                self._failing = False
            except DBAPIError as exc:  # the database is away: the status bar already says so (sync)
                log.log(logging.DEBUG if self._failing else logging.INFO, "OCR worker: %s", exc)
                self._failing = True
            except Exception as exc:  # noqa: BLE001 - a bug: logged with its traceback, the thread lives on
                if self._stop.is_set():
                    return
                log.log(logging.DEBUG if self._failing else logging.WARNING, "OCR worker: %s", exc,
                        exc_info=not self._failing)
                self._failing = True
            self._wake.wait(self.idle_check)
            self._wake.clear()

    def _look(self) -> None:
        settings = load_settings(self.db)
        if not settings["files.ocr"] or not ocr.counts(self.db).get(ocr.PENDING):
            return
        if self._engine is None:
            if not self._look_for_engine and time.monotonic() - self._missing_at < ENGINE_RECHECK:
                return  # each look starts three programs: not every minute on a PC without them
            self._look_for_engine = False
            try:
                self._engine = self._find(settings["files.ocr_command"])
                self._said_missing = False
            except EngineMissing as exc:
                self._missing_at = time.monotonic()
                if not self._said_missing:
                    self._said_missing = True
                    log.info("OCR engine missing: %s", exc)
                    self.unavailable.emit(str(exc))
                return
        result = ocr.run_pending(self.db, self.data_dir, cancelled=self._stop.is_set, engine=self._engine,
                                 on_file=self.file_done.emit)
        if result.engine_problem:  # it stopped working (uninstalled, broken): look for it again later
            self._engine, self._missing_at = None, time.monotonic()
            if not self._said_missing:
                self._said_missing = True
                self.unavailable.emit(result.engine_problem)
