"""Notices by e-mail against a real local SMTP server (aiosmtpd): STARTTLS on a self-signed
certificate with a login, a plain relay set up through the settings, the Form 04 letter attached,
a recipient refused for good (failed, with the server's words and without the address), and a
connection dropped mid-message (tried again under the same Message-ID, delivered once)."""

from __future__ import annotations

import ssl
from datetime import timedelta

import pytest

from app.domain.lifecycle import Action
from app.notify.email import SmtpChannel, message_id
from app.services.dossiers.lifecycle import Facts, act
from app.services.dossiers.query import get_dossier
from app.services.notices.sender import drain_once
from tests.helpers.factories import OFFICER
from tests.notify.smtp_server import Mailbox, SmtpServer, self_signed
from tests.services.notices.helpers import EMAIL, NOW, dossier, notices, switch_on

LATER = NOW + timedelta(hours=7)
SENDER = "motcua@phuochau.gov.vn"


@pytest.fixture
def tls(tmp_path):
    return self_signed(tmp_path)


def _tls_channel(server, cert, **kw):
    return {"email": SmtpChannel("127.0.0.1", server.port, "starttls", sender=SENDER, sender_name="UBND phường Phước Hậu",
                                 ssl_context=ssl.create_default_context(cafile=str(cert)), timeout=10, **kw)}


def _supplement(db, **applicant):
    switch_on(db, "email")
    code = dossier(db, ["email"], **applicant)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Chưa ký", at=NOW))
    return code


def test_starttls_with_a_login(db, tls):
    code = _supplement(db)
    box = Mailbox()
    with SmtpServer(box, tls, login=("motcua", "mat-khau-thu")) as server:
        r = drain_once(db, NOW, channels=_tls_channel(server, tls[0], username="motcua", password="mat-khau-thu"))
    assert (r.sent, r.retried, r.failed) == (1, 0, 0)
    [n] = notices(db)
    [m] = box.delivered
    assert (m["To"], m["Message-ID"], m["Subject"]) == (EMAIL, message_id(n.uuid), f"Hồ sơ {code}: cần bổ sung, hoàn thiện")
    assert "Tờ khai" in m.get_body().get_content()
    assert (n.state, n.sent_at, n.provider_id) == ("sent", NOW, message_id(n.uuid))


def test_a_wrong_login_is_tried_again_not_failed(db, tls):
    _supplement(db)
    with SmtpServer(Mailbox(), tls, login=("motcua", "mat-khau-thu")) as server:
        r = drain_once(db, NOW, channels=_tls_channel(server, tls[0], username="motcua", password="sai"))
    assert (r.retried, r.failed) == (1, 0)
    assert notices(db)[0].last_error.startswith("máy chủ thư từ chối đăng nhập (535)")


def test_a_plain_relay_from_the_settings_with_the_apology_letter(db):
    box = Mailbox()
    with SmtpServer(box) as server:
        switch_on(db, "email", **{"notices.email.port": server.port, "notices.email.security": "none",
                                  "notices.email.sender": SENDER})
        code = dossier(db, ["email"])
        with db.reading() as s:
            due = get_dossier(s, code).due_at
        act(db, OFFICER, code, Action.EXTEND, Facts(reason="Chờ xác minh", new_due=due + timedelta(days=5), at=NOW))
        assert drain_once(db, NOW).sent == 1  # channels built from the settings
    [m] = box.delivered
    [pdf] = list(m.iter_attachments())
    assert pdf.get_content_type() == "application/pdf" and pdf.get_filename().endswith(".pdf")
    assert pdf.get_content().startswith(b"%PDF")
    assert m["From"] == SENDER


def test_a_recipient_refused_for_good_fails_with_the_servers_reason(db, tls):
    _supplement(db, email="bad.address@example.vn")
    box = Mailbox()
    with SmtpServer(box, tls) as server:
        r = drain_once(db, NOW, channels=_tls_channel(server, tls[0]))
    assert (r.sent, r.retried, r.failed) == (0, 0, 1)
    [n] = notices(db)
    assert n.state == "failed" and n.last_error.startswith("máy chủ thư trả lời 550: 5.1.1 <<người nhận>>: Recipient "
                                                           "address rejected: User unknown")
    assert "bad.address" not in n.last_error and box.delivered == []


def test_a_dropped_connection_is_tried_again_and_delivered_once(db, tls):
    _supplement(db)
    box = Mailbox(drop_first=1)
    with SmtpServer(box, tls) as server:
        first = drain_once(db, NOW, channels=_tls_channel(server, tls[0]))
        second = drain_once(db, LATER, channels=_tls_channel(server, tls[0]))
    assert (first.retried, second.sent) == (1, 1)
    [n] = notices(db)
    [lost] = box.dropped
    [m] = box.delivered
    assert lost["Message-ID"] == m["Message-ID"] == message_id(n.uuid)  # the same message, recognisable
    assert (n.state, n.attempts) == ("sent", 2)
