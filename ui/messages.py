"""The desk's one way to speak (qutebrowser's utils/message.py): information and warnings go to
the status bar of the window the officer works in, and each is also logged under its category
(motcua.devices, motcua.sync, motcua.db, motcua.print, motcua.ui). A modal box only where the
officer must decide (`ask`)."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStatusBar, QWidget

CATEGORIES = ("motcua.devices", "motcua.sync", "motcua.db", "motcua.print", "motcua.ui")
INFO_MS, WARNING_MS = 10_000, 20_000

_status_bar: QStatusBar | None = None  # the desk window's, set by MainWindow


def attach(status_bar: QStatusBar | None) -> None:
    """The status bar messages go to when the caller names no widget of its own window."""
    global _status_bar
    _status_bar = status_bar


def _bar_for(parent: QWidget | None) -> QStatusBar | None:
    if parent is not None and shiboken6.isValid(parent):
        window = parent.window()
        if isinstance(window, QMainWindow):
            return window.statusBar()
        # A dialog of the desk: its owner's window.
        owner = window.parentWidget()
        if owner is not None and isinstance(owner.window(), QMainWindow):
            return owner.window().statusBar()
    if _status_bar is not None and shiboken6.isValid(_status_bar):
        return _status_bar
    return None


def _logger(category: str) -> logging.Logger:
    if category not in CATEGORIES:
        raise ValueError(f"unknown log category {category!r}")  # a typo would log where no one looks
    return logging.getLogger(category)


def info(text: str, category: str = "motcua.ui", parent: QWidget | None = None, ms: int = INFO_MS) -> None:
    _logger(category).info("%s", text)
    bar = _bar_for(parent)
    if bar is not None:
        bar.showMessage(text, ms)


def warning(text: str, category: str = "motcua.ui", parent: QWidget | None = None, ms: int = WARNING_MS) -> None:
    _logger(category).warning("%s", text)
    bar = _bar_for(parent)
    if bar is not None:
        bar.showMessage(text, ms)


def show(text: str, parent: QWidget | None = None, ms: int = WARNING_MS) -> None:
    """The status bar only, for what its caller has logged already (ops' error routing)."""
    bar = _bar_for(parent)
    if bar is not None:
        bar.showMessage(text, ms)


def clear(parent: QWidget | None = None, only: str | None = None) -> None:
    """Clear the status bar's message (`only` if it still shows that one)."""
    bar = _bar_for(parent)
    if bar is not None and (only is None or bar.currentMessage() == only):
        bar.clearMessage()


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A decision only the officer can take: Yes or No, modal."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no) == yes


def crash_text() -> str:
    """The desk's one short crash notice, naming the log file (ui/crash.py, app/logs.py)."""
    from ui.crash import notice_text

    return notice_text()
