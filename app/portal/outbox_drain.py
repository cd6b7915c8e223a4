"""Sending the outbox to the portal: pending changes in order, in batches, each dossier's changes
strictly one after the other (PhienBan), a rejected change quarantined with the portal's message and
its dossier's later changes held behind it. Core statements and batch reads only: this is the hot
path of a sync after a long outage (tens of thousands of changes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, false, func, select, update
from sqlalchemy.orm import Session

from app.domain.vocab import Role
from app.portal import signed_names
from app.portal.contract import PortalRejected, PushItem, PushResult
from app.portal.files_sync import Hold
from app.portal.signed_names import SIGNED_KIND
from app.services.ratings.portal import mark_sent as mark_ratings_sent
from db.engine import Database
from db.models import (
    Agency,
    CodeReplacement,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFee,
    DossierFile,
    DossierPayment,
    OutboxMessage,
    PortalFile,
    Procedure,
    SignedDocument,
    StoredFile,
    User,
)

# A batch refused as a whole for its content (malformed, too large): look for the bad record.
WHOLE_BATCH_REFUSALS = frozenset({400, 413, 422})

OUT = OutboxMessage.__table__
D = Dossier.__table__
E = DossierEvent.__table__


@dataclass(frozen=True)
class OutboxRow:
    id: int
    event_uuid: str
    dossier_id: int
    seq: int
    kind: str


class Tally(Protocol):
    """What a drain counts (app.portal.sync.CycleReport has these fields)."""

    sent: int
    quarantined: int
    held: int  # left pending behind a rejected or unanswered change of the same dossier


def _sendable():
    """Pending changes that may go now: the dossier's code is official and none of its changes
    sits in quarantine (the later ones wait behind it)."""
    q = OUT.alias("q")
    blocked = select(q.c.id).where(q.c.dossier_id == OUT.c.dossier_id, q.c.state == "quarantined").exists()
    return (select(OUT.c.id, OUT.c.event_uuid, OUT.c.dossier_id, OUT.c.seq, OUT.c.kind)
            .join(D, D.c.id == OUT.c.dossier_id)
            .where(OUT.c.state == "pending", OUT.c.seq.is_not(None), D.c.provisional == false(), ~blocked))


def last_pending_id(session: Session) -> int:
    return session.scalar(select(func.max(OUT.c.id)).where(OUT.c.state == "pending")) or 0


def sendable_batch(session: Session, after: int, upto: int, limit: int) -> list[OutboxRow]:
    rows = session.execute(_sendable().where(OUT.c.id > after, OUT.c.id <= upto).order_by(OUT.c.id).limit(limit))
    return [OutboxRow(*r) for r in rows]


def any_sendable(session: Session) -> bool:
    return session.execute(_sendable().limit(1)).first() is not None


def _role_label(role: str | None) -> str:
    try:
        return Role(role).label if role else ""
    except ValueError:
        return ""


def push_items(session: Session, rows: Sequence[OutboxRow]) -> list[PushItem]:
    """The neutral records (see app.portal.dvc_mapping) for these outbox rows, read in a handful of
    queries whatever the batch size."""
    if not rows:
        return []
    dossier_ids = sorted({r.dossier_id for r in rows})
    events = {e.uuid: e for e in session.execute(
        select(E.c.uuid, E.c.action, E.c.status_from, E.c.status_to, E.c.at, E.c.user_id, E.c.note, E.c.details)
        .where(E.c.uuid.in_([r.event_uuid for r in rows if r.kind != SIGNED_KIND])))}
    events.update(_signed_events(session, [r.event_uuid for r in rows if r.kind == SIGNED_KIND]))
    P, A = Procedure.__table__, Agency.__table__
    dossiers = {d.id: d for d in session.execute(
        select(D.c.id, D.c.uuid, D.c.code, D.c.channel, D.c.applicant_kind, D.c.applicant_name,
               D.c.applicant_id_number, D.c.applicant_phone, D.c.applicant_email, D.c.applicant_address,
               D.c.summary, D.c.submitted_at, D.c.received_at, D.c.due_at, D.c.finished_at, D.c.returned_at,
               D.c.identity_check, D.c.result_method, D.c.result_address, D.c.notes,
               P.c.code.label("procedure_code"), P.c.name.label("procedure_name"), P.c.sector_code,
               P.c.sector_name, A.c.unit_code)
        .join(P, P.c.id == D.c.procedure_id).join(A, A.c.id == D.c.agency_id)
        .where(D.c.id.in_(dossier_ids)))}
    documents: dict[int, list] = defaultdict(list)
    digitization: dict[int, list] = defaultdict(list)
    intake, results, signed_forms = _files(session, dossier_ids)
    DD = DossierDocument.__table__
    for d in session.execute(select(DD.c.id, DD.c.dossier_id, DD.c.name, DD.c.originals, DD.c.copies,
                                    DD.c.digitization, DD.c.reuse_source)
                             .where(DD.c.dossier_id.in_(dossier_ids)).order_by(DD.c.dossier_id, DD.c.position)):
        documents[d.dossier_id].append((d.name, d.originals, d.copies))
        digitization[d.dossier_id].append({"state": d.digitization, "reuse_source": d.reuse_source,
                                           "files": intake.get(d.id, [])})
    fees: dict[int, list] = defaultdict(list)
    DF = DossierFee.__table__
    for f in session.execute(select(DF.c.dossier_id, DF.c.name, DF.c.amount, DF.c.kind)
                             .where(DF.c.dossier_id.in_(dossier_ids)).order_by(DF.c.dossier_id, DF.c.position)):
        fees[f.dossier_id].append((f.name, f.amount, f.kind))
    online = _online_payments(session, dossier_ids)
    CR = CodeReplacement.__table__
    provisional: dict[int, str] = {}
    for c in session.execute(select(CR.c.dossier_id, CR.c.provisional_code)
                             .where(CR.c.dossier_id.in_(dossier_ids)).order_by(CR.c.id.desc())):
        provisional[c.dossier_id] = c.provisional_code  # the first code it ever had wins
    user_ids = {e.user_id for e in events.values() if e.user_id is not None}
    U = User.__table__
    users = {u.id: u for u in session.execute(select(U.c.id, U.c.full_name, U.c.role).where(U.c.id.in_(user_ids)))} \
        if user_ids else {}

    items = []
    for row in rows:
        e, d = events.get(row.event_uuid), dossiers.get(row.dossier_id)
        if e is None or d is None:
            continue  # cannot happen with the journal's foreign keys; the row simply waits
        details: dict[str, Any] = e.details or {}
        user = users.get(e.user_id)
        record = {
            "code": d.code, "provisional_code": provisional.get(d.id),
            "procedure_code": d.procedure_code, "procedure_name": d.procedure_name,
            "sector_code": d.sector_code, "sector_name": d.sector_name, "unit_code": d.unit_code,
            "applicant_kind": d.applicant_kind, "applicant_name": d.applicant_name,
            "applicant_id_number": d.applicant_id_number, "applicant_phone": d.applicant_phone,
            "applicant_email": d.applicant_email, "applicant_address": d.applicant_address,
            "identity_check": d.identity_check,
            "summary": d.summary, "channel": d.channel, "result_method": d.result_method,
            "result_address": d.result_address, "submitted_at": d.submitted_at, "received_at": d.received_at,
            "due_at": d.due_at, "refused_at": e.at if e.status_to == 3 else None,
            "finished_at": d.finished_at, "returned_at": d.returned_at, "notes": d.notes,
            "documents": documents.get(d.id, []), "fees": fees.get(d.id, []),
            "document_digitization": digitization.get(d.id, []), "results": results.get(d.id, []),
            "signed_forms": signed_forms.get(d.id, []),
            "at": e.at, "officer_name": user.full_name if user else "",
            "officer_title": _role_label(user.role) if user else "",
            "division": details.get("division"), "note": e.note, "due_to": _parse_iso(details.get("due_to")),
            "rating": details.get("rating"),  # a "rated" event: the citizen's rating (app/services/ratings/)
            "paid_online": _paid_online(online.get(d.id, ()), e.at),
        }
        items.append(PushItem(key=row.event_uuid, dossier_uuid=d.uuid, seq=row.seq, kind=e.action,
                              status_from=e.status_from, status_to=e.status_to, record=record))
    return items


def _online_payments(session: Session, dossier_ids: list[int]) -> dict[int, list[tuple]]:
    """(paid_at, voided_at) of each dossier's payments made online on the portal."""
    DP = DossierPayment.__table__
    out: dict[int, list[tuple]] = defaultdict(list)
    for p in session.execute(select(DP.c.dossier_id, DP.c.paid_at, DP.c.voided_at)
                             .where(DP.c.dossier_id.in_(dossier_ids), DP.c.method == "online")):
        out[p.dossier_id].append((p.paid_at, p.voided_at))
    return out


def _paid_online(payments, at: datetime | None) -> bool:
    """Whether an online payment stood at the event's moment: paid by then and not voided by then,
    so a payment's own record says true and its voiding's says false, whenever they are sent."""
    if at is None:
        return any(voided is None for _, voided in payments)
    return any(paid <= at and (voided is None or voided > at) for paid, voided in payments)


def _files(session: Session, dossier_ids: list[int]) -> tuple[dict[int, list], dict[int, list], dict[int, list]]:
    """The files of these dossiers as the record carries them (app/portal/dvc_mapping.py): per
    document line id, the results per dossier id, and the forms the office signed per dossier id;
    `url` None until the portal holds the file. A copy or result the office signed is carried as
    its signed version (docs/signing.md "Gửi đi")."""
    DF, PF, SF, SD = DossierFile.__table__, PortalFile.__table__, StoredFile.__table__, SignedDocument.__table__
    intake: dict[int, list] = defaultdict(list)
    results: dict[int, list] = defaultdict(list)
    forms: dict[int, list] = defaultdict(list)
    signed: dict[int, dict] = {}  # dossier file id → its signed version
    for f in session.execute(
            select(SD.c.dossier_id, SD.c.kind, SD.c.dossier_file_id, SD.c.signed_sha256, SF.c.media_type,
                   SF.c.size, PF.c.url, D.c.code)
            .join(SF, SF.c.sha256 == SD.c.signed_sha256).join(D, D.c.id == SD.c.dossier_id)
            .outerjoin(PF, (PF.c.sha256 == SD.c.signed_sha256) & (PF.c.state == "sent"))
            .where(SD.c.dossier_id.in_(dossier_ids), SD.c.state == "signed")
            .order_by(SD.c.dossier_id, SD.c.id)):
        entry = {"sha256": f.signed_sha256, "url": f.url, "media_type": f.media_type, "size": f.size}
        if f.dossier_file_id is not None:
            signed[f.dossier_file_id] = entry
        elif f.kind in signed_names.FORM_FILE_NAMES:
            forms[f.dossier_id].append({**entry, "kind": f.kind, "name": signed_names.file_name(f.kind, f.code)})
    for f in session.execute(
            select(DF.c.id, DF.c.dossier_id, DF.c.document_id, DF.c.kind, DF.c.sha256, DF.c.name, SF.c.media_type,
                   SF.c.size, PF.c.url)
            .join(SF, SF.c.sha256 == DF.c.sha256)
            .outerjoin(PF, (PF.c.sha256 == DF.c.sha256) & (PF.c.state == "sent"))
            .where(DF.c.dossier_id.in_(dossier_ids))
            .order_by(DF.c.dossier_id, DF.c.document_id, DF.c.position, DF.c.id)):
        entry = {"sha256": f.sha256, "name": f.name, "url": f.url, "media_type": f.media_type, "size": f.size}
        if f.id in signed:
            entry.update(signed[f.id])
        if f.kind == "result":
            results[f.dossier_id].append(entry)
        elif f.document_id is not None:
            intake[f.document_id].append(entry)
    return intake, results, forms


@dataclass(frozen=True)
class _SignedEvent:
    """What the record of a signed document's outbox row needs, in the shape of a history event:
    the status the dossier had when it was signed, who signed it, when."""

    uuid: str
    status_from: int | None
    status_to: int | None
    at: datetime | None
    user_id: int | None
    action: str = SIGNED_KIND
    note: str | None = None
    details: dict | None = None


def _signed_events(session: Session, uuids: list[str]) -> dict[str, _SignedEvent]:
    if not uuids:
        return {}
    SD = SignedDocument.__table__
    out = {}
    for r in session.execute(select(SD.c.uuid, SD.c.signed_at, SD.c.signed_by, OUT.c.payload)
                             .join(OUT, OUT.c.event_uuid == SD.c.uuid).where(SD.c.uuid.in_(uuids))):
        status = (r.payload or {}).get("status")
        out[r.uuid] = _SignedEvent(r.uuid, status, status, r.signed_at, r.signed_by)
    return out


def _parse_iso(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _rejection_text(r: PushResult) -> str:
    if r.message:
        return r.message
    if r.status == 409:
        return "Cổng không nhận: phiên bản hồ sơ không nối tiếp bản cổng đang giữ (409)."
    return f"Cổng từ chối thay đổi này (mã {r.status or '?'})."


_MARK_SENT = (update(OUT).where(OUT.c.id == bindparam("_id"), OUT.c.state == "pending")
              .values(state="sent", sent_at=bindparam("_at"), attempts=OUT.c.attempts + 1, last_error=None))
_QUARANTINE = (update(OUT).where(OUT.c.id == bindparam("_id"), OUT.c.state == "pending")
               .values(state="quarantined", quarantined_at=bindparam("_at"), attempts=OUT.c.attempts + 1,
                       last_error=bindparam("_msg"), error_fields=bindparam("_fields")))


_WAIT = (update(OUT).where(OUT.c.id == bindparam("_id"), OUT.c.state == "pending")
         .values(attempts=OUT.c.attempts + 1, last_error=bindparam("_msg")))


def record_results(session: Session, rows: Sequence[OutboxRow], results: Sequence[PushResult], at: datetime,
                   blocked: set[int], tally: Tally) -> None:
    """One transaction for one answer: applied/duplicate → sent; the first rejection of a dossier →
    quarantined; its later changes (rejected, or not answered at all) stay pending."""
    by_key = {r.key: r for r in results}
    sent, quarantine, waiting = [], [], []
    for row in rows:
        res = by_key.get(row.event_uuid)
        if res is not None and res.ok:
            sent.append({"_id": row.id, "_at": at})
        elif res is not None and row.dossier_id not in blocked:
            quarantine.append({"_id": row.id, "_at": at, "_msg": _rejection_text(res), "_fields": res.fields})
            blocked.add(row.dossier_id)
        else:
            waiting.append(row.id)
            blocked.add(row.dossier_id)
    if sent:
        session.execute(_MARK_SENT, sent)
        mark_ratings_sent(session, [row.event_uuid for row in rows if row.kind == "rated"
                                    and (res := by_key.get(row.event_uuid)) is not None and res.ok])
    if quarantine:
        session.execute(_QUARANTINE, quarantine)
    if waiting:
        session.execute(update(OUT).where(OUT.c.id.in_(waiting)).values(attempts=OUT.c.attempts + 1))
    tally.sent += len(sent)
    tally.quarantined += len(quarantine)
    tally.held += len(waiting)


def note_failure(db: Database, rows: Sequence[OutboxRow], message: str) -> None:
    """The batch did not get through (network, overload): count the attempt, keep the reason."""
    with db.writing() as s:
        s.execute(update(OUT).where(OUT.c.id.in_([r.id for r in rows]), OUT.c.state == "pending")
                  .values(attempts=OUT.c.attempts + 1, last_error=message))


def drain(db: Database, push: Callable[[list[PushItem]], list[PushResult]], *, batch: int,
          clock: Callable[[], datetime], tally: Tally,
          files: Callable[[list[int]], dict[int, Hold]] | None = None) -> None:
    """Send everything pending now (changes made meanwhile wait for the next call). Raises the
    client's PortalUnavailable / PortalAuthError: what was answered before stays recorded.
    `files(dossier_ids)` (app.portal.files_sync.send_files) first puts on the portal the files
    these dossiers' records link, and names the dossiers that must wait."""
    with db.reading() as s:
        upto = last_pending_id(s)
    after, blocked = 0, set()
    while True:
        with db.reading() as s:
            fetched = sendable_batch(s, after, upto, batch)
        if not fetched:
            return
        after = fetched[-1].id
        rows = [r for r in fetched if r.dossier_id not in blocked]
        if files is not None and rows:
            holds = files(sorted({r.dossier_id for r in rows}))
            if holds:
                hold_back(db, rows, holds, clock(), blocked, tally)
                rows = [r for r in rows if r.dossier_id not in holds]
        with db.reading() as s:
            items = push_items(s, rows)
        if not items:
            continue
        _send(db, push, rows, items, clock, blocked, tally)


def hold_back(db: Database, rows: Sequence[OutboxRow], holds: dict[int, Hold], at: datetime, blocked: set[int],
              tally: Tally) -> None:
    """The changes of dossiers whose files did not go: a refused file quarantines the dossier's
    first change with the portal's message (the later ones wait behind it); a file that did not
    get through leaves them all pending, with the reason, for the next cycle."""
    quarantine, waiting = [], []
    for row in rows:
        hold = holds.get(row.dossier_id)
        if hold is None:
            continue
        if hold.refused and row.dossier_id not in blocked:
            quarantine.append({"_id": row.id, "_at": at, "_msg": hold.message, "_fields": hold.fields})
        else:
            waiting.append({"_id": row.id, "_msg": hold.message})
        blocked.add(row.dossier_id)
    with db.writing() as s:
        if quarantine:
            s.execute(_QUARANTINE, quarantine)
        if waiting:
            s.execute(_WAIT, waiting)
    tally.quarantined += len(quarantine)
    tally.held += len(waiting)


def _send(db: Database, push, rows: list[OutboxRow], items: list[PushItem], clock, blocked: set[int],
          tally: Tally) -> None:
    try:
        results = push(items)
    except PortalRejected as exc:
        if exc.status not in WHOLE_BATCH_REFUSALS:  # e.g. 404: a wrong address, not a bad record
            note_failure(db, rows, exc.message)
            raise
        # The portal refused the whole batch (not one item in it): find the bad one by halves, so
        # one broken record is quarantined and never blocks the rest.
        if len(items) > 1:
            half = len(items) // 2
            by_key = {r.event_uuid: r for r in rows}
            for part in (items[:half], items[half:]):
                part_rows = [by_key[i.key] for i in part if by_key[i.key].dossier_id not in blocked]
                part_items = [i for i in part if by_key[i.key].dossier_id not in blocked]
                if part_items:
                    _send(db, push, part_rows, part_items, clock, blocked, tally)
            return
        results = [PushResult(key=items[0].key, result="rejected", status=exc.status, message=exc.message,
                              fields=exc.fields)]
    except Exception as exc:
        note_failure(db, rows, getattr(exc, "message", None) or type(exc).__name__)
        raise
    sent_rows = {i.key for i in items}
    with db.writing() as s:
        record_results(s, [r for r in rows if r.event_uuid in sent_rows], results, clock(), blocked, tally)
