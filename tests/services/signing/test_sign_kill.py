"""The desk killed (`kill -9`) between receiving an online dossier and signing its e-receipt
(tests/helpers/sign_worker.py, a separate process): the receiving is whole, its e-receipt is
pending in the "chưa ký" list, and signing it later with the token works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services.signing.query import signed_pdf, unsigned
from app.services.signing.signing import sign_pending
from app.signing.pkcs11_signer import open_token
from db.models import DossierEvent
from tests.helpers import softhsm
from tests.helpers.factories import OFFICER
from tests.services.signing.delivery_kit import pdfsig, pulled

from .signing_kit import rows, switch_on

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
softhsm_token = softhsm.softhsm_token  # the fixture (tests/helpers/softhsm.py)


def test_a_kill_between_receiving_and_signing_leaves_the_receipt_pending(db, sqlite_url, tmp_path, softhsm_token):
    switch_on(db)
    code = pulled(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.sign_worker", sqlite_url, code], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    try:
        said = proc.stdout.readline()  # blocks until the worker says it, or ends ("")
        assert said == f"received {code}\n", proc.stderr.read() if not said else said
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
        proc.stdin.close()
    db.dispose()  # connections opened before the kill: the next ones see the database as it is now
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
    [doc] = rows(db, code)
    with db.reading() as s:
        event = s.scalar(select(DossierEvent).where(DossierEvent.uuid == doc.event_uuid))
    assert (doc.kind, doc.state, event.action) == ("receipt", "pending", "receive")
    assert [(d.dossier_code, d.kind) for d in unsigned(db, OFFICER)] == [(code, "receipt")]

    signer = open_token(softhsm_token.library, softhsm_token.pin, label=softhsm_token.label)
    try:
        report = sign_pending(db, OFFICER, signer, tmp_path / "data")
    finally:
        signer.close()
    assert [v.state for v in report.signed] == ["signed"]
    out = pdfsig(signed_pdf(db, OFFICER, doc.id, tmp_path / "data"), tmp_path, softhsm_token.pki.nss_db())
    assert "Signature is Valid." in out
