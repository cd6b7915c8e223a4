"""Registering a dossier at the counter: validate everything first, then one transaction writes
the dossier (code allocated), its event, audit and outbox records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from sqlalchemy import String, bindparam, insert, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain import applicant as checks
from app.domain.address import check_units
from app.domain.calendar import OfficeHours
from app.domain.folding import fold, nfc
from app.domain.permissions import Actor, Permission
from app.domain.vocab import ApplicantKind, Channel, DossierStatus, IdentityCheck, ResultMethod
from app.errors import UserError
from app.services.catalog import procedure_row
from app.services.dossiers.ledger import book_key
from app.services.dossiers.numbering import CODE_SETTINGS, allocate_code
from app.services.journal import DossierRef, dossier_changed
from app.services.notices.consent import check_channels, record_consent_in
from app.services.sequences import next_yearly
from app.services.settings.calendar import calendar_in, due_for_procedure
from app.services.settings.store import settings_of
from app.services.storable import check_storable
from db.engine import Database
from db.fast import fast
from db.models import (
    Agency,
    Counter,
    Dossier,
    DossierDocument,
    DossierFee,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    new_uuid,
)


@dataclass
class Applicant:
    name: str
    kind: ApplicantKind = ApplicantKind.CITIZEN
    id_number: str | None = None  # CCCD (citizen) or tax code (business)
    birth_date: date | None = None
    sex: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    representative: str | None = None
    # The address's units after the 2025 reform (vietnam-provinces codes) when picked from the
    # list, and the pre-reform address as first given when the officer accepted its conversion.
    province_code: str | None = None
    commune_code: str | None = None
    address_old: str | None = None


@dataclass
class Principal:
    """The person on whose behalf the applicant files (nộp thay / theo ủy quyền), and the paper
    that authorises it ("Giấy ủy quyền số … ngày …"). Stored as Dossier.principal."""

    name: str
    address: str | None = None
    id_number: str | None = None  # personal ID (12 digits)
    phone: str | None = None
    email: str | None = None
    paper: str | None = None


@dataclass
class DocumentLine:
    name: str
    originals: int = 1
    copies: int = 0
    mandatory: bool = True
    received: bool = True


@dataclass
class FeeLine:
    name: str
    amount: int
    kind: str = "le_phi"


@dataclass
class RegisterRequest:
    procedure_code: str
    applicant: Applicant
    channel: Channel = Channel.IN_PERSON
    documents: list[DocumentLine] | None = None  # None: the procedure's checklist, all received
    fees: list[FeeLine] | None = None  # None: the procedure's fee if it has exactly one line
    sets: int = 1
    result_method: ResultMethod = ResultMethod.COUNTER
    result_address: str | None = None
    due_override: datetime | None = None
    due_override_reason: str | None = None
    missing_documents_reason: str | None = None
    summary: str | None = None
    notes: str | None = None
    ticket: str | None = None  # the queue ticket the applicant came with, scanned at the counter
    received_at: datetime | None = None  # None: now
    extra: dict = field(default_factory=dict)
    identity_check: IdentityCheck | str | None = None  # how the officer checked who the applicant is
    principal: Principal | None = None  # None: filed in person
    # What the citizen agreed to be told through (app/services/notices/consent.py): "email", "sms",
    # "zalo"; an empty list: asked, refused; None: not asked.
    notice_channels: list[str] | None = None


@dataclass(frozen=True)
class Registered:
    id: int
    uuid: str
    code: str
    received_at: datetime
    due_at: datetime
    provisional: bool = False  # no leased number was left: the next sync replaces the code
    warnings: tuple[str, ...] = ()  # what the officer accepted (an ID registered abroad …)


def _clean(text: str | None) -> str | None:
    text = nfc(text).strip() if text else None
    return text or None


def _validated_applicant(a: Applicant, warnings: list[str] | None = None) -> Applicant:
    name = _clean(a.name)
    if not name:
        raise UserError("Chưa nhập họ tên người nộp hồ sơ.", field="name")
    out = Applicant(name=name, kind=a.kind, birth_date=a.birth_date, sex=_clean(a.sex),
                    address=_clean(a.address), representative=_clean(a.representative),
                    address_old=_clean(a.address_old))
    out.province_code, out.commune_code = check_units(a.province_code, a.commune_code)
    if a.birth_date and a.birth_date > date.today():
        raise UserError("Ngày sinh không được sau ngày hôm nay.", field="birth_date")
    if a.sex and out.sex not in ("Nam", "Nữ"):
        raise UserError("Giới tính phải là «Nam» hoặc «Nữ».", field="sex")
    if _clean(a.id_number):
        if a.kind is ApplicantKind.CITIZEN:
            found = checks.inspect_cccd(a.id_number, birth_date=a.birth_date, sex=out.sex)
        else:
            found = checks.inspect_tax_code(a.id_number)
        out.id_number = found.number
        if warnings is not None:
            warnings.extend(found.warnings)
    if _clean(a.phone):
        out.phone = checks.check_phone(a.phone)
    if _clean(a.email):
        out.email = checks.check_email(a.email)
    return out


def _validated_principal(p: Principal | None, warnings: list[str]) -> dict | None:
    """Dossier.principal: {name, address, id_number, phone, email, paper}, or None."""
    if p is None:
        return None
    name = _clean(p.name)
    if not name:
        raise UserError("Chưa nhập họ tên người ủy quyền (người được nộp thay).", field="principal_name")
    out = {"name": name, "address": _clean(p.address), "id_number": None, "phone": None, "email": None,
           "paper": _clean(p.paper)}
    try:
        if _clean(p.id_number):
            found = checks.inspect_cccd(p.id_number)
            out["id_number"] = found.number
            warnings.extend(f"Người ủy quyền: {w}" for w in found.warnings)
        if _clean(p.phone):
            out["phone"] = checks.check_phone(p.phone)
        if _clean(p.email):
            out["email"] = checks.check_email(p.email)
    except UserError as exc:
        raise UserError(f"Người ủy quyền: {exc}", field=f"principal_{exc.field}") from None
    # A JSON column has no length of its own: each part is held to its applicant column's.
    labels = {"name": "Họ tên người ủy quyền", "address": "Địa chỉ người ủy quyền",
              "paper": "Giấy ủy quyền"}
    check_storable(Dossier, {f"principal_{k}": out[k] for k in labels},
                   {f"principal_{k}": v for k, v in labels.items()})  # control characters
    for key, limit in (("name", 300), ("address", 500), ("paper", 300)):
        if out[key] and len(out[key]) > limit:
            raise UserError(f"«{labels[key]}» dài {len(out[key])} ký tự, quá {limit} ký tự cho phép.",
                            field=f"principal_{key}")
    return out


# Registering is the counter's most frequent write: it reads what it needs as plain rows and
# writes its rows with Core statements built once here (the ORM's unit of work and object loads
# were most of its time). The rules stay where they live (catalog, calendar, numbering, ledger,
# settings, journal); the comments name them.
_P, _PD, _PF = Procedure.__table__.c, ProcedureDocument.__table__.c, ProcedureFee.__table__.c
_PROCEDURE_DOCUMENTS = select(_PD.name, _PD.originals, _PD.copies, _PD.mandatory) \
    .where(_PD.procedure_id == bindparam("id")).order_by(_PD.position)
_PROCEDURE_FEES = select(_PF.name, _PF.amount, _PF.kind).where(_PF.procedure_id == bindparam("id")).order_by(_PF.position)
# Every agency (one in an office, a few at most) with the one the counter belongs to marked.
_A, _C = Agency.__table__.c, Counter.__table__.c
_AGENCIES = select(_A.id, _A.unit_code, _A.office_hours,
                   _A.id.in_(select(_C.agency_id).where(_C.id == bindparam("counter"))).label("mine")).order_by(_A.id)
_SETTING_KEYS = (*CODE_SETTINGS, "ledger.books")
_INSERT_DOSSIER = insert(Dossier.__table__).returning(Dossier.__table__.c.id)
_INSERT_DOCUMENT = insert(DossierDocument.__table__)
_INSERT_FEE = insert(DossierFee.__table__)


def _procedure(session: Session, code: str):
    return procedure_row(session, code, _P.id, _P.name, _P.sector_code, _P.time_value, _P.time_unit, _P.cutoff)

def _documents(session: Session, req: RegisterRequest, procedure_id: int) -> list[DocumentLine]:
    if req.documents is not None:
        return req.documents
    return [DocumentLine(*row, True) for row in fast(session).rows(_PROCEDURE_DOCUMENTS, {"id": procedure_id})]


def _office(session: Session, actor: Actor):
    """(the receiving agency's row, the office's hours): the counter's agency, else the first;
    the hours are the first agency's (settings.calendar.office_hours)."""
    rows = fast(session).rows(_AGENCIES, {"counter": actor.counter_id})
    if not rows:
        raise UserError("Chưa khai báo cơ quan tiếp nhận (tên, mã đơn vị): vào Cài đặt trước.")
    agency = next((r for r in rows if r.mine), rows[0])
    return agency, OfficeHours.parse(rows[0].office_hours)


@cache
def _lengths(table) -> tuple[tuple[str, int], ...]:
    return tuple((c.key, c.type.length) for c in table.columns
                 if isinstance(c.type, String) and c.type.length is not None)


def _check_lengths(table, values: dict) -> None:
    """What the flush-time check (app/services/storable.py) does for ORM objects: no text longer
    than its column, for the values made here rather than typed (those are checked with labels)."""
    for key, most in _lengths(table):
        value = values.get(key)
        if isinstance(value, str) and len(value) > most:
            raise UserError(f"«{table.name}.{key}» dài {len(value)} ký tự, quá {most} ký tự cho phép.", field=key)


_LABELS = {"applicant_name": "Họ tên", "applicant_id_number": "Số CCCD/mã số thuế", "applicant_sex": "Giới tính",
           "applicant_phone": "Số điện thoại", "applicant_email": "Thư điện tử", "applicant_address": "Địa chỉ",
           "applicant_address_old": "Địa chỉ cũ", "representative": "Người đại diện", "summary": "Trích yếu", "result_address": "Địa chỉ nhận kết quả",
           "notes": "Ghi chú"}


def register_in(session: Session, actor: Actor, req: RegisterRequest, *, is_demo: bool = False) -> Registered:
    actor.require(Permission.REGISTER_DOSSIER)
    proc = _procedure(session, req.procedure_code)
    warnings: list[str] = []
    person = _validated_applicant(req.applicant, warnings)
    principal = _validated_principal(req.principal, warnings)
    try:
        identity_check = IdentityCheck(req.identity_check).value if req.identity_check else None
    except ValueError:
        raise UserError("Cách kiểm tra danh tính không có trong danh sách.", field="identity_check") from None
    if req.channel is Channel.ONLINE:
        raise UserError("Hồ sơ trực tuyến được nhận từ cổng dịch vụ công, không đăng ký tại quầy.")
    if not 1 <= req.sets <= 100:
        raise UserError("Số bộ hồ sơ phải từ 1 đến 100.", field="sets")
    result_address = _clean(req.result_address)
    if req.result_method is ResultMethod.POST and not result_address:
        raise UserError("Trả kết quả qua bưu chính cần địa chỉ nhận.", field="result_address")
    notice_channels = check_channels(req.notice_channels, phone=person.phone, email=person.email)
    docs = _documents(session, req, proc.id)
    missing = [d.name for d in docs if d.mandatory and not d.received]
    missing_reason = _clean(req.missing_documents_reason)
    if missing and not missing_reason:
        raise UserError("Còn thiếu giấy tờ bắt buộc: " + "; ".join(missing)
                        + ". Cần ghi lý do để tiếp tục tiếp nhận.", field="documents")
    # A catalog's fee lines are often a rate table (per page, per tier of rooms): only a single
    # line can be taken as the fee without the officer saying which lines apply and how many.
    if req.fees is None:
        catalog_fees = fast(session).rows(_PROCEDURE_FEES, {"id": proc.id})
        fees = [FeeLine(*catalog_fees[0])] if len(catalog_fees) == 1 else []
    else:
        fees = req.fees
    if any(f.amount < 0 for f in fees):
        raise UserError("Phí, lệ phí không được âm.", field="fees")

    received_at = req.received_at or now_local()
    agency, hours = _office(session, actor)
    due_at = due_for_procedure(calendar_in(session, hours), proc, received_at)
    details: dict = {}
    if req.due_override is not None and req.due_override != due_at:
        reason = _clean(req.due_override_reason)
        if not reason:
            raise UserError("Đổi ngày hẹn trả cần ghi lý do.", field="due_at")
        if req.due_override <= received_at:
            raise UserError("Ngày hẹn trả phải sau thời điểm tiếp nhận.", field="due_at")
        details["due_override"] = {"computed": due_at.isoformat(), "chosen": req.due_override.isoformat(),
                                   "reason": reason}
        due_at = req.due_override
    if missing:
        details["missing_documents"] = {"documents": missing, "reason": missing_reason}
    if _clean(req.ticket):
        details["ticket"] = _clean(req.ticket)
    if warnings:
        details["id_warnings"] = warnings  # accepted by the officer who registers: kept with the event
    if notice_channels is not None:
        details["notice_consent"] = notice_channels  # the consent's record in the event and audit

    check_storable(Dossier, {
        "applicant_name": person.name, "applicant_id_number": person.id_number, "applicant_sex": person.sex,
        "applicant_phone": person.phone, "applicant_email": person.email, "applicant_address": person.address,
        "applicant_address_old": person.address_old,
        "representative": person.representative, "summary": _clean(req.summary),
        "result_address": result_address, "notes": _clean(req.notes)}, _LABELS)
    for d in docs:
        check_storable(DossierDocument, {"name": d.name}, {"name": "Tên giấy tờ"})
    settings = settings_of(session, _SETTING_KEYS)
    code, provisional = allocate_code(session, agency.unit_code, received_at.date(), settings)
    # Its book's next entry number (Form 07, app/services/dossiers/ledger.py).
    book = book_key(session, settings["ledger.books"], proc.sector_code)
    values = dict(
        uuid=new_uuid(), code=code, provisional=provisional,
        agency_id=agency.id, procedure_id=proc.id, channel=int(req.channel),
        status=int(DossierStatus.RECEIVED), applicant_kind=int(person.kind),
        applicant_name=person.name, applicant_name_folded=fold(person.name),
        applicant_id_number=person.id_number, applicant_birth_date=person.birth_date,
        applicant_sex=person.sex, applicant_phone=person.phone, applicant_email=person.email,
        applicant_address=person.address, representative=person.representative,
        identity_check=identity_check, principal=principal,
        applicant_province_code=person.province_code, applicant_commune_code=person.commune_code,
        applicant_address_old=person.address_old,
        ledger_book=book, ledger_year=received_at.year,
        ledger_number=next_yearly(session, f"ledger:{book}", received_at.year),
        summary=_clean(req.summary) or proc.name, sets=req.sets,
        received_at=received_at, due_at=due_at, result_method=req.result_method.value,
        result_address=result_address, fees_total=sum(f.amount for f in fees), notes=_clean(req.notes),
        counter_id=actor.counter_id, received_by=actor.user_id, is_demo=is_demo, updated_at=received_at,
        version=1,  # the ORM's version counter (Dossier.version) starts at 1
    )
    _check_lengths(Dossier.__table__, values)
    dossier_id = fast(session).scalar(_INSERT_DOSSIER, values)
    if docs:
        fast(session).run(_INSERT_DOCUMENT, [
            {"dossier_id": dossier_id, "position": i, "name": d.name, "originals": d.originals, "copies": d.copies,
             "mandatory": d.mandatory, "received": d.received} for i, d in enumerate(docs)])
    if fees:
        rows = [{"dossier_id": dossier_id, "position": i, "name": f.name, "amount": f.amount, "kind": f.kind}
                for i, f in enumerate(fees)]
        for row in rows:
            _check_lengths(DossierFee.__table__, row)
        fast(session).run(_INSERT_FEE, rows)
    if notice_channels is not None:
        record_consent_in(session, actor, dossier_id, notice_channels, received_at, new=True)
    ref = DossierRef(dossier_id, values["uuid"], code, values["status"], is_demo, new=True)
    dossier_changed(session, actor, ref, "receive", status_from=None, details=details, at=received_at)
    if details.get("ticket"):
        from app.services.queue.tickets import link_dossier_in

        link_dossier_in(session, details["ticket"], dossier_id, received_at.date())
    return Registered(dossier_id, ref.uuid, code, received_at, due_at, provisional, tuple(warnings))


def register(db: Database, actor: Actor, req: RegisterRequest) -> Registered:
    actor.require(Permission.REGISTER_DOSSIER)
    with db.writing() as s:
        return register_in(s, actor, req)
