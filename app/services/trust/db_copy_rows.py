"""The row-level steps of `motcua db copy` (app/services/trust/db_copy.py): what makes a target empty,
copying one table in batches with every value exactly as stored, setting PostgreSQL's id
sequences past the copied ids, and taking the receipts of the data folder into the archive table.

Exactly as stored matters: the audit chain's hashes cover the records' content, so a datetime
that lost its microseconds or a JSON text that changed would break `motcua audit verify` on the
copy. Typed columns (datetimes, dates, booleans, floats, bytes) go through SQLAlchemy's types on
both sides; JSON columns are carried as their text, untouched, so a JSON `null` stays distinct from
SQL NULL and no number or key order is rewritten on the way."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import (
    JSON,
    Connection,
    Integer,
    LargeBinary,
    Table,
    Text,
    cast,
    column,
    func,
    insert,
    select,
    table,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import NullType

from app.clock import now_local
from app.errors import UserError
from db.models import Base, CodeReplacement, Dossier, QueueGroup, ReceiptArchive

BATCH = 2000
TABLES: list[Table] = list(Base.metadata.sorted_tables)  # parents before children (foreign keys)
# The service groups migration 0005 creates in every new database: an empty target has them.
SEED_GROUPS = {"TP", "VH", "TK"}
_RECEIPT_FILE = re.compile(r"^receipts/\d{4}/\d{2}/[^/]+\.pdf$")


def count(conn: Connection, t: Table) -> int:
    return conn.scalar(select(func.count()).select_from(t))


def counts(conn: Connection) -> dict[str, int]:
    return {t.name: count(conn, t) for t in TABLES}


def first_office_data(conn: Connection) -> str | None:
    """The first table of the target that holds office data, or None when it is empty: no row
    anywhere but the untouched service groups a new schema starts with."""
    for t in TABLES:
        if t is QueueGroup.__table__:
            groups = conn.execute(select(QueueGroup.code, QueueGroup.day, QueueGroup.last_number)).all()
            if any(g.code not in SEED_GROUPS or g.day is not None or g.last_number for g in groups):
                return t.name
        elif conn.execute(select(text("1")).select_from(t).limit(1)).first() is not None:
            return t.name
    return None


def _json_columns(t: Table) -> set[str]:
    return {c.name for c in t.columns if isinstance(c.type, JSON)}


def _writer(t: Table) -> Table:
    """The table as the target is written: JSON columns as the text read from the source, bound
    unchanged and untyped (no `::VARCHAR` cast), so PostgreSQL takes it into its json column."""
    as_text = _json_columns(t)
    return table(t.name, *(column(c.name, NullType() if c.name in as_text else c.type) for c in t.columns))


def copy_table(src: Connection, dst: Connection, t: Table, progress: Callable[[str, int], None], *,
               transform: Callable[[list[dict]], list[dict]] | None = None, batch: int | None = None) -> int:
    """Every row of `t`, in primary-key order, in batches (`batch` rows, or a size fitting the
    table); `transform` turns each batch into what the target keeps. Returns how many."""
    as_text = _json_columns(t)
    cols = [cast(c, Text).label(c.name) if c.name in as_text else c for c in t.columns]
    query = select(*cols).order_by(*t.primary_key.columns)
    writer = insert(_writer(t))
    # Receipts are some 50 kB each: smaller batches keep the copy's memory flat.
    size = batch or (BATCH // 10 if any(isinstance(c.type, LargeBinary) for c in t.columns) else BATCH)
    done = 0
    result = src.execute(query, execution_options={"stream_results": True, "yield_per": size})
    for rows in result.partitions(size):
        values = [dict(r._mapping) for r in rows]
        if transform is not None:
            values = transform(values)
        try:
            dst.execute(writer, values)
        except DBAPIError as exc:
            raise UserError(f"Cơ sở dữ liệu đích từ chối dữ liệu của bảng {t.name}: {reason(exc)}. "
                            "Cơ sở dữ liệu đích giữ nguyên như trước.") from exc
        done += len(values)
        progress(t.name, done)
    return done


def reason(exc: DBAPIError) -> str:
    """The driver's first line, without SQLAlchemy's statement and parameters."""
    lines = [ln.strip() for ln in str(getattr(exc, "orig", exc)).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def serial_columns(t: Table) -> list[str]:
    """The integer id of a table, which PostgreSQL fills from a sequence (SERIAL)."""
    pk = list(t.primary_key.columns)
    return [pk[0].name] if len(pk) == 1 and isinstance(pk[0].type, Integer) else []


def set_sequences(dst: Connection) -> None:
    """PostgreSQL: each id sequence continues after the highest id copied (explicit ids do not
    move it). SQLite needs nothing: no table uses AUTOINCREMENT, a new row takes max(id) + 1."""
    if dst.dialect.name != "postgresql":
        return
    for t in TABLES:
        for name in serial_columns(t):
            seq = dst.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": name})
            if seq is None:
                continue
            top = dst.scalar(select(func.max(t.c[name])))
            if top is None:
                dst.execute(text("SELECT setval(CAST(:s AS regclass), 1, false)"), {"s": seq})
            else:
                dst.execute(text("SELECT setval(CAST(:s AS regclass), :v, true)"), {"s": seq, "v": top})


def import_receipt_files(dst: Connection, data_dir: Path | None) -> int:
    """Receipts printed before the archive table existed are files in the data folder only:
    take those of this office's dossiers into the target's archive, so every counter of the new
    database finds them. Returns how many were added."""
    folder = (data_dir / "receipts") if data_dir is not None else None
    if folder is None or not folder.is_dir():
        return 0
    added = 0
    for path in sorted(folder.glob("*/*/*.pdf")):
        key = path.relative_to(data_dir).as_posix()
        if path.name.startswith(".") or not _RECEIPT_FILE.match(key):
            continue
        code = path.stem
        if (dst.scalar(select(Dossier.id).where(Dossier.code == code)) is None
                and dst.scalar(select(CodeReplacement.id).where(CodeReplacement.provisional_code == code)) is None):
            continue  # another office's file
        if dst.scalar(select(ReceiptArchive.path).where(ReceiptArchive.path == key)) is not None:
            continue
        try:
            pdf = path.read_bytes()
        except OSError as exc:
            raise UserError(f"Không đọc được tệp giấy tiếp nhận «{path}»: {exc.strerror}.") from exc
        if not pdf.startswith(b"%PDF-"):
            continue  # not a receipt the app wrote
        dst.execute(insert(ReceiptArchive).values(path=key, code=code, sha256=hashlib.sha256(pdf).hexdigest(),
                                                  pdf=pdf, archived_at=now_local()))
        added += 1
    return added
