"""The device settings file (<data>/devices.json): any bytes and valid settings with a few changes
load as settings or one Vietnamese UserError; valid settings round-trip; a refused save leaves the
file exactly as it was, and no temporary file behind."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import example, given
from hypothesis import strategies as st

from app.devices.config import (
    BAUDS,
    PARITIES,
    SUFFIXES,
    DeviceSettings,
    DisplaySettings,
    PrinterSettings,
    ScannerSettings,
    config_path,
    load_devices,
    save_devices,
)
from app.devices.display_protocols import PROTOCOLS
from app.errors import UserError
from tests.fuzz.strategies import any_text, assert_refusal, dumps, fuzz, json_value, mutations

SAMPLE = {"scanner": {"port": "/dev/ttyUSB0", "baud": 9600, "suffix": "crlf"},
          "display": {"port": "COM3", "protocol": "modbus", "address": 12},
          "printer": {"port": "/dev/ttyS1", "code_page": 46, "raster": True}, "wedge": False}
NAMES = ("Cấu hình thiết bị", "Máy quét", "Bảng LED", "Máy in", "Hai thiết bị", "cấu hình thiết bị")

hosts = st.one_of(st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(lambda a: f"[{a}]"),
                  st.from_regex(r"\A[a-z0-9]([a-z0-9.-]{0,20}[a-z0-9])?\Z"))
ports = st.one_of(st.just(""), st.just("loop://"),
                  st.from_regex(r"\A(/dev/tty(USB|S|ACM)[0-9]{1,2}|COM[1-9][0-9]?)\Z"),
                  st.builds("{}://{}:{}".format, st.sampled_from(["socket", "rfc2217", "SOCKET"]), hosts,
                            st.integers(1, 65535)))
common = {"baud": st.sampled_from(BAUDS), "bytesize": st.sampled_from([7, 8]),
          "parity": st.sampled_from(sorted(PARITIES)), "stopbits": st.sampled_from([1, 2])}
settings_ = st.builds(
    DeviceSettings,
    scanner=st.builds(ScannerSettings, port=ports, suffix=st.sampled_from(sorted(SUFFIXES)), **common),
    display=st.builds(DisplaySettings, port=ports, protocol=st.sampled_from(sorted(PROTOCOLS)),
                      address=st.integers(1, 247), **common),
    printer=st.builds(PrinterSettings, port=ports, code_page=st.integers(0, 255), raster=st.booleans(), **common),
    wedge=st.booleans(),
).filter(lambda s: len({p for p in (s.scanner.port, s.display.port, s.printer.port) if p})
         == len([p for p in (s.scanner.port, s.display.port, s.printer.port) if p]))


def load(folder) -> DeviceSettings | None:
    try:
        return load_devices(folder)
    except UserError as exc:
        assert_refusal(exc.message, names=NAMES)
        return None


@fuzz(300)
@given(st.one_of(st.binary(max_size=300), mutations(SAMPLE).map(dumps), st.just(dumps(SAMPLE)[:-5])))
@example(b'{"scanner": [[1]]}')  # was: TypeError (unhashable list)
@example(b'{"printer": 5}')  # was: TypeError
@example(b"[" * 50_000)  # was: RecursionError
@example(b'{"scanner": {"baud": ' + b"9" * 5000 + b"}}")  # was: ValueError (int digits)
@example(b'{"scanner": {"port": "/dev/tty\\u0000"}}')
@example(b'{"display": {"port": "socket://10.0.0.7:' + b"9" * 5000 + b'"}}')  # a port of 5,000 digits
@example(b'{"display": {"port": "socket://[::1:4001"}}')  # an IPv6 address without its ]
def test_any_file(tmp_path, data):
    config_path(tmp_path).write_bytes(data)
    loaded = load(tmp_path)
    if loaded is not None:
        assert loaded.check() == loaded


@fuzz(100)
@given(settings_)
def test_valid_settings_round_trip(tmp_path, settings):
    save_devices(tmp_path, settings)
    assert load_devices(tmp_path) == settings
    assert json.loads(config_path(tmp_path).read_text(encoding="utf-8")) == settings.to_json()


def stripped(settings: DeviceSettings) -> DeviceSettings:
    """As the file keeps them: ports without surrounding blanks."""
    return replace(settings, **{k: replace(getattr(settings, k), port=getattr(settings, k).port.strip())
                                for k in ("scanner", "display", "printer")})


@fuzz(100)
@given(settings_, st.sampled_from(["scanner", "display", "printer"]),
       st.sampled_from(["port", "baud", "bytesize", "parity", "stopbits", "suffix", "protocol", "address",
                        "code_page", "raster"]),
       st.one_of(any_text, st.integers(), json_value, st.sampled_from([0, 1, 3, 9601, 10**40, -1, True, 9600.0])))
@example(DeviceSettings(), "scanner", "port", "COM1\x00")
@example(DeviceSettings(), "scanner", "parity", ["N"])  # was: TypeError (unhashable)
@example(DeviceSettings(), "display", "address", "1")  # was: TypeError (str <= int)
@example(DeviceSettings(display=DisplaySettings(port="COM1")), "scanner", "port", "COM1 ")  # saved, then unloadable
@example(DeviceSettings(), "display", "port", "socket:10.0.0.7:4001")  # "//" missing
@example(DeviceSettings(), "display", "port", "socket://10.0.0.7")  # no TCP port
@example(DeviceSettings(), "display", "port", "socket://10.0.0.7:0")
@example(DeviceSettings(), "display", "port", "rfc2217://:2217")  # no host
@example(DeviceSettings(), "display", "port", "spy://COM3")  # a pyserial URL the app does not use
@example(DeviceSettings(), "printer", "port", "loop://?logging=debug")
@example(DeviceSettings(), "printer", "port", " socket://10.0.0.7:4001 ")  # saved stripped
def test_a_refused_save_leaves_the_file_as_it_was(tmp_path, settings, kind, name, value):
    save_devices(tmp_path, settings)
    before = config_path(tmp_path).read_bytes()
    part = getattr(settings, kind)
    if not hasattr(part, name):
        return
    changed = replace(settings, **{kind: replace(part, **{name: value})})
    try:
        save_devices(tmp_path, changed)
    except UserError as exc:
        assert_refusal(exc.message, names=NAMES)
        assert config_path(tmp_path).read_bytes() == before
    else:
        assert load_devices(tmp_path) == stripped(changed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["devices.json"]  # no temporary file left


def test_a_folder_that_cannot_be_written_is_one_message(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    try:
        save_devices(tmp_path / "data", DeviceSettings())
    except UserError as exc:
        assert_refusal(exc.message, names=("devices.json",))
    else:
        raise AssertionError("saved into a file")
