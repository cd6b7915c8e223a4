"""What a fee line costs on each channel. A procedure may charge less, or nothing, when filed
online (the catalog's `online_amount`); otherwise every channel pays the same."""

from __future__ import annotations

from app.domain.vocab import Channel
from app.formatting import money


def amount_for(amount: int, online_amount: int | None, channel: Channel) -> int:
    return online_amount if channel is Channel.ONLINE and online_amount is not None else amount


def online_note(amount: int, online_amount: int | None) -> str | None:
    """How filing online changes the fee, in the words the counter uses; None when it does not."""
    if online_amount is None or online_amount == amount:
        return None
    return "miễn khi nộp trực tuyến" if online_amount == 0 else f"nộp trực tuyến: {money(online_amount)}"
