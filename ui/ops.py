"""One way to run work from the GUI (Anki's CollectionOp, Picard's run_task):

    op(self, register, db, actor, request).success(self._saved).failure(self._show)
        .changes(Changed.DOSSIER).progress().run()

`fn` runs on the pool (a QThreadPool; tests inject `SynchronousPool`); its result or error comes
back on the GUI thread through a queued signal, and errors are routed by kind here, in one place:
- a `UserError` goes to the failure callback (the page's message label or field), else to the
  status bar;
- `Cancelled` stays silent;
- a database that went away (locked past the busy timeout, server stopped) becomes
  `db.errors.describe`'s Vietnamese sentence, routed as a UserError: the form keeps what was typed,
  and the service's one transaction wrote nothing;
- anything else is a bug: logged with its traceback under motcua.ui, and the officer gets a short
  crash notice naming the log file.
After success the op announces what changed (ui/changes.py) and the pages refresh themselves."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import Cancelled, UserError
from db.errors import describe
from ui import messages
from ui.changes import Changed, announce

log = logging.getLogger("motcua.ui")
db_log = logging.getLogger("motcua.db")

__all__ = ["Cancelled", "Changed", "CrashNotice", "Op", "SynchronousPool", "ThreadPool", "op", "set_default_pool"]


class CrashNotice(UserError):
    """What the officer is shown for a bug: the crash notice; `cause` is the bug itself (logged)."""

    def __init__(self, cause: BaseException):
        super().__init__(messages.crash_text())
        self.cause = cause


class Pool(Protocol):
    def start(self, job: Callable[[], None]) -> None: ...


class _Job(QRunnable):
    def __init__(self, job: Callable[[], None]):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job()


class ThreadPool:
    """The desk's pool: a QThreadPool (the global one unless given)."""

    def __init__(self, pool: QThreadPool | None = None):
        self.pool = pool or QThreadPool.globalInstance()

    def start(self, job: Callable[[], None]) -> None:
        self.pool.start(_Job(job))

    def wait(self, ms: int = -1) -> bool:
        return self.pool.waitForDone(ms)


class SynchronousPool:
    """Runs each job at once on the calling thread (Picard's FakeThreadPool): for tests."""

    def start(self, job: Callable[[], None]) -> None:
        job()


_default: Pool | None = None


def default_pool() -> Pool:
    global _default
    if _default is None:
        _default = ThreadPool()
    return _default


def set_default_pool(pool: Pool | None) -> Pool | None:
    """Swap the pool every op uses unless told otherwise; returns the previous one."""
    global _default
    previous, _default = _default, pool
    return previous


class _Relay(QObject):
    # Emitted on the worker thread; the relay lives on the GUI thread, so delivery is queued
    # there (and direct when the pool is synchronous and already on the GUI thread).
    done = Signal(object, bool, object)  # the op, succeeded?, result or exception


_relay: _Relay | None = None
_running: set[Op] = set()  # an op lives until its result is delivered


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.done.connect(_deliver, Qt.ConnectionType.AutoConnection)
    return _relay


def _deliver(the_op: Op, ok: bool, value: Any) -> None:
    _running.discard(the_op)
    the_op._finish(ok, value)


class Op:
    def __init__(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        self.parent, self.fn, self.args, self.kwargs = parent, fn, args, kwargs
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[UserError], None] | None = None
        self._changes: tuple[Changed, ...] = ()
        self._progress: str | None = None
        self._busy = False
        self._category = "motcua.ui"
        self._pool: Pool | None = None
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    # ---- building ---------------------------------------------------------------------------
    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[UserError], None]) -> Op:
        """Where the officer is working: receives the UserError to show (a lost database's
        sentence and the crash notice included); without it, the status bar shows it."""
        self._on_failure = callback
        return self

    def changes(self, *kinds: Changed) -> Op:
        self._changes = kinds
        return self

    def progress(self, text: str | None = None, *, cursor: bool = True) -> Op:
        """A busy cursor while the work runs (unless the officer goes on working meanwhile, as
        while a receipt is built), and `text` in the status bar if given."""
        self._busy, self._progress = cursor, text
        return self

    def category(self, name: str) -> Op:
        """Where the op's messages are logged (motcua.print, motcua.sync …)."""
        self._category = name
        return self

    def pool(self, pool: Pool) -> Op:
        self._pool = pool
        return self

    # ---- running ----------------------------------------------------------------------------
    def run(self) -> Op:
        relay = _the_relay()
        _running.add(self)
        if self._busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        if self._progress:
            messages.info(self._progress, self._category, self.parent)

        def job() -> None:
            try:
                value = self.fn(*self.args, **self.kwargs)
            except BaseException as exc:  # noqa: BLE001 - every error goes back to the GUI thread
                relay.done.emit(self, False, exc)
            else:
                relay.done.emit(self, True, value)

        (self._pool or default_pool()).start(job)
        return self

    def _alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _finish(self, ok: bool, value: Any) -> None:
        self.done = True
        if self._busy:
            QApplication.restoreOverrideCursor()
        if self._progress and self._alive():
            messages.clear(self.parent, only=self._progress)
        if ok:
            self.result = value
            if self._changes:
                announce(*self._changes)
            if self._on_success is not None and self._alive():
                self._guard(self._on_success, value)
            return
        self.error = value
        self._route(value)

    def _guard(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            callback(value)
        except Exception as exc:  # noqa: BLE001 - a bug in a callback is still only a crash notice
            self._route(exc)

    def _route(self, exc: BaseException) -> None:
        """The one place errors are told apart."""
        if isinstance(exc, Cancelled):
            return
        shown: UserError
        described = describe(exc)
        if described is not None:
            db_log.warning("%s (%s in %s)", described, type(exc).__name__, _name(self.fn))
            shown = described
        elif isinstance(exc, UserError):
            logging.getLogger(self._category).info("%s: %s", _name(self.fn), exc)  # bad input, not a fault
            shown = exc
        else:
            log.error("%s failed", _name(self.fn), exc_info=(type(exc), exc, exc.__traceback__))
            shown = CrashNotice(exc)
        if not self._alive():
            return
        if self._on_failure is not None:
            try:
                self._on_failure(shown)
                return
            except Exception:  # noqa: BLE001 - the notice must still reach the officer
                log.exception("showing the error of %s failed", _name(self.fn))
        messages.show(str(shown), self.parent)


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


def op(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Op:
    return Op(parent, fn, *args, **kwargs)
