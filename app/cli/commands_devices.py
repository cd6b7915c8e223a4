"""`motcua devices`: the serial ports of this PC, and device emulators on pseudo-terminals for work
and training without hardware (the tests use the same emulators)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.errors import UserError


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

    link = Path(args.link).expanduser()
    if not link.parent.is_dir():
        raise UserError(f"Không có thư mục «{link.parent}» để tạo cổng giả lập.")
    if link.exists() and not link.is_symlink():
        raise UserError(f"«{link}» đã là một tệp: chọn đường dẫn khác cho cổng giả lập.")
    kind = args.kind
    if kind == "scanner":
        emu = ScannerEmulator(link).plug()
    elif kind == "display":
        emu = DisplayEmulator(link, args.protocol).plug()
    else:
        emu = PrinterEmulator(link).plug()
    print(f"Đang giả lập {NAMES[kind]} tại cổng {link} (Ctrl+C để dừng).", flush=True)
    try:
        if kind == "scanner":
            source = open(args.file, encoding="utf-8") if args.file else sys.stdin  # noqa: SIM115
            with source:
                for line in source:
                    text = line.rstrip("\r\n")
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
