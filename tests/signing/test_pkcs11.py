"""Signing through a real PKCS#11 token (SoftHSM2, tests/helpers/softhsm.py) with the test CA
(tests/helpers/pki.py): pdfsig and pyHanko's validator accept the result; every failure is one
SigningError with its code and a Vietnamese message, and nothing is written."""

# ruff: noqa: F811 - the SoftHSM2 fixtures are imported from tests/helpers/softhsm.py, then used by name
from __future__ import annotations

import io
import logging
import subprocess
from dataclasses import replace

import pikepdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from app.devices.config import DeviceSettings, TokenSettings
from app.signing import base
from app.signing.base import SigningError
from app.signing.pkcs11_signer import list_tokens, open_token, token_error
from app.signing.session import open_signer
from printing.receipt import build_e_receipt
from tests.helpers.softhsm import (  # noqa: F401 (fixtures)
    empty_token,
    expired_token,
    not_yet_valid_token,
    softhsm_token,
)
from tests.printing.test_receipt import sample

REASON = "Tiếp nhận hồ sơ trực tuyến"


@pytest.fixture(scope="module")
def e_receipt():
    return build_e_receipt(sample())


def pdfsig(pki, path) -> str:
    return subprocess.run(["pdfsig", "-nssdir", pki.nss_db(), str(path)], capture_output=True, text=True,
                          timeout=60, check=False).stdout


def test_a_receipt_signed_on_the_token_is_valid_and_trusted(softhsm_token, e_receipt, tmp_path):
    pdf, box = e_receipt
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    try:
        assert signer.info.name == "Nguyễn Văn An"
        assert signer.info.organization == "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long"
        signed = signer.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")
    finally:
        signer.close()
    assert signed.startswith(pdf)  # an incremental update: the original bytes untouched
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    out = pdfsig(softhsm_token.pki, path)
    assert "Signer Certificate Common Name: Nguyễn Văn An" in out
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    assert "Total document signed" in out

    reader = PdfFileReader(io.BytesIO(signed))
    status = validate_pdf_signature(reader.embedded_signatures[0], softhsm_token.pki.validation_context())
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Nguyễn Văn An"

    with pikepdf.open(path) as doc:  # the visible box where the form asked for it
        widgets = [a for a in doc.pages[box.page].get("/Annots", []) if a.get("/FT") == "/Sig"]
        assert [str(w.T) for w in widgets] == [box.field_name]
        rect = [float(v) for v in widgets[0].Rect]
    assert rect == pytest.approx(list(box.rect), abs=1.0)


def test_a_signature_from_an_untrusted_root_is_not_trusted_by_pdfsig(softhsm_token, e_receipt, tmp_path):
    """The same signature, checked against a store that trusts only another root: pdfsig says so
    (the test root is what makes the first test pass, not pdfsig's leniency)."""
    from tests.helpers.pki import make_pki

    pdf, box = e_receipt
    signer = open_token(softhsm_token.library, softhsm_token.pin)
    try:
        signed = signer.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")
    finally:
        signer.close()
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    out = pdfsig(make_pki(tmp_path / "other"), path)
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." not in out


def test_the_token_is_listed(softhsm_token):
    labels = [t.label for t in list_tokens(softhsm_token.library)]
    assert softhsm_token.label in labels


def test_a_wrong_pin_is_refused_in_vietnamese_and_the_pin_is_nowhere(softhsm_token, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "999111"
    with pytest.raises(SigningError) as e:
        open_token(softhsm_token.library, wrong, label=softhsm_token.label)
    assert e.value.code == base.WRONG_PIN
    assert e.value.message.startswith("Mã PIN không đúng")
    assert e.value.__cause__ is None and e.value.__context__ is None  # no PKCS#11 error chained
    assert wrong not in str(e.value) and wrong not in repr(e.value.args)
    assert wrong not in caplog.text


def test_the_right_pin_is_not_kept_or_logged(softhsm_token, e_receipt, caplog):
    caplog.set_level(logging.DEBUG)
    pdf, box = e_receipt
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    try:
        signer.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")
        assert softhsm_token.pin not in repr(vars(signer))
        assert softhsm_token.pin not in repr(vars(signer.signer))
    finally:
        signer.close()
    assert "Nguyễn Văn An" in caplog.text  # the log does tell whose token was opened
    assert softhsm_token.pin not in caplog.text


def test_a_second_signer_beside_the_desks_opens_and_closing_it_leaves_the_desks(softhsm_token, e_receipt):
    """A token's log-in belongs to the process: "Thử ký" in the settings opens the token while the
    desk's signer holds it logged in; closing the second must not log the desk's out."""
    pdf, box = e_receipt
    desk = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    try:
        trial = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
        signed = trial.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")
        trial.close()
        assert signed.startswith(pdf)
        again = desk.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")  # still logged in
        assert again.startswith(pdf) and len(again) > len(pdf)
    finally:
        desk.close()


def test_an_empty_token_has_no_key(empty_token):
    with pytest.raises(SigningError) as e:
        open_token(empty_token.library, empty_token.pin, label=empty_token.label)
    assert e.value.code == base.NO_KEY
    assert "không có khóa ký" in e.value.message


@pytest.mark.parametrize("library", ["/nonexistent/libtoken.so", "C:\\Windows\\System32\\khong-co.dll"])
def test_a_missing_library_names_its_path(library):
    with pytest.raises(SigningError) as e:
        open_token(library, "123456")
    assert e.value.code == base.NO_TOKEN
    assert "Không tìm thấy thư viện PKCS#11" in e.value.message
    assert library in e.value.message


def test_a_file_that_is_not_a_pkcs11_library(tmp_path):
    fake = tmp_path / "token.dll"
    fake.write_bytes(b"MZ not a library")
    with pytest.raises(SigningError) as e:
        open_token(str(fake), "123456")
    assert e.value.code == base.NO_TOKEN
    assert "không phải thư viện PKCS#11" in e.value.message and str(fake) in e.value.message


def test_no_token_with_that_label(softhsm_token):
    with pytest.raises(SigningError) as e:
        open_token(softhsm_token.library, softhsm_token.pin, label="khong-co-token-nay")
    assert e.value.code == base.NO_TOKEN
    assert "hãy cắm token" in e.value.message


def test_an_expired_certificate_refuses_to_sign(expired_token):
    with pytest.raises(SigningError) as e:
        open_token(expired_token.library, expired_token.pin, label=expired_token.label)
    assert e.value.code == base.CERT_EXPIRED
    assert "đã hết hạn ngày" in e.value.message and "Nguyễn Văn An" in e.value.message


def test_a_not_yet_valid_certificate_refuses_to_sign(not_yet_valid_token):
    with pytest.raises(SigningError) as e:
        open_token(not_yet_valid_token.library, not_yet_valid_token.pin, label=not_yet_valid_token.label)
    assert e.value.code == base.CERT_NOT_YET_VALID
    assert "chỉ có hiệu lực từ ngày" in e.value.message


def test_a_locked_pin_is_named():
    """SoftHSM2 never locks a PIN (it counts no failures), so the token's own PinLocked error is
    mapped here directly: the one mapping a real token cannot show in this test run."""
    from pkcs11.exceptions import PinLocked

    err = token_error(PinLocked())
    assert err.code == base.PIN_LOCKED
    assert "bị khóa" in err.message


def test_a_session_closed_after_use_refuses_politely(softhsm_token, e_receipt):
    pdf, box = e_receipt
    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    signer.close()
    with pytest.raises(SigningError) as e:
        signer.sign_pdf(pdf, box, reason=REASON, location="Vĩnh Long")
    assert e.value.code == base.NO_TOKEN


def test_open_signer_follows_the_settings_and_the_pc(softhsm_token):
    on = {"signing.enabled": True, "signing.method": "pkcs11", "signing.timestamp_url": ""}
    devices = replace(DeviceSettings(), token=TokenSettings(library=softhsm_token.library,
                                                            label=softhsm_token.label))
    signer = open_signer(on, devices, softhsm_token.pin)
    try:
        assert signer.info.name == "Nguyễn Văn An"
    finally:
        signer.close()
    with pytest.raises(SigningError) as e:
        open_signer({**on, "signing.enabled": False}, devices, softhsm_token.pin)
    assert e.value.code == base.NOT_CONFIGURED
    with pytest.raises(SigningError) as e:
        open_signer(on, DeviceSettings(), softhsm_token.pin)
    assert e.value.code == base.NOT_CONFIGURED and "chưa khai báo token" in e.value.message
    with pytest.raises(SigningError) as e:
        open_signer(on, devices, "")
    assert e.value.code == base.WRONG_PIN
