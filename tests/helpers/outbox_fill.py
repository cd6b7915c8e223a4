"""Many real dossiers with many changes each, quickly: one registered through the service, then
copied with Core inserts the way journal.dossier_changed writes them (dossier, history event, audit
record, outbox record with PhienBan 1..M). The changes follow the lifecycle: received, handed to a
division (a status change), then progress steps that keep the status (handed on, taken back,
extended), so both DongBoHoSoMC and CapNhatTienDoHoSoMC go out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, text

from app.services.intake.registration import register
from db.models import AuditRecord, Dossier, DossierDocument, DossierEvent, DossierFee, OutboxMessage
from tests.helpers.factories import OFFICER, procedure_code, request

DIVISIONS = ("Phòng Văn hóa và Thông tin", "Phòng Tư pháp", "Phòng Tài nguyên và Môi trường")


@dataclass(frozen=True)
class Filled:
    dossier_ids: list[int]
    dossier_uuids: list[str]
    events: int


def _steps(count: int) -> list[tuple[str, int | None, int, dict, str | None]]:
    """(action, status_from, status_to, details, note) for changes 1..count of one dossier."""
    out: list[tuple[str, int | None, int, dict, str | None]] = [("receive", None, 2, {}, None)]
    if count > 1:
        out.append(("hand_over", 2, 4, {"division": DIVISIONS[0], "giver": "Mai", "taker": "Hùng"}, None))
    i = 0
    while len(out) < count:
        kind = ("hand_over", "take_back", "extend")[i % 3]
        details = {"division": DIVISIONS[i % len(DIVISIONS)], "giver": "Mai", "taker": "Hùng"} \
            if kind != "extend" else {"apology": True}
        out.append((kind, 4, 4, details, "Gia hạn do cần xác minh" if kind == "extend" else None))
        i += 1
    return out[:count]


def fill(db, dossiers: int, events_each: int, *, start: datetime | None = None) -> Filled:
    """`dossiers` dossiers with `events_each` pending outbox records each (all official codes)."""
    start = start or datetime(2026, 11, 24, 8, 0)
    first = register(db, OFFICER, request(procedure_code(db), received_at=start))
    steps = _steps(events_each)
    with db.writing() as s:
        D = Dossier.__table__
        base = dict(s.execute(select(D).where(D.c.id == first.id)).mappings().one())
        docs = [dict(r) for r in s.execute(select(DossierDocument.__table__)
                                           .where(DossierDocument.dossier_id == first.id)).mappings()]
        fees = [dict(r) for r in s.execute(select(DossierFee.__table__)
                                           .where(DossierFee.dossier_id == first.id)).mappings()]
        next_id = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
        unit, day = base["code"].rsplit("-", 2)[0], start.strftime("%y%m%d")
        ids, uuids = [first.id], [first.uuid]
        new_dossiers, new_docs, new_fees = [], [], []
        for n in range(1, dossiers):
            # No ledger entry for the copies: entries are unique per book and year, and a copy's
            # number would be one the next registration is given (yearly_sequences knows only the first).
            row = dict(base, id=next_id, uuid=str(uuid.uuid4()), code=f"{unit}-{day}-{10000 + n}",
                       status=steps[-1][2], version=1, ledger_book=None, ledger_year=None, ledger_number=None)
            new_dossiers.append(row)
            new_docs += [{**{k: v for k, v in d.items() if k != "id"}, "dossier_id": next_id} for d in docs]
            new_fees += [{**{k: v for k, v in f.items() if k != "id"}, "dossier_id": next_id} for f in fees]
            ids.append(next_id)
            uuids.append(row["uuid"])
            next_id += 1
        if new_dossiers:
            s.execute(insert(D), new_dossiers)
            if s.get_bind().dialect.name == "postgresql":  # explicit ids: move the serial past them
                s.execute(text("SELECT setval(pg_get_serial_sequence('dossiers', 'id'), :n)"), {"n": next_id - 1})
        if new_docs:
            s.execute(insert(DossierDocument.__table__), new_docs)
        if new_fees:
            s.execute(insert(DossierFee.__table__), new_fees)
        s.execute(D.update().where(D.c.id == first.id).values(status=steps[-1][2]))
        events, audits, outbox = [], [], []
        for k, (dossier_id, dossier_uuid) in enumerate(zip(ids, uuids, strict=True)):
            code = base["code"] if dossier_id == first.id else f"{unit}-{day}-{10000 + k}"
            for seq, (action, s_from, s_to, details, note) in enumerate(steps, start=1):
                if dossier_id == first.id and seq == 1:
                    continue  # registered through the service
                at = start + timedelta(minutes=seq, seconds=k % 60)
                key = str(uuid.uuid4())
                events.append({"uuid": key, "dossier_id": dossier_id, "action": action, "status_from": s_from,
                               "status_to": s_to, "at": at, "user_id": OFFICER.user_id,
                               "counter_id": OFFICER.counter_id, "note": note, "details": details})
                audits.append({"at": at, "user_id": OFFICER.user_id, "actor": OFFICER.login,
                               "counter_id": OFFICER.counter_id, "action": f"dossier.{action}",
                               "entity": "dossier", "entity_id": code,
                               "details": {"event": key, "status_from": s_from, "status_to": s_to, **details}})
                outbox.append({"event_uuid": key, "dossier_id": dossier_id, "kind": action,
                               "payload": {"dossier_uuid": dossier_uuid, "code": code, "status": s_to},
                               "created_at": at, "state": "pending", "attempts": 0, "seq": seq})
        # The journal writes them in time order: outbox ids follow each dossier's PhienBan.
        order = sorted(range(len(outbox)), key=lambda i: (outbox[i]["created_at"], outbox[i]["dossier_id"]))
        if events:
            s.execute(insert(DossierEvent.__table__), [events[i] for i in order])
            s.execute(insert(AuditRecord.__table__), [audits[i] for i in order])
            s.execute(insert(OutboxMessage.__table__), [outbox[i] for i in order])
    return Filled(ids, uuids, dossiers * events_each)
