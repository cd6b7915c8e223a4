"""What the office has to sign and has signed: the "chưa ký" list (every pending document, with
why it is not signed yet), a dossier's signed documents, and a signed PDF as it was stored.
Nothing is shown as signed unless its row says "signed" and names the signed file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.services.dossiers.query import code_is
from app.services.files import store
from app.services.journal import audit
from app.services.signing.documents import PENDING, SIGNED
from db.engine import Database
from db.models import Dossier, SignedDocument

KIND_LABELS = {
    "receipt": "Giấy tiếp nhận (Mẫu 01)",
    "supplement": "Phiếu yêu cầu bổ sung (Mẫu 02)",
    "refusal": "Phiếu từ chối tiếp nhận (Mẫu 03)",
    "apology": "Phiếu xin lỗi và hẹn lại ngày trả (Mẫu 04)",
    "stop": "Phiếu dừng giải quyết (Mẫu 05)",
    "intake": "Bản sao điện tử (số hóa)",
    "result": "Tệp kết quả giải quyết",
}
STATE_LABELS = {"pending": "Chưa ký", "signed": "Đã ký", "cancelled": "Hủy (tệp đã thay)"}


@dataclass(frozen=True)
class SignedDocumentView:
    id: int
    uuid: str
    dossier_code: str
    kind: str
    kind_label: str
    state: str  # pending | signed | cancelled
    signer_name: str | None
    signed_at: datetime | None
    last_error: str | None
    created_at: datetime


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def view_of(doc: SignedDocument, code: str) -> SignedDocumentView:
    return SignedDocumentView(doc.id, doc.uuid, code, doc.kind, kind_label(doc.kind), doc.state, doc.signer_name,
                              doc.signed_at, doc.last_error, doc.created_at)


def _views(session: Session, q) -> list[SignedDocumentView]:
    rows = session.execute(q.add_columns(Dossier.code).join(Dossier, Dossier.id == SignedDocument.dossier_id))
    return [view_of(doc, code) for doc, code in rows]


def unsigned(db: Database, actor: Actor) -> list[SignedDocumentView]:
    """The "chưa ký" list: every document still to sign, oldest first."""
    actor.require(Permission.SIGN_DOCUMENTS)
    with db.reading() as s:
        return _views(s, select(SignedDocument).where(SignedDocument.state == PENDING).order_by(SignedDocument.id))


def documents_of(db: Database, actor: Actor, code: str) -> list[SignedDocumentView]:
    """The dossier's documents to sign or signed (cancelled ones included, for the record)."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(code_is(code)))
        if d is None:
            raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
        return _views(s, select(SignedDocument).where(SignedDocument.dossier_id == d.id).order_by(SignedDocument.id))


def document_view(db: Database, document_id: int) -> SignedDocumentView:
    with db.reading() as s:
        rows = _views(s, select(SignedDocument).where(SignedDocument.id == document_id))
    if not rows:
        raise NotFound(f"Không có văn bản ký số số {document_id}.")
    return rows[0]


def signed_pdf_in(session: Session, document_id: int, data_dir: Path) -> tuple[SignedDocument, str, bytes]:
    row = session.execute(select(SignedDocument, Dossier.code).join(Dossier, Dossier.id == SignedDocument.dossier_id)
                          .where(SignedDocument.id == document_id)).first()
    if row is None:
        raise NotFound(f"Không có văn bản ký số số {document_id}.")
    doc, code = row
    if doc.state != SIGNED or not doc.signed_sha256:
        raise UserError(f"{kind_label(doc.kind)} của hồ sơ {code} chưa được ký số.")
    return doc, code, store.open_file(session, data_dir, doc.signed_sha256)


def signed_pdf(db: Database, actor: Actor, document_id: int, data_dir: Path) -> bytes:
    """The signed PDF as stored (re-hashed by the store), with an audit record of who opened it."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.writing() as s:
        doc, code, data = signed_pdf_in(s, document_id, data_dir)
        audit(s, actor, "signing.open", "dossier", code, {"document": doc.uuid, "kind": doc.kind})
        return data


def latest_signed_receipt_in(session: Session, dossier_id: int) -> SignedDocument | None:
    """The dossier's signed e-receipt, if any (the last one signed)."""
    return session.scalar(select(SignedDocument).where(SignedDocument.dossier_id == dossier_id,
                                                       SignedDocument.kind == "receipt",
                                                       SignedDocument.state == SIGNED)
                          .order_by(SignedDocument.id.desc()).limit(1))


def signed_receipt_in(session: Session, code: str, data_dir: Path) -> tuple[str, bytes] | None:
    """(the dossier's code, the signed e-receipt) once an online dossier's receipt is signed:
    what the citizen was given, so every later print is that file. None: no signed receipt."""
    row = session.execute(select(SignedDocument.signed_sha256, Dossier.code)
                          .join(Dossier, Dossier.id == SignedDocument.dossier_id)
                          .where(code_is(code), SignedDocument.kind == "receipt", SignedDocument.state == SIGNED)
                          .order_by(SignedDocument.id.desc()).limit(1)).first()
    if row is None:
        return None
    sha256, dossier_code = row
    return dossier_code, store.open_file(session, data_dir, sha256)
