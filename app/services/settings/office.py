"""The office itself: its agency record (names, unit code, address, office hours) and its counters.
Only who may change the settings changes them; each change is checked whole before anything is
written and leaves an audit record in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import time

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.calendar import OfficeHours
from app.domain.codes import validate_unit_code
from app.domain.permissions import Actor, Permission
from app.domain.queue import CALLED, SERVING, WAITING
from app.errors import NotFound, UserError
from app.services.journal import audit
from app.services.storable import column_length
from db.engine import Database
from db.models import Agency, AuditRecord, Counter, Dossier, DossierEvent, QueueTicket

MAX_COUNTER = 99  # the hall display and the LED boards show two digits
_SESSION = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_PHONE = re.compile(r"^[0-9 +().\-/]*$")


@dataclass(frozen=True)
class AgencyProfile:
    id: int
    name: str
    parent_name: str
    unit_code: str
    address: str
    phone: str
    place_name: str
    office_hours: str  # "07:30-11:30,13:30-17:00"


EDITABLE = tuple(f.name for f in fields(AgencyProfile) if f.name != "id")
# field: (its name in messages, longest allowed, required)
# (label, most characters: the column's own length, required)
_TEXT_RULES = {key: (label, column_length(Agency, key), required) for key, label, required in (
    ("name", "Tên cơ quan", True), ("parent_name", "Tên cơ quan chủ quản", False), ("address", "Địa chỉ", False),
    ("phone", "Số điện thoại", False), ("place_name", "Địa danh", False))}


@dataclass(frozen=True)
class CounterRow:
    id: int
    number: int
    name: str
    active: bool
    used: bool  # has dossiers, history or queue tickets: it can be deactivated, never deleted


def _agency(session: Session) -> Agency:
    agency = session.scalar(select(Agency).order_by(Agency.id).limit(1))
    if agency is None:
        raise NotFound("Cơ sở dữ liệu chưa có thông tin cơ quan.")
    return agency


def _profile(a: Agency) -> AgencyProfile:
    return AgencyProfile(a.id, a.name, a.parent_name or "", a.unit_code, a.address or "", a.phone or "",
                         a.place_name or "", a.office_hours)


def agency_profile(db: Database) -> AgencyProfile:
    with db.reading() as s:
        return _profile(_agency(s))


def check_office_hours(text: str) -> str:
    """'07:30-11:30,13:30-17:00' normalised; a message that says which session is wrong and why."""
    parts = [p for p in (text or "").split(",") if p.strip()]
    if not parts:
        raise UserError("Cần ít nhất một buổi làm việc (ví dụ 07:30-11:30).", field="office_hours")
    sessions: list[tuple[time, time]] = []
    for n, part in enumerate(parts, 1):
        m = _SESSION.match(part)
        try:
            start, end = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
        except (TypeError, ValueError):
            raise UserError(f"Buổi làm việc «{part.strip()}» không đúng dạng giờ (ví dụ 07:30-11:30).",
                            field="office_hours") from None
        if start >= end:
            raise UserError(f"Buổi làm việc thứ {n}: giờ bắt đầu ({start:%H:%M}) phải trước giờ kết thúc "
                            f"({end:%H:%M}).", field="office_hours")
        if sessions and start < sessions[-1][1]:
            raise UserError(f"Buổi làm việc thứ {n} bắt đầu lúc {start:%H:%M}, trước khi buổi thứ {n - 1} "
                            f"kết thúc ({sessions[-1][1]:%H:%M}): các buổi không được chồng lên nhau.",
                            field="office_hours")
        sessions.append((start, end))
    return str(OfficeHours(tuple(sessions)))


def _checked_text(key: str, value: object) -> str:
    label, most, required = _TEXT_RULES[key]
    text = value.strip() if isinstance(value, str) else None
    if text is None or "\n" in text:
        raise UserError(f"{label} phải là một dòng chữ.", field=key)
    if required and not text:
        raise UserError(f"Cần ghi {label.lower()}.", field=key)
    if len(text) > most:
        raise UserError(f"{label} dài quá {most} ký tự.", field=key)
    if key == "phone" and (not _PHONE.match(text) or (text and not any(c.isdigit() for c in text))):
        raise UserError(f"Số điện thoại «{text}» không hợp lệ: chỉ gồm chữ số, dấu cách và các dấu + . - ( ).",
                        field=key)
    return text


def _checked(changes: dict[str, object]) -> dict[str, str]:
    out = {}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise UserError(f"Thông tin cơ quan không có mục «{key}».")
        if key == "unit_code":
            out[key] = validate_unit_code(value if isinstance(value, str) else "")
        elif key == "office_hours":
            out[key] = check_office_hours(value if isinstance(value, str) else "")
        else:
            out[key] = _checked_text(key, value)
    return out


def update_agency(db: Database, actor: Actor, **changes: object) -> AgencyProfile:
    """Change some of the office's details. All are checked first; unchanged ones are not recorded."""
    actor.require(Permission.EDIT_SETTINGS)
    checked = _checked(changes)
    with db.writing() as s:
        agency = _agency(s)
        before = _profile(agency)
        changed = {k: v for k, v in checked.items() if getattr(before, k) != v}
        if "unit_code" in changed and s.scalar(select(Agency.id).where(
                Agency.unit_code == changed["unit_code"], Agency.id != agency.id)) is not None:
            raise UserError(f"Mã đơn vị {changed['unit_code']} đã là mã của một cơ quan khác.", field="unit_code")
        if not changed:
            return before
        for key, value in changed.items():
            setattr(agency, key, value)
        audit(s, actor, "agency.update", "agency", agency.id,
              {"from": {k: getattr(before, k) for k in changed}, "to": changed})
        s.flush()
        return _profile(agency)


# ---- counters --------------------------------------------------------------------------------
def _used(counter_id):
    """Whether anything recorded refers to the counter (SQL, for one id or a column)."""
    return or_(exists().where(Dossier.counter_id == counter_id),
               exists().where(DossierEvent.counter_id == counter_id),
               exists().where(AuditRecord.counter_id == counter_id),
               exists().where(or_(QueueTicket.counter_id == counter_id, QueueTicket.for_counter_id == counter_id)))


def _row(s: Session, c: Counter) -> CounterRow:
    return CounterRow(c.id, c.number, c.name, c.active, bool(s.scalar(select(_used(c.id)))))


def list_counters(db: Database) -> list[CounterRow]:
    with db.reading() as s:
        agency = _agency(s)
        rows = s.execute(select(Counter.id, Counter.number, Counter.name, Counter.active, _used(Counter.id))
                         .where(Counter.agency_id == agency.id).order_by(Counter.number)).all()
        return [CounterRow(r[0], r[1], r[2], bool(r[3]), bool(r[4])) for r in rows]


def _counter(s: Session, counter_id: int) -> Counter:
    counter = s.get(Counter, counter_id)
    if counter is None:
        raise NotFound("Không tìm thấy quầy này: có thể người khác vừa xóa. Hãy tải lại danh sách quầy.")
    return counter


def _name(name: object, number: int) -> str:
    text = name.strip() if isinstance(name, str) else ""
    most = column_length(Counter, "name")
    if "\n" in text or len(text) > most:
        raise UserError(f"Tên quầy phải là một dòng chữ, tối đa {most} ký tự.", field="counter_name")
    return text or f"Quầy số {number}"


def add_counter(db: Database, actor: Actor, number: int, name: str = "") -> CounterRow:
    """A new counter, in use at once; an empty name reads "Quầy số <n>"."""
    actor.require(Permission.EDIT_SETTINGS)
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_COUNTER:
        raise UserError(f"Số quầy phải là một số nguyên từ 1 đến {MAX_COUNTER}.", field="counter_number")
    name = _name(name, number)
    with db.writing() as s:
        agency = _agency(s)
        taken = s.scalar(select(Counter).where(Counter.agency_id == agency.id, Counter.number == number))
        if taken is not None:
            state = "" if taken.active else " (đang ngừng dùng: có thể dùng lại)"
            raise UserError(f"Đã có quầy số {number}{state}.", field="counter_number")
        counter = Counter(agency_id=agency.id, number=number, name=name, active=True)
        s.add(counter)
        s.flush()
        audit(s, actor, "counter.add", "counter", counter.id, {"number": number, "name": name})
        return CounterRow(counter.id, number, name, True, False)


def _check_can_stop(s: Session, counter: Counter) -> None:
    """A counter goes out of use only when no citizen is left waiting for it or being served there,
    and never the last one: officers log in at a counter."""
    busy = s.scalar(select(QueueTicket.label).where(
        QueueTicket.day == now_local().date(),
        or_(QueueTicket.counter_id == counter.id, QueueTicket.for_counter_id == counter.id),
        or_(QueueTicket.status.in_((CALLED, SERVING)),
            (QueueTicket.status == WAITING) & (QueueTicket.for_counter_id == counter.id))).limit(1))
    if busy is not None:
        raise UserError(f"Quầy số {counter.number} còn số thứ tự {busy} đang gọi, đang phục vụ hoặc chờ riêng "
                        f"quầy này: xong lượt đó rồi hãy ngừng dùng quầy.", field="counter_active")
    others = s.scalar(select(func.count()).select_from(Counter).where(
        Counter.agency_id == counter.agency_id, Counter.active.is_(True), Counter.id != counter.id))
    if not others:
        raise UserError("Cần ít nhất một quầy đang dùng: cán bộ đăng nhập theo quầy.", field="counter_active")


def update_counter(db: Database, actor: Actor, counter_id: int, *, name: str | None = None,
                   active: bool | None = None) -> CounterRow:
    """Rename a counter, or take it out of use (or back): its number and history stay."""
    actor.require(Permission.EDIT_SETTINGS)
    with db.writing() as s:
        counter = _counter(s, counter_id)
        before = {"name": counter.name, "active": counter.active}
        after = dict(before)
        if name is not None:
            if not name.strip():
                raise UserError("Cần ghi tên quầy.", field="counter_name")
            after["name"] = _name(name, counter.number)
        if active is not None:
            after["active"] = bool(active)
        changed = [k for k in after if after[k] != before[k]]
        if not changed:
            return _row(s, counter)
        if before["active"] and not after["active"]:
            _check_can_stop(s, counter)
        counter.name, counter.active = after["name"], after["active"]
        audit(s, actor, "counter.update", "counter", counter.id,
              {"number": counter.number, "from": {k: before[k] for k in changed}, "to": {k: after[k] for k in changed}})
        return _row(s, counter)


def remove_counter(db: Database, actor: Actor, counter_id: int) -> bool:
    """A counter added by mistake goes; one with dossiers, history or tickets is only taken out of
    use (their records keep naming it). True: deleted; False: deactivated."""
    actor.require(Permission.EDIT_SETTINGS)
    with db.writing() as s:
        counter = _counter(s, counter_id)
        # Logged in at it: this change's own audit record names it.
        if actor.counter_id == counter.id or s.scalar(select(_used(counter.id))):
            if counter.active:
                _check_can_stop(s, counter)
                counter.active = False
                audit(s, actor, "counter.update", "counter", counter.id,
                      {"number": counter.number, "from": {"active": True}, "to": {"active": False}})
            return False
        if counter.active:
            _check_can_stop(s, counter)
        audit(s, actor, "counter.remove", "counter", counter.id, {"number": counter.number, "name": counter.name})
        s.delete(counter)
        return True
