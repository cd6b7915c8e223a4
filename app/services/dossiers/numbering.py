"""Which dossier code a new dossier gets.

With no portal (`portal.url` empty) the office is its own authority: the per-unit, per-day sequence
(sequences.py). With a portal, the portal issues codes too (for online dossiers), so the office only
uses numbers the portal leased to it ahead of time; with none left (a long outage) it issues a
provisional code `…-TAM0001`, printed as provisional, which the next sync replaces with an official
one and puts on the "reprint / notify" list (DOMAIN.md §5, §11: offline numbers must never collide).
Official codes take the shape the office issues (settings `codes.shape`, `codes.system_id`; the shapes
themselves are data, app/domain/codes.py); provisional codes have one shape of their own."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.codes import format_dossier_code, parse_dossier_code
from app.domain.permissions import Actor, Permission
from app.domain.privacy import shown_to
from app.errors import NotFound
from app.portal.contract import Lease
from app.services.journal import audit, dossier_changed
from app.services.sequences import next_sequence
from app.services.settings.calendar import calendar_in
from app.services.settings.store import setting_in, settings_in
from db.engine import Database
from db.models import Agency, CodeReplacement, Dossier, NumberLease

# The provisional sequence lives beside the official one, under its own key.
_PROVISIONAL_KEY = "TAM:{unit}"


def portal_configured(session: Session) -> bool:
    return bool(setting_in(session, "portal.url"))


CODE_SETTINGS = ("portal.url", "codes.shape", "codes.system_id")  # what allocating a code reads


def official_code(session: Session, unit_code: str, day: date, sequence: int, settings: dict | None = None) -> str:
    """The official code of number `sequence` of `day`, in the shape this office issues."""
    shape = settings["codes.shape"] if settings else setting_in(session, "codes.shape")
    system_id = settings["codes.system_id"] if settings else setting_in(session, "codes.system_id")
    return format_dossier_code(unit_code, day, sequence, shape=shape, system_id=system_id)


def allocate_code(session: Session, unit_code: str, day: date, settings: dict | None = None) -> tuple[str, bool]:
    """(code, provisional) for a dossier registered on `day`, inside the registering transaction.
    `settings`: the CODE_SETTINGS already read by the caller (registering reads its settings once)."""
    if not (settings["portal.url"] if settings else portal_configured(session)):
        return official_code(session, unit_code, day, next_sequence(session, unit_code, day), settings), False
    lease = session.execute(
        select(NumberLease.id, NumberLease.next_value)
        .where(NumberLease.unit_code == unit_code, NumberLease.day == day,
               NumberLease.next_value <= NumberLease.last)
        .order_by(NumberLease.first).limit(1).with_for_update()).first()
    if lease is not None:
        session.execute(update(NumberLease).where(NumberLease.id == lease.id)
                        .values(next_value=NumberLease.next_value + 1))
        return official_code(session, unit_code, day, lease.next_value, settings), False
    seq = next_sequence(session, _PROVISIONAL_KEY.format(unit=unit_code), day)
    return format_dossier_code(unit_code, day, seq, provisional=True), True


def numbers_left(session: Session, unit_code: str, day: date) -> int:
    return session.scalar(select(func.coalesce(func.sum(NumberLease.last - NumberLease.next_value + 1), 0))
                          .where(NumberLease.unit_code == unit_code, NumberLease.day == day,
                                 NumberLease.next_value <= NumberLease.last)) or 0


def leases_wanted(session: Session, today: date) -> list[tuple[str, date, int]]:
    """(unit code, day, how many) to lease now: today (an office may open on a Saturday) and the
    next working days, topped up when fewer than half a block is left."""
    settings = settings_in(session)
    size, days = settings["portal.lease_size"], settings["portal.lease_days"]
    cal = calendar_in(session)
    wanted_days = [today]
    while len(wanted_days) < days:
        wanted_days.append(cal.next_working_day(wanted_days[-1]))
    out = []
    for unit in session.scalars(select(Agency.unit_code).order_by(Agency.id)):
        for d in wanted_days:
            if numbers_left(session, unit, d) < max(1, size // 2):
                out.append((unit, d, size))
    return out


def add_lease(session: Session, lease: Lease, at: datetime | None = None) -> None:
    """Keep a block the portal leased (once: the same key twice is the same block)."""
    if session.scalar(select(NumberLease.id).where(NumberLease.key == lease.key)) is not None:
        return
    session.add(NumberLease(key=lease.key, unit_code=lease.unit_code, day=lease.day, first=lease.first,
                            last=lease.last, next_value=lease.first, leased_at=at or now_local()))
    audit(session, Actor.system(), "portal.lease", "number_lease", lease.key,
          {"unit": lease.unit_code, "day": lease.day.isoformat(), "first": lease.first, "last": lease.last})


def provisional_dossiers(session: Session) -> list[tuple[int, str, date]]:
    """(dossier id, unit code, day) of every dossier still under a provisional code, oldest first."""
    rows = session.execute(select(Dossier.id, Dossier.code).where(Dossier.provisional).order_by(Dossier.id))
    out = []
    for dossier_id, code in rows:
        parsed = parse_dossier_code(code)
        if parsed is not None:
            out.append((dossier_id, parsed.unit_code, parsed.day))
    return out


def replace_provisional(session: Session, dossier_id: int, lease: Lease, at: datetime | None = None) -> str:
    """Give the dossier the first number of `lease` (leased for it): the code changes, the change is
    in its history and audit (and goes to the portal like any change), and the dossier joins the
    reprint / notify list. Returns the official code."""
    at = at or now_local()
    d = session.get(Dossier, dossier_id, with_for_update=True)
    if d is None or not d.provisional:
        raise NotFound("Hồ sơ không còn mang mã tạm.")
    official = official_code(session, lease.unit_code, lease.day, lease.first)
    # Kept as a used lease; should the block be bigger than one, the rest serves later registrations.
    session.add(NumberLease(key=lease.key, unit_code=lease.unit_code, day=lease.day, first=lease.first,
                            last=lease.last, next_value=lease.first + 1, leased_at=at))
    old = d.code
    d.code, d.provisional, d.updated_at = official, False, at
    session.add(CodeReplacement(dossier_id=d.id, provisional_code=old, official_code=official, replaced_at=at))
    details = {"provisional_code": old, "official_code": official}
    event = dossier_changed(session, Actor.system(), d, "code_assigned", status_from=d.status, details=details, at=at)
    from app.services.notices.enqueue import enqueue_in

    enqueue_in(session, d, "code_assigned", event.uuid, details, at)  # the citizen holds the old code
    return official


@dataclass(frozen=True)
class Replacement:
    id: int
    dossier_id: int
    provisional_code: str
    official_code: str
    replaced_at: datetime
    applicant_name: str
    applicant_phone: str | None


def reprint_list(db: Database, actor: Actor) -> list[Replacement]:
    """Dossiers whose provisional code was replaced and whose citizen still holds the old receipt;
    the phone (to tell the citizen) masked for a role that may not see it whole."""
    actor.require(Permission.SEARCH_DOSSIERS)
    with db.reading() as s:
        rows = s.execute(
            select(CodeReplacement.id, CodeReplacement.dossier_id, CodeReplacement.provisional_code,
                   CodeReplacement.official_code, CodeReplacement.replaced_at, Dossier.applicant_name,
                   Dossier.applicant_phone)
            .join(Dossier, Dossier.id == CodeReplacement.dossier_id)
            .where(CodeReplacement.done_at.is_(None)).order_by(CodeReplacement.id))
        listed = [Replacement(*r) for r in rows]
    return [replace(r, applicant_phone=shown_to(actor, "applicant_phone", r.applicant_phone)) for r in listed]


def reprints_waiting(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CodeReplacement)
                          .where(CodeReplacement.done_at.is_(None))) or 0


def mark_reprinted(db: Database, actor: Actor, replacement_id: int, how: str) -> None:
    """The officer reprinted the receipt or told the citizen (`how`: reprinted | notified)."""
    actor.require(Permission.REGISTER_DOSSIER)
    with db.writing() as s:
        r = s.get(CodeReplacement, replacement_id)
        if r is None:
            raise NotFound("Không có mục này trong danh sách in lại.")
        if r.done_at is not None:
            return
        r.done_at, r.done_by = now_local(), actor.login
        audit(s, actor, f"dossier.{how}", "dossier", r.official_code, {"provisional_code": r.provisional_code})
