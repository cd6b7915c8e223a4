"""What changed after a piece of work succeeded, announced once for the whole desk (Anki's
`operation_did_execute`): an op says `.changes(Changed.DOSSIER)`, and every page that shows
dossiers refreshes itself. No page reloads another by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget


class Changed(Enum):
    DOSSIER = "dossier"  # a dossier was registered, moved on, returned, extended …
    QUEUE = "queue"  # tickets issued, called, served
    SETTINGS = "settings"  # office settings, agency profile, counters, users
    CALENDAR = "calendar"  # working days and holidays (appointments move)
    CATALOG = "catalog"  # procedures and their fees
    PORTAL = "portal"  # the online inbox and the outbox to the portal


class ChangeHub(QObject):
    changed = Signal(object)  # frozenset[Changed]


_hub: ChangeHub | None = None


def hub() -> ChangeHub:
    """The desk's one hub, created on first use on the GUI thread."""
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


def announce(*kinds: Changed) -> None:
    if kinds:
        hub().changed.emit(frozenset(kinds))


class _Follower(QObject):
    """Refreshes its page when something it shows changed: at once while the page is visible,
    else the next time it is shown (a hidden page does no work for nothing). A child of the
    page, so it and its connection go with the page."""

    def __init__(self, page: QWidget, kinds: frozenset[Changed], refresh: Callable[[], None]):
        super().__init__(page)
        self.page, self.kinds, self.refresh = page, kinds, refresh
        self.stale = False
        page.installEventFilter(self)
        hub().changed.connect(self.on_changed)

    def on_changed(self, kinds: frozenset[Changed]) -> None:
        if not (kinds & self.kinds):
            return
        if self.page.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


def follow(page: QWidget, kinds: Iterable[Changed], refresh: Callable[[], None]) -> QObject:
    """Keep `page` current: `refresh` runs after any op that changed one of `kinds`."""
    return _Follower(page, frozenset(kinds), refresh)
