"""Windows sized to the screen they open on. The counter's monitor is most often 1366×768 with a
taskbar (some 1280×720): a window asks for the size it would like and gets at most the screen's
available area, less room for its title bar and frame, so no button ends below the taskbar.

The desk's window remembers where it was on this PC: in <data>/window.ini (the data folder is the
PC's own, never the office database, since each counter has its own monitor), restored only while
it still fits a screen this PC has."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

log = logging.getLogger("motcua.ui")

FRAME = (20, 40)  # width and height a window manager adds around a window: its borders and title bar
PLACE_FILE = "window.ini"


def available(widget: QWidget | None = None) -> QRect:
    """The available area (the screen less its taskbar) of the screen `widget` is on, else the
    primary screen's."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit(widget: QWidget, width: int, height: int) -> None:
    """Resize to width×height, or less where the screen is smaller."""
    room = available(widget)
    widget.resize(min(width, room.width() - FRAME[0]), min(height, room.height() - FRAME[1]))


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(Path(data_dir) / PLACE_FILE), QSettings.Format.IniFormat)


def show_placed(window: QWidget, data_dir: Path, key: str = "desk") -> None:
    """Show the window where it was last closed on this PC, if that still fits one of its screens
    (a new monitor may be smaller); else filling the available area (maximised)."""
    place = _settings(data_dir)
    rect = place.value(f"{key}/geometry")
    maximized = place.value(f"{key}/maximized", True, type=bool)
    if isinstance(rect, QRect) and rect.isValid() and any(
            s.availableGeometry().contains(rect) for s in QGuiApplication.screens()):
        window.setGeometry(rect)
    else:
        room = available(window)
        fit(window, 1280, 800)  # its size once un-maximised: centred, within the screen
        window.move(room.center() - window.rect().center())
        maximized = True
    if maximized:
        window.showMaximized()
    else:
        window.show()


def remember_place(window: QWidget, data_dir: Path, key: str = "desk") -> None:
    """Kept for the next start on this PC; a folder that cannot be written only loses the place."""
    from app.data_folder import make_folders

    try:
        make_folders(Path(data_dir))
    except OSError:
        log.debug("window place not kept", exc_info=True)
        return
    place = _settings(data_dir)
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    if rect.isValid():  # a window never shown un-maximised has no size of its own to keep
        place.setValue(f"{key}/geometry", rect)
    place.setValue(f"{key}/maximized", window.isMaximized())
    place.sync()


class PageStack(QStackedWidget):
    """The desk's pages, each in a scroll area of its own: a page that needs more room than the
    screen leaves (the devices page's height, the reports' width) scrolls, instead of pushing the
    window, its queue panel and its status bar off the screen. Callers see the pages themselves:
    widget(), currentWidget() and indexOf() answer with them, not with their scroll areas."""

    def addWidget(self, page: QWidget) -> int:  # noqa: N802 - Qt's name
        area = QScrollArea()
        area.setObjectName(f"{page.objectName() or type(page).__name__}Scroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().addWidget(area)

    def widget(self, index: int) -> QWidget | None:
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(page))
