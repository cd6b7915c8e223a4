"""Who saw whose personal data: each view of a dossier's details, each look-up by CCCD or phone
number and each export is an audit record of its own (who, when, which dossier), written in its
own short transaction since the view itself only reads. Lists carry masked numbers for roles that
do not need them whole."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.domain.permissions import Actor
from app.domain.privacy import mask_id_number, mask_phone, sees_whole, shown_to
from app.services.journal import audit
from db.engine import Database


def log_view(db: Database, actor: Actor, code: str, what: str = "detail", details: dict[str, Any] | None = None) -> None:
    with db.writing() as s:
        audit(s, actor, "dossier.view", "dossier", code, {"what": what, **(details or {})})


def log_lookup(db: Database, actor: Actor, kind: str, value: str, codes: list[str]) -> None:
    """A search by a citizen's identifier: the number masked (the log itself must not become a
    list of numbers), and the dossiers it showed."""
    masked = mask_id_number(value) if kind == "id_number" else mask_phone(value)
    with db.writing() as s:
        audit(s, actor, "dossier.lookup", "dossier", None, {"by": kind, "value": masked, "codes": codes[:50],
                                                              "count": len(codes)})


def log_export(db: Database, actor: Actor, what: str, details: dict[str, Any]) -> None:
    with db.writing() as s:
        audit(s, actor, f"export.{what}", "export", what, details)


def masked_rows(actor: Actor, rows: list) -> list:
    """DossierRow-like rows with the CCCD and phone masked unless the actor needs them whole."""
    if sees_whole(actor):
        return rows
    return [replace(r, applicant_id_number=shown_to(actor, "applicant_id_number", r.applicant_id_number),
                    applicant_phone=shown_to(actor, "applicant_phone", r.applicant_phone)) for r in rows]
