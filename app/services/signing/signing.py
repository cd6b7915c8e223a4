"""Signing a pending document (docs/signing.md, "Văn bản được ký"), in three steps:

1. read and render, in a read session: an e-form from the dossier and the event it reports, dated
   by that event like the paper form; a copy or a result as stored (an image made into a PDF);
2. `signer.sign_pdf` OUTSIDE any transaction: a token or a remote service may take seconds, and
   SQLite's write lock must not wait on it;
3. one write transaction: if the row is still pending, the signed PDF stored, the row "signed" with
   whose certificate and when, the dossier's history event and audit record, and its delivery
   (app/services/signing/delivery.py). Otherwise nothing: someone else signed it meanwhile.

A failure never marks anything signed: `note_failure` counts it and keeps its Vietnamese message on
the row, for the "chưa ký" list."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vocab import Role
from app.errors import NotFound, UserError
from app.services.dossiers.query import dossier_for_update, get_dossier
from app.services.files import store
from app.services.journal import audit, dossier_changed
from app.services.settings.store import settings_in
from app.services.signing.documents import FORMS, PENDING, RECEIPT, SIGNED, pending_ids
from app.services.signing.query import SignedDocumentView, kind_label, view_of
from app.signing.base import (
    BAD_PDF,
    NO_TOKEN,
    PIN_LOCKED,
    WRONG_PIN,
    DocumentSigner,
    SignatureBox,
    SigningError,
)
from db.engine import Database
from db.models import Agency, Dossier, DossierEvent, SignedDocument, StoredFile

log = logging.getLogger("motcua.signing")

SIGNED_EVENT = "sign_document"  # the dossier's history event of a signature
# Errors that will fail every other document the same way: stop a batch at the first one.
STOPPERS = frozenset({WRONG_PIN, PIN_LOCKED, NO_TOKEN})
# Who notes a failure when no user is named (a scheduled task's batch).
SIGNING_SYSTEM = Actor(login="system:signing", role=Role.ADMIN, full_name="Ký số tự động")
IMAGE_TYPES = ("image/jpeg", "image/png", "image/tiff")


@dataclass(frozen=True)
class Prepared:
    document_id: int
    code: str
    kind: str
    pdf: bytes
    box: SignatureBox | None
    reason: str
    location: str


@dataclass
class SignReport:
    signed: list[SignedDocumentView] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (document id, Vietnamese message)


def _location(session: Session, d: Dossier) -> str:
    setting = settings_in(session)["signing.location"].strip()
    if setting:
        return setting
    agency = session.get(Agency, d.agency_id)
    place = settings_in(session)["receipt.place"].strip()
    return place or (agency.place_name if agency and agency.place_name else "")


def _as_pdf(data: bytes, media_type: str, name: str) -> bytes:
    """A stored copy or result as the PDF to sign: a PDF as it is, an image as a PDF of it."""
    if media_type == "application/pdf":
        return data
    if media_type in IMAGE_TYPES:
        import img2pdf

        try:
            return img2pdf.convert(data)
        except Exception as exc:  # img2pdf raises several kinds for a file it cannot take
            log.info("img2pdf could not convert %s: %s", name, exc)
    raise SigningError(BAD_PDF, f"Không ký được {name}: tệp ({media_type}) không phải PDF và không chuyển "
                                "được thành PDF; cần đính kèm lại dưới dạng PDF.")


def _render_form(session: Session, doc: SignedDocument, d: Dossier, data_dir: Path) -> tuple[bytes, SignatureBox]:
    """The e-form as the paper one would print for the same event: same facts, same date."""
    if doc.kind == RECEIPT:
        from app.services.dossiers.receipts import receipt_data
        from printing.receipt import build_e_receipt

        data = receipt_data(session, d.code, data_dir)
        due = _due_at_receipt(session, d, doc.event_uuid)
        return build_e_receipt(replace(data, due_at=due) if due else data, paper="A4")
    from app.services.dossiers.forms import _chosen, _letter, form_template, letterhead
    from printing.forms import build_e_form

    full = get_dossier(session, d.code)
    event = next((e for e in full.events if e.uuid == doc.event_uuid), None)
    if event is None:
        raise UserError(f"Không tìm thấy bước xử lý mà {kind_label(doc.kind).lower()} của hồ sơ {d.code} báo.")
    t = form_template(_chosen(session, None, data_dir), doc.kind, event.at, data_dir)
    head = letterhead(session, session.get(Agency, d.agency_id), event.at)
    data = _letter(session, doc.kind, full, event, t, head, lambda _field, value: value or "", "")
    return build_e_form(data)


def _due_at_receipt(session: Session, d: Dossier, event_uuid: str | None) -> datetime | None:
    """The due moment as the receiving set it (an e-receipt signed after an extension still
    promises what the citizen was promised then): the receiving's own `due_to`, else the
    `due_from` of the first later change of it; None: never changed since."""
    events = list(session.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)
                                  .order_by(DossierEvent.id)))
    start = next((i for i, e in enumerate(events) if e.uuid == event_uuid), None)
    if start is None:
        return None
    for i, e in enumerate(events[start:]):
        x = e.details or {}
        if i == 0 and x.get("due_to"):
            return datetime.fromisoformat(x["due_to"])
        if i > 0 and x.get("due_from"):
            return datetime.fromisoformat(x["due_from"])
    return None


def prepare(db: Database, document_id: int, data_dir: Path) -> Prepared:
    """Step 1: what to sign, read and rendered in a read session. Raises UserError (the row is
    not pending, a form's event is gone) or SigningError (a file that cannot be a PDF)."""
    with db.reading() as s:
        doc = s.get(SignedDocument, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản ký số số {document_id}.")
        d = s.get(Dossier, doc.dossier_id)
        label = kind_label(doc.kind)
        if doc.state != PENDING:
            raise UserError(f"{label} của hồ sơ {d.code} "
                            + ("đã được ký số." if doc.state == SIGNED else "không còn phải ký (tệp đã được thay)."))
        if doc.kind in FORMS:
            pdf, box = _render_form(s, doc, d, data_dir)
        else:
            raw = store.open_file(s, data_dir, doc.source_sha256)
            media_type = s.get(StoredFile, doc.source_sha256).media_type
            pdf, box = _as_pdf(raw, media_type, f"{label.lower()} của hồ sơ {d.code}"), None
        return Prepared(doc.id, d.code, doc.kind, pdf, box, f"{label}, hồ sơ {d.code}", _location(s, d))


def _check_signed(original: bytes, signed: bytes) -> bool:
    """The signer's output is the original with a signature appended (an incremental update), and
    it holds a signature: anything else is never stored as signed. Returns whether the signature
    carries an RFC 3161 time-stamp."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not signed.startswith(original):
        raise SigningError(BAD_PDF, "Tệp ký số trả về không giữ nguyên văn bản gốc: không lưu là đã ký.")
    try:
        sigs = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures
    except Exception as exc:  # a broken output: say so, never store it
        raise SigningError(BAD_PDF, "Tệp ký số trả về không đọc được: không lưu là đã ký.") from exc
    if not sigs:
        raise SigningError(BAD_PDF, "Tệp ký số trả về không có chữ ký: không lưu là đã ký.")
    unsigned = sigs[-1].signer_info["unsigned_attrs"]
    return bool(unsigned.native) and any(a["type"].native == "signature_time_stamp_token" for a in unsigned)


def _sign(signer: DocumentSigner, p: Prepared) -> bytes:
    try:
        return signer.sign_pdf(p.pdf, p.box, reason=p.reason, location=p.location)
    except SigningError:
        raise
    except Exception as exc:  # a driver's or library's own error: one Vietnamese line, the rest in the log
        log.exception("signing document %s failed", p.document_id)
        raise SigningError(BAD_PDF, f"Không ký được {kind_label(p.kind).lower()} của hồ sơ {p.code}: "
                                    f"lỗi khi ký ({type(exc).__name__}).") from exc


def sign_document(db: Database, actor: Actor, document_id: int, signer: DocumentSigner,
                  data_dir: Path) -> SignedDocumentView:
    """Sign one pending document with `signer` (see the module's note). Raises SigningError (noted
    on the row first) or UserError; the document then stays pending."""
    actor.require(Permission.SIGN_DOCUMENTS)
    try:
        p = prepare(db, document_id, data_dir)
        signed = _sign(signer, p)  # outside any transaction
        timestamped = _check_signed(p.pdf, signed)
    except SigningError as exc:
        note_failure(db, document_id, exc, actor=actor)
        raise
    except NotFound:
        raise
    except UserError as exc:  # a form's event gone, a stored file missing: kept as the reason too
        note_failure(db, document_id, SigningError(BAD_PDF, str(exc)), actor=actor)
        raise
    info = signer.info
    at = now_local()
    with db.writing() as s:
        d = dossier_for_update(s, p.code)  # the dossier's history takes turns with the counters
        doc = s.get(SignedDocument, document_id)
        if doc is None:
            raise NotFound(f"Không có văn bản ký số số {document_id}.")
        if doc.state != PENDING:  # signed or cancelled meanwhile: nothing to do
            return view_of(doc, d.code)
        sha256 = store.put(s, data_dir, signed, "application/pdf", name=f"{d.code}-{doc.kind}-ky-so.pdf")
        doc.signed_sha256, doc.state, doc.signed_at, doc.signed_by = sha256, SIGNED, at, actor.user_id
        doc.signer_name, doc.cert_fingerprint, doc.cert_serial = info.name[:300], info.fingerprint, info.serial[:80]
        doc.cert_issuer, doc.timestamped, doc.last_error = info.issuer[:300], timestamped, None
        label = kind_label(doc.kind)
        # The portal gets the signed file through the delivery (an outbox record of its own), not
        # through this history event.
        dossier_changed(s, actor, d, SIGNED_EVENT, status_from=d.status, at=at, to_portal=False,
                        note=f"{label}: ký số bởi {info.name}",
                        details={"document": doc.uuid, "kind": doc.kind, "kind_label": label, "sha256": sha256,
                                 "source_sha256": hashlib.sha256(p.pdf).hexdigest(), "signer": info.name,
                                 "certificate": info.fingerprint, "serial": info.serial, "issuer": info.issuer,
                                 "timestamped": timestamped})
        from app.services.signing.delivery import deliver_in

        deliver_in(s, doc, d, data_dir)
        return view_of(doc, d.code)


def note_failure(db: Database, document_id: int, error: SigningError, *, actor: Actor | None = None) -> None:
    """The document could not be signed: one more attempt, its message kept for the "chưa ký"
    list, an audit record. Never marks anything signed; a row no longer pending is left alone."""
    with db.writing() as s:
        row = s.execute(select(SignedDocument, Dossier.code).join(Dossier, Dossier.id == SignedDocument.dossier_id)
                        .where(SignedDocument.id == document_id)).first()
        if row is None or row[0].state != PENDING:
            return
        doc, code = row
        doc.attempts = (doc.attempts or 0) + 1
        doc.last_error = str(error)
        audit(s, actor or SIGNING_SYSTEM, "signing.failed", "dossier", code,
              {"document": doc.uuid, "kind": doc.kind, "code": error.code, "message": str(error),
               "attempts": doc.attempts})


def sign_pending(db: Database, actor: Actor, signer: DocumentSigner, data_dir: Path, *,
                 dossier_code: str | None = None) -> SignReport:
    """Sign every pending document (of one dossier, with `dossier_code`) with one signer, oldest
    first. A wrong PIN, a locked PIN or a missing token stops the batch: the documents not tried
    keep the reason they had."""
    actor.require(Permission.SIGN_DOCUMENTS)
    with db.reading() as s:
        dossier_id = None
        if dossier_code is not None:
            from app.services.dossiers.query import code_is

            dossier_id = s.scalar(select(Dossier.id).where(code_is(dossier_code)))
            if dossier_id is None:
                raise NotFound(f"Không có hồ sơ mã «{dossier_code.strip()}».")
        ids = pending_ids(s, dossier_id)
    report = SignReport()
    for document_id in ids:
        try:
            report.signed.append(sign_document(db, actor, document_id, signer, data_dir))
        except SigningError as exc:
            report.failed.append((document_id, str(exc)))
            if exc.code in STOPPERS:
                break
        except UserError as exc:  # signed or cancelled meanwhile, a form's event gone
            report.failed.append((document_id, str(exc)))
    return report
