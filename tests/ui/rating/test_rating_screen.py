"""The citizen's rating screen on a real SQLite file, its feed thread polling it as it does at a
counter: the officer's "Xong" (the queue service) brings the prompt; the citizen answers by touch
or by a USB keypad (keys typed on the screen); a low score asks the reasons; an unanswered
prompt ends as "no rating", never a score."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.services.queue import tickets as q
from db.models import AuditRecord
from tests.helpers.factories import OFFICER
from tests.ui.rating.conftest import open_screen
from tests.ui.rating.helpers import MON, counter_id, enable, ratings, serve_and_finish
from ui.rating.screen import IDLE, PROMPT, REASONS, THANKS

LEFT = Qt.MouseButton.LeftButton


def page(screen) -> int:
    return screen.pages.currentIndex()


def test_idle_shows_the_counter_and_who_is_served(qtbot, db, rating_screen):
    screen, _feed, _ticks = rating_screen
    assert screen.idle.counter.text() == "Quầy số 1"
    assert screen.idle.ticket.text() == "Xin kính chào quý vị"
    q.issue_ticket(db, "TP", at=MON)
    called = q.call_next(db, OFFICER, counter_id(db), at=MON)
    qtbot.waitUntil(lambda: screen.idle.ticket.text() == f"Đang phục vụ số {called.label}", timeout=10_000)
    assert page(screen) == IDLE


def test_a_served_ticket_rated_by_touch(qtbot, db, rating_screen):
    screen, _feed, ticks = rating_screen
    label = serve_and_finish(db)
    qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
    assert f"Số {label}" in screen.ask.about.text()
    assert screen.ask.buttons[5].text().splitlines()[1:] == ["Rất hài lòng", "phím 5"]
    assert screen.ask.hint.text() == "Chạm vào một mức đánh giá, hoặc bấm phím 1–5 trên bàn phím"
    qtbot.mouseClick(screen.ask.buttons[5], LEFT)  # the tap that ended the service's page: too soon
    assert page(screen) == PROMPT and screen.ignored == 1
    ticks.later()
    qtbot.mouseClick(screen.ask.buttons[5], LEFT)
    assert page(screen) == THANKS
    qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
    (r,) = ratings(db)
    assert (r.score, r.reasons, r.source, r.answered_at) == (5, [], "screen", MON)
    qtbot.waitUntil(lambda: page(screen) == IDLE, timeout=10_000)  # thanks for a few seconds


def test_a_low_score_asks_the_reasons(qtbot, db, rating_screen):
    screen, _feed, ticks = rating_screen
    serve_and_finish(db)
    qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
    ticks.later()
    qtbot.mouseClick(screen.ask.buttons[2], LEFT)
    assert page(screen) == REASONS
    keys = list(screen.reasons.toggles)
    assert len(keys) >= 3
    qtbot.mouseClick(screen.reasons.toggles[keys[0]], LEFT)  # under the finger that chose "2": dropped
    assert screen.reasons.chosen() == []
    ticks.later()
    for key in (keys[0], keys[2]):
        qtbot.mouseClick(screen.reasons.toggles[key], LEFT)
    assert screen.reasons.chosen() == [keys[0], keys[2]]
    assert screen.reasons.send_button.text() == "Gửi (phím Enter)"
    qtbot.mouseClick(screen.reasons.send_button, LEFT)
    assert page(screen) == THANKS
    qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
    assert (ratings(db)[0].score, ratings(db)[0].reasons) == (2, [keys[0], keys[2]])


def test_skip_sends_the_score_without_reasons(qtbot, db, rating_screen):
    screen, _feed, ticks = rating_screen
    serve_and_finish(db)
    qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
    ticks.later()
    qtbot.mouseClick(screen.ask.buttons[1], LEFT)
    ticks.later()
    qtbot.mouseClick(screen.reasons.skip_button, LEFT)
    qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
    assert (ratings(db)[0].score, ratings(db)[0].reasons) == (1, [])


def test_a_usb_keypad_rates_with_its_keys(qtbot, db, rating_screen):
    screen, _feed, ticks = rating_screen
    serve_and_finish(db)
    qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
    ticks.later()
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert page(screen) == REASONS
    qtbot.keyClick(screen, Qt.Key.Key_2)  # a bounce of "3": too soon after the page changed
    assert screen.reasons.chosen() == [] and screen.ignored == 1
    ticks.later()
    qtbot.keyClick(screen, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)  # the numeric keypad's 2
    qtbot.keyClick(screen, Qt.Key.Key_A)  # not in the key map: nothing
    qtbot.keyClick(screen, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert page(screen) == THANKS
    qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
    r = ratings(db)[0]
    assert (r.score, r.reasons, r.source) == (3, [list(screen.reasons.toggles)[1]], "keypad")


def test_the_key_map_is_a_setting(qtbot, db):
    enable(db, **{"rating.keys": ["9=5", "8=4", "7=3", "6=2", "5=1", "+=send", "-=skip"]})
    screen, feed, ticks = open_screen(qtbot, db)
    try:
        assert screen.ask.hint.text() == "Chạm vào một mức đánh giá, hoặc bấm phím 5, 6, 7, 8, 9 trên bàn phím"
        serve_and_finish(db)
        qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
        ticks.later()
        qtbot.keyClick(screen, Qt.Key.Key_5)  # now "Rất không hài lòng"
        assert page(screen) == REASONS
        ticks.later()
        qtbot.keyClick(screen, Qt.Key.Key_Minus)
        qtbot.waitUntil(lambda: ratings(db)[0].state == "rated", timeout=10_000)
        assert (ratings(db)[0].score, ratings(db)[0].reasons) == (1, [])
    finally:
        feed.stop()


def test_no_answer_is_no_rating_never_a_score(qtbot, db):
    enable(db)
    screen, feed, _ticks = open_screen(qtbot, db, timeout_s=1)
    try:
        serve_and_finish(db)
        qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
        qtbot.waitUntil(lambda: ratings(db)[0].state == "no_rating", timeout=10_000)
        assert ratings(db)[0].score is None and ratings(db)[0].reasons is None
        assert page(screen) == IDLE
        with db.reading() as s:
            assert s.scalar(select(func.count()).select_from(AuditRecord)
                            .where(AuditRecord.action == "rating.no_answer")) == 1
    finally:
        feed.stop()


def test_a_newer_prompt_replaces_the_one_on_screen(qtbot, db, rating_screen):
    """The next citizen's "Xong" before the first one answered: the first is "no rating"."""
    screen, _feed, ticks = rating_screen
    serve_and_finish(db)
    qtbot.waitUntil(lambda: page(screen) == PROMPT, timeout=10_000)
    first = screen.prompt.uuid
    second_label = serve_and_finish(db, at=MON.replace(minute=5))
    qtbot.waitUntil(lambda: screen.prompt is not None and screen.prompt.uuid != first, timeout=10_000)
    assert f"Số {second_label}" in screen.ask.about.text()
    ticks.later()
    qtbot.mouseClick(screen.ask.buttons[4], LEFT)
    qtbot.waitUntil(lambda: ratings(db)[1].state == "rated", timeout=10_000)
    assert [(r.state, r.score) for r in ratings(db)] == [("no_rating", None), ("rated", 4)]
