"""A fee line's amount per channel: the online amount applies only to online filing."""

import pytest

from app.domain.fees import amount_for, online_note
from app.domain.vocab import Channel


@pytest.mark.parametrize(("online", "channel", "expected"), [
    (None, Channel.ONLINE, 20000),  # no online price: the same everywhere
    (10000, Channel.ONLINE, 10000),
    (0, Channel.ONLINE, 0),  # waived online
    (10000, Channel.IN_PERSON, 20000),
    (0, Channel.POST, 20000),
])
def test_amount_per_channel(online, channel, expected):
    assert amount_for(20000, online, channel) == expected


def test_online_note_in_counter_words():
    assert online_note(20000, None) is None
    assert online_note(20000, 20000) is None
    assert online_note(20000, 10000) == "nộp trực tuyến: 10.000 đ"
    assert online_note(20000, 0) == "miễn khi nộp trực tuyến"
