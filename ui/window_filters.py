"""Event filters that watch what a person does (keys, clicks, mouse moves) on the app's top-level
windows rather than on the application.

A filter on the QApplication sees every event of every object: a window being built sends
thousands (child added, polish, layout, resize, show), and each one crosses into Python to be
wrapped and looked at. Two such filters (the idle lock and the keyboard-wedge filter) doubled the
time the dossier window took to build, from a scan to the window shown. Input from the system
reaches a top-level window first (its QWindow), which hands it to its focus widget or popup, so a
filter on each top-level window sees every key and click and hardly anything else.

Windows come and go (a dialog is a window of its own): each one is covered when it becomes the
focus window, which happens before any key reaches it, and every window is covered again then.
Filters are installed in the order added; Qt runs the last installed first."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QWindow

_filters: list[QObject] = []
_connected = False


def watch_windows(event_filter: QObject) -> QObject:
    """Install `event_filter` on every top-level window, now and as windows appear."""
    global _connected
    app = QGuiApplication.instance()
    if not _connected:
        app.focusWindowChanged.connect(_cover)
        _connected = True
    if event_filter not in _filters:
        _filters.append(event_filter)
        event_filter.destroyed.connect(lambda _obj=None, f=event_filter: _forget(f))
    _cover()
    return event_filter


def unwatch_windows(event_filter: QObject) -> None:
    if event_filter in _filters:
        _filters.remove(event_filter)
    for window in QGuiApplication.topLevelWindows():
        window.removeEventFilter(event_filter)


def _forget(event_filter: QObject) -> None:
    if event_filter in _filters:
        _filters.remove(event_filter)


def _cover(_window: QWindow | None = None) -> None:
    for window in QGuiApplication.topLevelWindows():
        for event_filter in _filters:
            window.installEventFilter(event_filter)  # again: Qt moves it, never doubles it
