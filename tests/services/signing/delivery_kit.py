"""Shared steps of the delivery tests (app/services/signing/delivery.py): an online dossier as the
portal sends one, a PDF signed with the test PKI's officer key (pyHanko, no token: the token is the
end-to-end test's), and a document marked signed as app/services/signing/signing.py does it, with
`deliver_in` in the same transaction."""

from __future__ import annotations

import io
import subprocess
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.portal.contract import OnlineDossier
from app.services.dossiers import online_inbox
from app.services.files import store
from app.services.signing.delivery import deliver_in
from db.models import Dossier, DossierEvent, SignedDocument

MARRIAGE = "1.000894"
FILED = datetime(2026, 11, 21, 22, 15)
MON = datetime(2026, 11, 23, 9, 0)
SIGNED_AT = datetime(2026, 11, 23, 9, 5)
EMAIL = "dao.le@example.vn"


def online(n: int = 1, *, email: str | None = EMAIL) -> OnlineDossier:
    return OnlineDossier(
        portal_id=str(uuid.uuid4()), code=f"000.00.01.H62-261121-{9000 + n:04d}", procedure_code=MARRIAGE,
        applicant_kind=1, applicant_name="Lê Thị Hồng Đào", applicant_id_number="079190012345",
        applicant_phone="0987654321", applicant_email=email, applicant_address="5 Trần Phú, Vĩnh Long",
        summary=None, submitted_at=FILED, online_level=4, whole_process=True, result_method="online",
        result_address=None, documents=[("Tờ khai đăng ký kết hôn", 1, 0)], attachments=[])


def pulled(db, n: int = 1, **kw) -> str:
    """An online dossier in the inbox (status 1), as the portal sync stores it."""
    item = online(n, **kw)
    with db.writing() as s:
        assert online_inbox.save_pulled(s, [item]) == 1
    return item.code


def plain_pdf(text: str = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text.encode("ascii", "replace").decode())
    c.showPage()
    c.save()
    return buf.getvalue()


def signed_pdf(pki, text: str = "Giay tiep nhan") -> bytes:
    """A PAdES signature by the test officer's key (pyHanko's SimpleSigner from tests/helpers/pki.py)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="ChuKySo", reason="Tiếp nhận hồ sơ"),
                      signer=pki.signer()).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(plain_pdf(text))), output=out)
    return out.getvalue()


def event_uuid(db, code: str, action: str) -> str:
    with db.reading() as s:
        return s.scalar(select(DossierEvent.uuid).join(Dossier, Dossier.id == DossierEvent.dossier_id)
                        .where(Dossier.code == code, DossierEvent.action == action)
                        .order_by(DossierEvent.id.desc()))


def sign_in(s, data_dir: Path, code: str, kind: str, pdf: bytes, *, event: str | None = None,
            dossier_file_id: int | None = None, source_sha256: str | None = None) -> SignedDocument:
    """Mark a document signed and deliver it, in the caller's transaction (signing.py's contract)."""
    d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
    sha = store.put(s, data_dir, pdf, "application/pdf")
    doc = SignedDocument(dossier_id=d.id, kind=kind, event_uuid=event, dossier_file_id=dossier_file_id,
                         source_sha256=source_sha256, signed_sha256=sha, state="signed",
                         signer_name="Nguyễn Văn An", signed_at=SIGNED_AT, attempts=1, created_at=MON)
    s.add(doc)
    s.flush()
    deliver_in(s, doc, d, data_dir)
    return doc


def sign(db, data_dir: Path, code: str, kind: str, pdf: bytes, **kw) -> str:
    with db.writing() as s:
        return sign_in(s, data_dir, code, kind, pdf, **kw).uuid


def pdfsig(data: bytes, folder: Path, nss: str) -> str:
    """`pdfsig -nssdir` on the bytes: its report (exit status checked)."""
    path = folder / f"checked-{uuid.uuid4().hex[:8]}.pdf"
    path.write_bytes(data)
    r = subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout
