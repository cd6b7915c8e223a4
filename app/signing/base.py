"""What every way of signing offers the rest of the app (docs/signing.md): a USB token through
PKCS#11 (app/signing/pkcs11_signer.py) or a remote signing service (app/signing/remote.py), both
giving a `DocumentSigner` that signs PDF bytes as PAdES and says whose certificate it used.

Signing never blocks the counter: every failure is one `SigningError` with a Vietnamese message and
a `code` the desk and the "chưa ký" list can act on; the document stays unsigned and marked so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.errors import UserError

# SigningError codes: what went wrong, for the desk to react (ask the PIN again, point at the token).
NO_TOKEN = "no_token"  # no PKCS#11 library at the path, or no token in any slot
WRONG_PIN = "wrong_pin"
PIN_LOCKED = "pin_locked"
NO_KEY = "no_key"  # the token holds no private key with a certificate
CERT_EXPIRED = "cert_expired"
CERT_NOT_YET_VALID = "cert_not_yet_valid"
REMOTE_REFUSED = "remote_refused"  # the signing service or its user said no
REMOTE_UNREACHABLE = "remote_unreachable"  # no answer, a timeout, or a server error
TIMESTAMP_FAILED = "timestamp_failed"  # the time-stamp server gave nothing usable
NOT_CONFIGURED = "not_configured"  # signing is off, or nothing set up on this PC
BAD_PDF = "bad_pdf"  # the document to sign is not a PDF we can sign


class SigningError(UserError):
    """A document could not be signed: `message` in Vietnamese (never the PIN), `code` one of the
    constants above."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SignerInfo:
    """The certificate a signer signs with, as shown to the officer and recorded with the document."""

    name: str  # the subject's common name (the officer, or the agency for an agency token)
    organization: str  # the subject's O, "" if none
    issuer: str  # the issuing CA's common name
    serial: str  # hex, lower case
    fingerprint: str  # SHA-256 of the DER certificate, hex
    not_before: datetime  # UTC, naive
    not_after: datetime  # UTC, naive


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: a page (0-based; -1 the last) and a rectangle in PDF
    points from the page's lower left corner, as (x1, y1, x2, y2)."""

    page: int
    rect: tuple[float, float, float, float]
    field_name: str = "ChuKySo"


class DocumentSigner(Protocol):
    info: SignerInfo

    def sign_pdf(self, pdf: bytes, box: SignatureBox | None, *, reason: str, location: str,
                 contact: str = "") -> bytes:
        """The PDF signed (PAdES, an incremental update: the original bytes stay as they were),
        with a visible box showing the signer's name and the signing time when `box` is given,
        and an RFC 3161 time-stamp when the signer was opened with a time-stamp server. Raises
        SigningError."""
        ...

    def close(self) -> None:
        """Let go of the token's session (logs out) or the service's connection."""
        ...
