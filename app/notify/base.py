"""What a channel is given and what it answers. A channel never raises for the network or the
far side: every outcome is a `Result` the sender records. OK: taken (and maybe already
delivered); RETRY: try again later (a timeout, a dropped connection, 5xx, 429 with its
Retry-After); REFUSED: refused for good (an invalid number, a rejected template, a recipient the
mail server refuses), with the far side's reason, which the officer sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

OK, RETRY, REFUSED = "ok", "retry", "refused"


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str = "application/pdf"


@dataclass(frozen=True)
class Message:
    uuid: str  # the notice's uuid: the idempotency key the far side sees
    channel: str
    recipient: str  # never logged
    body: str
    subject: str | None = None
    kind: str = ""
    fields: dict = field(default_factory=dict)  # the template's fields (Zalo ZNS sends them, not the text)
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Result:
    outcome: str  # OK | RETRY | REFUSED
    reason: str = ""  # Vietnamese or the far side's words; never the recipient
    provider_id: str | None = None
    retry_after: float | None = None  # seconds the far side asked us to wait
    delivered: bool = False  # the far side says it reached the citizen


@dataclass(frozen=True)
class Delivery:
    """A status query's answer: "delivered", "sent" (not yet known), "failed" (with a reason), or
    "unknown" (the query itself failed: ask again later)."""

    state: str
    reason: str = ""


class Channel(Protocol):
    def send(self, message: Message) -> Result: ...

    def delivery(self, provider_id: str, uuid: str) -> Delivery: ...


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds, or as an HTTP date (RFC 9110 §10.2.3); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
