"""Windows' own scanner drivers through WIA 2.0's Automation Layer (`WIA.DeviceManager`, in every
Windows since Vista), for USB scanners that speak neither eSCL nor "scan to folder".

UNTESTED ON WINDOWS HERE (docs/windows.md): the tests drive this code through a stand-in for the
COM objects with the same properties and errors (tests/devices/test_docscan_wia.py), which checks
what we ask of the driver and how its answers and errors become pages and Vietnamese lines, not
that a real driver behaves as its documentation says.

How WIA scans a feeder: the device's first item is transferred again and again until the driver
says the feeder is empty (WIA_ERROR_PAPER_EMPTY); each transfer is one page (one side). Flatbed:
one transfer. The page comes as the driver's JPEG (or BMP/PNG when it has no JPEG), kept as it is."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from app.devices.docscan.base import PAGE_SIZES, ScanError, ScannedPage, ScanSettings

# Windows Image Acquisition property ids (wiadef.h) and constants.
DEVICE_NAME = 7  # WIA_DIP_DEV_NAME
DOCUMENT_HANDLING_SELECT = 3088  # WIA_DPS_DOCUMENT_HANDLING_SELECT
PAGES = 3096  # WIA_DPS_PAGES
CURRENT_INTENT = 6146  # WIA_IPS_CURRENT_INTENT
X_RESOLUTION, Y_RESOLUTION = 6147, 6148  # WIA_IPS_XRES, WIA_IPS_YRES
X_EXTENT, Y_EXTENT = 6151, 6152  # WIA_IPS_XEXTENT, WIA_IPS_YEXTENT (pixels)
FEEDER, FLATBED, DUPLEX = 0x001, 0x002, 0x004
INTENT = {"color": 0x1, "gray": 0x2, "bw": 0x4}  # WIA_INTENT_IMAGE_TYPE_COLOR / GRAYSCALE / TEXT
SCANNER_DEVICE = 1  # WiaDeviceType.ScannerDeviceType
FORMATS = (("{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}", "image/jpeg"),  # wiaFormatJPEG
           ("{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}", "image/png"),  # wiaFormatPNG
           ("{B96B3CB1-0728-11D3-9D7B-0000F81EF32E}", "image/tiff"))  # wiaFormatTIFF

# WIA's HRESULTs (wiadef.h), as the COM error's code; what the officer can do about each.
GENERAL, PAPER_JAM, PAPER_EMPTY, PAPER_PROBLEM = 0x80210001, 0x80210002, 0x80210003, 0x80210004
OFFLINE, BUSY, WARMING_UP, USER_INTERVENTION = 0x80210005, 0x80210006, 0x80210007, 0x80210008
COVER_OPEN, LAMP_OFF, DEVICE_LOCKED = 0x80210016, 0x80210017, 0x8021000D
NOT_CONNECTED = 0x80210015  # WIA_S_NO_DEVICE_AVAILABLE
FORMAT_REFUSED = (0x80004001, 0x80070057)  # E_NOTIMPL, E_INVALIDARG: no such format in this driver
ERRORS = {
    PAPER_JAM: ("jam", "Kẹt giấy trong máy quét: gỡ tờ bị kẹt rồi quét lại các trang còn lại."),
    PAPER_EMPTY: ("empty", "Khay nạp giấy trống: đặt giấy vào khay rồi quét lại."),
    PAPER_PROBLEM: ("jam", "Máy quét báo lỗi giấy: kiểm tra giấy trong khay rồi quét lại."),
    OFFLINE: ("offline", "Máy quét đang tắt hoặc mất kết nối: kiểm tra nguồn và cáp rồi quét lại."),
    NOT_CONNECTED: ("offline", "Không thấy máy quét: kiểm tra nguồn và cáp USB rồi quét lại."),
    BUSY: ("busy", "Máy quét đang bận với lệnh khác: chờ xong rồi quét lại."),
    DEVICE_LOCKED: ("busy", "Máy quét đang bị chương trình khác giữ: đóng chương trình đó rồi quét lại."),
    WARMING_UP: ("busy", "Máy quét đang khởi động đèn: chờ một lát rồi quét lại."),
    COVER_OPEN: ("failed", "Nắp máy quét đang mở: đóng nắp rồi quét lại."),
    LAMP_OFF: ("failed", "Đèn máy quét đang tắt: bật máy quét rồi quét lại."),
    USER_INTERVENTION: ("failed", "Máy quét cần người xử lý (xem màn hình của máy) rồi quét lại."),
}


@dataclass(frozen=True)
class WiaDevice:
    id: str
    name: str


def _hresult(exc: BaseException) -> int | None:
    """The HRESULT in a pywin32 `com_error` (its `excepinfo[5]` is the driver's scode when the
    automation layer wraps it, else `hresult`), as an unsigned 32-bit number."""
    info = getattr(exc, "excepinfo", None)
    code = info[5] if info and len(info) > 5 and info[5] else getattr(exc, "hresult", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return None if code is None else code & 0xFFFFFFFF


def _com_error_types() -> tuple[type[BaseException], ...]:
    try:
        import pywintypes  # type: ignore[import-not-found]

        return (pywintypes.com_error,)
    except ImportError:
        return ()


def _dispatch(prog_id: str):
    if sys.platform != "win32":
        raise ScanError("Máy quét qua WIA chỉ có trên Windows: trên máy này chọn eSCL, SANE hoặc "
                        "thư mục quét.", kind="failed")
    try:
        import win32com.client  # type: ignore[import-not-found]
    except ImportError:
        raise ScanError("Thiếu thành phần pywin32 để dùng máy quét qua WIA: cài lại phần mềm.",
                        kind="failed") from None
    return win32com.client.Dispatch(prog_id)


def _set(properties, prop_id: int, value: int) -> bool:
    """Set a property the driver has; False when it has not (an option the device lacks)."""
    for prop in properties:
        if prop.PropertyID == prop_id:
            prop.Value = value
            return True
    return False


class WiaScanner:
    """The WIA scanner `device_id` (from `devices()`), or the first scanner when empty."""

    def __init__(self, device_id: str = "", *, dispatch: Callable[[str], object] = _dispatch,
                 errors: tuple[type[BaseException], ...] | None = None):
        self.device_id = device_id
        self._dispatch = dispatch
        self._errors = _com_error_types() if errors is None else errors
        self.name = "Máy quét WIA"

    def devices(self) -> list[WiaDevice]:
        manager = self._dispatch("WIA.DeviceManager")
        found = []
        for i in range(1, manager.DeviceInfos.Count + 1):  # WIA collections count from 1
            info = manager.DeviceInfos.Item(i)
            if info.Type == SCANNER_DEVICE:
                name = next((p.Value for p in info.Properties if p.PropertyID == DEVICE_NAME), info.DeviceID)
                found.append(WiaDevice(info.DeviceID, str(name)))
        return found

    def _connect(self):
        manager = self._dispatch("WIA.DeviceManager")
        for i in range(1, manager.DeviceInfos.Count + 1):
            info = manager.DeviceInfos.Item(i)
            if info.Type == SCANNER_DEVICE and (not self.device_id or info.DeviceID == self.device_id):
                return info.Connect()
        raise ScanError(ERRORS[NOT_CONNECTED][1], kind="offline")

    def _fail(self, exc: BaseException, delivered: int) -> ScanError:
        code = _hresult(exc)
        kind, text = ERRORS.get(code, ("failed", f"Máy quét báo lỗi (mã 0x{(code or 0):08X})."))
        if delivered and kind != "empty":
            text = f"{text} Đã giữ {delivered} trang quét được."
        return ScanError(text, kind=kind)

    def _prepare(self, device, item, settings: ScanSettings) -> None:
        handling = FLATBED if settings.source == "flatbed" else FEEDER | (DUPLEX if settings.duplex else 0)
        if not _set(device.Properties, DOCUMENT_HANDLING_SELECT, handling) and settings.source == "feeder":
            raise ScanError("Máy quét này không có khay nạp giấy: chọn nguồn «mặt kính».", kind="failed")
        _set(device.Properties, PAGES, 1)  # one page a transfer: each page is handed over as it comes
        _set(item.Properties, CURRENT_INTENT, INTENT[settings.color_mode])
        for prop_id in (X_RESOLUTION, Y_RESOLUTION):
            if not _set(item.Properties, prop_id, settings.resolution):
                raise ScanError(f"Máy quét không nhận độ phân giải {settings.resolution} dpi.", kind="failed")
        width_mm, height_mm = PAGE_SIZES[settings.page_size]
        _set(item.Properties, X_EXTENT, round(width_mm / 25.4 * settings.resolution))
        _set(item.Properties, Y_EXTENT, round(height_mm / 25.4 * settings.resolution))

    def _transfer(self, item):
        last: BaseException | None = None
        for format_id, media_type in FORMATS:
            try:
                return item.Transfer(format_id), media_type
            except self._errors as exc:  # a driver without this format: try the next one
                if _hresult(exc) not in FORMAT_REFUSED:
                    raise
                last = exc
        assert last is not None
        raise last

    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        delivered = 0
        try:
            device = self._connect()
            self.name = f"{next((p.Value for p in device.Properties if p.PropertyID == DEVICE_NAME), 'WIA')} (WIA)"
            item = device.Items.Item(1)
            self._prepare(device, item, settings)
            while not cancelled():
                try:
                    image, media_type = self._transfer(item)
                except self._errors as exc:
                    if _hresult(exc) == PAPER_EMPTY and delivered:
                        break  # the feeder ran out: the job is done
                    raise
                data = bytes(image.FileData.BinaryData)
                delivered += 1
                on_page(ScannedPage(index=delivered, data=data, media_type=media_type))
                if settings.source == "flatbed":
                    break
        except ScanError:
            raise
        except self._errors as exc:
            raise self._fail(exc, delivered) from None
        if cancelled() and not delivered:
            raise ScanError("Đã dừng quét.", kind="cancelled")
        return delivered
