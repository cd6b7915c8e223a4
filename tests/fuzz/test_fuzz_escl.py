"""eSCL client against what a device may say: mutated capabilities and status XML never give more
than a ValueError inside the parser, and a device on real loopback HTTP answering with any
status, content type, body or Location ends a scan with a page count or a ScanError (one
Vietnamese line), never another exception. Pages delivered are numbered 1, 2, … and each is what
its first bytes say."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.devices.docscan.base import ScanError, ScanSettings
from app.devices.docscan.escl import MAGIC, EsclScanner, parse_capabilities, parse_status
from app.devices.docscan.escl_emulator import capabilities_xml
from tests.fuzz.strategies import assert_refusal, fuzz

CAPS = capabilities_xml()
STATUS = (b'<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" '
          b'xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"><pwg:State>Idle</pwg:State>'
          b"<scan:AdfState>ScannerAdfJam</scan:AdfState></scan:ScannerStatus>")
JPEG = b"\xff\xd8\xff\xe0" + b"x" * 40 + b"\xff\xd9"


@st.composite
def mutated_bytes(draw, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["cut", "insert", "flip"]))
        if how == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif how == "insert":
            data[at:at] = draw(st.sampled_from([b"<", b">", b"&", b"\xff", b"-1", b"99999999", b"<x>", b"</scan:Adf>",
                                                b'<!ENTITY a "b">', b"\x00", "ệ".encode()]))
        elif data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
    return bytes(data)


@fuzz(300)
@given(st.one_of(mutated_bytes(CAPS), mutated_bytes(STATUS), st.binary(max_size=200)))
@example(CAPS.replace(b"UTF-8", b"TF-8"))  # was: LookupError (an encoding Python does not know)
def test_the_parsers_refuse_with_value_error_only(data):
    for parse in (parse_capabilities, parse_status):
        try:
            parse(data)
        except ValueError:
            pass


class Device(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    script: dict = {}

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.endswith("/ScannerCapabilities"):
            self._answer(*self.script["caps"])
        elif self.path.endswith("/ScannerStatus"):
            self._answer(*self.script["status"])
        elif self.path.endswith("/NextDocument") and self.script["pages"]:
            status, content_type, body = self.script["pages"].pop(0)
            self._answer(status, body, {"Content-Type": content_type})
        else:
            self._answer(404)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, location = self.script["post"]
        self._answer(status, b"", {"Location": location})

    def do_DELETE(self) -> None:
        self._answer(200)


@pytest.fixture(scope="module")
def device():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Device)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/eSCL"
    server.shutdown()
    server.server_close()


page = st.tuples(st.sampled_from([200, 200, 200, 404, 409, 410, 500, 503]),
                 st.sampled_from(["image/jpeg", "application/pdf", "image/png", "application/octet-stream", "", "x"]),
                 st.one_of(st.just(JPEG), st.just(b"%PDF-1.4\n%%EOF"), st.just(JPEG[:20]), st.binary(max_size=60)))


@fuzz(100)
@given(caps=st.one_of(st.just((200, CAPS)), st.tuples(st.sampled_from([200, 404, 500]), mutated_bytes(CAPS))),
       status=st.tuples(st.sampled_from([200, 500]), st.one_of(st.just(STATUS), mutated_bytes(STATUS))),
       post=st.tuples(st.sampled_from([201, 201, 400, 409, 503]),
                      st.sampled_from(["/eSCL/ScanJobs/1", "http://wrong-host/eSCL/ScanJobs/1", "", "ScanJobs/1",
                                       "http://[fe80/eSCL/ScanJobs/1"])),
       pages=st.lists(page, max_size=5), source=st.sampled_from(["feeder", "flatbed"]))
def test_any_device_answer_ends_in_pages_or_one_line(device, caps, status, post, pages, source):
    Device.script = {"caps": caps, "status": status, "post": post, "pages": list(pages)}
    got = []
    scanner = EsclScanner(device, timeout=5, page_timeout=0.05, retry_pause=0.01)
    try:
        count = scanner.scan(ScanSettings(source=source), got.append)
    except ScanError as exc:
        assert_refusal(str(exc))
        assert exc.kind in ("jam", "empty", "offline", "busy", "bad_image", "timeout", "failed")
    else:
        assert count == len(got)
    assert [p.index for p in got] == list(range(1, len(got) + 1))
    assert all(p.data.startswith(MAGIC[p.media_type]) for p in got)
