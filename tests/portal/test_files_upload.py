"""The sandbox portal's file endpoints over real HTTP (docs/portal-api.md, "Files"): uploads named
by SHA-256 are idempotent, refused for their type, size or a hash that is not theirs, resumable
after a connection dropped mid-file (fault switch), and the client checks what it downloads."""

from __future__ import annotations

import hashlib
import os

import httpx
import pytest

from app.portal.client import PortalClient
from app.portal.contract import PortalRejected, PortalUnavailable
from app.portal.sandbox.faults import REFUSED


def pdf(size: int, salt: bytes = b"") -> bytes:
    """A PDF-looking file of `size` bytes (the portal knows a PDF by its first bytes)."""
    head, tail = b"%PDF-1.4\n%" + salt + b"\n", b"\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def uploads(sandbox) -> dict[str, dict]:
    return {f["sha256"]: f for f in sandbox._admin("GET", "files")["items"]}


def patch(http: httpx.Client, name: str, data: bytes, offset: int = 0, length: int | None = None) -> httpx.Response:
    return http.patch(f"/api/v1/files/{name}", content=data[offset:], headers={
        "Upload-Offset": str(offset), "Upload-Length": str(len(data) if length is None else length),
        "Content-Type": "application/offset+octet-stream"})


@pytest.fixture
def client(sandbox):
    with PortalClient(sandbox.url, sandbox.token, timeout=10.0) as c:
        yield c


def test_an_upload_is_idempotent_by_sha256(sandbox, client):
    data = pdf(120_000)
    url = client.upload_file(sha(data), data)
    assert url == f"/api/v1/files/{sha(data)}"
    assert client.upload_file(sha(data), data) == url  # asked first (HEAD): not sent again
    with sandbox.client() as http:
        again = patch(http, sha(data), data)  # the same bytes sent anyway: the same file
        assert again.status_code == 200
        assert again.json()["DuongDan"] == url
        assert (again.json()["KichThuoc"], again.json()["LoaiTep"]) == (len(data), "application/pdf")
        head = http.head(url)
        assert (head.headers["Upload-Offset"], head.headers["Location"]) == (str(len(data)), url)
    held = uploads(sandbox)
    assert list(held) == [sha(data)]
    assert (held[sha(data)]["patches"], held[sha(data)]["bytes_received"]) == (1, len(data))
    assert client.download_file(url) == data


@pytest.mark.parametrize("body, named_by, message", [
    (b"GIF89a" + bytes(500), None, "không phải PDF, JPEG, PNG hay TIFF"),
    (pdf(3000), pdf(3000, b"other"), "không khớp mã SHA-256"),
])
def test_a_file_that_is_not_what_it_says_is_refused_and_not_kept(sandbox, client, body, named_by, message):
    name = sha(named_by or body)
    with sandbox.client() as http:
        r = patch(http, name, body)
        assert r.status_code == 422
        assert message in r.json()["message"]
        assert http.head(f"/api/v1/files/{name}").status_code == 404
    assert uploads(sandbox) == {}
    with pytest.raises(PortalRejected) as refused:
        client.upload_file(name, body)
    assert message in refused.value.message and refused.value.status == 422


def test_a_file_over_the_portals_limit_is_refused_before_its_bytes(sandbox, client):
    sandbox._admin("POST", "files-limit", json={"max_bytes": 10_000})
    data = pdf(20_000)
    with pytest.raises(PortalRejected) as refused:
        client.upload_file(sha(data), data)
    assert refused.value.status == 413
    assert "vượt giới hạn" in refused.value.message
    assert uploads(sandbox) == {}


def test_the_refuse_switch_refuses_a_file_with_the_portals_message(sandbox, client):
    sandbox.faults(refuse_file=1.0)
    data = pdf(5000)
    with pytest.raises(PortalRejected) as refused:
        client.upload_file(sha(data), data)
    assert refused.value.message == REFUSED
    with sandbox.client() as http:  # only uploads are refused: the rest of the API still answers
        assert http.get("/api/v1/ping").status_code == 200


def test_a_drop_mid_file_resumes_from_what_the_portal_kept(sandbox, client):
    data = pdf(600_000)
    sandbox.faults(drop_upload=1.0)
    confirmed: list[int] = []
    with pytest.raises(PortalUnavailable):
        client.upload_file(sha(data), data, confirmed.append)
    assert confirmed == []
    kept = uploads(sandbox)[sha(data)]
    assert (kept["complete"], kept["offset"]) == (False, 300_000)  # the half that arrived
    sandbox.reset_faults()
    url = client.upload_file(sha(data), data, confirmed.append)
    assert confirmed == [len(data)]
    done = uploads(sandbox)[sha(data)]
    assert done["complete"] and done["offsets"] == [0, 300_000]
    assert done["bytes_received"] == len(data)  # resumed, not restarted
    assert client.download_file(url) == data


def test_chunks_carry_the_offset_the_portal_confirmed(sandbox, client):
    data = pdf(250_000)
    client.chunk_bytes = 100_000
    confirmed: list[int] = []
    client.upload_file(sha(data), data, confirmed.append)
    assert confirmed == [100_000, 200_000, 250_000]
    assert uploads(sandbox)[sha(data)]["offsets"] == [0, 100_000, 200_000]
    with sandbox.client() as http:  # a wrong offset is answered with the right one
        other = pdf(50_000)
        assert patch(http, sha(other), other[:20_000], length=len(other)).status_code == 204
        r = patch(http, sha(other), other, offset=0)
        assert (r.status_code, r.headers["Upload-Offset"]) == (409, "20000")


def test_a_download_that_is_not_its_sha256_is_refused(sandbox, client):
    data = pdf(4000)
    url = client.upload_file(sha(data), data)
    with pytest.raises(PortalUnavailable) as damaged:
        client.download_file(url, sha256=sha(b"something else"))
    assert "SHA-256" in damaged.value.message
