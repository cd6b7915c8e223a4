"""What a receipt provider is given and what it answers. Like the notice channels (app/notify/base.py)
a provider call never raises for the network or the far side: every outcome is an `Answer` the
receipt outbox (app/services/fees/receipts.py) records. OK: done (issued, or cancelled); RETRY: try
again later under the same uuid (a timeout, a dropped connection, 5xx, 429, an answer we cannot
read); REFUSED: refused for good, with the provider's own words, which the officer sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

OK, RETRY, REFUSED = "ok", "retry", "refused"


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    amount: int  # VND
    kind: str  # app.domain.vocab.FeeKind value, or "khac"


@dataclass(frozen=True)
class Replaced:
    """The receipt a replacement replaces, as the provider knows it."""

    uuid: str
    template_code: str | None
    symbol: str | None
    number: str | None
    provider_id: str | None = None


@dataclass(frozen=True)
class ReceiptRequest:
    """One receipt to issue. `uuid` is the FeeReceipt's: the idempotency key, so sending it again
    (after a timeout, a lost answer, a killed desk) returns the first receipt, never a second number."""

    uuid: str
    template_code: str  # mẫu số; "" lets the provider use the series it holds for the unit
    symbol: str  # ký hiệu
    unit_name: str
    unit_tax_code: str
    payer_name: str
    payer_id_number: str
    payer_address: str
    amount: int
    lines: tuple[ReceiptLine, ...]
    method: str  # cash | transfer | online
    dossier_code: str
    paid_at: datetime
    replaces: Replaced | None = None


@dataclass(frozen=True)
class Issued:
    template_code: str
    symbol: str
    number: str
    issued_at: datetime | None = None  # None: the provider did not say (the time it answered is kept)
    lookup_code: str | None = None  # mã tra cứu
    lookup_url: str | None = None
    provider_id: str | None = None
    pdf: bytes | None = None


@dataclass(frozen=True)
class CancelRequest:
    uuid: str
    template_code: str | None
    symbol: str | None
    number: str | None
    provider_id: str | None
    reason: str
    at: datetime


@dataclass(frozen=True)
class Answer:
    outcome: str  # OK | RETRY | REFUSED
    reason: str = ""  # Vietnamese, or the provider's words
    retry_after: float | None = None  # seconds the provider asked us to wait
    issued: Issued | None = None  # an issue request's OK
    not_found: bool = False  # a cancel request: the provider never issued this uuid


# A provider mapping module (app/fees/providers/<name>.py) has these functions; each *_request
# returns (method, url, headers, body) and each *_result reads (status, lower-cased headers, body):
#   issue_request(request: ReceiptRequest, config) / issue_result(...) -> Answer
#   cancel_request(request: CancelRequest, config) / cancel_result(...) -> Answer
#   check_request(config) / check_result(...) -> str | None  (None: reachable and the key accepted)
# `config`: {"url", "api_key"} from the settings.
