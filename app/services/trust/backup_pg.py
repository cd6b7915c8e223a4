"""PostgreSQL backups with the server's own tools: pg_dump (custom format) makes one, pg_restore
reads and checks one, and psql loads one inside a single transaction.

The password never appears on a command line (other users of the server could read it in the
process list): it goes to the tools in PGPASSWORD, and `--no-password` makes them fail at once
instead of waiting for a keyboard that a scheduled task does not have."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from app.errors import UserError

HINT = ("cài gói «postgresql-client» (Linux) hoặc PostgreSQL cho Windows, "
        "hoặc đặt biến MOTCUA_PG_BINDIR là thư mục chứa công cụ đó")

# What the dump must hold to be ours: the dossiers and the schema version.
TABLES = ("dossiers", "alembic_version")

# Run before the backup's own script, in the same transaction: tables a newer schema added (or a
# stray table) would survive pg_restore's --clean, which only drops what the dump holds, and the
# migrations would then stumble on them. The lock timeout turns "a counter is writing" into a
# clear refusal instead of a hang; the dump's script sets it back to 0 for itself.
LOCK_TIMEOUT_MS = 10_000
PREAMBLE = """SET lock_timeout = '{lock_ms}ms';
DO $$DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END$$;
"""


def find_tool(name: str) -> str:
    """The PostgreSQL client tool `name`: MOTCUA_PG_BINDIR, then PATH, then the usual folders
    (newest version first)."""
    exe = f"{name}.exe" if os.name == "nt" else name
    configured = os.environ.get("MOTCUA_PG_BINDIR")
    if configured:
        candidate = Path(configured) / exe
        if candidate.is_file():
            return str(candidate)
    on_path = shutil.which(name)
    if on_path:
        return on_path
    folders = glob.glob("/usr/lib/postgresql/*/bin") + glob.glob(r"C:\Program Files\PostgreSQL\*\bin")
    for folder in sorted(folders, key=_version_of, reverse=True):
        candidate = Path(folder) / exe
        if candidate.is_file():
            return str(candidate)
    raise UserError(f"Không tìm thấy {name} (công cụ sao lưu của PostgreSQL): {HINT}.")


def _version_of(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def conninfo(url: URL) -> str:
    """A libpq connection string for the tools: everything in the URL but the password."""
    parts = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    for key, value in url.query.items():  # sslmode, a socket folder given as host=…, …
        parts.setdefault(key, value if isinstance(value, str) else value[-1])
    return " ".join(f"{k}={_quote(str(v))}" for k, v in parts.items() if v not in (None, ""))


def _env(url: URL) -> dict[str, str]:
    env = dict(os.environ)  # PGPASSWORD or a pgpass file of the account serve when the URL has none
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    env.setdefault("PGCONNECT_TIMEOUT", "15")
    return env


def problem(stderr: str) -> str:
    """The line of a tool's error output that says what went wrong."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for marker in ("FATAL:", "ERROR:", "error:", "lỗi:"):
        for ln in lines:
            if marker in ln:
                return ln[ln.index(marker) + len(marker):].strip()
    return lines[-1] if lines else "không rõ nguyên nhân"


def dump(url: URL, target: Path, display: str) -> None:
    """pg_dump the whole database into `target` (a new file; the caller renames it into place).
    pg_dump reads everything in one snapshot: the copy is consistent while counters write."""
    tool = find_tool("pg_dump")
    result = subprocess.run([tool, "--format=custom", "--no-password", f"--file={target}",
                             f"--dbname={conninfo(url)}"],
                            env=_env(url), capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise UserError(f"pg_dump không sao lưu được {display}: {problem(result.stderr)}.")


@dataclass
class DumpFacts:
    revision: str | None = None
    dossiers: int = 0
    files: int = 0  # rows of stored_files
    files_without_bytes: list[str] = field(default_factory=list)  # their `data` NULL: not in the dump


def read_dump(path: Path, shown_as: Path) -> DumpFacts:
    """Check a custom-format dump by reading all of it: pg_restore must list our tables and then
    decode every table's data (a truncated or damaged file fails here). Returns the schema
    revision, the number of dossiers and what it holds of the stored files."""
    tool = find_tool("pg_restore")
    listing = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True,
                             stdin=subprocess.DEVNULL)
    if listing.returncode != 0:
        raise UserError(f"Tệp «{shown_as}» bị hỏng hoặc không phải bản sao PostgreSQL: "
                        f"{problem(listing.stderr)}.")
    for table in TABLES:
        if not re.search(rf"^\d+; \d+ \d+ TABLE DATA \S+ {table}\b", listing.stdout, re.MULTILINE):
            raise UserError(f"Tệp «{shown_as}» không phải bản sao lưu của Một Cửa: không có bảng {table}.")
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([tool, "--data-only", "--file=-", str(path)], stdout=subprocess.PIPE,
                                stderr=err, stdin=subprocess.DEVNULL)
        facts = _scan_copy_blocks(proc.stdout)
        code = proc.wait()
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    if code != 0:
        raise UserError(f"Tệp «{shown_as}» bị hỏng (có thể chưa chép hết): {problem(message)}.")
    if facts.revision is None:
        raise UserError(f"Tệp «{shown_as}» không phải bản sao lưu của Một Cửa: không ghi phiên bản lược đồ.")
    return facts


def _columns(header: bytes) -> list[bytes]:
    """The column names of `COPY table (a, b, …) FROM stdin;`."""
    inside = header[header.find(b"(") + 1:header.rfind(b")")]
    return [c.strip().strip(b'"') for c in inside.split(b",")]


def _scan_copy_blocks(stream) -> DumpFacts:
    """Reads pg_restore's script to the end; counts the rows of `COPY … dossiers`, takes the
    revision from `COPY … alembic_version`, and notes the stored files whose bytes are NULL
    (one row per line in COPY's text format, NULL written as \\N)."""
    facts, table, sha_at, data_at = DumpFacts(), None, 0, None
    for line in stream:
        if table is None:
            if line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;"):
                table = line.split()[1].split(b".")[-1].strip(b'"').decode()
                if table == "stored_files":
                    cols = _columns(line)
                    sha_at = cols.index(b"sha256") if b"sha256" in cols else 0
                    data_at = cols.index(b"data") if b"data" in cols else None
            continue
        if line.rstrip(b"\r\n") == b"\\.":
            table = None
        elif table == "dossiers":
            facts.dossiers += 1
        elif table == "alembic_version" and facts.revision is None:
            facts.revision = line.split(b"\t")[0].strip().decode()
        elif table == "stored_files":
            facts.files += 1
            fields = line.rstrip(b"\r\n").split(b"\t")
            if data_at is not None and data_at < len(fields) and fields[data_at] == b"\\N":
                facts.files_without_bytes.append(fields[sha_at].decode("ascii", "replace"))
    return facts


def restore(url: URL, path: Path, display: str) -> None:
    """Replace the database's contents with the dump, all or nothing: psql runs the preamble and
    pg_restore's script in one transaction and commits only when pg_restore read the whole file
    without error. Any failure rolls back and leaves the old data."""
    restore_tool, psql = find_tool("pg_restore"), find_tool("psql")
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        loader = subprocess.Popen([psql, "--no-psqlrc", "--quiet", "--no-password", "-v", "ON_ERROR_STOP=1",
                                   f"--dbname={conninfo(url)}"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_err,
                                  env=_env(url))
        reader = subprocess.Popen([restore_tool, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                   "--file=-", str(path)],
                                  stdout=subprocess.PIPE, stderr=restore_err, stdin=subprocess.DEVNULL)
        read_ok = False
        try:
            loader.stdin.write(b"BEGIN;\n" + PREAMBLE.format(lock_ms=LOCK_TIMEOUT_MS).encode())
            shutil.copyfileobj(reader.stdout, loader.stdin, 1 << 20)
            read_ok = reader.wait() == 0
            if read_ok:
                loader.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped at an error: reported below
        finally:
            if reader.poll() is None:
                reader.kill()
            reader.wait()
            if not read_ok:  # no COMMIT: psql ends, its connection closes, the server rolls back
                loader.kill()
            try:
                loader.stdin.close()
            except BrokenPipeError:
                pass
            loaded = loader.wait() == 0
        psql_err.seek(0)
        restore_err.seek(0)
        load_msg = psql_err.read().decode("utf-8", "replace")
        read_msg = restore_err.read().decode("utf-8", "replace")
    if "lock timeout" in load_msg:
        raise UserError(f"{display} đang được các quầy dùng: đóng ứng dụng Một Cửa ở các quầy rồi khôi phục lại. "
                        "Dữ liệu cũ giữ nguyên.")
    if not loaded and ("ERROR:" in load_msg or "FATAL:" in load_msg or read_ok):
        raise UserError(f"Khôi phục vào {display} không thành công: {problem(load_msg)}. Dữ liệu cũ giữ nguyên.")
    if not read_ok:
        raise UserError(f"Không đọc hết được bản sao: {problem(read_msg)}. Dữ liệu cũ giữ nguyên.")
