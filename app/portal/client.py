"""The HTTP client of the provincial portal (docs/portal-api.md): one keep-alive httpx connection,
every failure turned into a contract error with a Vietnamese message (app.portal.contract), the wire
format left to the mapping module (app.portal.dvc_mapping by default)."""

from __future__ import annotations

import email.utils
import logging
import re
import time
from datetime import UTC, date, datetime
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.domain.text import printable
from app.portal import dvc_mapping
from app.portal.contract import (
    Lease,
    OnlinePage,
    PortalAuthError,
    PortalRejected,
    PortalUnavailable,
    PortalUnreachable,
    PushItem,
    PushResult,
)
from app.portal.files_client import PortalFilesMixin

UNREACHABLE = "Không kết nối được cổng dịch vụ công"
CUT_SHORT = "Mất kết nối với cổng dịch vụ công giữa chừng (câu trả lời bị cắt ngang)"
GARBLED = "Cổng dịch vụ công trả lời không đúng định dạng"
BAD_TOKEN = "Sai mã truy cập cổng dịch vụ công: kiểm tra cài đặt portal.token của cơ quan"
BUSY = "Cổng dịch vụ công đang quá tải, sẽ gửi lại sau"
TOKEN_CHARACTERS = ("Mã truy cập cổng dịch vụ công có ký tự không dùng được (chỉ chữ cái không dấu, chữ số "
                    "và ký hiệu, không có khoảng trắng): kiểm tra cài đặt portal.token của cơ quan")

log = logging.getLogger("motcua.portal")
_TOKEN_RE = re.compile(r"[\x21-\x7e]+")  # what an HTTP header carries as it is (RFC 6750 asks for less)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class PortalClient(PortalFilesMixin):
    """`base_url`: the office's portal address (the API is under `<base_url>/api/v1`). The file
    exchanges (upload_file, file_status, download_file, citizen_documents) are in files_client."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None, mapping: ModuleType = dvc_mapping):
        self.base_url = base_url.rstrip("/")
        self._shown = printable(self.base_url, 200)  # as messages quote it: one line, not too long
        self.timeout = timeout
        self.mapping = mapping
        # A settings value that cannot work is reported by every exchange (the status bar shows it),
        # not raised here where the sync worker could only log it.
        self._bad_token = bool(token) and not _TOKEN_RE.fullmatch(token)  # none at all: the portal says 401
        try:
            self._origin = urlsplit(self.base_url)[:2]
            httpx.URL(self.base_url + mapping.API)
            self._bad_url = False
        except (ValueError, httpx.InvalidURL):  # e.g. "http://[", a host name over 63 letters
            self._origin, self._bad_url = ("", ""), True
        self._http = httpx.Client(
            headers={"Authorization": "" if self._bad_token else f"Bearer {token}",
                     "Accept": "application/json", "User-Agent": "motcua-sync"},
            timeout=httpx.Timeout(timeout), transport=transport, follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------------
    def _url(self, path: str, *, api: bool = True) -> str:
        """An API path (under /api/v1), or an address the portal gave (relative to its base)."""
        if api:
            return self.base_url + self.mapping.API + path
        try:
            if path.startswith(("http://", "https://")):
                if urlsplit(path)[:2] != self._origin:  # the office's token never leaves its portal
                    raise PortalRejected("Địa chỉ tệp không thuộc cổng dịch vụ công của cơ quan.", 400)
            else:
                path = self.base_url + "/" + path.lstrip("/")
            httpx.URL(path)
        except (ValueError, httpx.InvalidURL):  # this file's address only: the others still come
            raise PortalRejected("Địa chỉ tệp do cổng dịch vụ công gửi không hợp lệ.", 400) from None
        return path

    def _send(self, method: str, path: str, *, api: bool = True, accept: tuple[int, ...] = (),
              **kw: Any) -> httpx.Response:
        """The answer, or the contract error for it; statuses in `accept` are the caller's to read."""
        if self._bad_url:
            raise PortalUnavailable(f"Địa chỉ cổng dịch vụ công không hợp lệ: {self._shown}")
        if self._bad_token:
            raise PortalAuthError(TOKEN_CHARACTERS)
        url = self._url(path, api=api)
        try:
            response = self._http.request(method, url, **kw)
        except httpx.TimeoutException as exc:
            raise PortalUnavailable(f"Cổng dịch vụ công trả lời chậm quá {self.timeout:g} giây") from exc
        except httpx.ConnectError as exc:
            raise PortalUnreachable(f"{UNREACHABLE} ({self._shown})") from exc
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError) as exc:
            raise PortalUnavailable(CUT_SHORT) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise PortalUnavailable(f"Địa chỉ cổng dịch vụ công không hợp lệ: {self._shown}") from exc
        except httpx.HTTPError as exc:  # any other network failure: try again later
            log.info("portal exchange failed: %r", exc)
            raise PortalUnavailable(f"{UNREACHABLE} ({self._shown})") from exc
        if response.status_code not in accept:
            self._check(response)
        return response

    def _check(self, r: httpx.Response) -> None:
        status = r.status_code
        if status < 300:
            return
        if status == 401 or status == 403:
            raise PortalAuthError(BAD_TOKEN)
        retry_after = parse_retry_after(r.headers.get("Retry-After"))
        if status == 429:
            raise PortalUnavailable(BUSY, retry_after)
        if status >= 500:
            raise PortalUnavailable(f"Cổng dịch vụ công đang gặp sự cố (mã {status}), sẽ gửi lại sau",
                                    retry_after)
        try:
            message, fields = self.mapping.error_message(r.json())
        except (ValueError, TypeError, RecursionError):  # not JSON, or not the error shape
            message, fields = None, []
        raise PortalRejected(message or f"Cổng dịch vụ công từ chối yêu cầu (mã {status})", status, fields)

    def _json(self, r: httpx.Response) -> Any:
        try:
            return r.json()
        except (ValueError, RecursionError) as exc:  # invalid JSON, not UTF-8, nested thousands deep
            raise PortalUnavailable(GARBLED) from exc

    def _parsed(self, parse, r: httpx.Response):
        try:
            return parse(self._json(r))
        # MappingError is a ValueError; the others are a mapping module's slip on a strange answer.
        except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError, RecursionError) as exc:
            log.info("portal answer to %s not understood: %s", r.request.url.path, exc)
            raise PortalUnavailable(GARBLED) from exc

    # --- the exchanges --------------------------------------------------------------------------
    def ping(self) -> datetime | None:
        """The portal's clock (None if it did not say); raises like everything else."""
        r = self._send("GET", self.mapping.PING)
        return self._parsed(lambda d: self.mapping.parse_datetime(d.get("time")), r)

    def push(self, items: list[PushItem]) -> list[PushResult]:
        r = self._send("POST", self.mapping.PUSH, json=self.mapping.push_body(items))
        return self._parsed(self.mapping.parse_push_results, r)

    def pull_online(self, cursor: str | None, limit: int = 200) -> OnlinePage:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        r = self._send("GET", self.mapping.ONLINE, params=params)
        return self._parsed(self.mapping.parse_online_page, r)

    def download(self, url: str) -> bytes:
        """An attachment's bytes; `url` as the portal gave it (DuongDan)."""
        return self._send("GET", url, api=False, headers={"Accept": "*/*"}).content

    def lease(self, key: str, unit_code: str, day: date, count: int) -> Lease:
        r = self._send("POST", self.mapping.LEASES, json=self.mapping.lease_body(key, unit_code, day, count))
        return self._parsed(self.mapping.parse_lease, r)

    def lookup(self, code: str) -> dict | None:
        """TraCuuHoSo: {"code", "status", "seq", "record"}, or None if the portal has no such dossier."""
        try:
            r = self._send("GET", self.mapping.lookup_path(code))
        except PortalRejected as exc:
            if exc.status == 404:
                return None
            raise
        return self._parsed(self.mapping.parse_lookup, r)

    def procedures(self, since: datetime | None = None) -> tuple[list[dict], datetime | None]:
        """LayThuTuc: the procedures changed since `since` (all if None) and the portal's `as_of`."""
        r = self._send("GET", self.mapping.PROCEDURES, params=self.mapping.procedures_query(since))
        return self._parsed(self.mapping.parse_procedures, r)
