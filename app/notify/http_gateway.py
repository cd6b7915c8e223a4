"""SMS and Zalo through an HTTP gateway: the provider module (app/notify/providers/) says what
the request looks like and what an answer means; this module does the HTTP, with a timeout, and
turns every network fault into a RETRY (the idempotency key makes the next try safe). Each
sending thread keeps its connection to the gateway open between messages (HTTP/1.1 keep-alive)."""

from __future__ import annotations

import http.client
import threading
from types import ModuleType
from urllib.parse import urlsplit

from app.notify.base import RETRY, Delivery, Message, Result
from app.notify.providers import provider

MAX_ANSWER = 64 * 1024  # a gateway's answer is small; more is not read


class HttpChannel:
    def __init__(self, channel: str, provider_name: str, config: dict, timeout: float = 10.0):
        self.channel = channel
        self.provider: ModuleType = provider(provider_name)
        self.config = {**config, "channel": channel}
        self.timeout = timeout
        self._local = threading.local()  # this thread's open connection: (scheme, netloc), connection

    def send(self, message: Message) -> Result:
        method, url, headers, body = self.provider.send_request(message, self.config)
        answer = self._call(method, url, headers, body)
        if isinstance(answer, str):
            return Result(RETRY, answer)
        return self.provider.send_result(*answer)

    def delivery(self, provider_id: str, uuid: str) -> Delivery:
        request = self.provider.status_request(provider_id, uuid, self.config)
        if request is None:
            return Delivery("sent")
        answer = self._call(*request)
        if isinstance(answer, str):
            return Delivery("unknown", answer)
        return self.provider.status_result(*answer)

    def close(self) -> None:
        held = getattr(self._local, "held", None)
        if held is not None:
            held[1].close()
            self._local.held = None

    def _connection(self, scheme: str, netloc: str) -> tuple[http.client.HTTPConnection, bool]:
        """(connection, reused): this thread's open one to the same place, or a new one."""
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == (scheme, netloc):
            return held[1], True
        self.close()
        cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        conn = cls(netloc, timeout=self.timeout)
        self._local.held = ((scheme, netloc), conn)
        return conn, False

    def _call(self, method: str, url: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes] | str:
        """(status, lower-cased headers, body), or why there was no answer."""
        try:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(url)
        except ValueError:  # a setting problem, still retried (the office fixes it)
            return "địa chỉ cổng không hợp lệ"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        for _ in range(2):
            conn, reused = self._connection(parts.scheme, parts.netloc)
            try:
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                data = r.read(MAX_ANSWER)
                if r.will_close:
                    self.close()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, data
            except TimeoutError:
                self.close()
                return f"cổng không trả lời trong {self.timeout:g} giây"
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine) as exc:
                self.close()
                if reused:  # the gateway closed an idle connection: once more on a new one (same key)
                    continue
                return _unreachable(exc)
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                return _unreachable(exc)
        return "mất kết nối với cổng"


def _unreachable(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "không kết nối được cổng (cổng từ chối kết nối)"
    if isinstance(exc, OSError) and not isinstance(exc, ConnectionError):
        return f"không kết nối được cổng ({type(exc).__name__})"
    return f"mất kết nối với cổng ({type(exc).__name__})"
