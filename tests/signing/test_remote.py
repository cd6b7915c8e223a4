"""Remote signing (app/signing/remote.py) against the sandbox service (app/signing/remote_sandbox.py)
over real HTTP on 127.0.0.1: a signed PDF that pyHanko's validator and pdfsig accept, and each way
it fails giving its SigningError with nothing signed. The sandbox holds the test PKI's officer key
(tests/helpers/pki.py), so the signatures chain to the test root."""

from __future__ import annotations

import hashlib
import io
import logging
import socket
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.devices.config import DeviceSettings
from app.signing import base
from app.signing.base import SignatureBox, SigningError
from app.signing.remote import BAD_CREDENTIALS, open_remote
from app.signing.remote_sandbox import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, NEVER, REFUSE, serve
from app.signing.session import open_signer
from app.signing.verify import verify_pdf
from tests.helpers.pki import OFFICER_CN, make_pki
from tests.helpers.web_page import web_page

USER = "an.nguyen"
PATHS = {"sandbox": "", "generic_json": "/generic"}  # where each protocol lives on the sandbox


def a_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.drawString(72, 760, "Giay tiep nhan ho so (thu nghiem)")
    c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture
def pki(tmp_path):
    return make_pki(tmp_path)


def start(pki, **kw):
    return serve("127.0.0.1", 0, key_pem=kw.pop("key_pem", pki.officer_key_pem),
                 certificate=pki.paths["officer.der"],
                 chain=[pki.paths["intermediate.der"], pki.paths["root.der"]], users={USER}, **kw)


@pytest.fixture
def sandbox(pki):
    server, thread = start(pki)
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


def settings_for(server, provider="sandbox", *, api_key=DEFAULT_API_KEY, wait_s=60):
    return {"signing.remote.provider": provider, "signing.remote.url": server.url + PATHS[provider],
            "signing.remote.client_id": DEFAULT_CLIENT_ID, "signing.remote.api_key": api_key,
            "signing.remote.wait_s": wait_s}


def sign(signer, pdf):
    return signer.sign_pdf(pdf, SignatureBox(page=0, rect=(350, 60, 560, 140)), reason="Tiếp nhận hồ sơ",
                           location="Vĩnh Long")


def validate(signed: bytes, context):
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.embedded_signatures) == 1
    return validate_pdf_signature(reader.embedded_signatures[0], context)


@pytest.mark.parametrize("provider", ["sandbox", "generic_json"])
def test_a_pdf_signed_through_the_service_validates_against_the_test_root(pki, sandbox, provider, tmp_path):
    pdf = a_pdf()
    signer = open_remote(settings_for(sandbox, provider), user=USER)
    try:
        assert signer.info.name == OFFICER_CN
        assert signer.info.serial == format(pki.officer_cert.serial_number, "x")
        signed = sign(signer, pdf)
    finally:
        signer.close()
    assert signed.startswith(pdf)  # an incremental update: the original bytes as they were
    assert sandbox.service.signatures_made == 1
    status = validate(signed, pki.validation_context())
    assert (status.intact, status.valid, status.trusted, status.bottom_line) == (True, True, True, True)
    assert status.signing_cert.dump() == pki.officer_cert.dump()
    verdict = verify_pdf(signed, [pki.root_der])  # the app's own checker agrees
    assert verdict.ok, verdict.summary
    assert [(c.signer, c.intact, c.whole_file, c.trusted) for c in verdict.signatures] == [
        (OFFICER_CN, True, True, True)]

    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", "-nssdir", pki.nss_db(), str(path)], capture_output=True, text=True,
                         timeout=60)
    assert "Signature Validation: Signature is Valid." in out.stdout, out.stdout + out.stderr
    assert "Certificate Validation: Certificate is Trusted." in out.stdout, out.stdout + out.stderr


def test_an_e_receipt_signed_remotely_with_a_time_stamp_validates_with_both(pki, sandbox):
    from asn1crypto import keys
    from cryptography.hazmat.primitives import serialization

    from app.signing import tsa_sandbox
    from printing.receipt import build_e_receipt
    from tests.printing.test_receipt import sample

    tsa_key = keys.PrivateKeyInfo.load(serialization.load_pem_private_key(pki.tsa_key_pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    tsa, tsa_thread = tsa_sandbox.serve("127.0.0.1", 0, tsa_cert=pki.tsa_cert, tsa_key=tsa_key,
                                        chain=(pki.intermediate_cert, pki.root_cert))
    try:
        pdf, box = build_e_receipt(sample())
        signer = open_remote(settings_for(sandbox), user=USER, timestamp_url=tsa.url)
        signed = signer.sign_pdf(pdf, box, reason="Tiếp nhận hồ sơ", location="Vĩnh Long")
        signer.close()
    finally:
        tsa.shutdown()
        tsa.server_close()
        tsa_thread.join(10)
    reader = PdfFileReader(io.BytesIO(signed))
    status = validate_pdf_signature(reader.embedded_signatures[0], pki.validation_context(),
                                    ts_validation_context=pki.validation_context())
    assert status.bottom_line is True
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.valid and status.timestamp_validity.trusted
    assert reader.embedded_signatures[0].field_name == box.field_name


def test_the_session_opens_the_remote_signer_when_the_method_is_remote(pki, sandbox):
    settings = {**settings_for(sandbox), "signing.enabled": True, "signing.method": "remote"}
    signer = open_signer(settings, DeviceSettings(), None, user=USER)
    try:
        assert signer.info.fingerprint == hashlib.sha256(pki.officer_cert.dump()).hexdigest()
        signed = sign(signer, a_pdf())
    finally:
        signer.close()
    assert validate(signed, pki.validation_context()).bottom_line is True


def test_the_officers_account_at_the_service_is_the_offices_mapping_of_the_login(pki, sandbox):
    """The desk passes the login; signing.remote.accounts names the account at the service."""
    settings = {**settings_for(sandbox), "signing.enabled": True, "signing.method": "remote",
                "signing.remote.accounts": [f"nva={USER}"]}
    signer = open_signer(settings, DeviceSettings(), None, user="nva")
    try:
        assert signer.info.fingerprint == hashlib.sha256(pki.officer_cert.dump()).hexdigest()
    finally:
        signer.close()
    with pytest.raises(SigningError) as refused:  # a login with no account there, and not one itself
        open_signer(settings, DeviceSettings(), None, user="khac")
    assert refused.value.code == base.REMOTE_REFUSED


def test_the_sandbox_signs_with_its_own_key_under_its_own_root_when_given_none():
    from pyhanko_certvalidator import ValidationContext

    server, thread = serve("127.0.0.1", 0, auto_confirm_s=0.0)
    try:
        signer = open_remote(settings_for(server, "generic_json"), user="anyone")
        signed = sign(signer, a_pdf())
        signer.close()
        from asn1crypto import x509

        root = x509.Certificate.load(server.service.root)
        status = validate(signed, ValidationContext(trust_roots=[root], allow_fetching=False))
        assert status.bottom_line is True
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def failing_sign(server, **kw):
    """open_remote then sign_pdf, which must raise: the SigningError."""
    signer = open_remote(settings_for(server, **kw), user=USER)
    try:
        with pytest.raises(SigningError) as caught:
            sign(signer, a_pdf())
    finally:
        signer.close()
    return caught.value


@pytest.mark.parametrize("provider", ["sandbox", "generic_json"])
def test_refused_on_the_phone_is_remote_refused_and_nothing_is_signed(sandbox, provider):
    sandbox.service.mode = REFUSE
    error = failing_sign(sandbox, provider=provider)
    assert error.code == base.REMOTE_REFUSED
    assert "từ chối" in str(error)
    assert sandbox.service.signatures_made == 0


def test_never_confirmed_within_wait_s_is_remote_unreachable_and_nothing_is_signed(sandbox):
    sandbox.service.mode = NEVER
    error = failing_sign(sandbox, wait_s=1)
    assert error.code == base.REMOTE_UNREACHABLE
    assert "sau 1 giây" in str(error)
    assert sandbox.service.signatures_made == 0
    assert len(sandbox.service.transactions) == 1  # it did ask, and waited for an answer


def test_a_server_error_when_opening_is_remote_unreachable(sandbox):
    sandbox.service.fail_500 = True
    with pytest.raises(SigningError) as caught:
        open_remote(settings_for(sandbox), user=USER)
    assert caught.value.code == base.REMOTE_UNREACHABLE
    assert "mã 500" in str(caught.value)


@pytest.mark.parametrize("provider", ["sandbox", "generic_json"])
def test_a_server_error_when_signing_is_remote_unreachable_and_nothing_is_signed(sandbox, provider):
    signer = open_remote(settings_for(sandbox, provider), user=USER)
    sandbox.service.fail_500 = True
    try:
        with pytest.raises(SigningError) as caught:
            sign(signer, a_pdf())
    finally:
        signer.close()
    assert caught.value.code == base.REMOTE_UNREACHABLE
    assert "mã 500" in str(caught.value)
    assert sandbox.service.transactions == {}
    assert sandbox.service.signatures_made == 0


@pytest.mark.parametrize("api_key", ["not-the-key", ""])
@pytest.mark.parametrize("provider", ["sandbox", "generic_json"])
def test_a_wrong_or_missing_api_key_is_remote_refused_with_its_own_message(sandbox, provider, api_key):
    with pytest.raises(SigningError) as caught:
        open_remote(settings_for(sandbox, provider, api_key=api_key), user=USER)
    assert caught.value.code == base.REMOTE_REFUSED
    assert str(caught.value) == BAD_CREDENTIALS  # the same words whatever was typed: never echoed


def test_a_user_without_a_certificate_at_the_service_is_remote_refused(sandbox):
    with pytest.raises(SigningError) as caught:
        open_remote(settings_for(sandbox), user="someone.else")
    assert caught.value.code == base.REMOTE_REFUSED
    assert "«someone.else»" in str(caught.value)


def test_no_service_listening_is_remote_unreachable():
    with socket.socket() as s:  # a port nobody listens on once this socket is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = {"signing.remote.provider": "sandbox", "signing.remote.url": f"http://127.0.0.1:{port}",
                "signing.remote.api_key": DEFAULT_API_KEY, "signing.remote.client_id": DEFAULT_CLIENT_ID}
    with pytest.raises(SigningError) as caught:
        open_remote(settings, user=USER)
    assert caught.value.code == base.REMOTE_UNREACHABLE


def test_an_answer_not_in_the_protocol_is_remote_unreachable():
    with web_page() as url:  # e.g. a proxy's maintenance page
        settings = {"signing.remote.provider": "sandbox", "signing.remote.url": url}
        with pytest.raises(SigningError) as caught:
            open_remote(settings, user=USER)
    assert caught.value.code == base.REMOTE_UNREACHABLE
    assert "không đúng định dạng" in str(caught.value)


def test_an_expired_certificate_at_the_service_is_cert_expired(tmp_path):
    now = datetime.now(UTC)
    old = make_pki(tmp_path, not_before=now - timedelta(days=400), not_after=now - timedelta(days=2))
    server, thread = start(old)
    try:
        with pytest.raises(SigningError) as caught:
            open_remote(settings_for(server), user=USER)
        assert caught.value.code == base.CERT_EXPIRED
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_signature_that_does_not_match_the_certificate_is_refused_and_nothing_is_signed(pki):
    server, thread = start(pki, key_pem=pki.tsa_key_pem)  # the service signs with another key
    try:
        error = failing_sign(server)
        assert error.code == base.REMOTE_UNREACHABLE
        assert "không khớp" in str(error)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.mark.parametrize("settings, words", [
    ({"signing.remote.provider": "sandbox", "signing.remote.url": ""}, "signing.remote.url"),
    ({"signing.remote.provider": "vnpt", "signing.remote.url": "http://127.0.0.1:9"}, "«vnpt»"),
    ({"signing.remote.provider": "sandbox", "signing.remote.url": "http://127.0.0.1:9",
      "signing.remote.api_key": "khóa có dấu"}, "signing.remote.api_key"),
], ids=["no-url", "unknown-provider", "api-key-not-ascii"])
def test_a_service_not_set_up_is_not_configured(settings, words):
    with pytest.raises(SigningError) as caught:
        open_remote(settings, user=USER)
    assert caught.value.code == base.NOT_CONFIGURED
    assert words in str(caught.value)


def test_the_api_key_is_never_logged(pki, tmp_path, caplog):
    secret = "k3y-S3cret-Remote-9f8e"
    server, thread = start(pki, api_key=secret)
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's included
    try:
        signer = open_remote(settings_for(server, api_key=secret), user=USER)
        sign(signer, a_pdf())
        signer.close()
        with pytest.raises(SigningError) as caught:
            open_remote(settings_for(server, api_key=secret + "-wrong"), user=USER)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    assert server.service.signatures_made == 1
    assert any("confirmed" in r.getMessage() for r in caplog.records)  # the signing was logged
    assert not [r.getMessage() for r in caplog.records if secret in r.getMessage()]
    assert secret not in str(caught.value)
