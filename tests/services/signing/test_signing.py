"""Signing what is pending (app/services/signing/signing.py) with a real PKCS#11 token: SoftHSM2
initialised in the test's folder with the test CA's officer key (tests/helpers/softhsm.py). The
signed file is checked by poppler's pdfsig against the test root; the visible box is read back
from the signed PDF and must be where the e-form drew it. A failure leaves the document pending
with its Vietnamese reason, and nothing is ever stored as signed that is not."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.errors import UserError
from app.services.dossiers.digitization import FileInput, attach_result, record_digitization
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.listing import action_label
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import register
from app.services.signing.query import documents_of, signed_pdf, unsigned
from app.services.signing.signing import note_failure, prepare, sign_document, sign_pending
from app.signing.base import NO_TOKEN, WRONG_PIN, SigningError
from app.signing.pkcs11_signer import open_token
from db.models import AuditRecord, DossierEvent, OutboxMessage, SignedDocument, StoredFile
from tests.helpers import softhsm
from tests.helpers.factories import OFFICER, request
from tests.helpers.pki import INTERMEDIATE_CN, OFFICER_CN
from tests.services.signing.delivery_kit import MARRIAGE, MON, pdfsig, plain_pdf

from .signing_kit import image, received, rows, switch_on

LATER = datetime(2026, 11, 23, 10, 0)
BROKEN_PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 100  # a PNG by its signature, broken after it (a scanner cut short)
softhsm_token = softhsm.softhsm_token  # the fixture (tests/helpers/softhsm.py)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def signer(softhsm_token):
    s = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    yield s
    s.close()


def assert_valid(pdf: bytes, tmp_path, pki) -> str:
    report = pdfsig(pdf, tmp_path, pki.nss_db())
    assert "Signature Validation: Signature is Valid." in report, report
    assert "Certificate Validation: Certificate is Trusted." in report, report
    assert "Total document signed" in report, report
    return report


def widget(pdf: bytes) -> tuple[int, tuple[float, ...]]:
    """(page, rect) of the signature field ChuKySo as the signed PDF holds it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(pdf))
    for field in r.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if field.get("/T") == "ChuKySo":
            page_ref = field.raw_get("/P")
            pages = [r.find_page_for_modification(i)[0] for i in range(int(r.root["/Pages"]["/Count"]))]
            page = next(i for i, p in enumerate(pages) if p.idnum == page_ref.idnum)
            return page, tuple(float(v) for v in field["/Rect"])
    raise AssertionError("no ChuKySo field")


def test_the_e_receipt_is_signed_stored_recorded_and_delivered(any_db, data_dir, tmp_path, signer, softhsm_token):
    db, pki = any_db, softhsm_token.pki
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    view = sign_document(db, OFFICER, doc.id, signer, data_dir)
    assert (view.state, view.signer_name, view.kind_label, view.dossier_code, view.last_error) == (
        "signed", OFFICER_CN, "Giấy tiếp nhận (Mẫu 01)", code, None)
    pdf = signed_pdf(db, OFFICER, doc.id, data_dir)
    assert_valid(pdf, tmp_path, pki)
    [row] = rows(db, code)
    assert (row.state, row.signed_sha256, row.signer_name, row.signed_by, row.attempts, row.timestamped) == (
        "signed", hashlib.sha256(pdf).hexdigest(), OFFICER_CN, OFFICER.user_id, 0, False)
    assert row.cert_fingerprint == hashlib.sha256(pki.officer_cert.dump()).hexdigest()
    assert row.cert_serial == format(pki.officer_cert.serial_number, "x") and INTERMEDIATE_CN in row.cert_issuer
    with db.reading() as s:
        event = s.scalar(select(DossierEvent).where(DossierEvent.action == "sign_document"))
        assert event.note == f"Giấy tiếp nhận (Mẫu 01): ký số bởi {OFFICER_CN}"
        assert (event.details["document"], event.details["sha256"], event.user_id) == (
            row.uuid, row.signed_sha256, OFFICER.user_id)
        assert action_label(event.action) == "Ký số văn bản"
        audited = s.scalar(select(AuditRecord).where(AuditRecord.action == "dossier.sign_document"))
        assert (audited.entity_id, audited.details["event"]) == (code, event.uuid)
        # E's delivery, in the same transaction: the portal's outbox record for the signed file.
        assert s.scalar(select(func.count()).select_from(OutboxMessage)
                        .where(OutboxMessage.event_uuid == row.uuid)) == 1
        assert s.get(StoredFile, row.signed_sha256).media_type == "application/pdf"
    assert unsigned(db, OFFICER) == []
    assert [(d.kind, d.state) for d in documents_of(db, OFFICER, code)] == [("receipt", "signed")]


def test_the_visible_signature_is_where_the_e_form_drew_its_box(db, data_dir, signer):
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    first = prepare(db, doc.id, data_dir)
    assert prepare(db, doc.id, data_dir).pdf == first.pdf  # dated by its event: rendered again, the same file
    sign_document(db, OFFICER, doc.id, signer, data_dir)
    signed = signed_pdf(db, OFFICER, doc.id, data_dir)
    assert signed.startswith(first.pdf)  # the e-form as rendered, with the signature appended
    page, rect = widget(signed)
    assert page == first.box.page
    assert rect == pytest.approx(first.box.rect, abs=0.5)  # the field's rectangle is written in whole points


def test_a_reprint_of_a_signed_online_receipt_is_the_signed_e_receipt(db, data_dir, signer):
    switch_on(db)
    code = received(db)
    paper = print_receipt(db, OFFICER, code, data_dir)  # before it is signed: the paper receipt
    [doc] = rows(db, code)
    sign_document(db, OFFICER, doc.id, signer, data_dir)
    again = print_receipt(db, OFFICER, code, data_dir)
    assert again.pdf == signed_pdf(db, OFFICER, doc.id, data_dir) != paper.pdf and again.reprint


def test_forms_of_a_dossier_signed_in_one_batch(db, data_dir, tmp_path, signer, softhsm_token):
    switch_on(db)
    code = received(db)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai có chữ ký"], reason="Thiếu chữ ký",
                                                           at=LATER))
    other = received(db, 2)  # another dossier's receipt stays pending
    report = sign_pending(db, OFFICER, signer, data_dir, dossier_code=code)
    assert [(v.kind, v.state) for v in report.signed] == [("receipt", "signed"), ("supplement", "signed")]
    assert report.failed == []
    for v in report.signed:
        text = assert_valid(signed_pdf(db, OFFICER, v.id, data_dir), tmp_path, softhsm_token.pki)
        assert "Signing Time:" in text
    assert [(d.dossier_code, d.kind) for d in unsigned(db, OFFICER)] == [(other, "receipt")]


def test_a_result_image_is_signed_as_a_pdf_of_it_and_a_broken_one_stays_pending(db, data_dir, tmp_path,
                                                                                       signer, softhsm_token):
    switch_on(db, sign_results=True)
    code = register(db, OFFICER, request(MARRIAGE, MON)).code
    for action in (Action.HAND_OVER, Action.RESULT_READY):
        act(db, OFFICER, code, action, Facts(division="Phòng Tư pháp", giver="An", taker="Bình", at=LATER))
    attach_result(db, OFFICER, code, [FileInput(image(), "ket-qua.jpg"),
                                      FileInput(BROKEN_PNG, "hong.png")], data_dir, at=LATER)
    jpeg, png = rows(db, code)
    assert sign_document(db, OFFICER, jpeg.id, signer, data_dir).state == "signed"
    assert_valid(signed_pdf(db, OFFICER, jpeg.id, data_dir), tmp_path, softhsm_token.pki)
    with pytest.raises(SigningError) as refused:
        sign_document(db, OFFICER, png.id, signer, data_dir)
    assert str(refused.value).startswith(f"Không ký được tệp kết quả giải quyết của hồ sơ {code}: tệp (image/png) "
                                         "không phải PDF và không chuyển được thành PDF")
    [_, still] = rows(db, code)
    assert (still.state, still.attempts, still.last_error, still.signed_sha256) == (
        "pending", 1, str(refused.value), None)


def test_a_scanned_pdf_is_signed_as_stored(db, data_dir, tmp_path, signer, softhsm_token):
    switch_on(db, sign_intake_copies=True)
    code = register(db, OFFICER, request(MARRIAGE, MON)).code
    scan = plain_pdf("to khai")
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(scan, "to-khai.pdf")], data_dir=data_dir,
                        at=MON)
    [doc] = rows(db, code)
    sign_document(db, OFFICER, doc.id, signer, data_dir)
    signed = signed_pdf(db, OFFICER, doc.id, data_dir)
    assert signed.startswith(scan)
    assert_valid(signed, tmp_path, softhsm_token.pki)


def test_signed_once_only(db, data_dir, signer):
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    sign_document(db, OFFICER, doc.id, signer, data_dir)
    with pytest.raises(UserError, match="đã được ký số"):
        sign_document(db, OFFICER, doc.id, signer, data_dir)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(DossierEvent)
                        .where(DossierEvent.action == "sign_document")) == 1


class Refusing:
    """A signer that fails as a token does when its PIN is refused half-way through a batch: a
    token pulled out or its PIN changed mid-batch cannot be staged with SoftHSM2, so this stands
    in for it (the token's own wrong-PIN path is tested through the command line)."""

    def __init__(self, info, code: str = WRONG_PIN):
        self.info, self.code, self.calls = info, code, 0

    def sign_pdf(self, pdf, box, *, reason, location, contact=""):
        self.calls += 1
        raise SigningError(self.code, "Sai mã PIN của thiết bị ký số.")

    def close(self):
        pass


def test_a_batch_stops_at_a_wrong_pin_and_the_rest_keep_their_reason(db, data_dir, signer):
    switch_on(db)
    codes = [received(db, n) for n in (1, 2, 3)]
    note_failure(db, rows(db, codes[2])[0].id, SigningError(NO_TOKEN, "Không thấy thiết bị ký số."))
    refusing = Refusing(signer.info)
    report = sign_pending(db, OFFICER, refusing, data_dir)
    assert refusing.calls == 1 and report.signed == []
    assert report.failed == [(rows(db, codes[0])[0].id, "Sai mã PIN của thiết bị ký số.")]
    assert [(r.state, r.attempts, r.last_error) for c in codes for r in rows(db, c)] == [
        ("pending", 1, "Sai mã PIN của thiết bị ký số."), ("pending", 0, None),
        ("pending", 1, "Không thấy thiết bị ký số.")]
    with db.reading() as s:
        failed = s.scalars(select(AuditRecord.details).where(AuditRecord.action == "signing.failed")).all()
    assert [d["code"] for d in failed] == [NO_TOKEN, WRONG_PIN]
    # The token back, the same batch signs them all.
    assert len(sign_pending(db, OFFICER, signer, data_dir).signed) == 3
    assert unsigned(db, OFFICER) == []


def test_a_failure_never_touches_a_signed_or_cancelled_document(db, data_dir, signer):
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    sign_document(db, OFFICER, doc.id, signer, data_dir)
    note_failure(db, doc.id, SigningError(WRONG_PIN, "Sai mã PIN."))
    [row] = rows(db, code)
    assert (row.state, row.attempts, row.last_error) == ("signed", 0, None)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SignedDocument).where(SignedDocument.state == "signed")) == 1


class Watching:
    """The token's signer, watched: while it signs, no connection of the app's pool may be out (no
    transaction open, so no write lock held on SQLite), and another counter's write goes through."""

    def __init__(self, signer, db):
        self.signer, self.db, self.info, self.seen = signer, db, signer.info, []

    def sign_pdf(self, pdf, box, **kw):
        self.seen.append(self.db.engine.pool.checkedout())
        self.seen.append(register(self.db, OFFICER, request(MARRIAGE, LATER)).code)  # a write, meanwhile
        return self.signer.sign_pdf(pdf, box, **kw)

    def close(self):
        pass


def test_the_token_signs_outside_any_transaction(any_db, data_dir, signer):
    db = any_db
    switch_on(db)
    code = received(db)
    [doc] = rows(db, code)
    watching = Watching(signer, db)
    assert sign_document(db, OFFICER, doc.id, watching, data_dir).state == "signed"
    assert watching.seen[0] == 0 and watching.seen[1]


def test_a_time_stamped_signature_is_recorded_so(db, data_dir, softhsm_token):
    from app.signing import tsa_sandbox

    server, thread = tsa_sandbox.serve("127.0.0.1", 0)  # its own TSA certificate: only the stamp's presence counts
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label, timestamp_url=server.url)
    try:
        switch_on(db)
        code = received(db)
        [doc] = rows(db, code)
        sign_document(db, OFFICER, doc.id, signer, data_dir)
    finally:
        signer.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)
    [row] = rows(db, code)
    assert (row.state, row.timestamped) == ("signed", True)
    with db.reading() as s:
        assert s.scalar(select(DossierEvent.details).where(DossierEvent.action == "sign_document"))["timestamped"]
