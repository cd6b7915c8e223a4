"""Real PKCS#11 tokens for the tests (issue 24): SoftHSM2 (Debian `softhsm2`) with the officer's key
and certificate chain from tests/helpers/pki.py.

Use the fixtures by importing them into a test module (or list "tests.helpers.softhsm" in a
conftest's pytest_plugins):

    from tests.helpers.softhsm import softhsm_token  # noqa: F401  (a fixture)

    def test_x(softhsm_token):
        signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)

Fixtures: `softhsm_token` (key + officer cert + intermediate + root), `empty_token` (initialised,
nothing in it), `expired_token`, `not_yet_valid_token`. `make_token(tmp_path, ...)` makes more.

How several tokens live in one process: SoftHSM2 reads SOFTHSM2_CONF when the library is
initialised (C_Initialize) and only sees the tokens that existed then. So one configuration and one
token folder serve the whole test process (set in os.environ the first time a token is made, before
the library is loaded); every token gets its own label, and after making a token the helper
re-initialises the library (`refresh_library()`) so the process sees it. Re-initialising ends every
PKCS#11 session open in the process: make all the tokens a test needs before opening a signer
(fixtures run before the test body, so using several fixtures is fine)."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers.pki import Pki, make_pki

LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
KEY_ID = b"\x01"
PIN = "123456"
SO_PIN = "87654321"

_counter = itertools.count(1)
_conf: Path | None = None


@dataclass(frozen=True)
class Token:
    library: str
    label: str
    pin: str
    so_pin: str
    pki: Pki


def softhsm_conf() -> Path:
    """This process's SoftHSM2 configuration (made once; SOFTHSM2_CONF points at it)."""
    global _conf
    if _conf is None:
        base = Path(tempfile.mkdtemp(prefix="motcua-softhsm-"))
        atexit.register(shutil.rmtree, base, ignore_errors=True)
        (base / "tokens").mkdir()
        conf = base / "softhsm2.conf"
        conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\n"
                        "log.level = ERROR\nslots.removable = false\n", encoding="utf-8")
        os.environ["SOFTHSM2_CONF"] = str(conf)
        _conf = conf
    return _conf


def _util(*args: str) -> None:
    env = dict(os.environ, SOFTHSM2_CONF=str(softhsm_conf()))
    subprocess.run(["softhsm2-util", *args], check=True, capture_output=True, env=env,
                   stdin=subprocess.DEVNULL, timeout=60)


def refresh_library() -> None:
    """Make tokens created since the library was loaded visible to this process (ends every
    PKCS#11 session open in it)."""
    from app.signing.pkcs11_signer import _library

    softhsm_conf()
    # the app's own process-wide library object: a second `pkcs11.lib` would finalise the library
    # (ending every session) when it is freed
    _library(LIBRARY).reinitialize()


def _store_certificates(label: str, pin: str, certs: list[tuple[str, bytes, object]]) -> None:
    """Put X.509 certificates on the token: (object label, CKA_ID, asn1crypto certificate)."""
    from pkcs11 import Attribute, CertificateType, ObjectClass

    from app.signing.pkcs11_signer import _library

    token = _library(LIBRARY).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        for obj_label, obj_id, cert in certs:
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.PRIVATE: False,
                Attribute.LABEL: obj_label,
                Attribute.ID: obj_id,
                Attribute.SUBJECT: cert.subject.dump(),
                Attribute.ISSUER: cert.issuer.dump(),
                Attribute.SERIAL_NUMBER: cert["tbs_certificate"]["serial_number"].dump(),
                Attribute.VALUE: cert.dump(),
            })


def make_token(tmp_path: Path, *, with_key: bool = True, not_before: datetime | None = None,
               not_after: datetime | None = None, pki: Pki | None = None, pin: str = PIN,
               so_pin: str = SO_PIN) -> Token:
    """A fresh SoftHSM2 token with a unique label. With a key: the officer's private key (and its
    public key) under CKA_ID 01, label "Nguyen Van An", the officer's certificate with the same
    CKA_ID, and the intermediate and root certificates (their own IDs) as the chain."""
    pki = pki or make_pki(tmp_path, not_before=not_before, not_after=not_after)
    label = f"motcua-test-{os.getpid()}-{next(_counter)}"
    _util("--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin)
    if with_key:
        _util("--import", str(pki.paths["officer.key.pem"]), "--token", label, "--id", KEY_ID.hex(),
              "--label", "Nguyen Van An", "--pin", pin)
    refresh_library()
    if with_key:
        _store_certificates(label, pin, [
            ("Nguyen Van An", KEY_ID, pki.officer_cert),
            ("Intermediate CA", b"\x02", pki.intermediate_cert),
            ("Root CA", b"\x03", pki.root_cert),
        ])
    return Token(library=LIBRARY, label=label, pin=pin, so_pin=so_pin, pki=pki)


def delete_token(token: Token) -> None:
    _util("--delete-token", "--token", token.label)


def _fixture_token(tmp_path, **kwargs):
    token = make_token(tmp_path, **kwargs)
    yield token
    delete_token(token)


@pytest.fixture
def softhsm_token(tmp_path):
    yield from _fixture_token(tmp_path / "token")


@pytest.fixture
def empty_token(tmp_path):
    yield from _fixture_token(tmp_path / "empty", with_key=False)


@pytest.fixture
def expired_token(tmp_path):
    now = datetime.now(UTC)
    yield from _fixture_token(tmp_path / "expired", not_before=now - timedelta(days=400),
                              not_after=now - timedelta(days=2))


@pytest.fixture
def not_yet_valid_token(tmp_path):
    now = datetime.now(UTC)
    yield from _fixture_token(tmp_path / "later", not_before=now + timedelta(days=3),
                              not_after=now + timedelta(days=400))
