"""The sandbox portal (`motcua portal-sandbox`) as a real process for the tests.

    with Sandbox(tmp_path / "portal.sqlite3") as portal:
        portal.faults(drop_after=1.0)
        ...                                  # talk to portal.url with portal.headers
        portal.applied()                     # the portal's append-only log of applied items

`start()` launches `python -m app portal-sandbox --port 0 --faults --store FILE --token T`, reads
the line "Cổng thử nghiệm: URL" to learn the port and waits until `/api/v1/ping` answers. `stop()`
ends it gracefully (SIGTERM), `kill()` brutally (SIGKILL); calling `start()` again brings it back on
the same port with the same store ("the network is back").
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOKEN = "test-token"
DEFAULT_UNIT = "000.00.01.H62"
_BANNER = "Cổng thử nghiệm: "


class SandboxError(RuntimeError):
    pass


class Sandbox:
    """One sandbox portal process. Attributes: `url` (http://127.0.0.1:PORT, no trailing slash;
    the API is under `url + "/api/v1"`), `token`, `unit`, `store_path`, `port`, `headers`."""

    def __init__(self, store_path: str | os.PathLike, *, token: str = DEFAULT_TOKEN,
                 unit: str = DEFAULT_UNIT, faults: bool = True, port: int = 0,
                 host: str = "127.0.0.1"):
        self.store_path = Path(store_path)
        self.token = token
        self.unit = unit
        self.fault_switches = faults
        self.host = host
        self.port = port
        self.url: str | None = None
        self._proc: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None
        self._log_path = self.store_path.with_name(self.store_path.name + ".log")

    # --- process --------------------------------------------------------------------------------
    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v1"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, timeout: float = 15.0) -> Sandbox:
        """Start (or restart, on the port learnt the first time) and wait until it answers."""
        if self.running:
            return self
        self.store_path.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "app", "portal-sandbox", "--port", str(self.port),
               "--host", self.host, "--store", str(self.store_path), "--token", self.token,
               "--unit", self.unit]
        if self.fault_switches:
            cmd.append("--faults")
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["PYTHONIOENCODING"] = "utf-8"
        env["PYTHONUNBUFFERED"] = "1"
        log = open(self._log_path, "ab")  # noqa: SIM115 - handed to the child
        try:
            self._proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=log)
        finally:
            log.close()
        found: list[str] = []
        got_line = threading.Event()

        def read(stream):
            for raw in stream:  # keeps draining stdout so the child never blocks on a full pipe
                line = raw.decode("utf-8", "replace").strip()
                if not found and line.startswith(_BANNER):
                    found.append(line[len(_BANNER):].strip())
                    got_line.set()
            got_line.set()

        self._reader = threading.Thread(target=read, args=(self._proc.stdout,), daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        if not got_line.wait(timeout) or not found:
            self._fail("did not print its address")
        self.url = found[0].rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])
        while True:
            try:
                r = httpx.get(f"{self.api_url}/ping", headers=self.headers, timeout=1.0)
                if r.status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or not self.running:
                self._fail("does not answer /api/v1/ping")
            time.sleep(0.02)

    def _fail(self, what: str):
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(5)
        try:
            err = self._log_path.read_text("utf-8", "replace")[-4000:]
        except OSError:
            err = ""
        raise SandboxError(f"the sandbox portal {what}.\n{err}")

    def stop(self, timeout: float = 10.0) -> None:
        """Graceful stop (SIGTERM) and wait; kills it if it does not go."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)
        self._reap()

    def kill(self) -> None:
        """Abrupt end (SIGKILL on POSIX): no clean shutdown at all."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(10)
        self._reap()

    def _reap(self) -> None:
        if self._reader is not None:
            self._reader.join(2)
        if self._proc is not None and self._proc.stdout is not None:
            self._proc.stdout.close()
        self._proc = None
        self._reader = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- admin endpoints (/__sandbox/, only with --faults) ---------------------------------------
    def _admin(self, method: str, path: str, **kw):
        if self.url is None:
            raise SandboxError("the sandbox portal is not started")
        r = httpx.request(method, f"{self.url}/__sandbox/{path}", timeout=30.0, **kw)
        r.raise_for_status()
        return r.json()

    def faults(self, **probabilities) -> dict:
        """Switch faults on: drop_before, drop_after, truncate, error500, error429, delay,
        duplicate (probabilities 0..1), retry_after and delay_seconds (seconds), seed (int).
        Kinds not named are switched off. Returns the active settings."""
        return self._admin("POST", "faults", json=probabilities)

    def reset_faults(self) -> dict:
        return self._admin("POST", "reset-faults")

    def stats(self) -> dict:
        """{"requests", "faults": {kind: count}, "applied", "duplicates", "rejected"}."""
        return self._admin("GET", "stats")

    def applied(self, hoso_id: str | None = None) -> list[dict]:
        """The applied log in order: [{"seq", "Key", "HoSoId", "PhienBan", "DichVu", "Data", "at"}]."""
        params = {"HoSoId": hoso_id} if hoso_id else None
        return self._admin("GET", "applied", params=params)["items"]

    def file_online(self, count: int, attachments: int = 0, procedure: str | None = None) -> list[dict]:
        """Synthetic dossiers filed online (status 1). Each: {"MaHoSo", "HoSoId", "MaTTHC",
        "TepDinhKem": [{"Id", "TenTep", "KichThuoc", "LoaiTep", "SHA256", "DuongDan"}]}."""
        body: dict = {"count": count, "attachments": attachments}
        if procedure:
            body["procedure"] = procedure
        return self._admin("POST", "online-dossiers", json=body)["items"]

    # --- convenience ----------------------------------------------------------------------------
    def client(self, timeout: float = 5.0, **kw) -> httpx.Client:
        """An httpx client on `url` carrying the office's token (the caller closes it)."""
        return httpx.Client(base_url=self.url, headers=self.headers, timeout=timeout, **kw)
