"""Which serial device is on which port of this PC, and how to talk to it, and which document
scanner this PC digitizes with (`docscan`). Kept per workstation in `<data>/devices.json`, not in
the office database: each counter PC has its own ports and its own scanner.
Every value is checked before anything is saved; a bad file is reported, never half-used."""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.domain.text import first_bad_char, printable
from app.errors import UserError
from app.files import write_atomically

BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
PARITIES = {"N": "Không (N)", "E": "Chẵn (E)", "O": "Lẻ (O)"}
SUFFIXES = {"any": "Bất kỳ (CR, LF, CR LF, Tab)", "cr": "CR", "lf": "LF", "crlf": "CR LF", "tab": "Tab"}
KINDS = {"scanner": "Máy quét mã vạch", "display": "Bảng LED quầy", "printer": "Máy in phiếu thứ tự"}
# pyserial URLs a port may be, besides a device name: a serial-over-IP device server (raw TCP or
# RFC 2217) and the loopback that echoes what is written (for checks without a device).
URL_FORMS = {"socket": "socket://MÁY:CỔNG", "rfc2217": "rfc2217://MÁY:CỔNG", "loop": "loop://"}
URL_SCHEMES = tuple(URL_FORMS)
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?", re.ASCII)


@dataclass(frozen=True)
class PortSettings:
    port: str = ""  # empty: no such device at this counter
    baud: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: int = 1

    def check(self, label: str) -> None:
        """UserError naming the first wrong value (of any type: this is what guards the file)."""
        if not isinstance(self.port, str) or first_bad_char(self.port) is not None:
            raise UserError(f"{label}: tên cổng «{_shown(self.port)}» có ký tự điều khiển hoặc không phải chữ.")
        check_port(label, self.port.strip())
        if not _int_in(self.baud, BAUDS):
            raise UserError(f"{label}: tốc độ {_shown(self.baud)} không hỗ trợ "
                            f"(chọn một trong {', '.join(map(str, BAUDS))}).")
        if not _int_in(self.bytesize, (7, 8)):
            raise UserError(f"{label}: số bit dữ liệu phải là 7 hoặc 8.")
        if not isinstance(self.parity, str) or self.parity not in PARITIES:
            raise UserError(f"{label}: kiểm tra chẵn lẻ phải là N, E hoặc O.")
        if not _int_in(self.stopbits, (1, 2)):
            raise UserError(f"{label}: số bit dừng phải là 1 hoặc 2.")


def check_port(label: str, port: str) -> None:
    """A device name (`COM3`, `/dev/ttyUSB0`, an emulator's link: whether it exists is the device
    thread's business, it may be plugged in later) or one of the pyserial URLs the app supports;
    a malformed URL is refused with what is wrong in it."""
    if "://" not in port:
        scheme = port.partition(":")[0].lower()
        if scheme in URL_SCHEMES and port[len(scheme):len(scheme) + 1] == ":":
            raise UserError(f"{label}: địa chỉ «{_shown(port)}» thiếu «//» sau «{scheme}:» "
                            f"(viết {URL_FORMS[scheme]}).")
        return
    scheme, _, rest = port.partition("://")
    scheme = scheme.lower()
    if scheme not in URL_SCHEMES:
        raise UserError(f"{label}: kiểu địa chỉ «{_shown(scheme)}://» không hỗ trợ "
                        f"(dùng {', '.join(URL_FORMS.values())}).")
    if scheme == "loop":
        if rest:
            raise UserError(f"{label}: địa chỉ «loop://» không có gì phía sau (thừa «{_shown(rest)}»).")
        return
    if rest.startswith("["):  # an IPv6 address: socket://[fe80::1]:4001
        end = rest.find("]")
        host, number = (rest[:end + 1], rest[end + 1:]) if end > 0 else (rest, "")
        if not number.startswith(":"):
            number = ""
        number = number[1:]
    else:
        host, _, number = rest.partition(":")
    form = URL_FORMS[scheme]
    if not host:
        raise UserError(f"{label}: địa chỉ «{_shown(port)}» thiếu tên hoặc địa chỉ IP của máy (viết {form}).")
    if not _host_ok(host):
        raise UserError(f"{label}: tên máy «{_shown(host)}» trong địa chỉ «{_shown(port)}» không hợp lệ "
                        f"(chỉ chữ không dấu, số, dấu chấm và gạch ngang, hoặc địa chỉ IP).")
    if not number:
        raise UserError(f"{label}: địa chỉ «{_shown(port)}» thiếu số cổng TCP (viết {form}).")
    if not (number.isascii() and number.isdigit() and len(number) <= 5 and 1 <= int(number) <= 65535):
        raise UserError(f"{label}: số cổng TCP «{_shown(number)}» trong địa chỉ «{_shown(port)}» "
                        f"phải là một số từ 1 đến 65535.")


def _host_ok(host: str) -> bool:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return host.endswith("]")
    return _HOST.fullmatch(host) is not None


def _int_in(value: object, allowed) -> bool:
    return type(value) is int and value in allowed  # not a bool, a float or a numeric string


def _shown(value: object) -> str:
    """A value from the file or the form, as a message quotes it."""
    try:
        return printable(value if isinstance(value, str) else json.dumps(value))
    except (TypeError, ValueError):  # an int of thousands of digits, an object JSON cannot write
        return "…"


@dataclass(frozen=True)
class ScannerSettings(PortSettings):
    suffix: str = "any"


@dataclass(frozen=True)
class DisplaySettings(PortSettings):
    protocol: str = "ascii"  # app/devices/display_protocols.PROTOCOLS
    address: int = 1  # this counter's board on the bus


@dataclass(frozen=True)
class PrinterSettings(PortSettings):
    code_page: int = 52  # ESC t n selecting WPC1258: 52 on Epson, 46 on some clones
    raster: bool = False  # print tickets as an image: slower, but works on any printer


@dataclass(frozen=True)
class KeypadSettings(PortSettings):
    """A serial rating keypad at the citizen's rating screen (`motcua rating`, app/devices/rating_keypad.py):
    kept apart from KINDS, which are the desk's devices and its devices page."""


KEYPAD = "Bàn phím đánh giá"
DOCSCAN = "Máy quét tài liệu"
# How this PC digitizes papers (app/devices/docscan/factory.py builds the adapter).
DOCSCAN_KINDS = {"none": "Không dùng", "escl": "Máy quét mạng (eSCL, AirScan)",
                 "sane": "Máy quét SANE (Linux)", "wia": "Máy quét USB qua WIA (Windows)",
                 "folder": "Thư mục quét của máy photocopy"}
DOCSCAN_ADDRESS = {"escl": "địa chỉ eSCL (http://192.168.1.20/eSCL)", "sane": "tên thiết bị SANE (test:0)",
                   "folder": "đường dẫn thư mục quét"}
MAX_ADDRESS = 500


@dataclass(frozen=True)
class DocScanSettings:
    """The document scanner of this PC and how it scans (app/devices/docscan/base.ScanSettings)."""

    kind: str = "none"
    address: str = ""  # eSCL root URL, SANE device name, WIA device id (empty: the first), or folder path
    resolution: int = 200
    color_mode: str = "gray"
    duplex: bool = False
    page_size: str = "A4"
    source: str = "feeder"

    def check(self) -> DocScanSettings:
        """UserError naming the first wrong value, of any type (the file is read through here)."""
        from app.devices.docscan.base import COLOR_MODES, PAGE_SIZES, SOURCES

        if not isinstance(self.kind, str) or self.kind not in DOCSCAN_KINDS:
            raise UserError(f"{DOCSCAN}: loại «{_shown(self.kind)}» không có (chọn {', '.join(DOCSCAN_KINDS)}).")
        if not isinstance(self.address, str) or first_bad_char(self.address) is not None:
            raise UserError(f"{DOCSCAN}: địa chỉ «{_shown(self.address)}» có ký tự điều khiển hoặc không phải chữ.")
        if len(self.address) > MAX_ADDRESS:
            raise UserError(f"{DOCSCAN}: địa chỉ dài quá {MAX_ADDRESS} ký tự.")
        if not _int_in(self.resolution, range(75, 601)):
            raise UserError(f"{DOCSCAN}: độ phân giải {_shown(self.resolution)} dpi không hợp lệ (từ 75 đến 600).")
        if not isinstance(self.color_mode, str) or self.color_mode not in COLOR_MODES:
            raise UserError(f"{DOCSCAN}: chế độ màu «{_shown(self.color_mode)}» không có "
                            f"(chọn {', '.join(COLOR_MODES)}).")
        if not isinstance(self.page_size, str) or self.page_size not in PAGE_SIZES:
            raise UserError(f"{DOCSCAN}: khổ giấy «{_shown(self.page_size)}» không có (chọn {', '.join(PAGE_SIZES)}).")
        if not isinstance(self.source, str) or self.source not in SOURCES:
            raise UserError(f"{DOCSCAN}: nguồn giấy «{_shown(self.source)}» không có (chọn {', '.join(SOURCES)}).")
        if not isinstance(self.duplex, bool):
            raise UserError(f"{DOCSCAN}: «duplex» phải là true hoặc false.")
        self.scan_settings()  # the scanners' own checks, should they ever be stricter than these
        address = self.address.strip()
        if self.kind == "none" or (self.kind == "wia" and not address):  # WIA: the first scanner
            return self
        if not address:
            raise UserError(f"{DOCSCAN}: thiếu {DOCSCAN_ADDRESS[self.kind]}.")
        if self.kind == "escl":
            from app.devices.docscan.escl import normalize_url

            try:
                normalize_url(address)
            except UserError as exc:
                raise UserError(f"{DOCSCAN}: {exc.message}") from None
        elif self.kind == "folder" and not (PureWindowsPath(address).is_absolute()
                                            or PurePosixPath(address).is_absolute()):
            raise UserError(f"{DOCSCAN}: thư mục quét «{_shown(address)}» phải là đường dẫn đầy đủ "
                            r"(D:\Quet, \\may-chu\quet hoặc /srv/quet).")
        return self

    def scan_settings(self):
        """As the scanners take them (app/devices/docscan/base.ScanSettings)."""
        from app.devices.docscan.base import ScanSettings

        try:
            return ScanSettings(resolution=self.resolution, color_mode=self.color_mode, duplex=self.duplex,
                                page_size=self.page_size, source=self.source)
        except UserError as exc:
            raise UserError(f"{DOCSCAN}: {exc.message}") from None


TOKEN = "Token ký số"


@dataclass(frozen=True)
class TokenSettings:
    """The officer's signing token on this PC (app/signing/pkcs11_signer.py): the path of its
    PKCS#11 library (the CA's driver, e.g. C:\\Windows\\System32\\vnpt-ca_csp11.dll), "" when no
    token is used on this PC, and the token's label when several may be plugged in ("" the first)."""

    library: str = ""
    label: str = ""

    def check(self) -> TokenSettings:
        """UserError naming the first wrong value, of any type (the file is read through here)."""
        if not isinstance(self.library, str) or first_bad_char(self.library) is not None:
            raise UserError(f"{TOKEN}: đường dẫn thư viện «{_shown(self.library)}» có ký tự điều khiển "
                            "hoặc không phải chữ.")
        if len(self.library) > MAX_ADDRESS:
            raise UserError(f"{TOKEN}: đường dẫn thư viện dài quá {MAX_ADDRESS} ký tự.")
        library = self.library.strip()
        if library and not (PureWindowsPath(library).is_absolute() or PurePosixPath(library).is_absolute()):
            raise UserError(f"{TOKEN}: thư viện «{_shown(library)}» phải là đường dẫn đầy đủ "
                            r"(C:\Windows\System32\token.dll hoặc /usr/lib/token.so).")
        if not isinstance(self.label, str) or first_bad_char(self.label) is not None:
            raise UserError(f"{TOKEN}: nhãn token «{_shown(self.label)}» có ký tự điều khiển hoặc không phải chữ.")
        if len(self.label) > 32:  # PKCS#11 labels are 32 bytes
            raise UserError(f"{TOKEN}: nhãn token dài quá 32 ký tự.")
        return self


@dataclass(frozen=True)
class DeviceSettings:
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    wedge: bool = True  # tell keyboard-wedge scans from typing anywhere in the app (ui/devices/wedge.py)
    docscan: DocScanSettings = field(default_factory=DocScanSettings)  # an old file without it: none
    keypad: KeypadSettings = field(default_factory=KeypadSettings)  # the rating screen's serial keypad
    token: TokenSettings = field(default_factory=TokenSettings)  # an old file without it: no token

    def check(self) -> DeviceSettings:
        from app.devices.display_protocols import PROTOCOLS

        for kind in KINDS:
            getattr(self, kind).check(KINDS[kind])
        if not isinstance(self.keypad, KeypadSettings):
            raise UserError(f"Cấu hình thiết bị: mục «keypad» phải là cấu hình {KEYPAD.lower()}.")
        self.keypad.check(KEYPAD)
        if not isinstance(self.docscan, DocScanSettings):
            raise UserError(f"Cấu hình thiết bị: mục «docscan» phải là cấu hình {DOCSCAN.lower()}.")
        self.docscan.check()
        if not isinstance(self.token, TokenSettings):
            raise UserError(f"Cấu hình thiết bị: mục «token» phải là cấu hình {TOKEN.lower()}.")
        self.token.check()
        if not isinstance(self.scanner.suffix, str) or self.scanner.suffix not in SUFFIXES:
            raise UserError(f"Máy quét: hậu tố «{_shown(self.scanner.suffix)}» không có.")
        if not isinstance(self.display.protocol, str) or self.display.protocol not in PROTOCOLS:
            raise UserError(f"Bảng LED: giao thức «{_shown(self.display.protocol)}» không có "
                            f"(chọn {', '.join(PROTOCOLS)}).")
        if not _int_in(self.display.address, range(1, 248)):
            raise UserError("Bảng LED: địa chỉ phải từ 1 đến 247.")
        if not _int_in(self.printer.code_page, range(256)):
            raise UserError("Máy in: bảng mã (ESC t n) phải từ 0 đến 255.")
        if not isinstance(self.printer.raster, bool) or not isinstance(self.wedge, bool):
            raise UserError("Cấu hình thiết bị: «raster» và «wedge» phải là true hoặc false.")
        ports = [getattr(self, k).port.strip() for k in (*KINDS, "keypad") if getattr(self, k).port.strip()]
        if len(ports) != len(set(ports)):
            raise UserError("Hai thiết bị không thể dùng chung một cổng.")
        return self

    def to_json(self) -> dict:
        """The file's content; ports without surrounding blanks, as loading reads them."""
        return {**{kind: {**asdict(getattr(self, kind)), "port": getattr(self, kind).port.strip()} for kind in KINDS},
                "wedge": self.wedge, "docscan": {**asdict(self.docscan), "address": self.docscan.address.strip()},
                "keypad": {**asdict(self.keypad), "port": self.keypad.port.strip()},
                "token": {"library": self.token.library.strip(), "label": self.token.label.strip()}}

    @classmethod
    def from_json(cls, data: dict) -> DeviceSettings:
        if not isinstance(data, dict):
            raise UserError("Cấu hình thiết bị phải là một đối tượng JSON.")
        unknown = set(data) - {*KINDS, "wedge", "docscan", "keypad", "token"}
        if unknown:
            raise UserError(f"Cấu hình thiết bị: không có mục {printable(', '.join(sorted(unknown)))}.")
        wedge = data.get("wedge", True)
        if not isinstance(wedge, bool):
            raise UserError("Cấu hình thiết bị: «wedge» phải là true hoặc false.")
        parts = {}
        labels = {**KINDS, "docscan": DOCSCAN, "keypad": KEYPAD, "token": TOKEN}
        for kind, klass in (("scanner", ScannerSettings), ("display", DisplaySettings),
                            ("printer", PrinterSettings), ("docscan", DocScanSettings),
                            ("keypad", KeypadSettings), ("token", TokenSettings)):
            given = data.get(kind)
            if given is None:
                given = {}
            if not isinstance(given, dict):
                raise UserError(f"Cấu hình thiết bị: mục «{kind}» phải là một đối tượng JSON.")
            known = {f.name: f.type for f in fields(klass)}
            unknown = set(given) - set(known)
            if unknown:
                raise UserError(f"{labels[kind]}: không có mục cấu hình {printable(', '.join(sorted(unknown)))}.")
            base = klass()
            values = {}
            for name, value in given.items():
                default = getattr(base, name)
                if type(value) is not type(default):  # noqa: E721 (bool is not an int here)
                    raise UserError(f"{labels[kind]}: giá trị «{_shown(value)}» của {name} sai kiểu.")
                values[name] = value.strip() if isinstance(value, str) else value
            parts[kind] = replace(base, **values)
        return cls(**parts, wedge=wedge).check()


def config_path(data_dir: Path) -> Path:
    return Path(data_dir) / "devices.json"


def load_devices(data_dir: Path) -> DeviceSettings:
    path = config_path(data_dir)
    if not path.exists():
        return DeviceSettings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UserError(f"Tệp cấu hình thiết bị «{path}» không đọc được: không phải JSON hợp lệ "
                        f"(dòng {exc.lineno}, cột {exc.colno}).") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"Tệp cấu hình thiết bị «{path}» không đọc được: không phải văn bản UTF-8 "
                        f"(byte lạ ở vị trí {exc.start}).") from None
    except (RecursionError, ValueError):  # nested thousands deep, a number of thousands of digits
        raise UserError(f"Tệp cấu hình thiết bị «{path}» không đọc được: không phải tệp cấu hình.") from None
    except OSError as exc:
        raise UserError(f"Tệp cấu hình thiết bị «{path}» không đọc được: {exc.strerror or exc}.") from None
    return DeviceSettings.from_json(data)


def save_devices(data_dir: Path, settings: DeviceSettings) -> None:
    """Checked first, then written whole (a temporary file renamed): a refusal or a full disk
    leaves the previous file as it was."""
    settings.check()
    path = config_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, (json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        raise UserError(f"Không ghi được tệp cấu hình thiết bị «{path}»: {exc.strerror or exc}.") from None
