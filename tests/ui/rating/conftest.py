"""A counter's rating screen on the test's real database, its feed thread running."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.ui.rating.helpers import MON, counter_id, enable
from ui.main import make_app
from ui.rating.feed import RatingFeed
from ui.rating.screen import RatingScreen


class Ticks:
    """The tap guard's clock, moved by the test: a tap `later()` is past the guard."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def later(self) -> None:
        self.now += 1.0


def open_screen(qtbot, database, *, keypad=None, timeout_s: int | None = None, clock=lambda: MON):
    """The screen of counter 1 and its feed (started; stopped by the caller). `timeout_s`: a short
    prompt life for this screen only (the setting's least is 10 s)."""
    make_app()
    feed = RatingFeed(database, counter_id(database), clock)
    settings = feed.read_settings()
    if timeout_s is not None:
        settings = replace(settings, timeout_s=timeout_s)
    ticks = Ticks()
    screen = RatingScreen(feed, 1, settings, clock, keypad, ticks=ticks)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    feed.start()
    return screen, feed, ticks


@pytest.fixture
def rating_screen(qtbot, db):
    enable(db)
    screen, feed, ticks = open_screen(qtbot, db)
    yield screen, feed, ticks
    feed.stop()
