"""`motcua devices`: the serial ports of this PC, and device emulators on pseudo-terminals for work
and training without hardware (the tests use the same emulators)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.cli.context import stdin_lines
from app.cli.output import check_folder
from app.errors import UserError
from app.jsonfile import decode_text
from app.oserrors import name_length, name_limit, os_reason


def list_ports() -> list[tuple[str, str, str]]:
    """(device, description, VID:PID or "") for every serial port the system knows."""
    from serial.tools import list_ports as lp

    out = []
    for p in sorted(lp.comports(), key=lambda p: p.device):
        vid_pid = f"{p.vid:04X}:{p.pid:04X}" if p.vid is not None and p.pid is not None else ""
        out.append((p.device, p.description if p.description and p.description != "n/a" else "", vid_pid))
    return out


def devices_command(args) -> int:
    if args.devices_command == "list":
        ports = list_ports()
        if not ports:
            print("Không thấy cổng nối tiếp nào trên máy này.")
        for device, description, vid_pid in ports:
            print("\t".join(x for x in (device, description, vid_pid) if x))
        return 0
    return emulate(args)


def emulate(args) -> int:
    from app.devices.emulators import DisplayEmulator, PrinterEmulator, ScannerEmulator

    if os.name == "nt":
        raise UserError("Giả lập thiết bị dùng cổng ảo (pseudo-terminal) của Linux hoặc macOS: "
                        "trên Windows hãy dùng phần mềm cổng COM ảo.")
    link = _link_path(args.link)
    kind = args.kind
    codes = _codes_file(args.file) if kind == "scanner" and args.file else None  # read before the port appears
    if kind == "scanner":
        emu = ScannerEmulator(link)
    elif kind == "display":
        emu = DisplayEmulator(link, args.protocol)
    else:
        emu = PrinterEmulator(link)
    try:
        emu.plug()
    except OSError as exc:
        emu.close()
        raise UserError(f"Không tạo được cổng giả lập «{link}»: {os_reason(exc)}.") from None
    print(f"Đang giả lập {NAMES[kind]} tại cổng {link} (Ctrl+C để dừng).", flush=True)
    try:
        if kind == "scanner":
            for text in codes if codes is not None else stdin_lines("Mã cần quét"):
                if text:
                    emu.scan(text)
                    print(f"đã quét: {text}", flush=True)
                    time.sleep(args.pause)
            return 0
        shown = 0
        while True:  # the display and the printer only listen
            time.sleep(0.1)
            shown = _report(emu, kind, shown)
    finally:
        emu.close()


def _link_path(text: str) -> Path:
    """Where the emulated port's link goes: a free name (or an old link) in an existing folder."""
    link = Path(text).expanduser()
    check_folder(link.parent)
    if name_length(link.name) + len(".new") > name_limit(link.parent):
        raise UserError(f"Tên cổng giả lập «{link.name}» quá dài.")
    try:
        if link.exists() and not link.is_symlink():
            raise UserError(f"«{link}» đã là một tệp: chọn đường dẫn khác cho cổng giả lập.")
    except OSError as exc:
        raise UserError(f"Không dùng được đường dẫn «{link}»: {os_reason(exc)}.") from None
    return link


def _codes_file(name: str) -> list[str]:
    """The codes to scan, one a line: the whole file read and checked before anything is sent."""
    path = Path(name).expanduser()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UserError(f"«{name}» là một thư mục, không phải tệp mã cần quét.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp «{name}»: {os_reason(exc)}.") from None
    return [line.rstrip("\r") for line in decode_text(data, f"Tệp «{name}»").split("\n")]


NAMES = {"scanner": "máy quét mã vạch", "display": "bảng LED quầy", "printer": "máy in phiếu thứ tự"}


def _report(emu, kind: str, shown: int) -> int:
    if kind == "display":
        frames = list(emu.frames)
        for f in frames[shown:]:
            print(f"bảng địa chỉ {f.address}: {f.text}", flush=True)
        return len(frames)
    text = emu.text()
    if len(text) > shown:
        print(text[shown:], end="", flush=True)
    return len(text)
