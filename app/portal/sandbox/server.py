"""Assembling the sandbox portal (create_app) and serving it with uvicorn (run)."""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI

from app.errors import UserError
from app.portal.sandbox import admin, api, citizen, errors, files
from app.portal.sandbox.catalog import Catalog
from app.portal.sandbox.faults import FaultMiddleware, Faults, QuietDrops
from app.portal.sandbox.store import Store

BANNER = "Cổng thử nghiệm: "


def create_app(store: Store | str | Path, token: str, faults_enabled: bool = False,
               unit: str = "000.00.01.H62", catalog: Catalog | None = None) -> FastAPI:
    """The ASGI app: /api/v1 (bearer token), the citizen pages, and /__sandbox/ only when
    `faults_enabled` (the fault middleware is always there but does nothing until switched on)."""
    app = FastAPI(title="Cổng dịch vụ công thử nghiệm (Một Cửa)", docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.token = token
    app.state.unit = unit
    app.state.catalog = catalog or Catalog()
    app.state.faults = Faults()
    app.state.files = files.FileStore(app.state.store)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(files.router)
    if faults_enabled:
        app.include_router(admin.router)
    app.include_router(citizen.router)
    app.add_middleware(FaultMiddleware, faults=app.state.faults)
    return app


def bind(host: str, port: int) -> socket.socket:
    """A bound TCP socket for host:port (uvicorn listens on it); UserError in Vietnamese."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise UserError(f"Không tìm thấy địa chỉ «{host}» để lắng nghe.") from None
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise UserError(f"Cổng {port} đang được dùng.") from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise UserError(f"Không có quyền mở cổng {port} (cổng dưới 1024 cần quyền quản trị).") from None
        raise UserError(f"Không mở được cổng {port} trên {host}: {exc.strerror or exc}.") from None
    sock.set_inheritable(True)
    return sock


def _display_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run(host: str, port: int, store_path: str | Path, token: str, unit: str,
        faults_enabled: bool = False) -> None:
    """Serve until SIGINT or SIGTERM; print "Cổng thử nghiệm: http://HOST:PORT" once listening."""
    import uvicorn

    sock = bind(host, port)
    store = Store(store_path)
    app = create_app(store, token, faults_enabled, unit)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", http="h11",
                            ws="none", loop="asyncio", timeout_graceful_shutdown=2,
                            timeout_keep_alive=5)
    logging.getLogger("uvicorn.error").addFilter(QuietDrops())
    logging.getLogger("motcua.portal_sandbox").addFilter(QuietDrops())
    real_port = sock.getsockname()[1]

    class Server(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if self.started:
                print(f"{BANNER}http://{_display_host(host)}:{real_port}", flush=True)

        @contextmanager
        def capture_signals(self):
            # uvicorn's own re-raises the signal after a graceful stop; we just end with 0.
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            signals = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGBREAK] if hasattr(signal, "SIGBREAK") else [])
            previous = {s: signal.signal(s, self.handle_exit) for s in signals}
            try:
                yield
            finally:
                for s, handler in previous.items():
                    signal.signal(s, handler)

    try:
        Server(config).run(sockets=[sock])
    finally:
        sock.close()
        store.close()
