"""Issue 24's resolution, end to end with real parts only: a citizen files a dossier online at the
sandbox portal (a real process over HTTP), the counter pulls it, the officer records the citizen's
e-mail consent and receives it; its e-receipt (Form 01 as an e-form) is signed with the officer's
key on a SoftHSM2 token through PKCS#11; the sync puts the signed e-receipt on the portal and the
notices sender mails it through a real SMTP server (aiosmtpd). What the portal holds and what the
mailbox got are the same bytes, and `pdfsig` says the signature is valid and its certificate
trusted against the test root (and only that root)."""

from __future__ import annotations

import hashlib
import subprocess

import httpx
import pytest
from sqlalchemy import select

from app.devices.config import DeviceSettings, TokenSettings
from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.portal.client import PortalClient
from app.portal.sync import SyncEngine
from app.services.dossiers.lifecycle import Facts, act
from app.services.notices.consent import change_consent
from app.services.notices.sender import drain_once
from app.services.settings.store import change_settings, settings_in
from app.services.signing.query import documents_of, signed_pdf
from app.services.signing.signing import sign_pending
from app.signing.session import open_signer
from db.models import Notice
from tests.helpers.factories import OFFICER
from tests.helpers.softhsm import softhsm_token  # noqa: F401 - the fixture
from tests.notify.smtp_server import Mailbox, SmtpServer
from tests.services.signing.delivery_kit import MARRIAGE

EMAIL = "hong.dao@example.vn"
SENDER = "motcua@phuochau.gov.vn"


def pdfsig(path, nss: str | None) -> str:
    cmd = ["pdfsig", *(["-nssdir", nss] if nss else []), str(path)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def test_an_online_dossier_gets_its_signed_e_receipt_at_the_portal_and_by_e_mail(
        db, sandbox, softhsm_token, data_dir, tmp_path):  # noqa: F811 - the fixture imported above
    token = softhsm_token
    box = Mailbox()
    with SmtpServer(box) as smtp, PortalClient(sandbox.url, sandbox.token, timeout=10.0) as client:
        change_settings(db, Actor.system(), {
            "signing.enabled": True, "signing.method": "pkcs11", "signing.location": "Vĩnh Long",
            "notices.email.enabled": True, "notices.email.host": "127.0.0.1", "notices.email.port": smtp.port,
            "notices.email.security": "none", "notices.email.sender": SENDER})
        engine = SyncEngine(db, client, batch=50, data_dir=data_dir)

        # The citizen files online; the counter pulls it; the officer receives it.
        [filed] = sandbox._admin("POST", "online-dossiers",
                                 json={"count": 1, "procedure": MARRIAGE, "email": EMAIL})["items"]
        code = filed["MaHoSo"]
        assert engine.pull() == 1
        change_consent(db, OFFICER, code, ["email"])
        act(db, OFFICER, code, Action.RECEIVE, Facts())
        [pending] = documents_of(db, OFFICER, code)
        assert (pending.kind, pending.state) == ("receipt", "pending")

        # Signed with the token (PKCS#11), the PIN given once; the session let go after.
        with db.reading() as s:
            settings = settings_in(s)
        devices = DeviceSettings(token=TokenSettings(library=token.library, label=token.label))
        signer = open_signer(settings, devices, token.pin)
        try:
            report = sign_pending(db, OFFICER, signer, data_dir, dossier_code=code)
        finally:
            signer.close()
        assert report.failed == [] and [d.kind for d in report.signed] == ["receipt"]
        [doc] = report.signed
        signed = signed_pdf(db, OFFICER, doc.id, data_dir)

        # The portal: the receipt of the dossier, then the signed e-receipt with its kind.
        engine.drain()
        with sandbox.client() as http:
            record = http.get(f"/api/v1/dossiers/{code}").json()
        assert record["TrangThaiHoSo"] == 2 and record["PhienBan"] == 2
        [other] = record["DanhSachTepDinhKemKhac"]
        assert (other["LoaiGiayTo"], other["SHA256"]) == ("MAU01", hashlib.sha256(signed).hexdigest())
        at_portal = httpx.get(f"{sandbox.url}{other['DuongDanTaiTepTin']}", headers=sandbox.headers,
                              timeout=10.0).content

        # The citizen's mailbox: the e-receipt notice, the file attached unchanged.
        r = drain_once(db, data_dir=data_dir)  # the e-mail channel as the settings set it up
        assert (r.sent, r.retried, r.failed) == (1, 0, 0)
    [mail] = box.delivered
    assert mail["To"] == EMAIL
    [attached] = list(mail.iter_attachments())
    assert attached.get_filename() == f"giay-tiep-nhan-{code}.pdf"
    in_mail = attached.get_content()
    assert in_mail == at_portal == signed
    with db.reading() as s:
        assert s.scalars(select(Notice.kind).where(Notice.state == "sent")).all() == ["e_receipt"]

    path = tmp_path / "e-receipt.pdf"
    path.write_bytes(in_mail)
    checked = pdfsig(path, token.pki.nss_db())
    assert "Signature is Valid." in checked and "Certificate is Trusted." in checked
    assert "Signer Certificate Common Name: Nguyễn Văn An" in checked
    assert "Signature Type: ETSI.CAdES.detached" in checked  # PAdES
    # Against an empty trust store the same file is valid but not trusted: the trust came from the root.
    empty = tmp_path / "empty-nss"
    empty.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{empty}", "--empty-password"], check=True, capture_output=True)
    assert "Certificate is Trusted." not in pdfsig(path, f"sql:{empty}")
