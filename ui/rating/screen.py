"""The citizen's rating screen at one counter (`motcua rating --counter N`): idle (the counter,
the ticket being served and the officer), then, when the officer presses "Xong" or returns a
result, the prompt (five levels, for a finger or a keypad), the reasons at REASONS_AT or less
(the criteria as toggles, send or skip), and thanks for a few seconds.

It is the only input of a rating: nothing on the desk answers for the citizen. Unanswered after
`rating.timeout_s`, the prompt is recorded as "no rating", never as a default score; a score
chosen and its reasons left unanswered is sent with the reasons ticked so far (the score is the
citizen's own). Answers go through ui/rating/feed.py, which writes them off the GUI thread and
again until they land.

A touch in the first moment after a page changed is dropped whole (ui/queue/kiosk.py's rule, with
its PAGE_GUARD_SECONDS): the end of the tap that changed the page lands on the new one, and a tap
on "Rất hài lòng" must not tick the reason under the finger."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.devices.rating_keypad import key_map
from app.domain.ratings import REASONS_AT
from ui.queue.kiosk import PAGE_GUARD_SECONDS
from ui.rating.feed import RatingFeed, Settings, View, Write
from ui.rating.keys import SerialKeys, key_name
from ui.rating.pages import IdlePage, PromptPage, ReasonsPage, ThanksPage, set_size

IDLE, PROMPT, REASONS, THANKS = range(4)  # the pages
THANKS_MS = 4000
# `make bench` (bench/ratings.py) sets this to learn when a prompt is on screen: one line
# "rating-prompt-shown UUID" on stdout per prompt shown. Nothing else uses it.
SHOWN_HOOK = "MOTCUA_RATING_SHOWN_STDOUT"
_TOUCH_DOWN = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
_TOUCH_UP = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd)
STYLE = """
#ratingScreen { background: #f4f7fb; }
#ratingScreen QLabel { color: #0b2545; }
#ratingScreen QPushButton[role="score"] { color: white; border-radius: 18px; padding: 12px; }
#ratingScreen QPushButton[role="reason"] { background: white; color: #0b2545; border: 2px solid #13315c;
                                           border-radius: 14px; padding: 8px; }
#ratingScreen QPushButton[role="reason"]:checked { background: #ffd166; border-color: #8d5b00; }
#ratingScreen QPushButton[role="send"] { background: #13315c; color: white; border-radius: 16px; padding: 8px; }
#ratingScreen QPushButton[role="skip"] { background: white; color: #13315c; border: 2px solid #13315c;
                                         border-radius: 16px; padding: 8px; }
#ratingScreen QLabel#ratingStatus { color: #b3261e; }
"""


class RatingScreen(QWidget):
    shown = Signal(str)  # the uuid of a prompt now on screen
    answered = Signal(object)  # the Write queued for it (an answer or "no rating")

    def __init__(self, feed: RatingFeed, counter_number: int, settings: Settings, clock: Callable[[], datetime],
                 keypad: SerialKeys | None = None, parent: QWidget | None = None, *,
                 ticks: Callable[[], float] = time.monotonic):
        """`ticks`: seconds from a monotonic clock, for the tap guard (tests drive their own)."""
        super().__init__(parent)
        self.setObjectName("ratingScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Rate our service"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a USB keypad types here
        self.feed, self.clock, self.ticks, self.keypad = feed, clock, ticks, keypad
        self.prompt = None  # the Prompt on screen (PROMPT, REASONS)
        self.score: int | None = None
        self._score_at: datetime | None = None
        self.source = "screen"
        self.done: set[str] = set()  # prompts answered here (their write may still be queued)
        self.ignored = 0  # touches and keys dropped by the guard
        self._page_shown = float("-inf")
        self._swallowing: set[QObject] = set()
        self._problems: dict[str, str] = {}
        self._criteria: tuple | None = None  # those the reasons page shows

        self.idle, self.ask, self.reasons, self.thanks = IdlePage(counter_number), PromptPage(), ReasonsPage(), ThanksPage()
        self.pages = QStackedWidget()
        for page in (self.idle, self.ask, self.reasons, self.thanks):
            self.pages.addWidget(page)
        self.status = QLabel()
        self.status.setObjectName("ratingStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(32, 24, 32, 16)
        box.addWidget(self.pages, 1)
        box.addWidget(self.status)

        self.ask.chosen.connect(lambda score: self.choose(score, "screen"))
        self.reasons.send.connect(self.send)
        self.reasons.skip.connect(self.skip)
        self._timeout = QTimer(self, singleShot=True, timeout=self._timed_out)
        self._thanks = QTimer(self, singleShot=True, interval=THANKS_MS,
                              timeout=lambda: self._go(IDLE) if self.pages.currentIndex() == THANKS else None)
        self.apply_settings(settings)
        feed.changed.connect(self.show_view)
        feed.settings_changed.connect(self.apply_settings)
        feed.health.connect(lambda ok: self._problem("db", "" if ok else self.tr(
            "No connection to the office database: trying again…")))
        if keypad is not None:
            keypad.pressed.connect(lambda name: self.press(name, "keypad"))
            keypad.state_changed.connect(self._keypad_state)
            self._keypad_state(keypad.connected)
        if feed.last is not None:
            self.show_view(feed.last)

    # -- what the database says ------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.keys = key_map(settings.keys)
        self.ask.set_keys(self.keys)
        self.reasons.set_keys(self.keys)
        if self.pages.currentIndex() != REASONS:  # never under the citizen's finger: at the next prompt
            self._show_criteria()

    def _show_criteria(self) -> None:
        if self._criteria != self.settings.criteria:
            self._criteria = self.settings.criteria
            self.reasons.set_criteria(self._criteria)
            self._guard_buttons()

    def show_view(self, view: View) -> None:
        self.idle.show_serving(view.serving)
        p = view.prompt
        if p is not None and p.uuid not in self.done and (self.prompt is None or self.prompt.uuid != p.uuid):
            self._show_prompt(p)
        elif self.pages.currentIndex() in (PROMPT, REASONS) and (p is None or p.uuid != self.prompt.uuid):
            self._timeout.stop()  # settled elsewhere (expired while this screen was away)
            self.prompt = None
            self._go(IDLE)

    def _show_prompt(self, p) -> None:
        self.prompt, self.score = p, None
        self._show_criteria()
        self.ask.show_prompt(p)
        self.reasons.clear()
        self._thanks.stop()
        self._go(PROMPT)
        self._timeout.start(self.settings.timeout_s * 1000)
        if os.environ.get(SHOWN_HOOK):
            self.repaint()  # on screen, not only decided
            print(f"rating-prompt-shown {p.uuid}", file=sys.stdout, flush=True)
        self.shown.emit(p.uuid)

    # -- what the citizen does -------------------------------------------------------------------
    def choose(self, score: int, source: str) -> None:
        if self.pages.currentIndex() != PROMPT:
            return
        self.score, self.source, self._score_at = score, source, self.clock()
        if score <= REASONS_AT and self.reasons.toggles:
            self._go(REASONS)
            self._timeout.start(self.settings.timeout_s * 1000)
        else:
            self._finish([])

    def send(self) -> None:
        if self.pages.currentIndex() == REASONS:
            self._finish(self.reasons.chosen())

    def skip(self) -> None:
        if self.pages.currentIndex() == REASONS:
            self._finish([])

    def press(self, name: str, source: str) -> None:
        """A key of a USB or serial keypad, by name (the setting `rating.keys` says what it does)."""
        action = self.keys.get(name)
        page = self.pages.currentIndex()
        if action is None or page not in (PROMPT, REASONS):
            return
        if self.ticks() - self._page_shown < PAGE_GUARD_SECONDS:
            self.ignored += 1
            return
        if page == PROMPT and action.isdigit():
            self.choose(int(action), source)
        elif page == REASONS and action.isdigit():
            self.reasons.toggle(int(action))
        elif page == REASONS:
            (self.send if action == "send" else self.skip)()

    def _finish(self, reasons: list[str]) -> None:
        # Dated when the score was given: the reasons page may outlast the rating's expiry.
        self._record(Write(self.prompt.uuid, self.score, tuple(reasons), self.source, self._score_at))
        self._go(THANKS)
        self._thanks.start()

    def _timed_out(self) -> None:
        page = self.pages.currentIndex()
        if page == REASONS:
            self._finish(self.reasons.chosen())
        elif page == PROMPT:
            self._record(Write(self.prompt.uuid, None, at=self.clock()))  # "no rating", never a score
            self._go(IDLE)

    def _record(self, write: Write) -> None:
        self._timeout.stop()
        self.done.add(write.uuid)
        self.prompt = None
        self.feed.submit(write)
        self.answered.emit(write)

    # -- pages, touches, keys --------------------------------------------------------------------
    def _go(self, page: int) -> None:
        if page != self.pages.currentIndex():
            self.pages.setCurrentIndex(page)
            self._page_shown = self.ticks()

    def _guard_buttons(self) -> None:
        for button in self.findChildren(QPushButton):
            button.removeEventFilter(self)
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A touch within PAGE_GUARD_SECONDS of a page change is dropped whole (press and release)."""
        kind = event.type()
        if kind in _TOUCH_DOWN:
            if self.ticks() - self._page_shown < PAGE_GUARD_SECONDS:
                self._swallowing.add(watched)
                self.ignored += 1
                return True
            self._swallowing.discard(watched)
        elif kind in _TOUCH_UP and watched in self._swallowing:
            self._swallowing.discard(watched)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        name = key_name(event)
        if name is None or event.isAutoRepeat():
            super().keyPressEvent(event)
            return
        self.press(name, "keypad")

    def _keypad_state(self, connected: bool) -> None:
        self._problem("keypad", "" if connected else self.tr(
            "The rating keypad is not connected: please touch the screen"))

    def _problem(self, kind: str, text: str) -> None:
        self._problems[kind] = text
        self.status.setText("\n".join(t for t in self._problems.values() if t))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        unit = max(12, min(self.height() // 36, self.width() // 56))
        for page in (self.idle, self.ask, self.reasons, self.thanks):
            page.fit(unit)
        set_size(self.status, int(unit * 1.1), True)
