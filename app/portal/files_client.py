"""The file exchanges of the portal client (docs/portal-api.md, "Files"): resumable uploads named by
SHA-256, downloads checked against their SHA-256, and the citizen's store. Mixed into
app.portal.client.PortalClient, whose `_send` turns every failure into a contract error.

An upload asks the portal what it already holds (HEAD) and sends the rest in chunks, each with the
offset the portal confirmed: a drop in the middle costs at most the chunk in flight, and a file the
portal already holds whole is not sent at all."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.portal.contract import CitizenDocument, PortalUnavailable

if TYPE_CHECKING:
    import httpx

CHUNK_BYTES = 8 * 1024 * 1024  # one request: small enough to lose little to a drop, big enough to be fast
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9]{12}$")
LOST_COUNT = "Cổng dịch vụ công trả lời sai số byte đã nhận của tệp, sẽ gửi lại sau"
DAMAGED = "Tệp tải từ cổng dịch vụ công bị hỏng khi truyền (mã SHA-256 không khớp), sẽ tải lại sau"


def _offset(r: httpx.Response, most: int) -> int:
    value = r.headers.get("Upload-Offset", "")
    if not value.isascii() or not value.isdigit() or int(value) > most:
        raise PortalUnavailable(LOST_COUNT)
    return int(value)


class PortalFilesMixin:
    chunk_bytes = CHUNK_BYTES

    def file_status(self, sha256: str) -> tuple[int, str | None] | None:
        """(bytes the portal holds, the file's link once whole), or None if it has none of it."""
        r = self._send("HEAD", self.mapping.file_path(sha256), accept=(404,))
        if r.status_code == 404:
            return None
        return _offset(r, 2**62), r.headers.get("Location") or None

    def upload_file(self, sha256: str, data: bytes,
                    on_confirmed: Callable[[int], None] | None = None) -> str:
        """Send `data` (whose SHA-256 is `sha256`) from where the portal stands; its link. Each
        offset the portal confirms is passed to `on_confirmed`. Raises like every exchange: a
        refusal (size, type, hash) is PortalRejected with the portal's message."""
        status = self.file_status(sha256)
        if status is not None and status[1]:
            return status[1]
        offset = status[0] if status else 0
        path, size, corrections = self.mapping.file_path(sha256), len(data), 0
        while True:
            end = min(size, offset + self.chunk_bytes)
            r = self._send("PATCH", path, content=data[offset:end], accept=(409,), headers={
                "Upload-Offset": str(offset), "Upload-Length": str(size),
                "Content-Type": "application/offset+octet-stream"})
            if r.status_code == 409:  # the portal holds another count (a reply lost on the way)
                corrections += 1
                if corrections > 3:
                    raise PortalUnavailable(LOST_COUNT)
                offset = _offset(r, size)
                continue
            if r.status_code in (200, 201):
                url = self._parsed(self.mapping.parse_file_link, r)
                if on_confirmed is not None:
                    on_confirmed(size)
                return url
            confirmed = _offset(r, size)
            if confirmed <= offset:  # no progress: do not loop forever on a confused portal
                raise PortalUnavailable(LOST_COUNT)
            offset = confirmed
            if on_confirmed is not None:
                on_confirmed(offset)

    def download_file(self, url: str, sha256: str | None = None) -> bytes:
        """A file's bytes from its link (as the portal gave it), checked against `sha256` (by
        default the SHA-256 the link is named by, or the one the portal states)."""
        r = self._send("GET", url, api=False, headers={"Accept": "*/*"})
        last = url.rstrip("/").rsplit("/", 1)[-1].lower()
        expected = (sha256 or (last if _SHA.match(last) else r.headers.get("X-SHA256", ""))).lower()
        if not _SHA.match(expected) or hashlib.sha256(r.content).hexdigest() != expected:
            raise PortalUnavailable(DAMAGED)
        return r.content

    def citizen_documents(self, so_dinh_danh: str) -> list[CitizenDocument]:
        """The documents the portal's citizen store holds for a 12-digit personal ID, newest
        first; [] for anything else (a business's tax code has no citizen store)."""
        number = (so_dinh_danh or "").strip()
        if not _ID.match(number):
            return []
        r = self._send("GET", self.mapping.citizen_documents_path(number))
        return self._parsed(self.mapping.parse_citizen_documents, r)
