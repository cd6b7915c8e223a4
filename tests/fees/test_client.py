"""The HTTP client and the generic JSON mapping against a real HTTP server answering scripted
replies: what each answer means (issued, retry later, refused with the far side's words), and that
no network fault ever raises: a refused connection, a bad address, an unreadable answer."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.fees.base import OK, REFUSED, RETRY
from app.fees.client import ReceiptClient

from .helpers import receipt_request

ISSUED = {"id": "x-1", "template_code": "01BLP0-001", "symbol": "BL-26E", "number": "0000042",
          "issued_at": "2026-11-23T09:00:05+07:00", "lookup_code": "AB12", "lookup_url": "https://tra.cuu/AB12"}


class Scripted:
    """A server answering each request with the next (status, headers, body) of its script,
    recording what it was sent."""

    def __init__(self, *replies):
        self.replies, self.seen = list(replies), []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _reply(self):
                n = int(self.headers.get("Content-Length") or 0)
                outer.seen.append((self.command, self.path, dict(self.headers), self.rfile.read(n)))
                status, headers, body = outer.replies.pop(0)
                body = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _reply  # noqa: N815

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_an_issued_receipt_is_read_with_its_identifiers_and_the_request_carries_the_key():
    with Scripted((201, {}, ISSUED)) as srv:
        a = ReceiptClient("generic_json", srv.url, "bi-mat").issue(receipt_request("u-1"))
    assert a.outcome == OK
    i = a.issued
    assert (i.template_code, i.symbol, i.number, i.lookup_code, i.provider_id) == \
        ("01BLP0-001", "BL-26E", "0000042", "AB12", "x-1")
    assert i.issued_at.tzinfo is None  # kept as the office's local time
    method, path, headers, body = srv.seen[0]
    sent = json.loads(body)
    assert (method, path, headers["Idempotency-Key"], headers["Authorization"]) == \
        ("POST", "/api/receipts", "u-1", "Bearer bi-mat")
    assert (sent["uuid"], sent["amount"], sent["payer"]["name"], sent["unit"]["tax_code"]) == \
        ("u-1", 38000, "Nguyễn Văn An", "1500123456")
    assert sum(x["amount"] for x in sent["lines"]) == sent["amount"] and sent["paid_at"] == "2026-11-23T09:00:00"


@pytest.mark.parametrize("status, headers, body, outcome, words", [
    (429, {"Retry-After": "120"}, {"error": "rate_limited"}, RETRY, "HTTP 429"),
    (503, {}, b"<html>down</html>", RETRY, "HTTP 503"),
    (408, {}, {}, RETRY, "HTTP 408"),
    (400, {}, {"error": "invalid_series", "message": "Ký hiệu BL-26E chưa đăng ký"}, REFUSED,
     "Ký hiệu BL-26E chưa đăng ký"),
    (400, {}, {"error": "invalid_series"}, REFUSED, "mẫu số hoặc ký hiệu không đúng với dải biên lai đã đăng ký"),
    (422, {}, {"error": "payer_blocked"}, REFUSED, "payer_blocked"),
    (403, {}, b"", REFUSED, "dịch vụ biên lai từ chối (HTTP 403)"),
    (200, {}, b"not json", RETRY, "câu trả lời của dịch vụ biên lai thiếu template_code, symbol, number"),
    (200, {}, {**ISSUED, "number": ""}, RETRY, "thiếu number"),
    (200, {}, {**ISSUED, "issued_at": "hôm qua"}, RETRY, "ngày phát hành không đọc được"),
    (200, {}, {**ISSUED, "pdf_base64": "@@@"}, RETRY, "tệp PDF không đọc được"),
])
def test_what_each_answer_means(status, headers, body, outcome, words):
    with Scripted((status, headers, body)) as srv:
        a = ReceiptClient("generic_json", srv.url).issue(receipt_request("u-1"))
    assert a.outcome == outcome
    assert words in a.reason
    if status == 429:
        assert a.retry_after == 120


def test_no_network_fault_raises():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    refused = ReceiptClient("generic_json", f"http://127.0.0.1:{port}", timeout=2).issue(receipt_request("u"))
    bad = ReceiptClient("generic_json", "http://127.0.0.1:cong", timeout=2).issue(receipt_request("u"))
    assert (refused.outcome, refused.reason) == (RETRY, "không kết nối được dịch vụ biên lai (bị từ chối kết nối)")
    assert (bad.outcome, bad.reason) == (RETRY, "địa chỉ dịch vụ biên lai không hợp lệ")


def test_the_check_says_whether_the_key_is_taken():
    with Scripted((200, {}, {"name": "x"}), (401, {}, {})) as srv:
        c = ReceiptClient("generic_json", srv.url, "k")
        assert c.check() is None
        assert c.check() == "dịch vụ từ chối khóa truy cập"
    assert [(m, p) for m, p, _, _ in srv.seen] == [("GET", "/api/status")] * 2
