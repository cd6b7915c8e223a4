"""The desk's signer (ui/signing/session.py) against a real SoftHSM2 token (tests/helpers/softhsm.py):
the PIN asked the first time something needs signing, a wrong PIN asked again with the token's
message, the right one opens the token and the waiting work runs; the PIN is kept nowhere; the
signer is closed at the lock and asked for again after; no token, or an expired certificate: one
Vietnamese line, no signer."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLineEdit

from app.devices.config import load_devices
from app.services.settings.store import load_settings
from app.signing.base import NO_TOKEN, SigningError
from app.signing.session import open_signer
from tests.helpers.factories import OFFICER
from tests.helpers.pki import OFFICER_CN
from tests.helpers.softhsm import expired_token, softhsm_token  # noqa: F401 - fixtures
from tests.ui.signing.conftest import answer_pin, plain_pdf, use_token
from ui.main import make_app
from ui.signing.session import DeskSigning


def whose(signer) -> str:
    return signer.info.name


def test_a_wrong_pin_is_asked_again_then_the_right_one_opens_the_token(qtbot, db, data_dir, softhsm_token):  # noqa: F811
    make_app()
    use_token(db, data_dir, softhsm_token)
    session = DeskSigning(db, OFFICER, data_dir)
    got, failed = [], []
    session.submit(whose, got.append, failed.append)
    qtbot.waitUntil(lambda: session.pin_dialog is not None and session.pin_dialog.isVisible())
    dialog = session.pin_dialog
    assert dialog.windowTitle() == "Chữ ký số: mã PIN của thiết bị ký"
    assert dialog.token.text() == softhsm_token.label
    assert dialog.pin.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.message.isVisible()

    answer_pin(qtbot, session, "000000" if softhsm_token.pin != "000000" else "999999")
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert session.pin_dialog is dialog and dialog.isVisible() and dialog.pin.text() == ""
    assert "PIN" in dialog.message.text() and got == [] and failed == []

    answer_pin(qtbot, session, softhsm_token.pin)
    qtbot.waitUntil(lambda: got == [OFFICER_CN])
    assert failed == [] and session.signer is not None and session.pin_dialog is None
    # Only the open signer is kept, never the PIN.
    assert softhsm_token.pin not in repr(vars(session))

    # Once open, the next work needs no PIN.
    session.submit(whose, got.append, failed.append)
    assert got == [OFFICER_CN, OFFICER_CN] and session.pin_dialog is None

    # The idle lock (or a log-out) closes it: the PIN is asked again the next time.
    session.close()
    assert session.signer is None
    session.submit(whose, got.append, failed.append)
    qtbot.waitUntil(lambda: session.pin_dialog is not None and session.pin_dialog.isVisible())
    assert session.pin_dialog.holder.text() == OFFICER_CN  # known from the first opening
    session.pin_dialog.reject()  # "Để sau"
    assert failed == ["Chưa ký: chưa nhập mã PIN."] and session.signer is None
    session.close()


def test_no_token_says_one_vietnamese_line_and_opens_nothing(qtbot, db, data_dir, softhsm_token, tmp_path):  # noqa: F811
    make_app()
    not_a_library = tmp_path / "khong-phai-thu-vien.so"
    not_a_library.write_bytes(b"not a PKCS#11 library")
    use_token(db, data_dir, softhsm_token, library=str(not_a_library))
    with pytest.raises(SigningError) as raised:  # what the core says: the desk shows the same line
        open_signer(load_settings(db), load_devices(data_dir), softhsm_token.pin)
    assert raised.value.code == NO_TOKEN
    session = DeskSigning(db, OFFICER, data_dir)
    got, failed = [], []
    session.submit(whose, got.append, failed.append)
    answer_pin(qtbot, session, softhsm_token.pin)
    qtbot.waitUntil(lambda: bool(failed))
    assert got == [] and session.signer is None and session.pin_dialog is None
    assert failed == [str(raised.value)] and "\n" not in failed[0]


def test_an_expired_certificate_says_its_dates_and_signs_nothing(qtbot, db, data_dir, expired_token):  # noqa: F811
    make_app()
    use_token(db, data_dir, expired_token)
    session = DeskSigning(db, OFFICER, data_dir)
    got, failed = [], []
    session.submit(whose, got.append, failed.append)
    answer_pin(qtbot, session, expired_token.pin)
    qtbot.waitUntil(lambda: bool(failed))
    assert got == [] and session.signer is None and session.pin_dialog is None
    (line,) = failed
    assert "hết hạn" in line and re.search(r"\d\d/\d\d/\d{4}", line) and "\n" not in line


def test_the_idle_lock_closes_the_token_and_the_next_signing_asks_the_pin_again(qtbot, db, data_dir,
                                                                                 softhsm_token):  # noqa: F811
    from app.services.bootstrap import DEMO_PASSWORD
    from app.services.trust.users import authenticate
    from ui.main import Desk, home_facts

    make_app()
    use_token(db, data_dir, softhsm_token)
    desk = Desk(db, data_dir, home_facts(db))
    window = desk.open_window(authenticate(db, "canbo", DEMO_PASSWORD, 1), "Quầy số 1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    got, failed = [], []
    window.signing.submit(whose, got.append, failed.append)
    answer_pin(qtbot, window.signing, softhsm_token.pin)
    qtbot.waitUntil(lambda: got == [OFFICER_CN])
    signer = window.signing.signer
    lock = desk.lock()  # what the idle watcher does after the office's idle minutes
    assert lock.isVisible() and window.signing.signer is None
    with pytest.raises(SigningError):  # its session is over: it signs nothing more
        signer.sign_pdf(plain_pdf(), None, reason="thử", location="")
    lock.password.setText(DEMO_PASSWORD)
    lock._try()
    window.signing.submit(whose, got.append, failed.append)
    qtbot.waitUntil(lambda: window.signing.pin_dialog is not None and window.signing.pin_dialog.isVisible())
    window.signing.pin_dialog.reject()
    assert failed == ["Chưa ký: chưa nhập mã PIN."]
    window.close()
