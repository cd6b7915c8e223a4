"""Which documents the office signs, noted as "pending" in the very transaction that makes them
(docs/signing.md, "Văn bản được ký"): the e-forms it gives an online applicant (Form 01 when the
dossier is received, Forms 02–05 with the step each reports), and, when the office turns it on,
the digitized copies and the result files. A pending row is the promise that the document will be
signed: it is written with the event or the file, so a crash or a missing token can never lose
it; signing it later is app/services/signing/signing.py.

Signing is off by default (setting signing.enabled); a walk-in or postal dossier's forms are paper
with handwritten signatures and are never noted here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.lifecycle import FORM_OF, Action
from app.domain.vocab import Channel
from app.services.settings.store import settings_of
from db.models import Dossier, DossierFile, SignedDocument

RECEIPT, INTAKE, RESULT = "receipt", "intake", "result"
FORMS = ("receipt", "supplement", "refusal", "apology", "stop")
KINDS = (*FORMS, INTAKE, RESULT)
PENDING, SIGNED, CANCELLED = "pending", "signed", "cancelled"
# The setting that must be on, beside signing.enabled, for each kind that is not a form.
_FILE_SETTING = {INTAKE: "signing.sign_intake_copies", RESULT: "signing.sign_results"}
_KEYS = ("signing.enabled", "signing.sign_intake_copies", "signing.sign_results")


def form_kind(action: Action, status_from: int) -> str | None:
    """The e-form a lifecycle step issues: Form 01 when an online dossier is received (from
    "new"), Forms 02–05 as app/domain/lifecycle.py FORM_OF says; None for the other steps."""
    from app.domain.vocab import DossierStatus

    if action is Action.RECEIVE:
        return RECEIPT if status_from == DossierStatus.NEW else None
    return FORM_OF.get(action)


def signs(session: Session, dossier: Dossier, kind: str) -> bool:
    """Whether the office signs a document of this kind for this dossier."""
    if kind not in KINDS:
        raise ValueError(f"unknown signed document kind {kind!r}")
    if getattr(dossier, "is_demo", False):
        return False  # synthetic data is never signed with a real officer's key
    settings = settings_of(session, _KEYS)
    if not settings["signing.enabled"]:
        return False
    if kind in FORMS:
        return dossier.channel == Channel.ONLINE
    return bool(settings[_FILE_SETTING[kind]])


def pending_in(session: Session, dossier: Dossier, kind: str, *, event_uuid: str | None = None,
               dossier_file: DossierFile | None = None, at: datetime) -> SignedDocument | None:
    """Note `kind` of `dossier` as to be signed, in the caller's transaction: a form with the
    event it reports (`event_uuid`), a copy or a result with its `dossier_file`. None when the
    office does not sign it (signing off, a dossier not filed online, files not turned on)."""
    if not signs(session, dossier, kind):
        return None
    if kind in FORMS and not event_uuid:
        raise ValueError("a form to sign needs the event it reports")
    if kind in (INTAKE, RESULT) and dossier_file is None:
        raise ValueError("a copy or result to sign needs its file")
    if dossier_file is not None:
        session.flush()  # the file row needs its id
    doc = SignedDocument(dossier_id=dossier.id, kind=kind, event_uuid=event_uuid,
                         dossier_file_id=dossier_file.id if dossier_file is not None else None,
                         source_sha256=dossier_file.sha256 if dossier_file is not None else None,
                         state=PENDING, attempts=0, created_at=at)
    session.add(doc)
    return doc


def files_pending_in(session: Session, dossier: Dossier, files: Iterable[DossierFile], kind: str,
                     at: datetime) -> list[SignedDocument]:
    """`pending_in` for each file just added (a line's scans, a dossier's results)."""
    files = list(files)
    if not files or not signs(session, dossier, kind):
        return []
    return [d for f in files if (d := pending_in(session, dossier, kind, dossier_file=f, at=at)) is not None]


def cancel_for_files_in(session: Session, file_ids: Iterable[int], reason: str) -> int:
    """The files are being replaced or removed: their documents still pending will never be
    signed ("cancelled", with why, kept for the record). Returns how many."""
    ids = list(file_ids)
    if not ids:
        return 0
    result = session.execute(update(SignedDocument).where(SignedDocument.dossier_file_id.in_(ids),
                                                          SignedDocument.state == PENDING)
                             .values(state=CANCELLED, last_error=reason)
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0


def pending_ids(session: Session, dossier_id: int | None = None) -> list[int]:
    q = select(SignedDocument.id).where(SignedDocument.state == PENDING)
    if dossier_id is not None:
        q = q.where(SignedDocument.dossier_id == dossier_id)
    return list(session.scalars(q.order_by(SignedDocument.id)))
