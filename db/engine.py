"""Engine and session setup for the embedded SQLite file and the PostgreSQL office server.

SQLite: WAL so readers never wait for the writer, and every *write* transaction starts with
BEGIN IMMEDIATE, so two processes never both read then fail to upgrade to a write lock; they
queue on busy_timeout instead. Reads use a second engine with ordinary deferred transactions."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from app.data_folder import make_folders, tighten_database
from app.errors import UserError

log = logging.getLogger("motcua.db")

# How long a write waits for another process's write; a setting for tests of a locked file.
SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("MOTCUA_SQLITE_BUSY_MS", "30000"))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred-only).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits when the power goes, and a
    # citizen may already hold the receipt of one of them. FULL syncs the WAL at each commit.
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


class Database:
    """One office database. `reading()` and `writing()` give sessions; `writing()` commits
    on success and rolls everything back on any error, so nothing is ever half-written."""

    def __init__(self, url: str, *, echo: bool = False):
        try:
            self.url = make_url(url)
        except ArgumentError as exc:
            raise UserError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: «{url}».") from exc
        backend = self.url.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise UserError(
                f"Không hỗ trợ cơ sở dữ liệu «{backend}»: dùng sqlite:///ĐƯỜNG_DẪN hoặc "
                "postgresql+psycopg://NGƯỜI_DÙNG@MÁY/TÊN_CSDL."
            )
        self.is_sqlite = backend == "sqlite"
        try:
            if self.is_sqlite:
                file = self._prepare_sqlite_file()
                self.engine = create_engine(self.url, echo=echo)
                self.write_engine = create_engine(self.url, echo=echo)
                for eng, begin in ((self.engine, "BEGIN"), (self.write_engine, "BEGIN IMMEDIATE")):
                    event.listen(eng, "connect", _sqlite_pragmas)
                    # The file exists once connected: private from then on, and so are the -wal
                    # and -shm SQLite creates with its mode (app/data_folder.py).
                    event.listen(eng, "connect", lambda _c, _r, f=file: tighten_database(f))
                    event.listen(eng, "begin", lambda conn, b=begin: conn.exec_driver_sql(b))
            else:
                # A server that loses power answers nothing: give up in seconds, not in the
                # minutes the operating system's TCP defaults would wait.
                self.engine = create_engine(self.url, echo=echo, pool_pre_ping=True, connect_args={
                    "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                    "keepalives_count": 3, "tcp_user_timeout": 15000})
                self.write_engine = self.engine
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise UserError(f"Thiếu trình điều khiển cho «{self.url.drivername}».") from exc
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    def _prepare_sqlite_file(self) -> Path:
        path = self.url.database
        if not path or path == ":memory:":
            raise UserError("Cần một tệp SQLite thật, không dùng cơ sở dữ liệu trong bộ nhớ.")
        file = Path(path).expanduser().resolve()
        try:
            make_folders(file.parent)  # a folder made here is private (0700), whatever the umask
        except OSError as exc:
            raise UserError(f"Không tạo được thư mục dữ liệu «{file.parent}»: {exc.strerror}.") from exc
        return file

    @property
    def display_name(self) -> str:
        """What the status bar shows: never the password."""
        if self.is_sqlite:
            return f"SQLite: {self.url.database}"
        return f"PostgreSQL: {self.url.host or 'localhost'}/{self.url.database}"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


def core(session: Session) -> Connection:
    """The session's connection, for a Core statement in its transaction, after a flush of what
    the session holds (what its own `execute` would autoflush). The ORM's execute costs about three
    times a Core one: the hot paths (registering, the audit chain's head, the sequences) read and
    write through this."""
    session.flush()
    return session.connection()


def engine_for_migrations(db: Database) -> Engine:
    return db.write_engine
