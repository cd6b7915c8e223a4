"""Where a signed document goes (docs/signing.md, "Gửi đi"), written in the transaction that marks
it signed (app/services/signing/signing.py): database rows only, the network is used later by the
portal sync and the notices sender, each from its own outbox.

- To the portal: one outbox row keyed by the document's uuid (the portal's idempotency key, so it
  is applied once whatever is sent again), a full record update that carries the signed file: a
  signed form (Forms 01-05 of an online dossier) in the record's list of other files with its kind,
  a signed copy or result in place of its unsigned file (app/portal/outbox_drain.py). The file
  itself goes first through the resumable upload (app/portal/files_sync.py).
- To the citizen: the signed e-receipt by e-mail (notice kind "e_receipt"), when the citizen agreed
  to e-mail notices and the office set e-mail up; a signed Form 02-05 rides on the e-mail notice of
  the step it reports, if that notice is not sent yet."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.vocab import Channel
from app.portal.signed_names import FORM_FILE_NAMES, SIGNED_KIND
from app.services.notices.enqueue import attach_signed_in, e_receipt_in
from db.models import Dossier, OutboxMessage, SignedDocument

RECEIPT = "receipt"
COPIES = ("intake", "result")  # a digitized copy, a result file: any dossier, when the office signs them


def deliver_in(session: Session, doc: SignedDocument, dossier: Dossier, data_dir: Path) -> None:
    """Send `doc` (just signed: `signed_sha256` is its signed PDF, a stored file) to the portal and,
    for an e-receipt, to the citizen, in the caller's transaction. Calling it again for the same
    document writes nothing more. `data_dir` is unused here (nothing is read or written on disk:
    the senders read the stored file) and kept for the contract."""
    if doc.state != "signed" or not doc.signed_sha256:
        return
    form = doc.kind in FORM_FILE_NAMES
    if form and dossier.channel != Channel.ONLINE:
        return  # a walk-in's forms are paper, signed by hand
    if not form and doc.kind not in COPIES:
        return
    at = doc.signed_at or now_local()
    _to_portal(session, doc, dossier, at)
    if doc.kind == RECEIPT:
        e_receipt_in(session, dossier, doc.uuid, at)
    elif form and doc.event_uuid:
        attach_signed_in(session, doc.event_uuid, doc.uuid)


def _to_portal(session: Session, doc: SignedDocument, dossier: Dossier, at) -> None:
    if dossier.is_demo:  # synthetic data must never reach the real portal
        return
    session.flush()  # the document's row and anything the caller added before it
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.event_uuid == doc.uuid)) is not None:
        return
    # PhienBan: after every change of this dossier already in the outbox, as journal.dossier_changed.
    seq = (session.scalar(select(func.max(OutboxMessage.seq)).where(OutboxMessage.dossier_id == dossier.id))
           or 0) + 1
    session.add(OutboxMessage(
        event_uuid=doc.uuid, dossier_id=dossier.id, kind=SIGNED_KIND,
        payload={"dossier_uuid": dossier.uuid, "code": dossier.code, "status": dossier.status,
                 "document_kind": doc.kind, "sha256": doc.signed_sha256},
        created_at=at, state="pending", attempts=0, seq=seq))
