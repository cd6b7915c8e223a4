"""The sender's rules apart from any one channel: backoff with jitter and its cap, the runner
thread, an audit record per state change, no address in the log or the audit log, the officer's
retry and cancel, two senders draining one PostgreSQL database at once."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import logs
from app.domain.lifecycle import Action
from app.errors import UserError
from app.notify.email import SmtpChannel
from app.notify.sandbox import SandboxGateway
from app.services.dossiers.lifecycle import Facts, act
from app.services.notices.actions import cancel, retry
from app.services.notices.runner import NoticeRunner
from app.services.notices.sender import MAX_BACKOFF_S, backoff, drain_once
from db.models import AuditRecord
from tests.helpers.factories import OFFICER
from tests.notify.smtp_server import Mailbox, SmtpServer

from .helpers import EMAIL, NOW, PHONE, dossier, notices, switch_on

FACTS = Facts(items=["Tờ khai"], reason="Chưa ký", at=NOW)


def test_backoff_grows_with_jitter_up_to_its_cap_and_never_before_retry_after():
    rng = random.Random(7)
    for attempts, base in [(1, 60), (2, 300), (3, 900), (4, 3600), (5, 3 * 3600), (6, 6 * 3600), (20, 6 * 3600)]:
        waits = {backoff(attempts, rng=rng) for _ in range(50)}
        assert all(0.8 * base <= w <= min(1.2 * base, MAX_BACKOFF_S) for w in waits), attempts
        assert len(waits) > 1  # jittered: notices failed together do not come back together
    assert backoff(1, retry_after=7200, rng=rng) == 7200


def _supplements(db, gw_url, n, channel="sms"):
    switch_on(db, channel, url=gw_url, provider="sandbox")
    codes = [dossier(db, [channel]) for _ in range(n)]
    for code in codes:
        act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, FACTS)
    return codes


def test_the_runner_drains_in_its_own_thread(db):
    with SandboxGateway() as gw:
        _supplements(db, gw.url, 3)
        runner = NoticeRunner(db, interval=0.05, poll_interval=0.05, clock=lambda: NOW)
        runner.start()
        try:
            with runner.round_done:
                assert runner.round_done.wait_for(lambda: runner.rounds >= 2, timeout=30)
        finally:
            runner.stop()
        assert not runner.is_alive()
    assert [n.state for n in notices(db)] == ["delivered"] * 3 and len(gw.recorded()) == 3


def test_every_state_change_is_audited_and_no_address_is_logged(db, tmp_path, caplog):
    """A send, a number refused for good and an e-mail refused by the server quoting the address:
    the log file and the audit log name notices by uuid, never the citizen's number or address."""
    caplog.set_level("INFO", logger="motcua.notify")
    path = logs.configure(tmp_path / "data", role="cli")
    try:
        with SandboxGateway() as gw, SmtpServer(Mailbox(refuse_prefix="an.nguyen")) as smtp:
            switch_on(db, "sms", "email", url=gw.url, provider="sandbox",
                      **{"notices.email.port": smtp.port, "notices.email.security": "none",
                         "notices.email.sender": "motcua@example.vn"})
            good, bad = dossier(db, ["sms", "email"]), dossier(db, ["sms"], phone="0001234567")
            for code in (good, bad):
                act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, FACTS)
            r = drain_once(db, NOW)
    finally:
        logs.unconfigure()
    assert (r.sent, r.failed) == (1, 2)
    text = path.read_text(encoding="utf-8")
    with db.reading() as s:
        audited = [(a.action, a.entity_id, str(a.details)) for a in s.scalars(
            select(AuditRecord).where(AuditRecord.entity == "notice").order_by(AuditRecord.id))]
    by_uuid = {n.uuid: n for n in notices(db)}
    assert sorted((action, by_uuid[uuid].channel, by_uuid[uuid].recipient) for action, uuid, _ in audited) == [
        ("notice.delivered", "sms", PHONE), ("notice.failed", "email", EMAIL), ("notice.failed", "sms", "0001234567")]
    # The sender's own records, before the log file's formatter masks numbers as a safety net:
    raw = " ".join(r.getMessage() for r in caplog.records if r.name == "motcua.notify")
    assert all(uuid in raw for uuid in by_uuid) and text.count("motcua.notify") == 3  # it spoke of each notice …
    for secret in (PHONE, EMAIL, "0001234567", "84912345678", "an.nguyen"):
        assert secret not in raw and secret not in text, secret  # … by uuid only
        assert all(secret not in details for _, _, details in audited), secret


def test_the_officer_cancels_or_sends_again(any_db):
    db = any_db
    with SandboxGateway() as gw:
        a, b = _supplements(db, gw.url, 2)
        first, second = notices(db)
        cancel(db, OFFICER, first.uuid)
        with pytest.raises(UserError, match="trạng thái «Đã hủy»: không hủy được"):
            cancel(db, OFFICER, first.uuid)
        with pytest.raises(UserError, match="Không có thông báo"):
            retry(db, OFFICER, "khong-co")
        assert drain_once(db, NOW).sent == 1
        with pytest.raises(UserError, match="trạng thái «Đã nhận»: không gửi lại được"):
            retry(db, OFFICER, second.uuid)
    assert [n.state for n in notices(db)] == ["cancelled", "delivered"]
    with db.reading() as s:
        assert s.scalar(select(AuditRecord.actor).where(AuditRecord.action == "notice.cancelled")) == "canbo"


def test_a_channel_switched_off_meanwhile_waits_and_says_why(db):
    with SandboxGateway() as gw:
        _supplements(db, gw.url, 1)
        switch_on(db, **{"notices.sms.enabled": False})
        r = drain_once(db, NOW)
    assert r.retried == 1 and notices(db)[0].last_error == "kênh «Tin nhắn SMS» chưa được cài đặt hoặc đã tắt"


@pytest.mark.postgres
def test_two_senders_at_once_send_each_notice_once(pg_db):
    with SandboxGateway() as gw:
        _supplements(pg_db, gw.url, 30)
        start, results = threading.Barrier(2), []

        def desk():
            start.wait()
            results.append(drain_once(pg_db, NOW, limit=30))

        desks = [threading.Thread(target=desk) for _ in range(2)]
        for t in desks:
            t.start()
        for t in desks:
            t.join(60)
        assert sum(r.claimed for r in results) == 30 and sum(r.sent for r in results) == 30
        assert set(gw.requests_per_key().values()) == {1} and len(gw.requests_per_key()) == 30
    assert {n.state for n in notices(pg_db)} == {"delivered"} and {n.attempts for n in notices(pg_db)} == {1}


def test_an_smtp_server_that_is_down_is_retried(db):
    switch_on(db, "email")
    code = dossier(db, ["email"])
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, FACTS)
    r = drain_once(db, NOW, channels={"email": SmtpChannel("127.0.0.1", 9, "none", sender="x@example.vn", timeout=5)})
    assert r.retried == 1 and notices(db)[0].last_error.startswith("máy chủ thư: không kết nối được")
    assert notices(db)[0].next_attempt_at > NOW + timedelta(seconds=40)
