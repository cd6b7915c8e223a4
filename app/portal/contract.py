"""What the sync engine and the services know of the portal: neutral records and errors, free of
any province's field names (those live in a mapping module such as dvc_mapping). See
docs/portal-api.md for the HTTP contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


class PortalError(Exception):
    """Base of everything the client raises; `message` is Vietnamese, for the status bar."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PortalUnavailable(PortalError):
    """Network down, timeout, dropped connection, body cut short, 5xx or 429: try again later,
    not before `retry_after` seconds when the portal said so."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class PortalUnreachable(PortalUnavailable):
    """No connection to the portal at all: nothing else could go either, so a file stage stops the
    cycle rather than holding back one dossier after another."""


class PortalAuthError(PortalError):
    """401: the office's token is missing, wrong or revoked. Retrying will not help."""


class PortalRejected(PortalError):
    """A request (not one item of a batch) the portal refuses for good: 404, 409, 422."""

    def __init__(self, message: str, status: int, fields: list[dict] | None = None):
        super().__init__(message)
        self.status = status
        self.fields = fields or []


@dataclass(frozen=True)
class Attachment:
    portal_id: str
    name: str
    mime: str
    size: int
    sha256: str
    url: str  # relative to the portal's base address


@dataclass(frozen=True)
class CitizenDocument:
    """A document the portal keeps for a citizen (its citizen's store), for reuse at intake."""

    name: str  # TenGiayTo: the kind of paper (the dossier's document line)
    sha256: str
    size: int
    media_type: str
    url: str  # relative to the portal's base address: PortalClient.download_file(url)
    dossier_code: str  # the dossier it came with ("" for one the citizen's store had otherwise)
    received_at: datetime | None


@dataclass(frozen=True)
class OnlineDossier:
    """A dossier a citizen filed online, waiting for the counter (TrangThaiHoSo 1)."""

    portal_id: str  # HoSoId: becomes the local dossier's uuid
    code: str  # MaHoSo, issued by the portal
    procedure_code: str
    applicant_kind: int  # 1 citizen, 2 business
    applicant_name: str
    applicant_id_number: str | None
    applicant_phone: str | None
    applicant_email: str | None
    applicant_address: str | None
    summary: str | None
    submitted_at: datetime
    online_level: int | None  # 3 or 4
    whole_process: bool | None  # toàn trình
    result_method: str  # app.domain.vocab.ResultMethod value
    result_address: str | None
    documents: list[tuple[str, int, int]] = field(default_factory=list)  # (name, originals, copies)
    attachments: list[Attachment] = field(default_factory=list)


@dataclass(frozen=True)
class OnlinePage:
    items: list[OnlineDossier]
    next_cursor: str | None
    more: bool
    # Items of the page that could not be read ({"code", "reason", "detail"}): set aside, so one
    # malformed dossier does not hold back the page, and the cursor still moves past it.
    set_aside: tuple[dict, ...] = ()


@dataclass(frozen=True)
class PushItem:
    """One outbox record ready to go: the mapping module turns it into the wire item."""

    key: str  # the history event's uuid: the idempotency key
    dossier_uuid: str
    seq: int  # PhienBan
    kind: str  # the lifecycle action that made the change ("receive", "hand_over", …)
    status_from: int | None
    status_to: int
    record: dict  # the dossier as the mapping module needs it (see dvc_mapping.dossier_facts)


@dataclass(frozen=True)
class PushResult:
    key: str
    result: str  # applied | duplicate | rejected
    status: int | None = None  # 409 or 422 when rejected
    message: str | None = None
    fields: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result in ("applied", "duplicate")


@dataclass(frozen=True)
class Lease:
    key: str
    unit_code: str
    day: date
    first: int
    last: int
