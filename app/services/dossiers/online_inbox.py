"""The online inbox (Hồ sơ trực tuyến): dossiers citizens filed on the portal, pulled by the sync
engine, waiting for an officer to open their files and receive (2), refuse (3) or ask for a
supplement (5). Those answers are ordinary lifecycle actions: they go back through the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.codes import parse_dossier_code
from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.vocab import Channel, DossierStatus, ResultMethod
from app.errors import NotFound, UserError
from app.portal.contract import OnlineDossier
from app.services.journal import audit, dossier_changed
from app.services.settings.calendar import calendar_in, due_for_procedure
from db.engine import Database
from db.models import (
    Agency,
    Dossier,
    DossierDocument,
    DossierFee,
    OnlineAttachment,
    Procedure,
    SyncState,
)


def save_pulled(session: Session, items: list[OnlineDossier], set_aside: Sequence[dict] = ()) -> int:
    """Store the new ones among `items` (known by the portal's id: a page read twice adds nothing).
    A dossier for a procedure this office's catalog lacks, or under a code another dossier here
    already has, is set aside in the sync state, not stored, with those the portal sent in a shape
    that could not be read (`set_aside`): the others still arrive. Returns how many were added."""
    if not items:
        _set_aside(session, list(set_aside))
        return 0
    known = set(session.scalars(select(Dossier.uuid).where(Dossier.uuid.in_([i.portal_id for i in items]))))
    taken = set(session.scalars(select(Dossier.code).where(Dossier.code.in_([i.code for i in items]))))
    codes = {i.procedure_code for i in items}
    procs = {p.code: p for p in session.scalars(select(Procedure).where(Procedure.code.in_(codes)))}
    agencies = {a.unit_code: a for a in session.scalars(select(Agency))}
    first_agency = min(agencies.values(), key=lambda a: a.id) if agencies else None
    if first_agency is None:
        raise UserError("Chưa khai báo cơ quan tiếp nhận (tên, mã đơn vị): vào Cài đặt trước.")
    cal = calendar_in(session)
    now = now_local()
    added, skipped = 0, []
    for item in items:
        if item.portal_id in known:
            continue
        known.add(item.portal_id)
        proc = procs.get(item.procedure_code)
        if proc is None:
            skipped.append({"code": item.code, "procedure": item.procedure_code})
            continue
        if item.code in taken:  # another dossier here already has this code: a portal fault, set aside
            skipped.append({"code": item.code, "procedure": item.procedure_code, "reason": "code_taken"})
            continue
        taken.add(item.code)
        parsed = parse_dossier_code(item.code)
        agency = agencies.get(parsed.unit_code) if parsed else None
        method = item.result_method if item.result_method in {m.value for m in ResultMethod} else "online"
        single_fee = [(f.name, f.amount, f.kind) for f in proc.fees] if len(proc.fees) == 1 else []
        d = Dossier(
            uuid=item.portal_id, code=item.code, agency_id=(agency or first_agency).id, procedure_id=proc.id,
            channel=int(Channel.ONLINE), status=int(DossierStatus.NEW), applicant_kind=item.applicant_kind,
            applicant_name=item.applicant_name, applicant_name_folded=fold(item.applicant_name),
            applicant_id_number=item.applicant_id_number, applicant_phone=item.applicant_phone,
            applicant_email=item.applicant_email, applicant_address=item.applicant_address,
            summary=item.summary or proc.name, sets=1,
            # Until an officer receives it, the dossier's times are the filing's: receiving sets both.
            received_at=item.submitted_at, due_at=due_for_procedure(cal, proc, item.submitted_at),
            result_method=method, result_address=item.result_address,
            fees_total=sum(f[1] for f in single_fee), updated_at=now,
            submitted_at=item.submitted_at, online_level=item.online_level, whole_process=item.whole_process,
            documents=[DossierDocument(position=i, name=name, originals=o, copies=c, mandatory=False, received=True)
                       for i, (name, o, c) in enumerate(item.documents)],
            fees=[DossierFee(position=i, name=n, amount=a, kind=k) for i, (n, a, k) in enumerate(single_fee)],
        )
        session.add(d)
        session.flush()
        for a in item.attachments:
            session.add(OnlineAttachment(dossier_id=d.id, portal_id=a.portal_id, name=a.name, mime=a.mime,
                                         size=a.size, sha256=a.sha256, url=a.url))
        dossier_changed(session, Actor.system(), d, "submit", status_from=None, at=now, to_portal=False,
                        details={"submitted_at": item.submitted_at.isoformat()})
        added += 1
    _set_aside(session, [*set_aside, *skipped])
    return added


def _set_aside(session: Session, skipped: list[dict]) -> None:
    if skipped:
        state = session.get(SyncState, "inbox_skipped") or SyncState(key="inbox_skipped", value=[])
        state.value = [*state.value, *skipped][-200:]
        session.add(state)
        audit(session, Actor.system(), "portal.inbox_skipped", "dossier", None, {"items": skipped})


@dataclass(frozen=True)
class InboxRow:
    code: str
    submitted_at: datetime
    applicant_name: str
    procedure_name: str
    online_level: int | None
    whole_process: bool | None
    attachments: int
    fetched: int  # attachments already downloaded (the rest come at the next sync)


def inbox(db: Database, actor: Actor) -> list[InboxRow]:
    """Online dossiers waiting for the counter, oldest filing first."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        counts = (select(OnlineAttachment.dossier_id, func.count().label("n"), func.count(OnlineAttachment.path)
                         .label("fetched")).group_by(OnlineAttachment.dossier_id).subquery())
        rows = s.execute(
            select(Dossier.code, Dossier.submitted_at, Dossier.received_at, Dossier.applicant_name, Procedure.name,
                   Dossier.online_level, Dossier.whole_process, func.coalesce(counts.c.n, 0),
                   func.coalesce(counts.c.fetched, 0))
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .outerjoin(counts, counts.c.dossier_id == Dossier.id)
            .where(Dossier.channel == int(Channel.ONLINE), Dossier.status == int(DossierStatus.NEW))
            .order_by(func.coalesce(Dossier.submitted_at, Dossier.received_at), Dossier.id))
        return [InboxRow(code, submitted or received, name, proc, level, whole, n, fetched)
                for code, submitted, received, name, proc, level, whole, n, fetched in rows]


def waiting_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Dossier).where(
        Dossier.channel == int(Channel.ONLINE), Dossier.status == int(DossierStatus.NEW))) or 0


@dataclass(frozen=True)
class AttachmentFile:
    name: str
    mime: str
    size: int
    path: Path | None  # None: not downloaded yet


def attachments(db: Database, actor: Actor, code: str, data_dir: Path) -> list[AttachmentFile]:
    """The citizen's files for the dossier; opening one is a view of personal data, so it is audited
    by `open_attachment`."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        d = s.scalar(select(Dossier.id).where(Dossier.code == code.strip().upper()))
        if d is None:
            raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
        rows = s.execute(select(OnlineAttachment.name, OnlineAttachment.mime, OnlineAttachment.size,
                                OnlineAttachment.path).where(OnlineAttachment.dossier_id == d)
                         .order_by(OnlineAttachment.id))
        return [AttachmentFile(n, m, size, data_dir / p if p else None) for n, m, size, p in rows]


def open_attachment(db: Database, actor: Actor, code: str, name: str, data_dir: Path) -> Path:
    """The local file of one attachment, with an audit record of who opened it. A scan of the
    citizen's papers cannot be masked, so it is for the roles that see personal data whole."""
    actor.require(Permission.VIEW_PERSONAL_DATA)
    for a in attachments(db, actor, code, data_dir):
        if a.name == name:
            if a.path is None or not a.path.is_file():
                raise UserError(f"Tệp «{name}» chưa tải về từ cổng: sẽ tải ở lần đồng bộ tới.")
            with db.writing() as s:
                audit(s, actor, "dossier.open_attachment", "dossier", code, {"file": name})
            return a.path
    raise NotFound(f"Hồ sơ «{code}» không có tệp «{name}».")
