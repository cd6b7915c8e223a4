"""RFC 3161 time-stamps from the server in `signing.timestamp_url` (issue 24). pyHanko's own HTTP
clients need `requests` or `aiohttp`, which the app does not ship: this one speaks the protocol
(one POST, application/timestamp-query -> application/timestamp-reply) with urllib. Any failure is
SigningError(TIMESTAMP_FAILED) in Vietnamese: the document stays unsigned rather than signed
without the time-stamp the office asked for."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from asn1crypto import tsp
from pyhanko.sign.timestamps.api import TimeStamper

from app.signing.base import TIMESTAMP_FAILED, SigningError

TIMEOUT_S = 15.0


def timestamp_failed(url: str, why: str) -> SigningError:
    return SigningError(TIMESTAMP_FAILED, f"Không lấy được dấu thời gian từ máy chủ {url}: {why}.")


class HTTPTimeStamper(TimeStamper):
    def __init__(self, url: str, *, timeout: float = TIMEOUT_S):
        super().__init__()
        self.url = url
        self.timeout = timeout

    def _post(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        request = urllib.request.Request(
            self.url, data=req.dump(), method="POST",
            headers={"Content-Type": "application/timestamp-query",
                     "Accept": "application/timestamp-reply"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310 (URL from settings)
                kind = reply.headers.get("Content-Type", "").split(";")[0].strip()
                body = reply.read()
        except urllib.error.HTTPError as e:
            raise timestamp_failed(self.url, f"máy chủ trả lỗi HTTP {e.code}") from None
        except (OSError, ValueError) as e:  # refused, timed out, DNS, a malformed URL
            raise timestamp_failed(self.url, f"không kết nối được ({type(e).__name__})") from None
        if kind != "application/timestamp-reply":
            raise timestamp_failed(self.url, "câu trả lời không phải dấu thời gian RFC 3161")
        try:
            resp = tsp.TimeStampResp.load(body)
            status = resp["status"]["status"].native
        except Exception:  # noqa: BLE001 (any undecodable reply is the same failure)
            raise timestamp_failed(self.url, "câu trả lời không đọc được") from None
        if status not in ("granted", "granted_with_mods"):
            raise timestamp_failed(self.url, f"máy chủ từ chối ({status})")
        return resp

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return await asyncio.to_thread(self._post, req)


def timestamper_for(url: str) -> HTTPTimeStamper | None:
    """The time-stamper for a configured URL, None when none is set."""
    url = (url or "").strip()
    if not url:
        return None
    if not url.lower().startswith(("http://", "https://")):
        raise timestamp_failed(url, "địa chỉ phải bắt đầu bằng http:// hoặc https://")
    return HTTPTimeStamper(url)
