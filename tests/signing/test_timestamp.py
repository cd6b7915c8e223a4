"""RFC 3161 time-stamps from the sandbox TSA (app/signing/tsa_sandbox.py, a real HTTP server) on a
signature made through the SoftHSM2 token; an unreachable or wrong server is TIMESTAMP_FAILED and
nothing is signed."""

# ruff: noqa: F811 - the SoftHSM2 fixtures are imported from tests/helpers/softhsm.py, then used by name
from __future__ import annotations

import io
import socket
import urllib.error
import urllib.request

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from app.signing import base, tsa_sandbox
from app.signing.base import SigningError
from app.signing.pkcs11_signer import open_token
from printing.receipt import build_e_receipt
from tests.helpers.softhsm import softhsm_token  # noqa: F401 (a fixture)
from tests.printing.test_receipt import sample


def _key(pem: bytes) -> keys.PrivateKeyInfo:
    der = serialization.load_pem_private_key(pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return keys.PrivateKeyInfo.load(der)


@pytest.fixture
def tsa(softhsm_token):
    pki = softhsm_token.pki
    server, thread = tsa_sandbox.serve("127.0.0.1", 0, tsa_cert=pki.tsa_cert, tsa_key=_key(pki.tsa_key_pem),
                                       chain=(pki.intermediate_cert, pki.root_cert))
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=30)


def test_a_time_stamped_signature_carries_a_valid_timestamp_from_the_sandbox(softhsm_token, tsa):
    pdf, box = build_e_receipt(sample())
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label,
                        timestamp_url=tsa.url)
    try:
        signed = signer.sign_pdf(pdf, box, reason="Tiếp nhận", location="Vĩnh Long")
    finally:
        signer.close()
    assert tsa.count >= 1
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    status = validate_pdf_signature(sig, softhsm_token.pki.validation_context(),
                                    ts_validation_context=softhsm_token.pki.validation_context())
    assert status.intact and status.valid and status.trusted
    ts = status.timestamp_validity
    assert ts is not None
    assert ts.intact and ts.valid and ts.trusted
    assert ts.signing_cert.subject.native["common_name"] == "Test TSA Một Cửa"


def test_the_sandbox_makes_its_own_tsa_certificate_when_given_none():
    server, thread = tsa_sandbox.serve("127.0.0.1", 0)
    try:
        assert server.tsa_root is not None
        assert server.tsa_cert.issuer == server.tsa_root.subject
        req = urllib.request.Request(server.url, data=b"\x30\x03\x02\x01\x01", method="POST",
                                     headers={"Content-Type": "text/plain"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=30)
        assert e.value.code == 400
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_tsa_is_timestamp_failed(softhsm_token):
    pdf, box = build_e_receipt(sample())
    url = f"http://127.0.0.1:{_closed_port()}/tsa"
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label, timestamp_url=url)
    try:
        with pytest.raises(SigningError) as e:
            signer.sign_pdf(pdf, box, reason="Tiếp nhận", location="Vĩnh Long")
    finally:
        signer.close()
    assert e.value.code == base.TIMESTAMP_FAILED
    assert e.value.message.startswith("Không lấy được dấu thời gian") and url in e.value.message


def test_a_server_that_is_not_a_tsa_is_timestamp_failed(softhsm_token, tmp_path):
    """An HTTP server answering with a web page (the wrong address typed in the settings)."""
    from tests.helpers.web_page import web_page

    pdf, box = build_e_receipt(sample())
    with web_page() as url:
        signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label,
                            timestamp_url=url + "/")
        try:
            with pytest.raises(SigningError) as e:
                signer.sign_pdf(pdf, box, reason="Tiếp nhận", location="Vĩnh Long")
        finally:
            signer.close()
    assert e.value.code == base.TIMESTAMP_FAILED
    assert "không phải dấu thời gian" in e.value.message
