"""The volunteer guide desk (DOMAIN.md §1): where a procedure can be filed online, the citizen's
printed guide, and the log of citizens helped to file online that the reports count.

A guide works with the catalog and this log only: what these functions return names a procedure,
a moment and whether a phone number was left, never the number or anyone's dossier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.applicant import check_phone
from app.domain.permissions import Actor, Permission
from app.domain.vocab import ProcessClass, ResultMethod
from app.errors import UserError
from app.services.catalog import get_procedure
from app.services.dossiers.receipts import processing_time
from app.services.journal import audit
from app.services.settings.store import SPECS, settings_in
from db.engine import Database
from db.models import Agency, GuidanceRecord, Procedure
from printing.guide_sheet import GuideSheetData, SheetDocument, SheetFee, guide_sheet_pdf

URL_KEY = "guide.online_url"


@dataclass(frozen=True)
class GuidanceEntry:
    """One citizen helped, as the guide desk may show it."""

    uuid: str
    at: datetime
    procedure_code: str
    procedure_name: str
    phone_left: bool


def online_filing(proc: Procedure, settings: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether the procedure can be filed online (Decree 43 level 3 or 4, or any Decree 42 class)
    and the address of its online form (the `guide.online_url` setting, {code} filled in)."""
    if not ((proc.online_level or 0) >= 3 or proc.process_class):
        return False, None
    template = settings.get(URL_KEY) or SPECS[URL_KEY].default
    return True, template.replace("{code}", proc.code)


def whole_process(proc: Procedure) -> bool:
    """Level 4 or toàn trình: the fee is paid and the result received without coming in."""
    return (proc.online_level or 0) >= 4 or proc.process_class == ProcessClass.WHOLE


def _day_range(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def log_guidance(db: Database, actor: Actor, procedure_code: str, *, phone: str | None = None,
                 consent: bool = False, at: datetime | None = None) -> GuidanceEntry:
    """Record one citizen helped to file `procedure_code` online, with its audit record, in one
    transaction. A phone number is kept only when the citizen agreed (`consent`); without it the
    call is refused and nothing is written."""
    actor.require(Permission.LOG_GUIDANCE)
    phone = (phone or "").strip() or None
    if phone is not None:
        if not consent:
            raise UserError("Chỉ ghi số điện thoại khi công dân đồng ý: đánh dấu «công dân đồng ý để lại số "
                            "điện thoại», hoặc xóa số điện thoại.", field="phone")
        phone = check_phone(phone)
    at = at or now_local()
    with db.writing() as s:
        proc = get_procedure(s, procedure_code)
        if not online_filing(proc, {})[0]:  # the log counts online filings: the reports add them up as such
            raise UserError(f"Thủ tục «{proc.name}» chưa nộp được trực tuyến: không ghi nhận là đã hướng dẫn "
                            "nộp trực tuyến.")
        # Consent is recorded for a number actually kept; a ticked box with no number keeps nothing.
        record = GuidanceRecord(at=at, user_id=actor.user_id, procedure_id=proc.id, phone=phone,
                                phone_consent=phone is not None)
        s.add(record)
        s.flush()
        # The audit says a number was left, not which: the number lives in the log row only.
        audit(s, actor, "guidance.log", "guidance", record.uuid,
              {"procedure": proc.code, "phone_left": phone is not None}, at)
        return GuidanceEntry(record.uuid, at, proc.code, proc.name, phone is not None)


def guided_today(db: Database, actor: Actor, day: date, *, whole_office: bool = False) -> int:
    """Citizens helped on `day`: by this guide (the desk's own counter), or by the whole office."""
    actor.require(Permission.LOG_GUIDANCE)
    start, end = _day_range(day)
    q = select(func.count(GuidanceRecord.id)).where(GuidanceRecord.at >= start, GuidanceRecord.at < end)
    if not whole_office:
        q = q.where(_mine(actor))
    with db.reading() as s:
        return s.scalar(q) or 0


def _mine(actor: Actor):
    return GuidanceRecord.user_id == actor.user_id if actor.user_id is not None else GuidanceRecord.user_id.is_(None)


def recent(db: Database, actor: Actor, limit: int = 10) -> list[GuidanceEntry]:
    """This guide's latest entries, newest first: procedure, moment and whether a phone was left."""
    actor.require(Permission.LOG_GUIDANCE)
    with db.reading() as s:
        rows = s.execute(
            select(GuidanceRecord.uuid, GuidanceRecord.at, Procedure.code, Procedure.name,
                   GuidanceRecord.phone.is_not(None))
            .join(Procedure, Procedure.id == GuidanceRecord.procedure_id)
            .where(_mine(actor))
            .order_by(GuidanceRecord.at.desc(), GuidanceRecord.id.desc())
            .limit(limit))
        return [GuidanceEntry(u, at, code, name, bool(left)) for u, at, code, name, left in rows]


def guide_sheet_data(session: Session, procedure_code: str, now: datetime) -> GuideSheetData:
    proc = get_procedure(session, procedure_code)
    settings = settings_in(session)
    online, url = online_filing(proc, settings)
    agency = session.scalar(select(Agency).order_by(Agency.id).limit(1))
    unit = settings["receipt.header_unit"].strip() or (agency.name if agency else "Bộ phận Một cửa")
    level = ", ".join(x for x in (f"mức độ {proc.online_level}" if proc.online_level else "",
                                  ProcessClass(proc.process_class).label.lower() if proc.process_class else "")
                      if x)
    return GuideSheetData(
        procedure_name=proc.name, procedure_code=proc.code, sector_name=proc.sector_name,
        documents=tuple(SheetDocument(d.name, d.originals, d.copies, d.mandatory, d.note) for d in proc.documents),
        fees=tuple(SheetFee(f.name, f.amount, f.online_amount, f.note) for f in proc.fees),
        processing_time=processing_time(proc.time_value, proc.time_unit),
        result_return=", ".join(ResultMethod(m).label for m in proc.result_return),
        online=online, whole_process=online and whole_process(proc), online_url=url, level_text=level,
        office_name=unit, office_address=(agency.address or "") if agency else "",
        office_phone=(agency.phone or "") if agency else "", office_hours=agency.office_hours if agency else "",
        printed_at=now)


def print_guide_sheet(db: Database, actor: Actor, procedure_code: str, out_dir: Path,
                      now: datetime | None = None) -> Path:
    """Write the citizen's guide for a procedure as `<out_dir>/guides/<code>.pdf` (the latest print
    replaces the previous one: it follows the catalog) and return its path."""
    actor.require(Permission.VIEW_CATALOG)
    with db.reading() as s:
        data = guide_sheet_data(s, procedure_code, now or now_local())
    safe = re.sub(r"[^\w.\-]", "_", data.procedure_code)  # a file name on every system
    path = Path(out_dir) / "guides" / f"{safe}.pdf"
    try:
        guide_sheet_pdf(data, path)
    except OSError as exc:
        raise UserError(f"Không ghi được tờ hướng dẫn vào «{path}»: {exc.strerror or exc}.") from None
    return path
