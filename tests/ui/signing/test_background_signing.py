"""After the officer receives an online dossier in the inbox, the desk signs its e-receipt in the
background with the session's signer (a real SoftHSM2 token): the PIN is asked once, the work runs
on the pool's threads (thread_ops), and the receipt becomes "signed", checked by B's verify_pdf
against the test root. A signing that fails says one line in the status bar and leaves "Chưa ký"."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from app.signing.verify import verify_pdf
from tests.helpers.desk import open_desk
from tests.helpers.pki import OFFICER_CN
from tests.helpers.softhsm import softhsm_token  # noqa: F401 - fixture
from tests.ui.signing.conftest import answer_pin, pulled, states, use_token

WAIT_MS = 60_000


def receive(qtbot, window, code: str, monkeypatch) -> None:
    monkeypatch.setattr("ui.dossiers.online_inbox.ask", lambda *_a: False)  # "Để sau": no receipt printed now
    page = window.online_page
    window.nav.setCurrentRow(window.ONLINE)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)


def test_the_receipt_is_signed_in_the_background_after_receiving(qtbot, db, data_dir, softhsm_token,  # noqa: F811
                                                                  thread_ops, monkeypatch):
    use_token(db, data_dir, softhsm_token)
    code = pulled(db)
    window = open_desk(qtbot, db, data_dir)
    receive(qtbot, window, code, monkeypatch)
    answer_pin(qtbot, window.signing, softhsm_token.pin)
    qtbot.waitUntil(lambda: states(db, code) == [("receipt", "signed")], timeout=WAIT_MS)
    from app.services.signing.query import documents_of, signed_pdf
    from tests.helpers.factories import OFFICER

    (doc,) = documents_of(db, OFFICER, code)
    assert doc.signer_name == OFFICER_CN
    verdict = verify_pdf(signed_pdf(db, OFFICER, doc.id, data_dir), [softhsm_token.pki.root_der])
    assert verdict.ok, verdict.summary
    qtbot.waitUntil(lambda: window.signing._running is False and not window.signing._jobs, timeout=WAIT_MS)
    window.close()
    assert window.signing.signer is None  # closed with the window (log-out, quit)


@pytest.mark.expected_log("motcua.ui", logging.WARNING, r"văn bản chưa ký được \(Chưa ký: chưa nhập mã PIN\)")
def test_a_failure_says_one_line_in_the_status_bar_and_stays_unsigned(qtbot, db, data_dir, softhsm_token,  # noqa: F811
                                                                      thread_ops, monkeypatch):
    use_token(db, data_dir, softhsm_token)
    code = pulled(db)
    window = open_desk(qtbot, db, data_dir)
    receive(qtbot, window, code, monkeypatch)
    qtbot.waitUntil(lambda: window.signing.pin_dialog is not None and window.signing.pin_dialog.isVisible(),
                    timeout=WAIT_MS)
    window.signing.pin_dialog.reject()  # the officer goes on without the token
    bar = window.statusBar()
    qtbot.waitUntil(lambda: code in bar.currentMessage(), timeout=WAIT_MS)
    assert bar.currentMessage() == (f"Hồ sơ {code}: văn bản chưa ký được (Chưa ký: chưa nhập mã PIN); "
                                    "văn bản chờ ở mục «Chưa ký».")
    assert states(db, code) == [("receipt", "pending")]
    window.close()
