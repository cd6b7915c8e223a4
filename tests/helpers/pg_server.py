"""A real, throwaway PostgreSQL server for the tests (a pytest plugin).

Each pytest process (each xdist worker) starts its own server the first time a test asks for one:
`initdb` into a temporary folder, then `postgres` on a free localhost port. PostgreSQL refuses to
run as root, so when the tests run as root (CI) the server runs as the unprivileged `postgres`
account (created by the Debian package) or `nobody`. A missing PostgreSQL is a test *error* with
the command that fixes it, never a skip: a skipped database test proves nothing.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

_INSTALL_HINT = "PostgreSQL server not found: run `bash scripts/system-deps.sh test` (apt, as root)"


def find_bindir() -> Path:
    configured = os.environ.get("MOTCUA_PG_BINDIR")
    candidates = [configured] if configured else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "postgres").exists():
            return Path(c)
    raise RuntimeError(_INSTALL_HINT)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The account the server runs as: ourselves unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged account (postgres/nobody) exists")


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    user: pwd.struct_passwd | None
    process: subprocess.Popen | None = None

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def sockdir(self) -> Path:
        return self.root / "sock"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://motcua@127.0.0.1:{self.port}/{dbname}"

    def _demote(self):
        if self.user is None:
            return None
        uid, gid = self.user.pw_uid, self.user.pw_gid

        def change():
            os.setgid(gid)
            os.setuid(uid)
        return change

    def _env(self) -> dict:
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        if self.user is not None:
            env["HOME"] = str(self.root)
        return env

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.sockdir.mkdir(exist_ok=True)
        if self.user is not None:
            for p in (self.root, self.sockdir):
                os.chown(p, self.user.pw_uid, self.user.pw_gid)
        result = subprocess.run(
            [str(self.bindir / "initdb"), "-D", str(self.datadir), "-A", "trust", "-U", "motcua",
             "-E", "UTF8", "--locale=C.UTF-8", "-N"],
            capture_output=True, text=True, preexec_fn=self._demote(), env=self._env(), cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - owned by the server process
        self.process = subprocess.Popen(
            [str(self.bindir / "postgres"), "-D", str(self.datadir), "-p", str(self.port),
             "-k", str(self.sockdir), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=60"],
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=self._demote(), env=self._env(),
            cwd=self.root)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("PostgreSQL exited at start:\n" + self.log_tail())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
                if self._ready():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not start within 30 s:\n" + self.log_tail())

    def _ready(self) -> bool:
        import psycopg
        try:
            with psycopg.connect(host="127.0.0.1", port=self.port, user="motcua", dbname="postgres",
                                 connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: "smart" shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join((self.root / "server.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def create_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(host="127.0.0.1", port=self.port, user="motcua", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


_server: PgServer | None = None
_names = itertools.count(1)


def _start_server() -> PgServer:
    global _server
    if _server is None:
        root = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
        os.chmod(root, 0o755)
        server = PgServer(bindir=find_bindir(), root=root / "pg", port=_free_port(), user=_run_as())
        try:
            server.init()
            server.start()
        except Exception:
            server.destroy()
            shutil.rmtree(root, ignore_errors=True)
            raise
        atexit.register(lambda: (server.destroy(), shutil.rmtree(root, ignore_errors=True)))
        _server = server
    return _server


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    """The running server of this test process (started on first use)."""
    try:
        return _start_server()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the real server for one test."""
    if pg_server.process is None or pg_server.process.poll() is not None:
        pg_server.start()  # a test that stopped the server gets it back for the next one
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return pg_server.create_database(f"t_{worker}_{next(_names)}")


def pytest_sessionfinish(session, exitstatus):
    if _server is not None:
        _server.destroy()


@dataclass
class CrashablePgServer(PgServer):
    """A private server for the crash tests, which may pull its power (`crash`) and start it again
    on the same data folder and port. `pg_ctl stop -m immediate` kills the server's processes, not
    the machine: what survives is what reached the kernel. So synchronous_commit is on, as on an
    office server (the shared server turns it off: a commit the client was told about could then
    still sit in the server's memory and vanish); fsync stays off, since without a real power loss
    it would change nothing here but the time (every commit and the data folder's sync at
    recovery)."""

    def start(self) -> None:
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - owned by the server process
        self.process = subprocess.Popen(
            [str(self.bindir / "postgres"), "-D", str(self.datadir), "-p", str(self.port),
             "-k", str(self.sockdir), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=20",
             "-c", "synchronous_commit=on", "-c", "fsync=off"],
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=self._demote(), env=self._env(),
            cwd=self.root)
        log.close()
        deadline = time.monotonic() + 60  # crash recovery replays the WAL first
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("PostgreSQL exited at start:\n" + self.log_tail())
            if self._ready():
                return
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not start within 60 s:\n" + self.log_tail())

    def crash(self) -> None:
        """The power pull: `pg_ctl stop -m immediate` (every server process quits at once, no
        checkpoint), so the next `start` runs crash recovery from the WAL."""
        result = subprocess.run(
            [str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir), "-m", "immediate", "-w", "-t", "30"],
            capture_output=True, text=True, preexec_fn=self._demote(), env=self._env(), cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctl stop -m immediate failed: {result.stderr.strip() or result.stdout.strip()}")
        if self.process is not None:
            self.process.wait(timeout=30)  # our child: reap it
        self.process = None

    def log_text(self) -> str:
        return (self.root / "server.log").read_text(errors="replace")


@pytest.fixture
def pg_crash_server():
    """A private, running CrashablePgServer for one test, removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="motcua-pgcrash-"))
    os.chmod(root, 0o755)  # the unprivileged server account must reach its folder
    server = None
    try:
        server = CrashablePgServer(bindir=find_bindir(), root=root / "pg", port=_free_port(), user=_run_as())
        server.init()
        server.start()
    except RuntimeError as exc:
        if server is not None:
            server.destroy()
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.crash()  # no shutdown checkpoint to wait for: the folder goes anyway
        server.destroy()
        shutil.rmtree(root, ignore_errors=True)
