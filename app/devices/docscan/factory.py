"""The document scanner of this PC, as its settings say (`docscan` in `<data>/devices.json`,
app/devices/config.py): the capture dialog asks here for the adapter and the scan settings, and
the devices page's "Thử kết nối" asks `probe` what the device says, before any paper is fed."""

from __future__ import annotations

from pathlib import Path

from app.devices.config import DOCSCAN, DocScanSettings, load_devices
from app.devices.docscan.base import DocumentScanner, ScanError, ScanSettings
from app.devices.docscan.files import SUFFIXES
from app.devices.docscan.folder import TAKEN

PROBE_TIMEOUT = 10.0  # seconds: a test answers quickly, or says the device is not there


def document_scanner(settings: DocScanSettings, *, timeout: float | None = None) -> DocumentScanner | None:
    """The adapter for these (checked) settings; None when this PC has no document scanner."""
    settings.check()
    address = settings.address.strip()
    if settings.kind == "escl":
        from app.devices.docscan.escl import EsclScanner

        return EsclScanner(address) if timeout is None else EsclScanner(address, timeout=timeout)
    if settings.kind == "sane":
        from app.devices.docscan.sane import SaneScanner

        return SaneScanner(address)
    if settings.kind == "wia":
        from app.devices.docscan.wia import WiaScanner

        return WiaScanner(address)
    if settings.kind == "folder":
        from app.devices.docscan.folder import FolderSource

        return FolderSource(Path(address))
    return None


def open_document_scanner(data_dir: Path) -> DocumentScanner | None:
    """This PC's document scanner, or None when none is set up. A broken devices.json is one
    Vietnamese UserError (the same line the desk shows at start)."""
    return document_scanner(load_devices(data_dir).docscan)


def scan_settings(data_dir: Path) -> ScanSettings:
    """How this PC scans: resolution, colour mode, duplex, page size, source (200 dpi grey A4 by default)."""
    return load_devices(data_dir).docscan.scan_settings()


def probe(settings: DocScanSettings) -> str:
    """Ask the device what it can do and how it is, without scanning: one Vietnamese line when it
    answers; ScanError (offline, timeout …) or UserError (a bad setting) when not. Also checks
    that the device can scan with these settings, so a wrong one shows here, not at the counter."""
    scanner = document_scanner(settings, timeout=PROBE_TIMEOUT)
    if scanner is None:
        return f"Chưa chọn {DOCSCAN.lower()} cho máy này."
    wanted = settings.scan_settings()
    if settings.kind == "escl":
        return _probe_escl(scanner, wanted)
    if settings.kind == "sane":
        return _probe_sane(scanner, wanted)
    if settings.kind == "wia":
        return _probe_wia(scanner)
    return _probe_folder(scanner.folder)


def _probe_escl(scanner, wanted: ScanSettings) -> str:
    from app.devices.docscan.escl import parse_status

    with scanner._client() as client:
        caps = scanner.read_capabilities(client)
        scanner._ticket(wanted, caps)  # refuses, naming it, a setting the device lacks
        state, adf = "", ""
        response = scanner._request(client, "GET", f"{scanner.url}/ScannerStatus", during=None)
        if response.status_code == 200:
            try:
                state, adf = parse_status(response.content)
            except ValueError:
                pass
    states = {"Idle": "sẵn sàng", "Processing": "đang quét", "Testing": "đang tự kiểm tra", "Stopped": "đang dừng"}
    feeders = {"ScannerAdfLoaded": "khay nạp có giấy", "ScannerAdfEmpty": "khay nạp chưa có giấy",
               "ScannerAdfJam": "khay nạp đang kẹt giấy", "ScannerAdfDoorOpen": "nắp khay nạp đang mở"}
    said = [states.get(state, ""), feeders.get(adf, "") if wanted.source == "feeder" else ""]
    said = [s for s in said if s]
    return f"Đã kết nối {scanner.name}" + (f": {', '.join(said)}." if said else ".")


def _probe_sane(scanner, wanted: ScanSettings) -> str:
    scanner.arguments(wanted, Path("trang%04d"))  # asks the device (scanimage -A), checks the settings
    return f"Đã kết nối {scanner.name}: nhận được các chế độ quét đã chọn."


def _probe_wia(scanner) -> str:
    found = scanner.devices()
    if not found:
        raise ScanError("Windows không thấy máy quét nào qua WIA: kiểm tra cáp USB và trình điều khiển.",
                        kind="offline")
    if scanner.device_id and all(d.id != scanner.device_id for d in found):
        raise ScanError(f"Không thấy máy quét «{scanner.device_id}» qua WIA; Windows thấy: "
                        f"{', '.join(d.name for d in found)}.", kind="offline")
    return f"Windows thấy qua WIA: {', '.join(d.name for d in found)}."


def _probe_folder(folder: Path) -> str:
    if not folder.is_dir():
        raise ScanError(f"Không thấy thư mục quét «{folder}»: kiểm tra ổ mạng hoặc đường dẫn.", kind="offline")
    try:
        waiting = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
        probe_dir = folder / TAKEN
        probe_dir.mkdir(exist_ok=True)  # the scan moves each file it takes here: it must be allowed to
    except OSError as exc:
        from app.oserrors import os_reason

        raise ScanError(f"Không dùng được thư mục quét «{folder}» ({os_reason(exc)}): ứng dụng cần "
                        f"quyền đọc và sửa trong thư mục này.", kind="failed") from None
    return f"Thư mục quét «{folder}» dùng được; đang có {len(waiting)} tệp chờ lấy."
