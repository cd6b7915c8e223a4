"""The WIA adapter (app/devices/docscan/wia.py) driven through a stand-in for Windows' COM objects.

A MOCK, because WIA cannot run here: it exists only on Windows. The stand-in has the Automation
Layer's shape (DeviceInfos/Items counted from 1, Properties by PropertyID, Transfer by format id)
and raises errors carrying WIA's HRESULTs the way pywin32's com_error does, so these tests check
what the adapter asks of a driver and how it turns pages and errors into the desk's terms. Whether
a real driver behaves so is untested (docs/windows.md)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.devices.docscan import wia
from app.devices.docscan.assemble import assemble_pdf, pdf_page_count
from app.devices.docscan.base import ScanError, ScanSettings


class ComError(Exception):
    """pywin32's com_error as the automation layer raises it: (hresult, text, excepinfo, argerr)."""

    def __init__(self, scode: int):
        super().__init__(-2147352567, "Exception occurred.", (0, None, None, None, 0, scode - 2**32), None)
        self.hresult = -2147352567  # DISP_E_EXCEPTION: the driver's own code is in excepinfo[5]
        self.excepinfo = self.args[2]


class Prop:
    def __init__(self, prop_id: int, value=0):
        self.PropertyID, self.Value = prop_id, value


def jpeg(number: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (1654, 2339), 255 - number).save(out, "JPEG", dpi=(200, 200))
    return out.getvalue()


class FileData:
    def __init__(self, data: bytes):
        self.BinaryData = memoryview(data)  # a COM byte array arrives as a buffer


class Image_:  # WIA.ImageFile
    def __init__(self, data: bytes):
        self.FileData = FileData(data)


class Item:
    def __init__(self, device: Device):
        self.device = device
        self.Properties = [Prop(p) for p in (wia.CURRENT_INTENT, wia.X_RESOLUTION, wia.Y_RESOLUTION,
                                             wia.X_EXTENT, wia.Y_EXTENT)]
        self.transfers: list[str] = []

    def Transfer(self, format_id: str):  # noqa: N802 - COM's name
        d = self.device
        if format_id not in d.formats:
            raise ComError(0x80004001)  # E_NOTIMPL: the driver has no such format
        self.transfers.append(format_id)
        n = len(self.transfers)
        if d.fail_at == n:
            raise ComError(d.fail_code)
        if n > d.pages:
            raise ComError(wia.PAPER_EMPTY)
        return Image_(jpeg(n))


class Items:
    def __init__(self, item: Item):
        self._item = item

    def Item(self, i: int):  # noqa: N802
        assert i == 1
        return self._item


class Device:
    def __init__(self, pages=3, *, feeder=True, formats=(wia.FORMATS[0][0],), fail_at=None, fail_code=None):
        self.pages, self.formats, self.fail_at, self.fail_code = pages, formats, fail_at, fail_code
        self.Properties = [Prop(wia.DEVICE_NAME, "Canon DR-C225")] + \
            ([Prop(wia.DOCUMENT_HANDLING_SELECT), Prop(wia.PAGES)] if feeder else [])
        self.item = Item(self)
        self.Items = Items(self.item)

    def prop(self, owner, prop_id):
        return next(p.Value for p in owner.Properties if p.PropertyID == prop_id)


class Info:
    def __init__(self, device_id: str, device: Device, kind: int = wia.SCANNER_DEVICE):
        self.DeviceID, self.Type, self.device = device_id, kind, device
        self.Properties = device.Properties

    def Connect(self):  # noqa: N802
        return self.device


class Infos:
    def __init__(self, infos: list[Info]):
        self._infos = infos
        self.Count = len(infos)

    def Item(self, i: int):  # noqa: N802
        return self._infos[i - 1]


def scanner(*infos: Info, device_id: str = "") -> wia.WiaScanner:
    class Manager:
        DeviceInfos = Infos(list(infos))

    def dispatch(prog_id: str):
        assert prog_id == "WIA.DeviceManager"
        return Manager()

    return wia.WiaScanner(device_id, dispatch=dispatch, errors=(ComError,))


def scan(s: wia.WiaScanner, settings: ScanSettings | None = None):
    pages = []
    try:
        count = s.scan(settings or ScanSettings(), pages.append)
    except ScanError as e:
        return pages, e
    assert count == len(pages)
    return pages, None


def test_the_feeder_is_transferred_page_by_page_until_empty_with_the_settings_asked():
    device = Device(pages=3)
    pages, error = scan(scanner(Info("cam", Device(0), kind=2), Info("scan", device)))
    assert error is None and [p.index for p in pages] == [1, 2, 3]
    assert all(p.media_type == "image/jpeg" and p.data == jpeg(p.index) for p in pages)
    assert device.prop(device, wia.DOCUMENT_HANDLING_SELECT) == wia.FEEDER
    assert device.prop(device.item, wia.CURRENT_INTENT) == wia.INTENT["gray"]
    assert (device.prop(device.item, wia.X_RESOLUTION), device.prop(device.item, wia.Y_RESOLUTION)) == (200, 200)
    assert (device.prop(device.item, wia.X_EXTENT), device.prop(device.item, wia.Y_EXTENT)) == (1654, 2339)
    assert pdf_page_count(assemble_pdf(pages)) == 3


def test_duplex_colour_and_the_flatbed_are_asked_of_the_driver():
    device = Device(pages=4)
    pages, _ = scan(scanner(Info("s", device)), ScanSettings(duplex=True, color_mode="color", resolution=300))
    assert len(pages) == 4
    assert device.prop(device, wia.DOCUMENT_HANDLING_SELECT) == wia.FEEDER | wia.DUPLEX
    assert device.prop(device.item, wia.CURRENT_INTENT) == wia.INTENT["color"]
    glass = Device(pages=4)
    pages, _ = scan(scanner(Info("s", glass)), ScanSettings(source="flatbed"))
    assert len(pages) == 1 and glass.prop(glass, wia.DOCUMENT_HANDLING_SELECT) == wia.FLATBED


def test_a_driver_without_jpeg_gives_png():
    device = Device(pages=1, formats=(wia.FORMATS[1][0],))
    pages, error = scan(scanner(Info("s", device)))
    assert error is None and pages[0].media_type == "image/png"


@pytest.mark.parametrize("code, kind, words", [
    (wia.PAPER_JAM, "jam", "Kẹt giấy"),
    (wia.OFFLINE, "offline", "mất kết nối"),
    (wia.COVER_OPEN, "failed", "Nắp máy quét đang mở"),
    (0x80210099, "failed", "mã 0x80210099"),
])
def test_a_fault_at_page_3_keeps_pages_1_and_2_and_says_what_to_do(code, kind, words):
    pages, error = scan(scanner(Info("s", Device(pages=5, fail_at=3, fail_code=code))))
    assert [p.index for p in pages] == [1, 2]
    assert error.kind == kind and words in str(error) and "Đã giữ 2 trang" in str(error)


def test_an_empty_feeder_at_the_start_is_one_line():
    pages, error = scan(scanner(Info("s", Device(pages=0))))
    assert pages == [] and error.kind == "empty"
    assert str(error) == "Khay nạp giấy trống: đặt giấy vào khay rồi quét lại."


def test_no_scanner_or_the_wrong_one_is_offline_and_a_feeder_less_device_is_told():
    _, error = scan(scanner(Info("cam", Device(), kind=2)))
    assert error.kind == "offline" and "Không thấy máy quét" in str(error)
    _, error = scan(scanner(Info("a", Device()), device_id="b"))
    assert error.kind == "offline"
    _, error = scan(scanner(Info("a", Device(feeder=False))))
    assert "không có khay nạp giấy" in str(error)


def test_devices_lists_the_scanners_by_name():
    s = scanner(Info("cam", Device(), kind=2), Info("{6BDD1FC6}\\0001", Device()))
    assert s.devices() == [wia.WiaDevice("{6BDD1FC6}\\0001", "Canon DR-C225")]


def test_on_this_linux_machine_wia_says_it_is_windows_only():
    with pytest.raises(ScanError) as e:
        wia.WiaScanner().scan(ScanSettings(), lambda page: None)
    assert "chỉ có trên Windows" in str(e.value)


def test_a_pc_set_to_wia_gets_the_wia_adapter_and_its_test_says_windows_only(tmp_path):
    from app.devices.config import DeviceSettings, DocScanSettings, load_devices, save_devices
    from app.devices.docscan.factory import open_document_scanner, probe

    save_devices(tmp_path, DeviceSettings(docscan=DocScanSettings(kind="wia")))  # no address: the first scanner
    assert load_devices(tmp_path).docscan.kind == "wia"
    adapter = open_document_scanner(tmp_path)
    assert isinstance(adapter, wia.WiaScanner) and adapter.device_id == ""
    with pytest.raises(ScanError) as e:
        probe(DocScanSettings(kind="wia", address="{6BDD1FC6}\\0001"))
    assert "chỉ có trên Windows" in str(e.value)
