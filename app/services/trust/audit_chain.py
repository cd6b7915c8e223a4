"""The audit log as a hash chain: each record's hash covers its content and the previous record's
hash, so a record changed, removed or slipped in between shows up when the chain is walked again.

Appending needs the previous hash, so appends are serialised: SQLite's writers already are (every
write transaction is BEGIN IMMEDIATE); on PostgreSQL a transaction-level advisory lock does it,
held until commit, so ids (assigned under the lock) follow the chain's order.

A chain with no secret can be rewritten whole from the tampered record on by someone who knows
the recipe. Anchors close that door: `motcua audit verify` remembers the head it checked (in the
data folder, off the database: app/services/trust/audit_anchors.py), and a later run refuses a chain
that no longer passes through it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.engine import Database
from db.fast import fast
from db.models import AuditRecord

GENESIS = "0" * 64
_ADVISORY_KEY = 0x6D6F7463_0A0D17  # "motc" + audit: any constant of our own
_BATCH = 5000


def record_digest(prev_hash: str, at: datetime, user_id: int | None, actor: str, counter_id: int | None,
                  action: str, entity: str, entity_id: str | None, details: dict[str, Any] | None) -> str:
    """The hash of one record. JSON with sorted keys: the same content always gives the same text,
    whichever backend stored it."""
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), user_id, actor, counter_id, action, entity,
         entity_id, details or {}],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(b"motcua-audit-v1\n" + payload.encode()).hexdigest()


def digest_of(r: AuditRecord | Any, prev_hash: str) -> str:
    return record_digest(prev_hash, r.at, r.user_id, r.actor, r.counter_id, r.action, r.entity, r.entity_id,
                         r.details)


_HEAD = select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)  # built once


def chain_head(session: Session) -> str:
    """The hash the next record must cover; takes the append lock first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
    last = fast(session).scalar(_HEAD)
    return last or GENESIS


def seal(session: Session, record: AuditRecord) -> AuditRecord:
    """Link `record` (not yet added) to the chain and add it; flushed at once so the next record
    of the same transaction sees it as the head."""
    record.prev_hash = chain_head(session)
    record.hash = digest_of(record, record.prev_hash)
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class Finding:
    record_id: int
    kind: str  # "changed" | "removed" | "inserted" | "anchor"

    @property
    def message(self) -> str:
        return {
            "changed": f"Bản ghi nhật ký #{self.record_id} đã bị sửa: nội dung không còn khớp mã băm của nó.",
            "removed": f"Có bản ghi nhật ký bị xóa ngay trước bản ghi #{self.record_id}: chuỗi băm bị đứt tại đây.",
            "inserted": f"Bản ghi nhật ký #{self.record_id} được chèn thêm vào giữa chuỗi: nó không thuộc chuỗi băm.",
            "anchor": f"Nhật ký đã bị viết lại: bản ghi #{self.record_id} không còn khớp mốc đã kiểm tra trước đây "
                      "(hoặc đã bị xóa).",
        }[self.kind]


@dataclass(frozen=True)
class VerifyResult:
    count: int
    head_id: int | None
    head_hash: str
    finding: Finding | None

    @property
    def ok(self) -> bool:
        return self.finding is None


def _rows(session: Session) -> Iterator[AuditRecord]:
    last_id = 0
    while True:
        batch = session.scalars(select(AuditRecord).where(AuditRecord.id > last_id)
                                .order_by(AuditRecord.id).limit(_BATCH)).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id
        session.expunge_all()


def verify(db: Database, anchors: Iterable[tuple[int, str]] = ()) -> VerifyResult:
    """Walk the chain in id order and stop at the first record that breaks it.

    A record that links past the one before it (to the hash two back) shows that one was slipped
    in. Any other suspect (its content does not match its hash, or it links to nothing we saw) is
    judged by the record after it: if that one links past the suspect, the suspect was slipped in;
    otherwise it was changed (bad hash) or follows a removal (good hash, broken link)."""
    wanted: dict[int, set[str]] = {}
    for record_id, hash_ in anchors:
        wanted.setdefault(record_id, set()).add(hash_)
    seen: set[int] = set()
    count, prev_hash, before_prev, head_id = 0, GENESIS, None, None
    suspect: tuple[int, str] | None = None  # (record id, "changed" | "removed")

    def result(finding: Finding | None) -> VerifyResult:
        return VerifyResult(count, head_id, prev_hash, finding)

    with db.reading() as s:
        for r in _rows(s):
            if suspect is not None:
                mended = r.prev_hash == prev_hash and r.hash == digest_of(r, prev_hash)
                return result(Finding(suspect[0], "inserted" if mended else suspect[1]))
            own_ok = r.hash is not None and r.prev_hash is not None and digest_of(r, r.prev_hash) == r.hash
            if own_ok and r.prev_hash != prev_hash and r.prev_hash == before_prev:
                return result(Finding(head_id, "inserted"))
            if not own_ok or r.prev_hash != prev_hash:
                suspect = (r.id, "removed" if own_ok else "changed")
                continue
            if r.id in wanted:
                if wanted[r.id] != {r.hash}:
                    return result(Finding(r.id, "anchor"))
                seen.add(r.id)
            count += 1
            before_prev, prev_hash, head_id = prev_hash, r.hash, r.id
    if suspect is not None:
        return result(Finding(*suspect))
    missing = sorted(set(wanted) - seen)
    return result(Finding(missing[0], "anchor") if missing else None)
