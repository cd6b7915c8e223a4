"""`motcua devices emulate escl`: an eSCL document scanner on HTTP (app/devices/docscan/
escl_emulator.py) for training and work without a scanner; the desk, or any AirScan client
(sane-airscan, Windows' own), scans from it. Unlike the serial emulators it needs no
pseudo-terminal, so it runs on Windows too."""

from __future__ import annotations

import errno
import socket
import time

from app.errors import UserError
from app.oserrors import os_reason

DEFAULT_PORT = 8770
MAX_PAGES = 500
MAX_SLOW_MS = 60_000


def check_options(args) -> None:
    """Every value checked before the server starts: one Vietnamese line for the first wrong one."""
    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    if not 1 <= args.pages <= MAX_PAGES:
        raise UserError(f"Số trang trong khay (--pages) phải từ 1 đến {MAX_PAGES}, không phải {args.pages}.")
    for name, value in (("--jam-at", args.jam_at), ("--drop-at", args.drop_at)):
        if value is not None and not 1 <= value <= MAX_PAGES:
            raise UserError(f"{name} là số thứ tự một trang, từ 1 đến {MAX_PAGES}, không phải {value}.")
    if not 0 <= args.slow <= MAX_SLOW_MS:
        raise UserError(f"--slow là số mili giây mỗi trang, từ 0 đến {MAX_SLOW_MS}, không phải {args.slow}.")


def emulate_escl(args) -> int:
    from app.devices.docscan.escl_emulator import EsclEmulator

    args.port = DEFAULT_PORT if args.port is None else args.port
    args.pages = 5 if args.pages is None else args.pages
    check_options(args)
    emulator = EsclEmulator(pages=args.pages, jam_at=args.jam_at, empty=args.empty, drop_at=args.drop_at,
                            slow_ms=args.slow, host=args.host, port=args.port,
                            on_event=lambda text: print(text, flush=True))
    try:
        emulator.start()
    except OSError as exc:
        raise UserError(f"Không mở được cổng {args.port} trên «{args.host}»: {_bind_reason(exc)}.") from None
    switches = [f"{args.pages} trang mỗi lệnh quét"]
    if args.empty:
        switches.append("khay nạp trống")
    if args.jam_at:
        switches.append(f"kẹt giấy ở trang {args.jam_at}")
    if args.drop_at:
        switches.append(f"mất kết nối ở trang {args.drop_at}")
    if args.slow:
        switches.append(f"{args.slow} ms mỗi trang")
    print(f"Đang giả lập máy quét tài liệu eSCL tại {emulator.url} ({', '.join(switches)}; Ctrl+C để dừng).",
          flush=True)
    try:
        while True:  # the server answers in its own threads; Ctrl+C ends this wait
            time.sleep(0.1)
    finally:
        emulator.stop()


def _bind_reason(exc: OSError) -> str:
    if isinstance(exc, socket.gaierror):
        return "không tìm thấy địa chỉ này"
    if exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048:
        return "cổng đang được chương trình khác dùng"
    if exc.errno == errno.EADDRNOTAVAIL or getattr(exc, "winerror", None) == 10049:
        return "máy này không có địa chỉ đó"
    if exc.errno == errno.EACCES or getattr(exc, "winerror", None) == 10013:
        return "không có quyền mở cổng này (cổng dưới 1024 cần quyền quản trị)"
    return os_reason(exc)
