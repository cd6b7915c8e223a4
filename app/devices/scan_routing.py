"""What a scanned text is: a dossier code of any known shape (from a receipt or a form, ours or
another system's), the QR on a citizen ID card, a queue ticket, or something else. The desk decides
what each one does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.codes import parse_dossier_code

# Queue tickets: a service letter and three (ASCII) digits ("A012"), optionally prefixed "STT:".
TICKET_RE = re.compile(r"^(?:STT:)?([A-Z])([0-9]{3})$")


class ScanKind(StrEnum):
    DOSSIER = "dossier"
    CITIZEN_ID = "citizen_id"
    TICKET = "ticket"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Scanned:
    kind: ScanKind
    text: str  # the dossier code or ticket number normalised; the QR text as scanned


def classify(text: str) -> Scanned:
    from app.domain.cccd_qr import looks_like_cccd_qr

    raw = text.strip()
    upper = raw.upper()
    # Wedge scanners on a Vietnamese keyboard layout may type lower case: codes are case-free. Any
    # shape app/domain/codes.py knows is a dossier code, whatever shape this office issues.
    if parse_dossier_code(upper) is not None:
        return Scanned(ScanKind.DOSSIER, upper)
    if looks_like_cccd_qr(raw):
        return Scanned(ScanKind.CITIZEN_ID, raw)
    ticket = TICKET_RE.match(upper)
    if ticket:
        return Scanned(ScanKind.TICKET, ticket.group(1) + ticket.group(2))
    return Scanned(ScanKind.UNKNOWN, raw)
