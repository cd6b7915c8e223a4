"""`motcua sync`: exchange with the provincial portal, once (--once) or until stopped (SIGTERM,
Ctrl-C). Exit codes with --once: 0 the cycle went through, 2 the portal could not be reached,
1 the portal refused something (wrong token, a refused request)."""

from __future__ import annotations

import signal
import sys
import threading

from app.errors import UserError

NO_PORTAL = "Chưa khai báo địa chỉ cổng dịch vụ công (cài đặt portal.url hoặc --portal)."
EXIT_OFFLINE = 2


def _portal(args, db) -> tuple[str, str]:
    from app.services.settings.store import load_settings

    settings = load_settings(db)
    url = (getattr(args, "portal", None) or settings["portal.url"] or "").strip()
    token = (getattr(args, "token", None) or settings["portal.token"] or "").strip()
    if not url:
        raise UserError(NO_PORTAL)
    if not url.startswith(("http://", "https://")):
        raise UserError(f"Địa chỉ cổng dịch vụ công phải bắt đầu bằng http:// hoặc https://: «{url}».")
    if not token:
        raise UserError("Chưa khai báo mã truy cập cổng (cài đặt portal.token hoặc --token).")
    return url, token


def _stamp() -> str:
    from app.clock import now_local

    return f"{now_local():%H:%M:%S}"


def sync(args) -> int:
    from app.cli.context import open_db, resolve
    from app.portal.client import PortalClient
    from app.portal.sync import SyncEngine

    db = open_db(args)
    url, token = _portal(args, db)
    folder, _ = resolve(args)
    client = PortalClient(url, token)
    try:
        engine = SyncEngine(db, client, data_dir=folder)
        if args.once:
            report = engine.run_once()
            print(report.summary(), flush=True)
            if report.ok:
                return 0
            sys.stderr.write(f"motcua: lỗi: {report.error}\n")
            return EXIT_OFFLINE if not report.online and not report.auth_failed else 1
        return _forever(engine, url)
    finally:
        client.close()
        db.dispose()


def _forever(engine, url: str) -> int:
    stop = threading.Event()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def ask_stop(*_):
        stop.set()

    for sig in previous:
        signal.signal(sig, ask_stop)
    last_error: list[str | None] = [None]

    def show(report) -> None:
        # One line per cycle that did something, and one when the portal goes away or comes back.
        if report.did_something or report.error != last_error[0]:
            line = report.summary() if report.did_something or report.error else "Đã kết nối lại cổng dịch vụ công."
            print(f"[{_stamp()}] {line}", flush=True)
        last_error[0] = report.error

    print(f"Đồng bộ với cổng {url}; dừng bằng Ctrl-C.", flush=True)
    try:
        engine.run_forever(stop, on_report=show)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("Đã dừng đồng bộ.", flush=True)
    return 0
