"""The portal client against the real sandbox portal over loopback: every exchange of
docs/portal-api.md, and every way the network or the portal fails turned into one contract error
with a Vietnamese message."""

from __future__ import annotations

import hashlib
import http.server
import socket
import threading
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import formatdate

import pytest

from app.portal import outbox_drain
from app.portal.client import CUT_SHORT, GARBLED, PortalClient, parse_retry_after
from app.portal.contract import PortalAuthError, PortalRejected, PortalUnavailable
from tests.helpers.outbox_fill import fill


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=5.0) as c:
        yield c


def items_of(db, dossiers=2, events=3):
    fill(db, dossiers, events)
    with db.reading() as s:
        rows = outbox_drain.sendable_batch(s, 0, 10**9, 500)
        return outbox_drain.push_items(s, rows)


def test_ping_reads_the_portals_clock_as_vietnam_local_time(client):
    vietnam = timezone(timedelta(hours=7))
    before = datetime.now(vietnam).replace(tzinfo=None, microsecond=0)
    said = client.ping()  # the sandbox on this machine: its clock is ours, in whole seconds
    after = datetime.now(vietnam).replace(tzinfo=None)
    assert said.tzinfo is None and before <= said <= after


def test_push_applies_once_then_answers_duplicate(db, client, sandbox):
    items = items_of(db)
    results = client.push(items)
    assert [r.result for r in results] == ["applied"] * len(items)
    again = client.push(items)
    assert [r.result for r in again] == ["duplicate"] * len(items)
    assert len(sandbox.applied()) == len(items)


def test_a_bad_item_is_answered_alone(db, client):
    items = items_of(db, 1, 2)
    results = client.push(items[1:])  # PhienBan 2 before 1: stale version, per item
    assert results[0].result == "rejected" and results[0].status == 409 and results[0].message
    assert client.push(items[:1])[0].result == "applied"


def test_lookup(db, client):
    items = items_of(db, 1, 2)
    client.push(items)
    found = client.lookup(items[0].record["code"])
    assert found["code"] == items[0].record["code"] and found["seq"] == 2
    assert client.lookup("000.00.01.H62-261124-9999") is None


def test_lease_is_idempotent_by_key(client, sandbox):
    first = client.lease("k-1", sandbox.unit, date.today(), 5)
    again = client.lease("k-1", sandbox.unit, date.today(), 5)
    other = client.lease("k-2", sandbox.unit, date.today(), 5)
    assert (first.first, first.last) == (again.first, again.last) and first.last - first.first == 4
    assert other.first > first.last


def test_a_refused_request_carries_the_fields(client):
    with pytest.raises(PortalRejected) as e:
        client.lease("k-3", "not-a-unit", date.today(), 5)
    assert e.value.status == 422 and e.value.message
    assert [f["field"] for f in e.value.fields] == ["MaDonVi"]


def test_online_dossiers_and_their_attachments(client, sandbox):
    filed = sandbox.file_online(3, attachments=1)
    page = client.pull_online(None, 2)
    assert len(page.items) == 2 and page.more and page.next_cursor
    rest = client.pull_online(page.next_cursor, 2)
    assert len(rest.items) == 1 and not rest.more
    assert [d.portal_id for d in page.items + rest.items] == [f["HoSoId"] for f in filed]
    att = page.items[0].attachments[0]
    data = client.download(att.url)
    assert hashlib.sha256(data).hexdigest() == att.sha256 and len(data) == att.size
    with pytest.raises(PortalRejected) as e:
        client.download("/api/v1/attachments/no-such-file")
    assert e.value.status == 404


def test_an_attachment_address_on_another_host_never_gets_the_token(client):
    with pytest.raises(PortalRejected):
        client.download("http://elsewhere.example/api/v1/attachments/x")


def test_procedures(client):
    items, as_of = client.procedures()
    assert items and "MaTTHC" in items[0] and isinstance(as_of, datetime)


def test_wrong_token(sandbox):
    with PortalClient(sandbox.url, "wrong") as c, pytest.raises(PortalAuthError) as e:
        c.ping()
    assert "mã truy cập" in e.value.message


def test_nobody_listening():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with PortalClient(f"http://127.0.0.1:{port}", "t") as c, pytest.raises(PortalUnavailable) as e:
        c.ping()
    assert e.value.message.startswith("Không kết nối được cổng dịch vụ công")


@pytest.mark.parametrize("fault", ["error500", "drop_before", "drop_after", "truncate"])
def test_failures_are_unavailable(client, sandbox, fault):
    sandbox.faults(**{fault: 1.0})
    with pytest.raises(PortalUnavailable) as e:
        client.ping()
    if fault in ("drop_before", "drop_after", "truncate"):
        assert e.value.message == CUT_SHORT
    else:
        assert "500" in e.value.message


def test_too_many_requests_says_how_long_to_wait(client, sandbox):
    sandbox.faults(error429=1.0, retry_after=3)
    with pytest.raises(PortalUnavailable) as e:
        client.ping()
    assert e.value.retry_after == 3.0


def test_slow_answer_times_out(sandbox):
    sandbox.faults(delay=1.0, delay_seconds=1.0)
    with PortalClient(sandbox.url, sandbox.token, timeout=0.3) as c, pytest.raises(PortalUnavailable) as e:
        c.ping()
    assert e.value.message == "Cổng dịch vụ công trả lời chậm quá 0.3 giây"


def test_a_delivered_twice_request_is_still_one_answer(db, client, sandbox):
    items = items_of(db, 1, 2)
    sandbox.faults(duplicate=1.0)
    assert [r.result for r in client.push(items)] == ["duplicate", "duplicate"]  # the first run applied them
    assert len(sandbox.applied()) == 2


# --- a misbehaving server (not the portal): garbage and an HTTP-date Retry-After --------------------
class _Odd(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.endswith("/ping"):
            body = b"<html>proxy error</html>"
            self.send_response(200)
        else:
            body = b"{}"
            self.send_response(503)
            self.send_header("Retry-After", formatdate(time.time() + 120, usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def odd_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Odd)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_answer_that_is_not_json(odd_server):
    with PortalClient(odd_server, "t") as c, pytest.raises(PortalUnavailable) as e:
        c.ping()
    assert e.value.message == GARBLED


def test_retry_after_as_an_http_date(odd_server):
    with PortalClient(odd_server, "t") as c, pytest.raises(PortalUnavailable) as e:
        c.pull_online(None)
    assert 100 < e.value.retry_after <= 121


def test_parse_retry_after():
    assert parse_retry_after("7") == 7.0 and parse_retry_after("0") == 0.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
