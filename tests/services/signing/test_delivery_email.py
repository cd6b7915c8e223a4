"""The signed documents in the citizen's mailbox, through a real local SMTP server (aiosmtpd, the
fixture of tests/notify): the e-receipt's attachment is the signed PDF byte for byte and `pdfsig`
finds it valid and trusted; a signed Form 04 is preferred to the letter built at sending; a signed
file missing here holds the e-mail back rather than send it without its file."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.lifecycle import Action
from app.notify.email import SmtpChannel
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.query import get_dossier
from app.services.files import store
from app.services.notices.consent import change_consent
from app.services.notices.sender import drain_once
from db.models import Notice
from tests.helpers.factories import OFFICER
from tests.helpers.pki import make_pki
from tests.notify.smtp_server import Mailbox, SmtpServer
from tests.services.notices.helpers import switch_on

from .delivery_kit import EMAIL, MON, SIGNED_AT, event_uuid, pdfsig, pulled, sign, signed_pdf

SENDER = "motcua@phuochau.gov.vn"


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def relay(server) -> dict:
    return {"email": SmtpChannel("127.0.0.1", server.port, "none", sender=SENDER, timeout=10)}


def received(db) -> str:
    switch_on(db, "email")
    code = pulled(db)
    change_consent(db, OFFICER, code, ["email"])
    act(db, OFFICER, code, Action.RECEIVE, Facts(at=MON))
    return code


def all_notices(db) -> list[Notice]:
    with db.reading() as s:
        rows = list(s.scalars(select(Notice).order_by(Notice.id)))
        for n in rows:
            s.expunge(n)
        return rows


def test_the_e_receipt_carries_the_signed_pdf_unchanged(db, data_dir, pki, tmp_path):
    code = received(db)
    signed = signed_pdf(pki)
    sign(db, data_dir, code, "receipt", signed)
    box = Mailbox()
    with SmtpServer(box) as server:
        r = drain_once(db, SIGNED_AT, channels=relay(server), data_dir=data_dir)
    assert (r.sent, r.retried, r.failed) == (1, 0, 0)
    [m] = box.delivered
    assert m["To"] == EMAIL
    assert m["Subject"] == f"Hồ sơ {code}: giấy tiếp nhận hồ sơ và hẹn trả kết quả (bản điện tử đã ký số)"
    assert "Kính gửi Ông/Bà Lê Thị Hồng Đào" in m.get_body(("plain",)).get_content()
    [pdf] = list(m.iter_attachments())
    assert (pdf.get_content_type(), pdf.get_filename()) == ("application/pdf", f"giay-tiep-nhan-{code}.pdf")
    got = pdf.get_content()
    assert got == signed
    report = pdfsig(got, tmp_path, pki.nss_db())
    assert "Signature is Valid." in report and "Certificate is Trusted." in report
    [n] = all_notices(db)
    assert (n.kind, n.state) == ("e_receipt", "sent")


def test_a_signed_form_04_is_sent_instead_of_the_one_built_at_sending(db, data_dir, pki, tmp_path):
    code = received(db)
    with db.reading() as s:
        due = get_dossier(s, code).due_at
    act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=due + timedelta(days=5), at=MON))
    signed = signed_pdf(pki, "Van ban xin loi va hen lai ngay tra ket qua")
    uuid = sign(db, data_dir, code, "apology", signed, event=event_uuid(db, code, "extend"))
    [n] = all_notices(db)
    assert (n.kind, n.attachment) == ("extension", f"sig:{uuid}")
    box = Mailbox()
    with SmtpServer(box) as server:
        assert drain_once(db, SIGNED_AT, channels=relay(server), data_dir=data_dir).sent == 1
    [m] = box.delivered
    [pdf] = list(m.iter_attachments())
    assert pdf.get_filename() == f"van-ban-xin-loi-{code}.pdf"
    assert pdf.get_content() == signed and "Signature is Valid." in pdfsig(pdf.get_content(), tmp_path, pki.nss_db())


def test_a_missing_signed_file_holds_the_e_mail_back(db, data_dir, pki):
    code = received(db)
    signed = signed_pdf(pki)
    sign(db, data_dir, code, "receipt", signed)
    store.path_of(data_dir, hashlib.sha256(signed).hexdigest()).unlink()  # lost from the data folder
    box = Mailbox()
    with SmtpServer(box) as server:
        r = drain_once(db, SIGNED_AT, channels=relay(server), data_dir=data_dir)
    assert (r.sent, r.retried) == (0, 1) and box.delivered == []
    [n] = all_notices(db)
    assert n.state == "pending" and n.last_error.startswith("không mở được văn bản đã ký số: Thiếu tệp")
