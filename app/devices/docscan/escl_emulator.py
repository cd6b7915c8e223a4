"""An eSCL (AirScan) document scanner on HTTP, for training, work without hardware and the tests:
`motcua devices emulate escl --port N`, or `with EsclEmulator(pages=5) as scanner:` in a test.

It speaks what sane-airscan (alexpevzner/sane-airscan, airscan-escl.c) and AirSane expect of a real
device: GET ScannerCapabilities and ScannerStatus (XML), POST ScanJobs with a scan:ScanSettings
body → 201 Created and a Location, GET <job>/NextDocument → 200 with one page, 404 when the feeder
is done, 503 while the next page is not ready yet, 409 Conflict when the feeder jammed (with
scan:AdfState ScannerAdfJam in ScannerStatus, as AirSane does), DELETE <job> to cancel. An empty
feeder refuses the POST with 409 and says ScannerAdfEmpty, as real devices do before a job.

Pages are real JPEGs (or PDFs) drawn with Pillow at the requested resolution, colour mode and scan
region, each numbered "Trang N". Switches: `jam_at` (page K jams), `empty`, `drop_at` (the
connection closes half-way through page K), `slow_ms` (each page is ready that long after the
previous one; until then NextDocument answers 503). Every request is recorded (`requests`,
`deleted`, `jobs`) so a test can see what the client did. Stdlib http.server in a thread: no event
loop to share with the caller, and the same on Windows."""

from __future__ import annotations

import io
import itertools
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.paths import RESOURCES

SCAN_NS = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG_NS = "http://www.pwg.org/schemas/2010/12/sm"
RESOLUTIONS = (100, 150, 200, 300, 600)
COLOR_MODES = ("BlackAndWhite1", "Grayscale8", "RGB24")
FORMATS = ("image/jpeg", "application/pdf")
MAX_WIDTH, MAX_HEIGHT = 2550, 4200  # 1/300 inch: 8.5 × 14 inch (Letter width, Legal length)
A4 = (2480, 3508)  # 1/300 inch, when the request names no region
MAKE_AND_MODEL = "Một Cửa eSCL Emulator"
BASE = "/eSCL"


@dataclass
class EmulatedJob:
    id: int
    source: str  # Feeder | Platen
    resolution: int
    color_mode: str
    document_format: str
    duplex: bool
    width: int  # 1/300 inch
    height: int
    pages: int  # images this job will deliver
    delivered: int = 0
    deleted: bool = False
    jammed: bool = False
    next_ready: float = 0.0  # monotonic time the next page is ready (slow_ms)

    @property
    def uri(self) -> str:
        return f"{BASE}/ScanJobs/{self.id}"

    @property
    def pixel_size(self) -> tuple[int, int]:
        return round(self.width * self.resolution / 300), round(self.height * self.resolution / 300)


@dataclass
class EsclEmulator:
    pages: int = 3
    jam_at: int | None = None
    empty: bool = False
    drop_at: int | None = None
    slow_ms: int = 0
    host: str = "127.0.0.1"
    port: int = 0
    on_event: object = None  # callable(str): one Vietnamese line per thing that happened (the CLI prints them)
    requests: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # job URIs cancelled by the client
    jobs: list[EmulatedJob] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set = set()

    # --- life -------------------------------------------------------------------------------------
    def start(self) -> EsclEmulator:
        emulator = self

        class Handler(_Handler):
            device = emulator

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.1,), name="escl-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            for sock in list(self._connections):  # keep-alive connections would outlive the server
                _close(sock)
        self._server = None

    def __enter__(self) -> EsclEmulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{BASE}"

    # --- what the device says ---------------------------------------------------------------------
    def adf_state(self) -> str:
        with self._lock:
            if self.empty:
                return "ScannerAdfEmpty"
            if self.jobs and self.jobs[-1].jammed:
                return "ScannerAdfJam"
            return "ScannerAdfLoaded"

    def state(self) -> str:
        with self._lock:
            job = self.jobs[-1] if self.jobs else None
            busy = job is not None and not job.deleted and not job.jammed and job.delivered < job.pages
            return "Processing" if busy else "Idle"

    def wait_for(self, condition, timeout: float = 10.0) -> bool:
        """Wait until `condition()` holds (it reads `requests`, `deleted`, `jobs`)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))
            self._lock.notify_all()

    def _event(self, text: str) -> None:
        if callable(self.on_event):
            self.on_event(text)


def _close(sock) -> None:
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Handler(BaseHTTPRequestHandler):
    device: EsclEmulator
    protocol_version = "HTTP/1.1"  # keep-alive, as real devices and httpx use it
    server_version = "MotCuaEsclEmulator/1.0"

    def setup(self) -> None:
        super().setup()
        with self.device._lock:
            self.device._connections.add(self.connection)

    def finish(self) -> None:
        with self.device._lock:
            self.device._connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # requests are recorded in `device.requests`; stderr stays for the CLI's own lines

    # --- dispatch ---------------------------------------------------------------------------------
    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.device._record("GET", path)
        if path == f"{BASE}/ScannerCapabilities":
            self._send(200, capabilities_xml(), "text/xml")
        elif path == f"{BASE}/ScannerStatus":
            self._send(200, status_xml(self.device), "text/xml")
        elif path.startswith(f"{BASE}/ScanJobs/") and path.endswith("/NextDocument"):
            self._next_document(path[: -len("/NextDocument")])
        else:
            self._send(404)

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        body = self._body()
        self.device._record("POST", path)
        if path != f"{BASE}/ScanJobs":
            self._send(404)
            return
        job = self._new_job(body)
        if job is None:
            return
        self.send_response(201)
        self.send_header("Location", f"http://{self.headers.get('Host', 'localhost')}{job.uri}")
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.device._event(f"lệnh quét {job.id}: {job.source}, {job.resolution} dpi, {job.color_mode}, "
                           f"{job.document_format}")

    def do_DELETE(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        self.device._record("DELETE", path)
        with self.device._lock:
            job = self._job(path)
            if job is not None:
                job.deleted = True
                self.device.deleted.append(path)
                self.device._lock.notify_all()
        if job is None:
            self._send(404)
            return
        self._send(200)
        self.device._event(f"lệnh quét {job.id}: đã hủy")

    # --- the job ----------------------------------------------------------------------------------
    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        return self.rfile.read(min(max(length, 0), 1 << 20))

    def _job(self, uri: str) -> EmulatedJob | None:
        return next((j for j in self.device.jobs if j.uri == uri), None)

    def _new_job(self, body: bytes) -> EmulatedJob | None:
        try:
            settings = parse_scan_settings(body)
        except ValueError as exc:
            self._send(400, str(exc).encode(), "text/plain")
            return None
        device = self.device
        if settings["source"] == "Feeder" and device.empty:
            self._send(409)  # nothing to feed: the client reads ScannerAdfEmpty from ScannerStatus
            device._event("khay nạp trống: từ chối lệnh quét")
            return None
        if settings["resolution"] not in RESOLUTIONS or settings["color_mode"] not in COLOR_MODES \
                or settings["document_format"] not in FORMATS or settings["source"] not in ("Feeder", "Platen") \
                or not (0 < settings["width"] <= MAX_WIDTH and 0 < settings["height"] <= MAX_HEIGHT):
            self._send(409)  # a scan ticket the device cannot do
            return None
        pages = 1 if settings["source"] == "Platen" else device.pages * (2 if settings["duplex"] else 1)
        with device._lock:
            job = EmulatedJob(id=next(device._ids), pages=pages,
                              next_ready=time.monotonic() + device.slow_ms / 1000, **settings)
            device.jobs.append(job)  # a new job replaces any unfinished one, as the emulator has one feeder
            device._lock.notify_all()
        return job

    def _next_document(self, uri: str) -> None:
        device = self.device
        with device._lock:
            job = self._job(uri)
            if job is None or job.deleted:
                state = "missing"
            elif job.jammed:
                state = "jammed"
            elif job.delivered >= job.pages:
                state = "done"
            elif time.monotonic() < job.next_ready:
                state = "not ready"
            elif device.jam_at is not None and job.source == "Feeder" and job.delivered + 1 == device.jam_at:
                job.jammed = True
                state = "jam now"
            else:
                state = "page"
            number = job.delivered + 1 if job is not None else 0
        if state in ("missing", "done"):
            self._send(404)
        elif state in ("jammed", "jam now"):
            self._send(409)
            if state == "jam now":
                device._event(f"lệnh quét {job.id}: kẹt giấy ở trang {number}")
        elif state == "not ready":
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._page(job, number)

    def _page(self, job: EmulatedJob, number: int) -> None:
        device = self.device
        data = render_page(number, job)
        if device.drop_at is not None and number == device.drop_at:
            # The network goes in the middle of a page: the headers promise it whole, half arrives.
            self.send_response(200)
            self.send_header("Content-Type", job.document_format)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            _close(self.connection)
            device._event(f"lệnh quét {job.id}: mất kết nối giữa trang {number}")
            return
        with device._lock:
            job.delivered = number
            job.next_ready = time.monotonic() + device.slow_ms / 1000
            device._lock.notify_all()
        self._send(200, data, job.document_format)
        device._event(f"lệnh quét {job.id}: đã gửi trang {number} ({len(data) // 1024} KB)")

    def _send(self, status: int, body: bytes = b"", content_type: str | None = None) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client went away: nothing to tell it


# --- XML ------------------------------------------------------------------------------------------
def _source_caps(tag: str) -> str:
    modes = "".join(f"<scan:ColorMode>{m}</scan:ColorMode>" for m in COLOR_MODES)
    formats = "".join(f"<pwg:DocumentFormat>{f}</pwg:DocumentFormat>" for f in FORMATS)
    resolutions = "".join(f"<scan:DiscreteResolution><scan:XResolution>{r}</scan:XResolution>"
                          f"<scan:YResolution>{r}</scan:YResolution></scan:DiscreteResolution>" for r in RESOLUTIONS)
    return (f"<scan:{tag}><scan:MinWidth>300</scan:MinWidth><scan:MaxWidth>{MAX_WIDTH}</scan:MaxWidth>"
            f"<scan:MinHeight>300</scan:MinHeight><scan:MaxHeight>{MAX_HEIGHT}</scan:MaxHeight>"
            f"<scan:SettingProfiles><scan:SettingProfile><scan:ColorModes>{modes}</scan:ColorModes>"
            f"<scan:DocumentFormats>{formats}</scan:DocumentFormats><scan:SupportedResolutions>"
            f"<scan:DiscreteResolutions>{resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>"
            f"</scan:SettingProfile></scan:SettingProfiles></scan:{tag}>")


def capabilities_xml() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<scan:ScannerCapabilities xmlns:scan="{SCAN_NS}" xmlns:pwg="{PWG_NS}">'
            f"<pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>{MAKE_AND_MODEL}</pwg:MakeAndModel>"
            f"<scan:Manufacturer>Một Cửa</scan:Manufacturer>"
            f"<scan:Platen>{_source_caps('PlatenInputCaps')}</scan:Platen>"
            f"<scan:Adf>{_source_caps('AdfSimplexInputCaps')}{_source_caps('AdfDuplexInputCaps')}"
            f"<scan:FeederCapacity>50</scan:FeederCapacity>"
            f"<scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption>"
            f"<scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions></scan:Adf>"
            f"</scan:ScannerCapabilities>").encode()


def status_xml(device: EsclEmulator) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<scan:ScannerStatus xmlns:scan="{SCAN_NS}" xmlns:pwg="{PWG_NS}">'
            f"<pwg:Version>2.63</pwg:Version><pwg:State>{device.state()}</pwg:State>"
            f"<scan:AdfState>{device.adf_state()}</scan:AdfState></scan:ScannerStatus>").encode()


def parse_scan_settings(body: bytes) -> dict:
    """The job a scan:ScanSettings body asks for; ValueError (English: it goes back to a client
    as a 400 body) on anything malformed."""
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise ValueError("DTDs are not accepted")
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, LookupError, ValueError) as exc:  # LookupError: an encoding Python does not know
        raise ValueError(f"not XML: {exc}") from None
    if root.tag != f"{{{SCAN_NS}}}ScanSettings":
        raise ValueError("not scan:ScanSettings")

    def text(path: str, default: str | None = None) -> str:
        node = root.find(path, {"scan": SCAN_NS, "pwg": PWG_NS})
        if node is None or not (node.text or "").strip():
            if default is None:
                raise ValueError(f"missing {path}")
            return default
        return node.text.strip()

    def number(path: str, default: str | None = None) -> int:
        value = text(path, default)
        if not value.isascii() or not value.isdigit() or len(value) > 6:
            raise ValueError(f"{path} is not a number")
        return int(value)

    region = "pwg:ScanRegions/pwg:ScanRegion/"
    return {"source": text("pwg:InputSource", text("scan:InputSource", "Platen")),
            "resolution": number("scan:XResolution"),
            "color_mode": text("scan:ColorMode", "RGB24"),
            "document_format": text("pwg:DocumentFormat", text("scan:DocumentFormatExt", "image/jpeg")),
            "duplex": text("scan:Duplex", "false").lower() == "true",
            "width": number(region + "pwg:Width", str(A4[0])),
            "height": number(region + "pwg:Height", str(A4[1]))}


# --- the pages ------------------------------------------------------------------------------------
def render_page(number: int, job: EmulatedJob) -> bytes:
    """Page `number` as the job asked: a white sheet with a frame, "Trang N" large across the top
    half and a few lines of fake text, so a person sees which page it is and in what order."""
    from PIL import Image, ImageDraw

    width, height = job.pixel_size
    mode = "RGB" if job.color_mode == "RGB24" else "L"
    image = Image.new(mode, (width, height), "white")
    draw = ImageDraw.Draw(image)
    unit = max(1, width // 100)
    ink = (20, 40, 140) if mode == "RGB" else 0
    draw.rectangle((4 * unit, 4 * unit, width - 4 * unit, height - 4 * unit), outline=ink, width=unit)
    font, small = _font(max(12, width // 7)), _font(max(8, width // 40))
    draw.text((width // 2, height // 4), f"Trang {number}", fill=ink, font=font, anchor="mm")
    for i in range(12):
        y = height // 2 + i * 4 * unit
        draw.text((10 * unit, y), f"Dòng {i + 1} của trang {number} — giấy tờ thử nghiệm", fill=ink, font=small)
    if job.color_mode == "BlackAndWhite1":
        image = image.convert("1").convert("L")  # two tones, carried in a grayscale JPEG as devices do
    out = io.BytesIO()
    dpi = (job.resolution, job.resolution)
    if job.document_format == "application/pdf":
        image.save(out, "PDF", resolution=float(job.resolution))
    else:
        image.save(out, "JPEG", quality=60, dpi=dpi)
    return out.getvalue()


def _font(size: int):
    """The project's Noto Serif (it has Vietnamese letters); Pillow's own font if it is missing."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(FONT), size)
    except OSError:
        return ImageFont.load_default(size=size)


FONT = RESOURCES / "fonts" / "NotoSerif-Bold.ttf"
