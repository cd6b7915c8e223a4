"""Remote signing services, one mapping module each (app/signing/remote.py speaks to them through
these): the service's REST calls and field names, kept apart from the signing itself.

A provider module maps requests and answers only, no signing logic and no HTTP of its own. It has:
    LABEL                                   the service's name as the settings page shows it
    headers(client_id, api_key) -> dict     what every request carries (the credentials)
    certificate_call(client_id, user) -> Call
    read_certificate(body) -> Credential
    sign_call(client_id, user, digest, algorithm, transaction_id, description) -> Call
    read_transaction(body) -> str           the service's transaction id
    status_call(client_id, transaction_id) -> Call
    read_status(body) -> Status
    error_text(body) -> str                 the service's own words in an error answer ("" if none)
`body` is the decoded JSON answer; a `read_*` raises KeyError, TypeError or ValueError when it is
not what the protocol says (remote.py turns that into one Vietnamese message). Adding a service:
a new module here and its name in PROVIDERS (docs/signing.md, "Ký số từ xa")."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

PROVIDERS = ("generic_json", "sandbox")

PENDING, CONFIRMED, REFUSED = "pending", "confirmed", "refused"


@dataclass(frozen=True)
class Call:
    """One HTTP request, its path relative to the service's address (signing.remote.url)."""

    method: str
    path: str
    params: dict[str, str] | None = None
    json: dict[str, Any] | None = None


@dataclass(frozen=True)
class Credential:
    """The user's signing certificate and the CA certificates above it, DER."""

    certificate: bytes
    chain: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class Status:
    """Where a signing request stands: PENDING, CONFIRMED (with the raw signature) or REFUSED."""

    state: str
    signature: bytes = b""
    reason: str = ""


def load(name: str) -> ModuleType:
    """The mapping module of a provider named in PROVIDERS (KeyError for any other name)."""
    if name not in PROVIDERS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")
