"""The notices sender against the sandbox SMS / Zalo gateway over real HTTP: exactly once per
event under each fault (a timeout after the gateway took the message, 500, 429 with its
Retry-After, an invalid number refused for good), delivery read back by a status query."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.lifecycle import Action
from app.notify.sandbox import SandboxGateway
from app.services.dossiers.lifecycle import Facts, act
from app.services.notices.actions import retry
from app.services.notices.query import failed_notices
from app.services.notices.sender import channels_from, drain_once, poll_delivery
from app.services.settings.store import load_settings
from tests.helpers.factories import OFFICER
from tests.services.notices.helpers import NOW, PHONE, dossier, notices, switch_on

LATER = NOW + timedelta(hours=7)  # past any backoff before the cap


@pytest.fixture
def gateway():
    with SandboxGateway(hold=5.0) as gw:
        yield gw


def _one_notice(db, gw, channel="sms", **applicant):
    switch_on(db, channel, url=gw.url, provider="sandbox")
    code = dossier(db, [channel], **applicant)
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Chưa ký", at=NOW))
    [n] = notices(db, code)
    return n


def _channels(db, timeout=15.0):
    return channels_from(load_settings(db), timeout=timeout)


@pytest.mark.parametrize("channel", ["sms", "zalo"])
def test_a_notice_goes_once_and_is_delivered(db, gateway, channel):
    n = _one_notice(db, gateway, channel)
    r = drain_once(db, NOW)
    assert (r.claimed, r.sent, r.delivered, r.retried, r.failed) == (1, 1, 1, 0, 0)
    [m] = gateway.recorded()
    assert (m["key"], m["channel"], m["to"], m["text"]) == (n.uuid, channel, PHONE, n.body)
    [after] = notices(db)
    assert (after.state, after.attempts, after.sent_at, after.delivered_at, after.provider_id) == (
        "delivered", 1, NOW, NOW, m["id"])
    assert drain_once(db, LATER).claimed == 0  # nothing left to send


@pytest.mark.parametrize("fault, reason", [("timeout", "không trả lời trong 0.5 giây"),
                                           ("500", "HTTP 500"), ("429", "HTTP 429")])
def test_exactly_once_under_each_fault(db, gateway, fault, reason):
    n = _one_notice(db, gateway)
    gateway.set_faults(fault)
    r = drain_once(db, NOW, channels=_channels(db, timeout=0.5))
    assert (r.sent, r.retried, r.failed) == (0, 1, 0)
    [waiting] = notices(db)
    assert waiting.state == "pending" and waiting.attempts == 1 and reason in waiting.last_error
    assert NOW + timedelta(seconds=48) <= waiting.next_attempt_at <= NOW + timedelta(seconds=72)  # 1 min ± 20 %
    r = drain_once(db, LATER, channels=_channels(db, timeout=0.5))
    assert (r.sent, r.retried) == (1, 0)
    assert gateway.requests_per_key() == {n.uuid: 2}  # tried twice, under the same key …
    assert list(gateway.copies().values()) == [1]  # … and the citizen gets it once
    [done] = notices(db)
    assert (done.state, done.attempts, done.last_error) == ("delivered", 2, None)


def test_retry_after_is_respected(db, gateway):
    _one_notice(db, gateway)
    gateway.set_faults("429:7200")
    drain_once(db, NOW)
    [waiting] = notices(db)
    assert waiting.next_attempt_at >= NOW + timedelta(seconds=7200)
    assert drain_once(db, NOW + timedelta(seconds=7000)).claimed == 0


def test_an_invalid_number_fails_for_good_and_is_listed_with_the_reason(db, gateway):
    n = _one_notice(db, gateway)
    gateway.set_faults("invalid")
    r = drain_once(db, NOW)
    assert (r.sent, r.retried, r.failed) == (0, 0, 1)
    [failed] = failed_notices(db, OFFICER)
    assert (failed.uuid, failed.state_label, failed.kind_label) == (n.uuid, "Không gửi được", "Yêu cầu bổ sung hồ sơ")
    assert failed.last_error == "số điện thoại không hợp lệ; số thuê bao không tồn tại"
    assert gateway.recorded() == [] and drain_once(db, LATER).claimed == 0
    retry(db, OFFICER, n.uuid)  # the officer corrected something and sends it again
    assert drain_once(db).sent == 1 and failed_notices(db, OFFICER) == []  # due at once (now)


def test_tries_run_out_after_the_cap(db, gateway):
    switch_on(db, **{"notices.max_attempts": 2})
    _one_notice(db, gateway)
    gateway.set_faults("500", "500")
    drain_once(db, NOW)
    r = drain_once(db, LATER)
    assert r.failed == 1
    [n] = notices(db)
    assert n.state == "failed" and n.last_error.startswith("đã thử 2 lần, lần cuối: cổng trả lời HTTP 500")


def test_delivery_is_read_from_the_gateway(db, gateway):
    _one_notice(db, gateway)
    gateway.state.deliver = False
    assert drain_once(db, NOW).sent == 1
    assert notices(db)[0].state == "sent"
    assert poll_delivery(db, NOW + timedelta(minutes=5)) == 0  # not yet
    gateway.deliver_all()
    assert poll_delivery(db, NOW + timedelta(minutes=10)) == 1
    [n] = notices(db)
    assert (n.state, n.delivered_at) == ("delivered", NOW + timedelta(minutes=10))


def test_a_gateway_that_is_not_there_is_retried(db):
    switch_on(db, "sms", url="http://127.0.0.1:9", provider="generic_json")  # port 9: nothing listens
    code = dossier(db, ["sms"])
    act(db, OFFICER, code, Action.REQUEST_SUPPLEMENT, Facts(items=["Tờ khai"], reason="Chưa ký", at=NOW))
    r = drain_once(db, NOW)
    assert (r.retried, r.failed) == (1, 0)
    assert notices(db)[0].last_error.startswith("không kết nối được cổng")
