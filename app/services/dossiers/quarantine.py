"""Changes the portal refused for good (409, 422), set aside so the rest keep flowing
(DOMAIN.md §11). The officer sees why, corrects the dossier's details when a field was wrong,
and sends the change again. A dossier's later changes wait behind its quarantined one, so the
portal still gets them in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from app.clock import now_local
from app.domain.address_convert import parse_new
from app.domain.applicant import check_email, check_phone
from app.domain.folding import fold, nfc
from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.services.dossiers.listing import action_label
from app.services.dossiers.query import dossier_for_update
from app.services.journal import audit, dossier_changed
from db.engine import Database
from db.models import Dossier, OutboxMessage


@dataclass(frozen=True)
class Quarantined:
    outbox_id: int
    code: str
    applicant_name: str
    change: str  # the history action, as the counter says it
    message: str
    fields: list[tuple[str, str]]  # (field label, the portal's message)
    quarantined_at: datetime | None
    waiting_behind: int  # the dossier's later changes held until this one goes


def quarantined(db: Database, actor: Actor) -> list[Quarantined]:
    actor.require(Permission.VIEW_DOSSIER)
    later = aliased(OutboxMessage)
    behind = (select(func.count()).select_from(later)
              .where(and_(later.dossier_id == OutboxMessage.dossier_id, later.id > OutboxMessage.id,
                          later.state == "pending")).scalar_subquery())
    with db.reading() as s:
        rows = s.execute(
            select(OutboxMessage.id, Dossier.code, Dossier.applicant_name, OutboxMessage.kind,
                   OutboxMessage.last_error, OutboxMessage.error_fields, OutboxMessage.quarantined_at, behind)
            .join(Dossier, Dossier.id == OutboxMessage.dossier_id)
            .where(OutboxMessage.state == "quarantined").order_by(OutboxMessage.id))
        return [Quarantined(i, code, name, action_label(kind), error or "",
                            # the mapping module put the officer's word for each field beside its name
                            [(f.get("label") or f.get("field", ""), f.get("message", "")) for f in (fields or [])],
                            at, n)
                for i, code, name, kind, error, fields, at, n in rows]


def retry(db: Database, actor: Actor, outbox_id: int) -> None:
    """Send it again at the next sync (after a correction, or once the portal is fixed)."""
    actor.require(Permission.REGISTER_DOSSIER)
    with db.writing() as s:
        row = s.get(OutboxMessage, outbox_id)
        if row is None or row.state != "quarantined":
            raise NotFound("Thay đổi này không còn trong danh sách cách ly.")
        audit(s, actor, "portal.retry", "outbox", row.event_uuid, {"error": row.last_error})
        row.state, row.last_error, row.error_fields, row.quarantined_at = "pending", None, None, None


# The details an officer may correct after intake (a typo in a phone number is the usual 422).
CORRECTABLE = {"applicant_name": "Họ tên người nộp", "applicant_phone": "Số điện thoại",
               "applicant_email": "Email", "applicant_address": "Địa chỉ"}


def correct_contact(db: Database, actor: Actor, code: str, changes: dict[str, str | None], reason: str) -> None:
    """Correct the applicant's contact details: the dossier, a "correct" history event, its audit
    record and its outbox record, in one transaction."""
    actor.require(Permission.REGISTER_DOSSIER)
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise UserError("Chỉ sửa được họ tên, số điện thoại, email và địa chỉ người nộp.")
    reason = nfc(reason or "").strip()
    if not reason:
        raise UserError("Sửa thông tin hồ sơ cần ghi lý do.")
    clean: dict[str, str | None] = {}
    for key, value in changes.items():
        value = nfc(value).strip() if value else None
        if key == "applicant_name" and not value:
            raise UserError("Họ tên người nộp không được để trống.", field=key)
        if key == "applicant_phone" and value:
            value = check_phone(value)
        if key == "applicant_email" and value:
            value = check_email(value)
        clean[key] = value
    with db.writing() as s:
        d = dossier_for_update(s, code)
        before = {k: getattr(d, k) for k in clean}
        if before == clean:
            raise UserError("Không có gì thay đổi.")
        for key, value in clean.items():
            setattr(d, key, value)
        if "applicant_name" in clean:
            d.applicant_name_folded = fold(clean["applicant_name"])
        if "applicant_address" in clean:
            # The units' codes follow the corrected text: those of a post-2025 address it names,
            # else none (codes of the old text would say a place the address no longer does).
            parsed = parse_new(clean["applicant_address"])
            d.applicant_province_code, d.applicant_commune_code = \
                (parsed[1].code, parsed[2].code) if parsed else (None, None)
        at = now_local()
        d.updated_at = at
        dossier_changed(s, actor, d, "correct", status_from=d.status, note=reason,
                        details={"before": before, "after": clean}, at=at)
