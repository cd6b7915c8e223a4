"""The sandbox e-receipt provider over real HTTP, under every fault it offers: numbers per series
and year from 1, idempotent on uuid, cancellation, refusal, 500, a stall past the client's timeout,
an answer lost after issuing, an answer held until released; faults set in-process or over HTTP."""

from __future__ import annotations

import json
import threading
import urllib.request
from datetime import datetime

import pytest

from app.fees.base import OK, REFUSED, RETRY, CancelRequest
from app.fees.client import ReceiptClient
from app.fees.sandbox import serve

from .helpers import SYMBOL, TEMPLATE, receipt_request


@pytest.fixture
def sandbox():
    server, thread = serve("127.0.0.1", 0)
    yield server
    server.stop(thread)


def client(server, timeout: float = 2.0) -> ReceiptClient:
    return ReceiptClient("sandbox", server.url, "khoa-thu", timeout=timeout)


def _post(url: str, data: dict) -> dict:
    req = urllib.request.Request(url, json.dumps(data).encode(), {"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def test_numbers_run_per_series_and_year_and_restart_on_1_january(sandbox):
    c = client(sandbox)
    got = [c.issue(receipt_request(f"u{i}", paid_at=datetime(2026, 12, 31, 16, 0))).issued.number for i in range(3)]
    other = c.issue(receipt_request("v1", symbol="BL-26X")).issued
    new_year = c.issue(receipt_request("u9", paid_at=datetime(2027, 1, 1, 7, 30))).issued
    assert got == ["0000001", "0000002", "0000003"]
    assert (other.symbol, other.number) == ("BL-26X", "0000001")
    assert (new_year.template_code, new_year.symbol, new_year.number) == (TEMPLATE, SYMBOL, "0000001")


def test_the_same_uuid_gets_the_same_receipt_never_a_second_number(sandbox):
    c = client(sandbox)
    first, again = c.issue(receipt_request("u1")), c.issue(receipt_request("u1"))
    assert first.outcome == again.outcome == OK
    assert first.issued == again.issued
    assert len(sandbox.issued()) == 1 and sandbox.requests_per_uuid()["u1"] == 2


def test_refuse_and_500_issue_nothing(sandbox):
    sandbox.set_faults("refuse", "500")
    c = client(sandbox)
    refused, failed = c.issue(receipt_request("u1")), c.issue(receipt_request("u1"))
    assert refused.outcome == REFUSED and "chưa được thông báo phát hành" in refused.reason
    assert failed.outcome == RETRY and "HTTP 500" in failed.reason
    assert sandbox.issued() == []
    assert c.issue(receipt_request("u1")).issued.number == "0000001"


def _until(check, what: str, seconds: float = 30.0):
    """Polls `check` until it gives a true value, with a generous deadline."""
    done = threading.Event()
    for _ in range(int(seconds / 0.05)):
        value = check()
        if value:
            return value
        done.wait(0.05)
    raise AssertionError(f"not seen within {seconds:g} s: {what}")


def _listing(server) -> dict:
    with urllib.request.urlopen(server.url + "/__sandbox/receipts", timeout=10) as r:
        return json.loads(r.read())


def test_a_stall_past_the_timeout_and_a_lost_answer_still_give_one_number(sandbox):
    sandbox.set_faults("stall:2", "drop")
    c = client(sandbox, timeout=0.5)
    stalled = c.issue(receipt_request("u1"))
    assert stalled.outcome == RETRY and "không trả lời trong 0.5 giây" in stalled.reason
    _until(lambda: sandbox.issued(), "the stalled request issued after the client gave up")
    dropped = c.issue(receipt_request("u2"))
    assert dropped.outcome == RETRY and "mất kết nối" in dropped.reason
    assert [(r["uuid"], r["number"]) for r in sandbox.issued()] == [("u1", "0000001"), ("u2", "0000002")]
    assert [c.issue(receipt_request(u)).issued.number for u in ("u2", "u1")] == ["0000002", "0000001"]
    assert len(sandbox.issued()) == 2


def test_a_held_answer_waits_for_release_and_faults_can_be_set_over_http(sandbox):
    _post(sandbox.url + "/__sandbox/faults", {"faults": ["hold"]})
    c = client(sandbox, timeout=30)
    out = []
    t = threading.Thread(target=lambda: out.append(c.issue(receipt_request("u1"))))
    t.start()
    seen = _until(lambda: (x := _listing(sandbox))["held"] == 1 and x, "the request held")
    assert [r["uuid"] for r in seen["receipts"]] == ["u1"] and out == []
    _post(sandbox.url + "/__sandbox/release", {})
    t.join(30)
    assert out[0].outcome == OK and out[0].issued.number == "0000001"
    assert _listing(sandbox)["held"] == 0


def test_cancel_and_cancelling_what_was_never_issued(sandbox):
    c = client(sandbox)
    got = c.issue(receipt_request("u1")).issued
    cancel = c.cancel(CancelRequest("u1", got.template_code, got.symbol, got.number, got.provider_id, "Sai tên",
                                    datetime(2026, 11, 23, 10, 0)))
    never = c.cancel(CancelRequest("u2", None, None, None, None, "Nhầm", datetime(2026, 11, 23, 10, 0)))
    assert cancel.outcome == OK and not cancel.not_found
    assert never.outcome == OK and never.not_found
    assert [(r["state"], r["cancel_reason"]) for r in sandbox.issued()] == [("cancelled", "Sai tên")]


def test_a_request_that_does_not_add_up_is_refused(sandbox):
    c = client(sandbox)
    bad_series = c.issue(receipt_request("u1", symbol=""))
    assert bad_series.outcome == REFUSED and "chưa khai báo mẫu số hoặc ký hiệu" in bad_series.reason
    assert sandbox.issued() == []
