"""What must hold after a crash, whatever instant it hit: checked on the database the app reopened
and on the receipt archive."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2
from sqlalchemy import func, select

from app.domain.codes import parse_dossier_code
from db.models import (
    AuditRecord,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierSequence,
    OutboxMessage,
)


def assert_sqlite_intact(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def assert_registrations_whole(db, printed: list[str], registered: list[str]) -> list[str]:
    """Every dossier the worker was told about is there, and every dossier in the database (told
    about or not) was written whole: its one `receive` event, audit and outbox records, its
    documents, its number. Returns the codes in number order."""
    with db.reading() as s:
        dossiers = dict(s.execute(select(Dossier.id, Dossier.code)).all())
        codes = list(dossiers.values())
        assert len(set(codes)) == len(codes), "a code issued twice"
        assert not set(printed) - set(codes), f"receipts printed for lost dossiers: {set(printed) - set(codes)}"
        assert not set(registered) - set(codes), f"committed dossiers lost: {set(registered) - set(codes)}"

        events = s.execute(select(DossierEvent.dossier_id, DossierEvent.uuid, DossierEvent.action,
                                  DossierEvent.status_from)).all()
        assert sorted(e.dossier_id for e in events) == sorted(dossiers), "a dossier without its event, or an orphan"
        assert {(e.action, e.status_from) for e in events} == {("receive", None)}

        outbox = s.execute(select(OutboxMessage.dossier_id, OutboxMessage.event_uuid, OutboxMessage.kind,
                                  OutboxMessage.seq)).all()
        assert sorted((o.dossier_id, o.event_uuid) for o in outbox) == sorted((e.dossier_id, e.uuid) for e in events)
        assert {(o.kind, o.seq) for o in outbox} == {("receive", 1)}

        audited = s.scalars(select(AuditRecord.entity_id).where(AuditRecord.action == "dossier.receive")).all()
        assert sorted(audited) == sorted(codes), "a dossier without its audit record, or an orphan"
        receipts = Counter(s.scalars(select(AuditRecord.entity_id).where(AuditRecord.action == "receipt.print")))
        assert set(printed) <= set(receipts) <= set(codes) and max(receipts.values(), default=1) == 1

        docs = dict(s.execute(select(DossierDocument.dossier_id, func.count()).group_by(DossierDocument.dossier_id)).all())
        assert set(docs) == set(dossiers) and len(set(docs.values())) == 1, "a dossier with part of its documents"

        # Numbers are taken inside the registering transaction: a rolled-back one leaves no gap.
        numbers = sorted(parse_dossier_code(c).sequence for c in codes)
        assert numbers == list(range(1, len(codes) + 1)), "a gap or a repeat in the day's numbers"
        assert s.scalar(select(func.max(DossierSequence.last_value))) == len(codes)
    return sorted(codes, key=lambda c: parse_dossier_code(c).sequence)


def assert_archive_sound(archive: Path, printed: list[str], codes: list[str]) -> None:
    """Every printed receipt is archived and opens; a file the kill cut short exists only as the
    writer's hidden temporary file, never under a receipt's name."""
    files = [p for p in (archive / "receipts").rglob("*") if p.is_file()]
    pdfs = {p.stem: p for p in files if p.suffix == ".pdf" and not p.name.startswith(".")}
    leftovers = [p.name for p in files if p.stem not in pdfs or pdfs[p.stem] != p]
    assert all(n.startswith(".") and n.endswith(".tmp") for n in leftovers), leftovers
    assert set(printed) <= set(pdfs) <= set(codes)
    for code, path in pdfs.items():
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:], path
        doc = pypdfium2.PdfDocument(data)
        try:
            assert len(doc) >= 1 and code in doc[0].get_textpage().get_text_range(), path
        finally:
            doc.close()
