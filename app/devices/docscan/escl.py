"""eSCL (AirScan, Mopria): the HTTP protocol of most networked office scanners and multifunction
printers, the same on Windows and Linux. What a device answers, and what it means, follows
sane-airscan (alexpevzner/sane-airscan, airscan-escl.c), which has met most devices on the market:

- GET ScannerCapabilities: sources (Platen, Adf simplex/duplex), colour modes, resolutions
  (discrete or a range), formats, the largest area (1/300 inch). Settings the device lacks are
  refused before anything is scanned.
- POST ScanJobs → 201 Created and a Location (only its path is trusted: devices often put a wrong
  host name in it). Anything else → ScannerStatus says why: ScannerAdfEmpty, ScannerAdfJam,
  Processing (busy); 503 is "come back shortly".
- GET <job>/NextDocument → 200 one page; 404 (or 410) the feeder is done; 503 not ready yet (retry
  after a short pause, as sane-airscan does, up to `page_timeout`); 409 or another status →
  ScannerStatus says jam, empty (normal end if pages came) or something else.
- DELETE <job> cancels: when the officer stops, and (best effort, as sane-airscan's clean-up)
  at the end of every job, failed or not, so the device is not left holding one.

Pages already handed to `on_page` stay delivered whatever happens next. No traceback leaves this
module: every failure is a ScanError with a Vietnamese line and a `kind`."""

from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from app.devices.docscan.base import PAGE_SIZES, ScanError, ScannedPage, ScanSettings
from app.errors import UserError

log = logging.getLogger("motcua.devices.docscan")

SCAN_NS = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG_NS = "http://www.pwg.org/schemas/2010/12/sm"
NS = {"scan": SCAN_NS, "pwg": PWG_NS}
COLOR_MODES = {"gray": "Grayscale8", "color": "RGB24", "bw": "BlackAndWhite1"}
COLOR_NAMES = {"gray": "xám", "color": "màu", "bw": "đen trắng"}
FORMATS = ("image/jpeg", "application/pdf", "image/png", "image/tiff")  # in order of preference
MAX_XML = 1 << 20
MAX_PAGE = 200 << 20  # a 600 dpi colour A3 page as a lossless image is well under this
MAGIC = {"image/jpeg": (b"\xff\xd8\xff",), "application/pdf": (b"%PDF-",), "image/png": (b"\x89PNG\r\n\x1a\n",),
         "image/tiff": (b"II*\x00", b"MM\x00*")}


@dataclass
class SourceCaps:
    color_modes: set[str] = field(default_factory=set)  # eSCL names: Grayscale8 …
    formats: set[str] = field(default_factory=set)
    resolutions: list[int] = field(default_factory=list)  # discrete ones, sorted
    resolution_range: tuple[int, int, int] | None = None  # min, max, step
    max_width: int = 0  # 1/300 inch; 0: not said
    max_height: int = 0

    def takes_resolution(self, dpi: int) -> bool:
        if self.resolutions:
            return dpi in self.resolutions
        if self.resolution_range:
            low, high, step = self.resolution_range
            return low <= dpi <= high and (step <= 1 or (dpi - low) % step == 0)
        return False

    def resolution_text(self) -> str:
        if self.resolutions:
            return ", ".join(map(str, self.resolutions))
        if self.resolution_range:
            return f"{self.resolution_range[0]}–{self.resolution_range[1]}"
        return "không rõ"


@dataclass
class Capabilities:
    make_and_model: str = ""
    platen: SourceCaps | None = None
    feeder: SourceCaps | None = None
    duplex: SourceCaps | None = None  # AdfDuplexInputCaps


def parse_capabilities(data: bytes) -> Capabilities:
    root = _xml(data, "ScannerCapabilities")
    caps = Capabilities(make_and_model=(root.findtext("pwg:MakeAndModel", "", NS) or "").strip()[:120])
    caps.platen = _source(root.find("scan:Platen/scan:PlatenInputCaps", NS))
    caps.feeder = _source(root.find("scan:Adf/scan:AdfSimplexInputCaps", NS))
    caps.duplex = _source(root.find("scan:Adf/scan:AdfDuplexInputCaps", NS))
    options = {(o.text or "").strip() for o in root.findall("scan:Adf/scan:AdfOptions/scan:AdfOption", NS)}
    if caps.duplex is None and caps.feeder is not None and "Duplex" in options:
        caps.duplex = caps.feeder  # older devices announce duplex as an ADF option only
    if caps.platen is None and caps.feeder is None:
        raise ValueError("no input source")
    return caps


def _source(node: ET.Element | None) -> SourceCaps | None:
    if node is None:
        return None
    src = SourceCaps(max_width=_uint(node.findtext("scan:MaxWidth", "0", NS)),
                     max_height=_uint(node.findtext("scan:MaxHeight", "0", NS)))
    for profile in node.findall("scan:SettingProfiles/scan:SettingProfile", NS):
        src.color_modes |= {(m.text or "").strip() for m in profile.findall("scan:ColorModes/scan:ColorMode", NS)}
        src.formats |= {(f.text or "").strip() for f in profile.findall("scan:DocumentFormats/*", NS)}
        resolutions = profile.find("scan:SupportedResolutions", NS)
        if resolutions is None:
            continue
        for d in resolutions.findall("scan:DiscreteResolutions/scan:DiscreteResolution", NS):
            x, y = _uint(d.findtext("scan:XResolution", "0", NS)), _uint(d.findtext("scan:YResolution", "0", NS))
            if x and x == y and x not in src.resolutions:
                src.resolutions.append(x)
        r = resolutions.find("scan:ResolutionRange/scan:XResolution", NS)
        if r is not None:
            src.resolution_range = (_uint(r.findtext("scan:Min", "0", NS)), _uint(r.findtext("scan:Max", "0", NS)),
                                    _uint(r.findtext("scan:Step", "1", NS)))
    src.resolutions.sort()
    return src


def _uint(text: str | None) -> int:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 7):
        raise ValueError(f"not a number: {text[:20]!r}")
    return int(text)


def _xml(data: bytes, tag: str) -> ET.Element:
    """Parse what a device said; ValueError when it is not the document expected. A DTD is refused:
    no device needs one, and entity tricks are how XML parsers are attacked."""
    if len(data) > MAX_XML or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("unacceptable XML")
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, LookupError, ValueError) as exc:  # LookupError: an encoding Python does not know
        raise ValueError(f"not XML: {exc}") from None
    if root.tag != f"{{{SCAN_NS}}}{tag}":
        raise ValueError(f"not scan:{tag}")
    return root


def parse_status(data: bytes) -> tuple[str, str]:
    """(pwg:State, scan:AdfState), "" for what the device does not say."""
    root = _xml(data, "ScannerStatus")
    return ((root.findtext("pwg:State", "", NS) or "").strip(), (root.findtext("scan:AdfState", "", NS) or "").strip())


def normalize_url(text: str) -> str:
    """The device's eSCL root from the setting: "http://192.168.1.20:8080/eSCL", or a bare
    "http://192.168.1.20" (the root is then /eSCL, where every device puts it)."""
    raw = (text or "").strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or parts.username or not raw.isascii() or any(c.isspace() for c in raw):
        raise UserError(f"Địa chỉ máy quét eSCL «{raw}» không hợp lệ: cần dạng http://192.168.1.20/eSCL "
                        "hoặc https://…", field="url")
    path = parts.path.rstrip("/") or "/eSCL"
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{netloc}{f':{port}' if port else ''}{path}"


class EsclScanner:
    """One eSCL device. `url` as normalize_url takes it; `timeout` bounds each HTTP exchange,
    `page_timeout` how long a page may stay "not ready" (503) before the scan gives up."""

    def __init__(self, url: str, *, timeout: float = 30.0, page_timeout: float = 120.0, retry_pause: float = 0.25):
        self.url = normalize_url(url)
        parts = urlsplit(self.url)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname or ""
        self.name = f"Máy quét eSCL ({self.host})"
        self.timeout, self.page_timeout, self.retry_pause = timeout, page_timeout, retry_pause
        self.capabilities: Capabilities | None = None

    # --- the interface ------------------------------------------------------------------------------
    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        with self._client() as client:
            caps = self.read_capabilities(client)
            body = self._ticket(settings, caps)
            job = self._start(client, body, settings, cancelled)
            delivered = 0
            try:
                delivered = self._pages(client, job, settings, on_page, cancelled)
            except ScanError as exc:
                if exc.kind not in ("offline", "cancelled"):  # cancelled: deleted already
                    self._delete(client, job)
                log.info("escl %s: scan stopped (%s) after %d page(s)", self.host, exc.kind, getattr(exc, "pages", 0))
                raise
            except BaseException:  # on_page failed (a full disk …): the device must not keep the job
                self._delete(client, job)
                raise
            self._delete(client, job)  # the clean-up sane-airscan sends after every job: a device may hold it
            log.info("escl %s: %d page(s) scanned", self.host, delivered)
            return delivered

    def read_capabilities(self, client: httpx.Client | None = None) -> Capabilities:
        if client is None:
            with self._client() as own:
                return self.read_capabilities(own)
        response = self._request(client, "GET", f"{self.url}/ScannerCapabilities", during=None)
        if response.status_code != 200:
            raise ScanError(f"{self.name} không trả lời câu hỏi về khả năng quét (mã HTTP {response.status_code}): "
                            "kiểm tra địa chỉ eSCL trong cài đặt máy quét.", kind="failed")
        try:
            caps = parse_capabilities(response.content)
        except ValueError:
            raise ScanError(f"{self.name} trả lời không đúng giao thức eSCL: kiểm tra địa chỉ trong cài đặt "
                            "máy quét.", kind="failed") from None
        self.capabilities = caps
        if caps.make_and_model:
            self.name = f"{caps.make_and_model} (eSCL, {self.host})"
        return caps

    # --- steps --------------------------------------------------------------------------------------
    def _client(self) -> httpx.Client:
        # trust_env=False: an office proxy set for the Internet must not catch the LAN scanner.
        # verify=False: scanners serve HTTPS with a certificate they made themselves, nearly all.
        return httpx.Client(timeout=self.timeout, trust_env=False, verify=False, follow_redirects=False)

    def _ticket(self, settings: ScanSettings, caps: Capabilities) -> bytes:
        """The scan:ScanSettings body, after checking the device can do it (one line if not)."""
        feeder = settings.source == "feeder"
        duplex = feeder and settings.duplex  # a flatbed has one side: the setting only concerns the feeder
        src = caps.duplex if duplex else caps.feeder if feeder else caps.platen
        if src is None:
            what = ("quét hai mặt" if duplex else "khay nạp giấy tự động") if feeder else "mặt kính"
            raise ScanError(f"{self.name} không có {what}: đổi nguồn giấy trong cài đặt máy quét.", kind="failed")
        mode = COLOR_MODES[settings.color_mode]
        if src.color_modes and mode not in src.color_modes:
            raise ScanError(f"{self.name} không quét được chế độ màu «{COLOR_NAMES[settings.color_mode]}».",
                            kind="failed")
        if not src.takes_resolution(settings.resolution):
            raise ScanError(f"{self.name} không hỗ trợ độ phân giải {settings.resolution} dpi "
                            f"(hỗ trợ: {src.resolution_text()} dpi).", kind="failed")
        document_format = next((f for f in FORMATS if f in src.formats), None)
        if document_format is None:
            raise ScanError(f"{self.name} không gửi được ảnh JPEG, PNG, TIFF hay PDF.", kind="failed")
        width_mm, height_mm = PAGE_SIZES[settings.page_size]
        width, height = round(width_mm / 25.4 * 300), round(height_mm / 25.4 * 300)
        if (src.max_width and width > src.max_width) or (src.max_height and height > src.max_height):
            raise ScanError(f"{self.name} không quét được khổ {settings.page_size}.", kind="failed")
        duplex_xml = f"<scan:Duplex>{'true' if duplex else 'false'}</scan:Duplex>" if feeder else ""
        return (f'<?xml version="1.0" encoding="UTF-8"?>'
                f'<scan:ScanSettings xmlns:scan="{SCAN_NS}" xmlns:pwg="{PWG_NS}">'
                f"<pwg:Version>2.0</pwg:Version><scan:Intent>Document</scan:Intent>"
                f"<pwg:ScanRegions><pwg:ScanRegion><pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches"
                f"</pwg:ContentRegionUnits><pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>"
                f"<pwg:Width>{width}</pwg:Width><pwg:Height>{height}</pwg:Height></pwg:ScanRegion></pwg:ScanRegions>"
                f"<pwg:InputSource>{'Feeder' if feeder else 'Platen'}</pwg:InputSource>"
                f"<scan:ColorMode>{mode}</scan:ColorMode><pwg:DocumentFormat>{document_format}</pwg:DocumentFormat>"
                f"<scan:XResolution>{settings.resolution}</scan:XResolution>"
                f"<scan:YResolution>{settings.resolution}</scan:YResolution>{duplex_xml}"
                f"</scan:ScanSettings>").encode()

    def _start(self, client: httpx.Client, body: bytes, settings: ScanSettings, cancelled: Callable[[], bool]) -> str:
        """POST the job; its URL (path from Location on our own origin). A busy device (503) is
        asked again until `page_timeout`, or until the officer stops."""
        deadline = time.monotonic() + self.page_timeout
        while True:
            if cancelled():
                raise _stopped("Đã dừng quét theo yêu cầu.", "cancelled", 0)
            response = self._request(client, "POST", f"{self.url}/ScanJobs", during=None, content=body,
                                     headers={"Content-Type": "text/xml"})
            if response.status_code == 201:
                location = urlsplit(response.headers.get("Location", "")).path.rstrip("/")
                if not location.startswith("/"):
                    raise ScanError(f"{self.name} nhận lệnh quét nhưng không cho biết địa chỉ lệnh.", kind="failed")
                return f"{self._origin}{location}"
            if response.status_code == 503 and time.monotonic() < deadline:
                time.sleep(self.retry_pause)
                continue
            raise self._why(client, response.status_code, settings, pages=0, starting=True)

    def _pages(self, client: httpx.Client, job: str, settings: ScanSettings,
               on_page: Callable[[ScannedPage], None], cancelled: Callable[[], bool]) -> int:
        delivered = 0
        waiting_since: float | None = None
        while True:
            if cancelled():
                self._delete(client, job)
                raise _stopped(f"Đã dừng quét theo yêu cầu; giữ {delivered} trang đã quét.", "cancelled", delivered)
            page = self._next(client, job, delivered)
            if page is None:  # 503: not ready yet
                waiting_since = waiting_since or time.monotonic()
                if time.monotonic() - waiting_since > self.page_timeout:
                    raise _stopped(f"{self.name} không gửi trang {delivered + 1} sau {int(self.page_timeout)} giây; "
                                   f"giữ {delivered} trang đã quét.", "timeout", delivered)
                time.sleep(self.retry_pause)
                continue
            waiting_since = None
            status, data, media_type = page
            if status in (404, 410):
                if delivered == 0:
                    raise self._why(client, status, settings, pages=0)
                return delivered
            if status != 200:  # 409 and the rest: ScannerStatus says why
                error = self._why(client, status, settings, pages=delivered)
                if error.kind == "empty" and delivered > 0:
                    return delivered  # the feeder ran out: how some devices end a job
                raise error
            delivered += 1
            on_page(ScannedPage(index=delivered, data=data, media_type=media_type))
            if settings.source == "flatbed":
                return delivered  # one page from the glass

    def _next(self, client: httpx.Client, job: str, delivered: int) -> tuple[int, bytes, str] | None:
        number = delivered + 1
        try:
            with client.stream("GET", f"{job}/NextDocument") as response:
                if response.status_code == 503:
                    return None
                if response.status_code != 200:
                    return response.status_code, b"", ""
                media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_PAGE:
                        raise _stopped(f"Trang {number} từ {self.name} lớn bất thường (trên {MAX_PAGE >> 20} MB); "
                                       f"giữ {delivered} trang đã quét.", "bad_image", delivered)
                    chunks.append(chunk)
        except httpx.TimeoutException:
            raise _stopped(f"{self.name} không trả lời khi gửi trang {number} (quá {int(self.timeout)} giây); "
                           f"giữ {delivered} trang đã quét.", "timeout", delivered) from None
        except httpx.HTTPError:
            raise _stopped(f"Mất kết nối với {self.name} khi nhận trang {number}: kiểm tra máy quét và mạng; "
                           f"giữ {delivered} trang đã quét.", "offline", delivered) from None
        data = b"".join(chunks)
        media_type = self._check_page(data, media_type, number, delivered)
        return 200, data, media_type

    def _check_page(self, data: bytes, media_type: str, number: int, delivered: int) -> str:
        """The page is what it says (by its first bytes) and whole, as far as a cheap look tells."""
        if media_type not in MAGIC:  # some devices say application/octet-stream: trust the bytes
            media_type = next((t for t, marks in MAGIC.items() if data.startswith(marks)), media_type)
        whole = media_type in MAGIC and data.startswith(MAGIC[media_type])
        if whole and media_type == "image/jpeg":
            whole = data.rstrip(b"\x00").endswith(b"\xff\xd9")  # the end-of-image marker: not truncated
        if not whole:
            raise _stopped(f"Trang {number} từ {self.name} không phải ảnh hợp lệ; giữ {delivered} trang đã quét.",
                           "bad_image", delivered)
        return media_type

    def _why(self, client: httpx.Client, status: int, settings: ScanSettings, *, pages: int,
             starting: bool = False) -> ScanError:
        """What went wrong, from ScannerStatus (as sane-airscan decides), as one Vietnamese line."""
        kept = f"; giữ {pages} trang đã quét" if pages else ""
        state, adf = "", ""
        try:
            response = self._request(client, "GET", f"{self.url}/ScannerStatus", during=pages)
            if response.status_code == 200:
                state, adf = parse_status(response.content)
        except ValueError:
            pass
        feeder = settings.source == "feeder"
        if feeder and adf == "ScannerAdfJam":
            return _stopped(f"Kẹt giấy ở khay nạp khi quét trang {pages + 1}{kept}. Gỡ tờ bị kẹt, đặt lại từ "
                            f"trang {pages + 1} rồi quét tiếp.", "jam", pages)
        if feeder and (adf in ("ScannerAdfEmpty", "ScannerAdfProcessing") or (status == 404 and not pages)):
            return _stopped("Khay nạp giấy trống: đặt giấy tờ vào khay rồi quét lại.", "empty", pages)
        if feeder and adf == "ScannerAdfDoorOpen":
            return _stopped(f"Nắp khay nạp giấy đang mở{kept}: đóng nắp rồi quét lại.", "failed", pages)
        if state in ("Processing", "Testing") or status == 503:
            return _stopped(f"{self.name} đang bận với lệnh quét khác{kept}: chờ một lát rồi quét lại.", "busy", pages)
        action = "từ chối lệnh quét" if starting else "dừng lệnh quét"
        return _stopped(f"{self.name} {action} (mã HTTP {status}){kept}.", "failed", pages)

    def _request(self, client: httpx.Client, method: str, url: str, *, during: int | None, **kwargs) -> httpx.Response:
        """One exchange; a network failure is a ScanError that says how many pages are kept."""
        kept = f"; giữ {during} trang đã quét" if during else ""
        try:
            response = client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise _stopped(f"{self.name} không trả lời (quá {int(self.timeout)} giây){kept}: kiểm tra máy quét đã bật "
                           "và cùng mạng.", "timeout", during or 0) from None
        except httpx.HTTPError:
            raise _stopped(f"Không kết nối được {self.name}{kept}: kiểm tra máy quét đã bật, cắm mạng và địa chỉ "
                           "trong cài đặt.", "offline", during or 0) from None
        if len(response.content) > MAX_XML and method == "GET":
            raise _stopped(f"{self.name} trả lời không đúng giao thức eSCL.", "failed", during or 0)
        return response

    def _delete(self, client: httpx.Client, job: str) -> None:
        """Cancel the job on the device, best effort and quickly: after a failure the device may
        be gone, and the officer's message must not wait for it."""
        try:
            client.delete(job, timeout=min(self.timeout, 5.0))
        except httpx.HTTPError:
            pass


def _stopped(message: str, kind: str, pages: int) -> ScanError:
    error = ScanError(message, kind)
    error.pages = pages  # how many were delivered before this: the caller keeps them
    return error
