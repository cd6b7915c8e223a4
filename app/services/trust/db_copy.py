"""Moving a whole office to another database: SQLite on one PC to a PostgreSQL office server, or
back when a server is retired (`motcua db copy --to URL`).

All or nothing. The target is written in ONE transaction, the schema included when the target has
none (both PostgreSQL and SQLite create tables transactionally): a refusal, a failure, a power
cut or a killed process leaves it as it was, and running the command again is the whole resume.
Before committing, the copy is checked inside that transaction: row counts per table equal the
source's, the audit chain verifies (app/services/audit_chain.verify, run on the uncommitted
rows) and ends on the source's head, and the source did not change meanwhile.

The source is read in one snapshot (SQLite: one read transaction; PostgreSQL: REPEATABLE READ,
read only), so the copy is consistent even if a counter writes. What a counter writes after the
snapshot would not be in the copy: the change check refuses then, and the counters should be
closed before copying anyway (docs/windows.md).

The digitized papers move with their rows (app/services/trust/db_copy_files.py): into the
server's rows from the PC's data folder, or out of them into the data folder `data_dir`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, func, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.permissions import Actor, Permission
from app.errors import UserError
from app.services.journal import audit
from app.services.trust import db_copy_rows as rows
from app.services.trust.audit_chain import GENESIS, verify
from app.services.trust.db_copy_files import BATCH as FILES_BATCH
from app.services.trust.db_copy_files import FilesCopy
from db.engine import Database
from db.migrate import MIGRATIONS, current_revision, head_revision
from db.models import (
    AuditRecord,
    Dossier,
    QueueGroup,
    QueueTicket,
    ReceiptArchive,
    Setting,
    StoredFile,
)

UNCHANGED = "Cơ sở dữ liệu đích giữ nguyên như trước."


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    revision: str
    rows: dict[str, int]  # per table, as copied (the copy's own audit record not counted)
    receipts_from_files: int  # receipts taken from the data folder into the archive table
    audit_records: int  # in the copy's chain, its own record included
    created_schema: bool
    files: int = 0  # digitized files carried (rows of stored_files)
    files_missing: tuple[str, ...] = ()  # SHA-256s whose bytes neither the rows nor the data folder had

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class _InTransaction:
    """verify() reads through `db.reading()`: this gives it a session inside the target's open
    transaction (on a savepoint), so the chain is checked before anything is committed."""

    def __init__(self, conn: Connection):
        self.conn = conn

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(bind=self.conn, join_transaction_mode="create_savepoint") as s:
            yield s


def copy_office(source: Database, target_url: str, actor: Actor, *, data_dir: Path | None = None,
                progress: Callable[[str, int], None] = lambda _t, _n: None,
                table_done: Callable[[str, int], None] = lambda _t, _n: None) -> CopyResult:
    """Copy everything in `source` (already at this version's schema) into the empty database at
    `target_url`; `data_dir` is where receipts printed before the archive table are found, and
    the digitized files of a PC (read from it for a server, written into it for a PC)."""
    actor.require(Permission.BACKUP)  # the copy holds everyone's data, as a backup does
    target = Database(target_url)
    fresh_file = target.is_sqlite and not Path(target.url.database).expanduser().exists()
    ok = False
    try:
        if _same(source, target):
            raise UserError("Nguồn và đích là cùng một cơ sở dữ liệu: chọn một cơ sở dữ liệu đích khác.")
        revision = current_revision(source)
        if revision != head_revision():
            raise UserError(f"Cơ sở dữ liệu nguồn chưa ở phiên bản mới nhất ({revision or 'trống'}): "
                            "chạy «motcua db upgrade» cho nguồn trước.")
        with _connect(source.engine, source.display_name, readonly=True) as src, \
                _connect(target.write_engine, target.display_name) as dst:
            result = _copy(src, dst, source, target, revision, actor, data_dir, progress, table_done)
        ok = True
        return result
    finally:
        target.dispose()
        if fresh_file and not ok:  # a refused or failed copy leaves no new file behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{Path(target.url.database).expanduser()}{suffix}").unlink(missing_ok=True)


def _copy(src: Connection, dst: Connection, source: Database, target: Database, revision: str, actor: Actor,
          data_dir: Path | None, progress, table_done) -> CopyResult:
    where = target.display_name
    try:
        with src.begin(), dst.begin():
            expected = rows.counts(src)  # the first read: the source's snapshot starts here
            head = src.scalar(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1))
            before = _fingerprint(src, expected)
            created = _prepare_target(dst, revision, where)
            dst.execute(QueueGroup.__table__.delete())  # a new schema's default groups: the source's replace them
            copied = {}
            files = FilesCopy(to_database=not target.is_sqlite, data_dir=data_dir)
            for t in rows.TABLES:
                if t is StoredFile.__table__:
                    copied[t.name] = rows.copy_table(src, dst, t, progress, transform=files.transform,
                                                     batch=FILES_BATCH)
                else:
                    copied[t.name] = rows.copy_table(src, dst, t, progress)
                table_done(t.name, copied[t.name])
            rows.set_sequences(dst)
            imported = rows.import_receipt_files(dst, data_dir)
            _check_counts(dst, expected, imported, where)
            with Session(bind=dst, join_transaction_mode="create_savepoint") as s:
                record = audit(s, actor, "db.copy", "database", None, {
                    "from": source.display_name, "revision": revision, "rows": sum(copied.values()),
                    "receipts_from_files": imported, "files": files.files, "files_missing": files.missing[:50]})
                linked = record.prev_hash == (head or GENESIS)
                s.commit()  # releases the savepoint: the record stays in the target's transaction
            chain = verify(_InTransaction(dst))
            if not chain.ok or not linked or chain.count != expected[AuditRecord.__tablename__] + 1:
                why = chain.finding.message if chain.finding else "bản chép không kết thúc ở mã băm cuối của nguồn."
                raise UserError(f"Chuỗi băm nhật ký trên bản chép không khớp: {why} {UNCHANGED}")
            _check_source_unchanged(source, before)
    except DBAPIError as exc:
        raise UserError(f"Chép sang {where} không thành công: {rows.reason(exc)}. {UNCHANGED}") from exc
    copied[ReceiptArchive.__tablename__] += imported
    return CopyResult(source.display_name, where, revision, copied, imported, chain.count, created,
                      files.files, tuple(files.missing))


@contextmanager
def _connect(engine: Engine, display: str, *, readonly: bool = False) -> Iterator[Connection]:
    try:
        conn = engine.connect()
    except DBAPIError as exc:
        raise UserError(f"Không kết nối được {display}: {_why_not(exc)}.") from exc
    try:
        if readonly and engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        yield conn
    finally:
        conn.close()


def _why_not(exc: DBAPIError) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "does not exist" in text and "database" in text:
        return "chưa có cơ sở dữ liệu này trên máy chủ (tạo nó bằng CREATE DATABASE trước)"
    if "password" in text or "authentication" in text:
        return "sai tên đăng nhập hoặc mật khẩu"
    if "file is not a database" in text:
        return "tệp này đã có và không phải cơ sở dữ liệu SQLite"
    if "unable to open database" in text:
        return "không mở hoặc không tạo được tệp (kiểm tra đường dẫn và quyền ghi)"
    return "máy chủ không trả lời (kiểm tra địa chỉ, cổng, dịch vụ PostgreSQL và tường lửa)"


def _same(a: Database, b: Database) -> bool:
    if a.is_sqlite != b.is_sqlite:
        return False
    if a.is_sqlite:
        return Path(a.url.database).expanduser().resolve() == Path(b.url.database).expanduser().resolve()
    return ((a.url.host or "localhost"), a.url.port or 5432, a.url.database) == \
           ((b.url.host or "localhost"), b.url.port or 5432, b.url.database)


def _prepare_target(dst: Connection, revision: str, where: str) -> bool:
    """An empty target: no tables at all (the schema is created here at the source's revision,
    inside the copy's transaction; returns True), or the app's schema at the source's revision
    with no office data in it. Anything else is refused."""
    tables = set(inspect(dst).get_table_names())
    if not tables - {"alembic_version"}:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = dst
        command.upgrade(cfg, revision)
        return True
    found = MigrationContext.configure(dst).get_current_revision() if "alembic_version" in tables else None
    if found is None:
        raise UserError(f"{where} đã có bảng của chương trình khác: chỉ chép vào một cơ sở dữ liệu trống.")
    if found != revision:
        raise UserError(f"{where} ở phiên bản lược đồ {found}, nguồn ở {revision}: chỉ chép vào một cơ sở dữ "
                        "liệu trống hoàn toàn hoặc cùng phiên bản (cập nhật phần mềm hoặc tạo cơ sở dữ liệu mới).")
    busy = rows.first_office_data(dst)
    if busy is not None:
        raise UserError(f"{where} không trống (bảng {busy} đã có dữ liệu): chỉ chép vào một cơ sở dữ liệu "
                        "trống. Trên máy chủ, tạo một cơ sở dữ liệu mới rồi chép lại.")
    return False


def _check_counts(dst: Connection, expected: dict[str, int], imported: int, where: str) -> None:
    for name, want in expected.items():
        if name == ReceiptArchive.__tablename__:
            want += imported
        got = rows.count(dst, rows.Base.metadata.tables[name])
        if got != want:
            raise UserError(f"Số dòng của bảng {name} trên {where} ({got}) khác nguồn ({want}). {UNCHANGED}")


def _fingerprint(conn: Connection, counts: dict[str, int]) -> tuple:
    """What a counter's work changes: rows added anywhere, the audit chain's head (every change
    writes one), and the last moments of dossiers, settings and queue tickets."""
    return (tuple(sorted(counts.items())),
            conn.scalar(select(func.max(AuditRecord.id))),
            conn.scalar(select(func.max(Dossier.updated_at))),
            conn.scalar(select(func.max(Setting.updated_at))),
            tuple(conn.execute(select(func.max(QueueTicket.called_at), func.max(QueueTicket.done_at))).one()),
            conn.scalar(select(func.max(QueueGroup.last_number))))


def _check_source_unchanged(source: Database, before: tuple) -> None:
    with source.engine.connect() as conn, conn.begin():
        now = _fingerprint(conn, rows.counts(conn))
    if now != before:
        raise UserError("Cơ sở dữ liệu nguồn đã thay đổi trong lúc chép (có quầy đang làm việc): đóng ứng dụng "
                        f"Một Cửa ở mọi quầy, máy lấy số và màn hình chờ rồi chép lại. {UNCHANGED}")
