"""A line of text that scrolls right to left, for the hall display's notice. Painted by hand on a
timer: a QLabel cannot scroll, and moving a widget every frame would relayout the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

STEP_PX = 2
FRAME_MS = 30


class Marquee(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._text = text
        self.offset: int | None = None  # set on first paint: the line starts readable, near the left
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        if text != self._text:
            self._text, self.offset = text, None
            self.update()

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().height() + 8)
        return hint

    def _step(self) -> None:
        if not self._text or not self.isVisible() or self.offset is None:
            return
        span = self.width() + self.fontMetrics().horizontalAdvance(self._text)
        self.offset = (self.offset + STEP_PX) % max(span, 1)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)  # the style sheet's background
        if self.offset is None:
            self.offset = max(self.width() - 24, 0)
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        baseline = (self.height() + self.fontMetrics().ascent() - self.fontMetrics().descent()) // 2
        p.drawText(self.width() - self.offset, baseline, self._text)
