"""The audit log's hash chain: every kind of quiet edit is found, and named by its record."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update

from app.domain.permissions import Actor
from app.services.intake.registration import register
from app.services.settings.store import change_setting
from app.services.trust.audit_anchors import identity, load_anchors, remember_anchor
from app.services.trust.audit_chain import GENESIS, digest_of, record_digest, verify
from db.models import AuditRecord
from tests.helpers.factories import OFFICER, procedure_code, request


def _activity(db, dossiers: int = 4) -> list[int]:
    code = procedure_code(db)
    for _ in range(dossiers):
        register(db, OFFICER, request(code))
    change_setting(db, Actor.system(), "receipt.copies", 3)
    with db.reading() as s:
        return list(s.scalars(select(AuditRecord.id).order_by(AuditRecord.id)))


def _middle(ids: list[int]) -> int:
    return ids[len(ids) // 2]


def test_an_untouched_log_verifies_and_every_record_is_linked(any_db):
    ids = _activity(any_db)
    result = verify(any_db)
    assert result.ok and result.count == len(ids) and result.head_id == ids[-1]
    with any_db.reading() as s:
        rows = s.scalars(select(AuditRecord).order_by(AuditRecord.id)).all()
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert all(r.hash == digest_of(r, r.prev_hash) for r in rows)


def test_a_changed_record_is_named(any_db):
    ids = _activity(any_db)
    target = _middle(ids)
    with any_db.writing() as s:
        s.execute(update(AuditRecord).where(AuditRecord.id == target).values(actor="nguoi-khac"))
    result = verify(any_db)
    assert not result.ok and (result.finding.record_id, result.finding.kind) == (target, "changed")
    assert f"#{target} đã bị sửa" in result.finding.message
    assert result.count == ids.index(target)  # the records before it still verify


def test_a_changed_time_is_found_too(any_db):
    ids = _activity(any_db)
    with any_db.writing() as s:
        s.execute(update(AuditRecord).where(AuditRecord.id == ids[1]).values(at=func.now()))
    assert verify(any_db).finding.record_id == ids[1]


def test_a_removed_record_is_found_at_the_one_after_it(any_db):
    ids = _activity(any_db)
    target = _middle(ids)
    with any_db.writing() as s:
        s.execute(delete(AuditRecord).where(AuditRecord.id == target))
    result = verify(any_db)
    after = ids[ids.index(target) + 1]
    assert (result.finding.record_id, result.finding.kind) == (after, "removed")
    assert f"ngay trước bản ghi #{after}" in result.finding.message


def _make_room_after(db, record_id: int) -> None:
    """Shift the ids after `record_id` up by one, as a forger slipping a record in would."""
    with db.writing() as s:
        s.execute(update(AuditRecord).where(AuditRecord.id > record_id).values(id=AuditRecord.id + 1_000_000))
        s.execute(update(AuditRecord).where(AuditRecord.id > 1_000_000).values(id=AuditRecord.id - 999_999))


@pytest.mark.parametrize("forged_hash", [True, False], ids=["with-a-valid-hash", "without-hash"])
def test_a_slipped_in_record_is_named(any_db, forged_hash):
    ids = _activity(any_db)
    before = _middle(ids)
    _make_room_after(any_db, before)
    with any_db.writing() as s:
        prev = s.scalar(select(AuditRecord.hash).where(AuditRecord.id == before))
        forged = AuditRecord(id=before + 1, at=s.scalar(select(AuditRecord.at).where(AuditRecord.id == before)),
                             actor="quantri", action="dossier.return", entity="dossier", entity_id="X", details={})
        forged.prev_hash = prev
        forged.hash = digest_of(forged, prev) if forged_hash else None
        s.add(forged)
    result = verify(any_db)
    assert (result.finding.record_id, result.finding.kind) == (before + 1, "inserted")
    assert "chèn thêm" in result.finding.message


def _rewrite_from(db, start_id: int, **changes) -> None:
    """The forger who knows the recipe: change a record and recompute every hash after it."""
    with db.writing() as s:
        s.execute(update(AuditRecord).where(AuditRecord.id == start_id).values(**changes))
        prev = s.scalar(select(AuditRecord.hash).where(AuditRecord.id < start_id)
                        .order_by(AuditRecord.id.desc()).limit(1)) or GENESIS
        for r in s.scalars(select(AuditRecord).where(AuditRecord.id >= start_id).order_by(AuditRecord.id)):
            r.prev_hash, r.hash = prev, digest_of(r, prev)
            prev = r.hash


def test_a_rewritten_chain_is_caught_by_an_earlier_anchor(db, tmp_path):
    ids = _activity(db)
    remember_anchor(tmp_path, identity(db), verify(db))
    _rewrite_from(db, _middle(ids), actor="nguoi-khac")
    assert verify(db).ok  # without an anchor a whole rewrite cannot be told from the real thing
    anchors = load_anchors(tmp_path, identity(db))
    assert anchors == [(ids[-1], anchors[0][1])]
    result = verify(db, anchors)
    assert (result.finding.record_id, result.finding.kind) == (ids[-1], "anchor")
    assert "viết lại" in result.finding.message


def test_a_cut_tail_is_caught_by_an_earlier_anchor(db, tmp_path):
    ids = _activity(db)
    remember_anchor(tmp_path, identity(db), verify(db))
    with db.writing() as s:
        s.execute(delete(AuditRecord).where(AuditRecord.id >= ids[-2]))
    assert verify(db).ok
    assert verify(db, load_anchors(tmp_path, identity(db))).finding.kind == "anchor"


def test_the_recipe_is_stable_and_covers_every_field():
    from datetime import datetime

    base = dict(prev_hash=GENESIS, at=datetime(2026, 11, 23, 9, 0, 0, 5), user_id=1, actor="canbo", counter_id=1,
                action="dossier.register", entity="dossier", entity_id="000.00.01.H62-261123-0001",
                details={"b": 1, "a": "Nguyễn"})
    first = record_digest(**base)
    assert first == record_digest(**{**base, "details": {"a": "Nguyễn", "b": 1}})  # key order does not matter
    for field, other in (("prev_hash", "1" * 64), ("at", datetime(2026, 11, 23, 9, 0, 0, 6)), ("user_id", 2),
                         ("actor", "canbo2"), ("counter_id", None), ("action", "dossier.return"),
                         ("entity", "user"), ("entity_id", "x"), ("details", {"b": 2, "a": "Nguyễn"})):
        assert record_digest(**{**base, field: other}) != first, field


def test_migration_0010_chains_the_records_written_before_it(db):
    from db.migrate import downgrade, upgrade

    _activity(db)
    downgrade(db, "0009")
    with db.writing() as s:
        s.execute(text("INSERT INTO audit_log (at, actor, action, entity, details) "
                       "VALUES ('2026-11-01 08:00:00.000000', 'system:cli', 'old.thing', 'x', '{}')"))
    upgrade(db)
    result = verify(db)
    assert result.ok and result.count >= 6


def test_an_entity_id_longer_than_its_column_is_kept_whole_in_the_record(any_db):
    from app.services.journal import ENTITY_ID_LENGTH, audit

    typed = "000.00.01.H62-" + "9" * 120  # what someone scanned or typed, not a real code
    with any_db.writing() as s:
        audit(s, OFFICER, "dossier.lookup", "dossier", typed, {"by": "code"})
    with any_db.reading() as s:
        record = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
        assert len(record.entity_id) == ENTITY_ID_LENGTH == 64
        assert record.entity_id == typed[:63] + "…"
        assert record.details == {"by": "code", "entity_id": typed}
    assert verify(any_db).ok
