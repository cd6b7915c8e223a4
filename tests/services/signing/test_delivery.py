"""Where a signed document goes, written by `deliver_in` in the transaction that marks it signed
(app/services/signing/delivery.py, docs/signing.md "Gửi đi"): one outbox row keyed by the
document's uuid for the portal, the e-receipt by e-mail when the citizen agreed and the office set
e-mail up (never SMS or Zalo), a signed Form 02-05 on its step's e-mail notice; nothing twice,
nothing for a walk-in's forms, nothing at all when the transaction is undone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import Action
from app.services.dossiers.digitization import FileInput, attach_result
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.notices.consent import change_consent
from app.services.signing.delivery import deliver_in
from db.models import Dossier, DossierFile, Notice, OutboxMessage, SignedDocument
from tests.helpers.factories import OFFICER, citizen, request
from tests.services.notices.helpers import switch_on

from .delivery_kit import (
    EMAIL,
    MARRIAGE,
    MON,
    SIGNED_AT,
    event_uuid,
    plain_pdf,
    pulled,
    sign,
    sign_in,
)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def received(db, n=1, *, consent=("email",), **kw) -> str:
    code = pulled(db, n, **kw)
    if consent is not None:
        change_consent(db, OFFICER, code, consent)
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=MON))
    return code


def outbox(db, code):
    with db.reading() as s:
        return [(r.event_uuid, r.kind, r.seq, r.state, r.payload.get("document_kind"))
                for r in s.scalars(select(OutboxMessage).join(Dossier, Dossier.id == OutboxMessage.dossier_id)
                                   .where(Dossier.code == code).order_by(OutboxMessage.id))]


def notices(db, code):
    with db.reading() as s:
        rows = list(s.scalars(select(Notice).join(Dossier, Dossier.id == Notice.dossier_id)
                              .where(Dossier.code == code).order_by(Notice.id)))
        for n in rows:
            s.expunge(n)
        return rows


def test_an_e_receipt_goes_to_the_portal_and_the_citizens_mailbox(any_db, data_dir):
    db = any_db
    switch_on(db, "email")
    code = received(db)
    uuid = sign(db, data_dir, code, "receipt", plain_pdf())
    assert [r[1:] for r in outbox(db, code)] == [("receive", 1, "pending", None),
                                                 ("signed_document", 2, "pending", "receipt")]
    assert outbox(db, code)[1][0] == uuid  # the portal's idempotency key is the document's uuid
    [n] = notices(db, code)
    assert (n.kind, n.channel, n.recipient, n.attachment, n.event_uuid, n.state, n.next_attempt_at) == (
        "e_receipt", "email", EMAIL, f"sig:{uuid}", uuid, "pending", SIGNED_AT)
    assert n.subject == f"Hồ sơ {code}: giấy tiếp nhận hồ sơ và hẹn trả kết quả (bản điện tử đã ký số)"
    assert "Kính gửi Ông/Bà Lê Thị Hồng Đào" in n.body and "có chữ ký số của cán bộ tiếp nhận" in n.body
    # Delivered again (a retried transaction, a second call): nothing more is written.
    with db.writing() as s:
        doc = s.scalars(select(SignedDocument).where(SignedDocument.uuid == uuid)).one()
        deliver_in(s, doc, s.get(Dossier, doc.dossier_id), data_dir)
    assert len(outbox(db, code)) == 2 and len(notices(db, code)) == 1


def test_undone_with_its_transaction(any_db, data_dir):
    db = any_db
    switch_on(db, "email")
    code = received(db)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), db.writing() as s:
        sign_in(s, data_dir, code, "receipt", plain_pdf())
        assert s.scalar(select(func.count()).select_from(Notice)) == 1  # written, in this transaction
        raise Undo
    assert [r[1] for r in outbox(db, code)] == ["receive"]
    assert notices(db, code) == []
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SignedDocument)) == 0


@pytest.mark.parametrize(("consent", "channels", "email"), [
    (None, ("email",), EMAIL),  # never asked
    (("sms",), ("email", "sms"), EMAIL),  # agreed to SMS only
    (("email",), ("sms",), EMAIL),  # the office has no e-mail set up
    (("sms",), ("email", "sms"), None),  # no address
])
def test_no_e_mail_without_consent_setup_and_address(db, data_dir, consent, channels, email):
    switch_on(db, *channels)
    code = received(db, consent=consent, email=email)
    sign(db, data_dir, code, "receipt", plain_pdf())
    assert notices(db, code) == []
    assert [r[1] for r in outbox(db, code)] == ["receive", "signed_document"]  # the portal gets it all the same


def test_sms_and_zalo_get_no_e_receipt(db, data_dir):
    switch_on(db, "email", "sms", "zalo")
    code = received(db, consent=("email", "sms", "zalo"))
    sign(db, data_dir, code, "receipt", plain_pdf())
    assert [(n.kind, n.channel) for n in notices(db, code)] == [("e_receipt", "email")]


def test_a_signed_form_02_rides_on_the_supplement_e_mail(db, data_dir):
    switch_on(db, "email", "sms")
    code = pulled(db)
    change_consent(db, OFFICER, code, ("email", "sms"))
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai có chữ ký"], reason="Chưa ký", at=MON))
    event = event_uuid(db, code, "request_supplement")
    uuid = sign(db, data_dir, code, "supplement", plain_pdf(), event=event)
    by_channel = {n.channel: n for n in notices(db, code)}
    assert set(by_channel) == {"email", "sms"}  # no new notice: the step's own carries the form
    assert (by_channel["email"].kind, by_channel["email"].attachment) == ("supplement", f"sig:{uuid}")
    assert by_channel["sms"].attachment is None
    assert [r[1:] for r in outbox(db, code)] == [("request_supplement", 1, "pending", None),
                                                 ("signed_document", 2, "pending", "supplement")]


def test_a_walk_ins_forms_stay_paper_but_its_signed_copies_go(db, data_dir):
    switch_on(db, "email")
    code = register(db, OFFICER, request(MARRIAGE, MON, applicant=citizen(email=EMAIL),
                                         notice_channels=["email"])).code
    sign(db, data_dir, code, "receipt", plain_pdf())
    assert [r[1] for r in outbox(db, code)] == ["receive"] and notices(db, code) == []
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)
    attach_result(db, OFFICER, code, [FileInput(plain_pdf("Giay chung nhan"), "giay-chung-nhan.pdf")], data_dir)
    with db.reading() as s:
        f = s.scalars(select(DossierFile).join(Dossier, Dossier.id == DossierFile.dossier_id)
                      .where(Dossier.code == code)).one()
    before = len(outbox(db, code))
    sign(db, data_dir, code, "result", plain_pdf("Giay chung nhan (da ky)"), dossier_file_id=f.id,
         source_sha256=f.sha256)
    assert [r[1:] for r in outbox(db, code)[before:]] == [("signed_document", before + 1, "pending", "result")]
    assert [n.kind for n in notices(db, code)] == ["result_ready"]  # a result file is no e-receipt


def test_a_pending_document_is_not_delivered(db, data_dir):
    code = received(db, consent=None)
    with db.writing() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        doc = SignedDocument(dossier_id=d.id, kind="receipt", state="pending", attempts=0, created_at=MON)
        s.add(doc)
        s.flush()
        deliver_in(s, doc, d, data_dir)
    assert [r[1] for r in outbox(db, code)] == ["receive"]
