"""The e-receipt provider over HTTP (the standard library only): the provider module
(app/fees/providers/) says what a request looks like and what an answer means; this module does
the HTTP with a timeout (fees.receipts.timeout_s) and never raises for the network: a timeout, a
refused or dropped connection, an unreadable answer become a RETRY, which is safe because the
receipt's uuid is the idempotency key. One connection per call: receipts are few, and a fresh
connection never meets a half-closed idle one."""

from __future__ import annotations

import http.client
from types import ModuleType
from urllib.parse import urlsplit

from app.fees.base import RETRY, Answer, CancelRequest, ReceiptRequest
from app.fees.providers import load

MAX_ANSWER = 8 * 1024 * 1024  # an answer may carry the receipt's PDF; more is not read


class ReceiptClient:
    def __init__(self, provider_name: str, url: str, api_key: str = "", timeout: float = 15.0):
        self.name = provider_name
        self.provider: ModuleType = load(provider_name)
        self.config = {"url": url, "api_key": api_key}
        self.timeout = float(timeout)

    def issue(self, request: ReceiptRequest) -> Answer:
        answer = self._call(*self.provider.issue_request(request, self.config))
        return Answer(RETRY, answer) if isinstance(answer, str) else self.provider.issue_result(*answer)

    def cancel(self, request: CancelRequest) -> Answer:
        answer = self._call(*self.provider.cancel_request(request, self.config))
        return Answer(RETRY, answer) if isinstance(answer, str) else self.provider.cancel_result(*answer)

    def check(self) -> str | None:
        """None when the provider answers and takes the key; else why not, in Vietnamese."""
        answer = self._call(*self.provider.check_request(self.config))
        return answer if isinstance(answer, str) else self.provider.check_result(*answer)

    def _call(self, method: str, url: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes] | str:
        """(status, lower-cased headers, body), or why there was no answer."""
        try:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(url)
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError:  # a setting problem, still retried (the office fixes the address)
            return "địa chỉ dịch vụ biên lai không hợp lệ"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(parts.netloc, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read(MAX_ANSWER)
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        except TimeoutError:
            return f"dịch vụ biên lai không trả lời trong {self.timeout:g} giây"
        except ConnectionRefusedError:
            return "không kết nối được dịch vụ biên lai (bị từ chối kết nối)"
        except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine,
                http.client.IncompleteRead):
            return "mất kết nối với dịch vụ biên lai trước khi có câu trả lời"
        except (OSError, http.client.HTTPException) as exc:
            return f"không kết nối được dịch vụ biên lai ({type(exc).__name__})"
        finally:
            conn.close()
