"""Everything done to a dossier after its receipt, each as one transaction that writes the dossier,
its history event, its audit record and its portal outbox record (journal.dossier_changed).
What may happen when, and by whom, is app/domain/lifecycle.py's table; this module adds the facts
each action needs (reasons, people, times), the clock rules for the due moment, the number of the
form an action issues ("Số: …", per form and year) and the rule that a supplement is asked once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.lifecycle import FORM_OF, PREVIOUS, SUPPLEMENT_ONCE, Action, check
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus as S
from app.domain.vocab import ResultMethod, TimeUnit
from app.errors import UserError
from app.formatting import money
from app.services.dossiers.ledger import assign_ledger_entry
from app.services.dossiers.query import dossier_for_update
from app.services.journal import dossier_changed
from app.services.notices.enqueue import enqueue_in
from app.services.ratings.ask import ask_in
from app.services.sequences import next_yearly
from app.services.settings.calendar import calendar_in, due_for_procedure, parse_cutoff
from app.services.settings.store import settings_in
from app.services.signing.documents import form_kind, pending_in
from db.engine import Database
from db.models import Agency, Dossier, DossierEvent, User

RESTART, PAUSE = "restart", "pause"


@dataclass
class Facts:
    """What the officer states with an action; each action checks the facts it needs."""

    reason: str | None = None
    at: datetime | None = None  # None: now
    division: str | None = None  # hand_over / take_back: the specialist division
    giver: str | None = None  # who hands the dossier over …
    taker: str | None = None  # … and who receives it
    new_due: datetime | None = None  # extend
    collector_name: str | None = None  # return_result at the counter
    collector_id_number: str | None = None
    collector_is_applicant: bool = True
    postal_code: str | None = None  # return_result by post (BCCI shipment code)
    postal_address: str | None = None
    amount: int | None = None  # request_payment
    # request_supplement (Form 02): what to add or complete, one item each (`reason` is then the
    # specific reason), and whom the citizen may call for guidance (default: the officer, the
    # office's phone). None: an older caller's single note in `reason`, its items split at ";".
    items: list[str] | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    # A second request (Decree 118/2025 Art. 11): its ground, and the supervisor beside the officer
    # who approves it with their own login and password (or the actor's own right to approve).
    ground: str | None = None
    approver_login: str | None = None
    approver_password: str | None = None
    # return_result of a dossier that still owes a fee (docs/fees.md): why it goes unpaid; the
    # supervisor approves it as a second supplement's (approver_login / approver_password).
    unpaid_reason: str | None = None


@dataclass(frozen=True)
class Outcome:
    code: str
    status_from: int
    status_to: int
    due_at: datetime
    event_uuid: str
    on_time: str | None = None  # result_ready: "early" | "on_time" | "late"
    document: bytes | None = None  # extend: the apology and extension letter (form 04), to hand over


@dataclass(frozen=True)
class Approval:
    """A supervisor whose login and password were checked for this request."""

    login: str
    full_name: str


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


# What each approval allows, as its refusal names it.
_APPROVALS = {Permission.APPROVE_REPEAT_SUPPLEMENT: "phê duyệt yêu cầu bổ sung lần thứ hai",
              Permission.APPROVE_UNPAID_RETURN: "cho phép trả kết quả khi hồ sơ còn nợ phí, lệ phí"}
UNPAID_RETURN = ("Hồ sơ còn phải nộp {owed} phí, lệ phí: thu đủ trước khi trả kết quả, hoặc lãnh đạo cho phép "
                 "(ghi lý do).")


def approve(db: Database, login: str, password: str, counter_id: int | None = None,
            permission: Permission = Permission.APPROVE_REPEAT_SUPPLEMENT) -> Approval:
    """Check the approving supervisor's login and password in a transaction of its own, so that a
    wrong password counts towards the lock (as at the log-in window) even though the request it
    was for is then refused. The approval itself is recorded with the request (`approved_by` in its
    event and audit record), so a request refused after all leaves no approval behind.
    `permission`: the right the approval needs (a second supplement, a return still unpaid)."""
    from app.services.trust.users import check_credentials

    with db.writing() as s:
        approver, refusal = check_credentials(s, login, password or "", counter_id)
        if approver is not None:
            user = s.get(User, approver.user_id)
            if user.must_change_password:
                refusal = UserError("Lãnh đạo phê duyệt cần đổi mật khẩu ban đầu trước khi phê duyệt.")
            elif not approver.can(permission):
                refusal = UserError(f"Tài khoản «{approver.login}» không có quyền {_APPROVALS[permission]}: "
                                    "cần lãnh đạo phê duyệt.")
    if refusal is not None:
        raise UserError(f"Phê duyệt của lãnh đạo: {refusal}")
    return Approval(approver.login, approver.full_name)


def supplement_clock(session: Session, procedure_code: str) -> str:
    """Whether the processing time restarts (default) or pauses while a supplement is awaited:
    setting `lifecycle.supplement_pause` lists the procedure codes that pause."""
    return PAUSE if procedure_code in settings_in(session).get("lifecycle.supplement_pause", []) else RESTART


def on_time_class(finished: datetime, due: datetime) -> str:
    """Finished by the due moment counts as on time; a day or more before it, early."""
    if finished > due:
        return "late"
    return "early" if finished.date() < due.date() else "on_time"


def _last(session: Session, dossier: Dossier, action: Action) -> DossierEvent | None:
    return session.scalar(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id,
                                                     DossierEvent.action == action.value)
                          .order_by(DossierEvent.id.desc()).limit(1))


def _due_after_supplement(session: Session, d: Dossier, back_at: datetime) -> tuple[datetime, str]:
    """The due moment once the complete dossier is back."""
    cal = calendar_in(session)
    proc = d.procedure
    requested = _last(session, d, Action.REQUEST_SUPPLEMENT)
    during_processing = requested is not None and requested.status_from == S.PROCESSING
    mode = supplement_clock(session, proc.code) if during_processing else RESTART
    if mode == RESTART:
        return due_for_procedure(cal, proc, back_at), mode
    # Paused: what was left at the request is what is left now.
    unit = TimeUnit(proc.time_unit)
    if unit is TimeUnit.WORKING_HOURS:
        left = cal.working_hours_between(requested.at, d.due_at)
        return (cal.due_at(back_at, left, unit) if left > 0 else back_at), mode
    left_days = cal.working_days_between(cal.receipt_day(requested.at), d.due_at.date())
    cutoff = parse_cutoff(proc.cutoff)
    return cal.due_at(back_at, left_days, TimeUnit.WORKING_DAYS, cutoff), mode


def _supplement(session: Session, actor: Actor, d: Dossier, f: Facts, approval: Approval | None) -> dict[str, Any]:
    """Form 02's facts, and Decree 118 Art. 11: a second request needs its ground and a supervisor."""
    items = f.items if f.items is not None else (f.reason or "").split(";")
    items = [t for t in (_text(i) for i in items) if t]
    if not items:
        raise UserError("Yêu cầu bổ sung cần ghi ít nhất một nội dung cần bổ sung, hoàn thiện.")
    phone = _text(f.contact_phone)
    if phone is None:
        agency = session.get(Agency, d.agency_id)
        phone = (agency.phone if agency else None) or ""
    out: dict[str, Any] = {"items": items, "reason": _text(f.reason) or "",
                           "contact_name": _text(f.contact_name) or actor.full_name or actor.login,
                           "contact_phone": phone}
    before = session.scalar(select(func.count()).select_from(DossierEvent).where(
        DossierEvent.dossier_id == d.id, DossierEvent.action == Action.REQUEST_SUPPLEMENT.value))
    if before:
        ground = _text(f.ground)
        approver = approval.login if approval else (actor.login if actor.can(Permission.APPROVE_REPEAT_SUPPLEMENT)
                                                    else None)
        if ground is None or approver is None:
            raise UserError(SUPPLEMENT_ONCE.format(times=before))
        out.update(ground=ground, approved_by=approver)
    out["round"] = before + 1
    return out


def _unpaid(session: Session, actor: Actor, d: Dossier, f: Facts, approval: Approval | None) -> dict | None:
    """A result returned while a fee is owed: with the office's rule on (fees.block_unpaid_return),
    only with a written reason and a supervisor's leave (or the actor's own right to give it)."""
    owed = max(0, d.fees_total - d.fees_paid)
    if not owed:
        return None
    reason = _text(f.unpaid_reason)
    approver = approval.login if approval else (actor.login if actor.can(Permission.APPROVE_UNPAID_RETURN) else None)
    if settings_in(session).get("fees.block_unpaid_return", True):
        if approver is not None and reason is None:
            raise UserError(f"Trả kết quả khi hồ sơ còn phải nộp {money(owed)} phí, lệ phí cần ghi lý do.")
        if reason is None or approver is None:
            raise UserError(UNPAID_RETURN.format(owed=money(owed)))
    return {"owed": owed, "reason": reason, "approved_by": approver if reason else None}


def _details(session: Session, actor: Actor, d: Dossier, action: Action, f: Facts, at: datetime,
             approval: Approval | None = None) -> dict[str, Any]:
    """Check the facts this action needs, apply its side effects on `d`, return the event details."""
    out: dict[str, Any] = {}
    if action is Action.REQUEST_SUPPLEMENT:
        out.update(_supplement(session, actor, d, f, approval))
    elif action is Action.RECEIVE and d.status == S.NEW:
        # An online or postal dossier is received now, by this officer: its legal reception time,
        # and so its due date, start here, not when the citizen filed.
        d.received_at, d.counter_id, d.received_by = at, actor.counter_id, actor.user_id
        f.new_due = due_for_procedure(calendar_in(session), d.procedure, at)
        assign_ledger_entry(session, d)  # its book's next entry number (Form 07)
    elif action in (Action.HAND_OVER, Action.TAKE_BACK):
        division, giver, taker = _text(f.division), _text(f.giver), _text(f.taker)
        if not (division and giver and taker):
            raise UserError("Bàn giao hồ sơ cần ghi phòng chuyên môn, người giao và người nhận.")
        out.update(division=division, giver=giver, taker=taker)
    elif action is Action.EXTEND:
        if f.new_due is None or f.new_due <= d.due_at:
            raise UserError("Gia hạn cần thời điểm hẹn trả mới, sau thời điểm hẹn hiện tại.")
        out["apology"] = True  # the apology and extension form goes with every extension
    elif action is Action.RECEIVE_SUPPLEMENT:
        due, mode = _due_after_supplement(session, d, at)
        out["clock"] = mode
        f.new_due = due
    elif action is Action.REQUEST_PAYMENT and f.amount is not None:
        if f.amount <= 0:
            raise UserError("Số tiền nghĩa vụ tài chính phải lớn hơn 0.")
        out["amount"] = f.amount
    elif action is Action.RESULT_READY:
        d.finished_at = at
        out["on_time"] = on_time_class(at, d.due_at)
    elif action is Action.RETURN_RESULT:
        if _text(f.postal_code):
            if not _text(f.postal_address or d.result_address):
                raise UserError("Trả kết quả qua bưu chính cần địa chỉ nhận.")
            out["post"] = {"shipment": _text(f.postal_code), "address": _text(f.postal_address) or d.result_address,
                           "sent_at": at.isoformat()}
            # How the result actually went out, whatever was planned at intake: the reports count it.
            d.result_method, d.result_address = ResultMethod.POST.value, out["post"]["address"]
        else:
            name, number = _text(f.collector_name), _text(f.collector_id_number)
            if not name or not number:
                raise UserError("Ghi họ tên và số giấy tờ tùy thân của người nhận kết quả.")
            out["collector"] = {"name": name, "id_number": number, "is_applicant": f.collector_is_applicant}
            d.result_method = ResultMethod.COUNTER.value
        unpaid = _unpaid(session, actor, d, f, approval)
        if unpaid is not None:
            out["unpaid"] = unpaid
        d.returned_at = at
    if f.new_due is not None and f.new_due != d.due_at:
        out["due_from"], out["due_to"] = d.due_at.isoformat(), f.new_due.isoformat()
        d.due_at = f.new_due
    return out


def act_in(session: Session, actor: Actor, code: str, action: Action, facts: Facts | None = None,
           approval: Approval | None = None) -> Outcome:
    """`approval`: the supervisor checked by `approve` for a second supplement request or for a
    result returned while a fee is owed."""
    f = replace(facts) if facts else Facts()  # the caller's facts stay as given
    d = dossier_for_update(session, code)
    rule = check(d.status, action, actor.role)
    reason = _text(f.reason)
    if rule.needs_reason and not reason:
        raise UserError(f"«{action.label}» cần ghi lý do.")
    at = f.at or now_local()
    status_from = d.status
    if rule.to == PREVIOUS:
        requested = _last(session, d, Action.REQUEST_SUPPLEMENT)
        target = requested.status_from if requested and requested.status_from else S.RECEIVED
        # A supplement asked for at intake brings the dossier back as received.
        target = S.RECEIVED if target in (S.NEW, S.RECEIVED) else target
    else:
        target = rule.to
    details = _details(session, actor, d, action, f, at, approval)
    if action in FORM_OF:  # numbered in this transaction: a change undone gives its number back
        details["form_no"] = next_yearly(session, f"form:{FORM_OF[action]}", at.year)
    note = "; ".join(details["items"]) if action is Action.REQUEST_SUPPLEMENT else reason  # older readers
    d.status, d.updated_at = int(target), at
    event = dossier_changed(session, actor, d, action.value, status_from=status_from, note=note,
                            details=details, at=at)
    enqueue_in(session, d, action, event.uuid, details, at)  # notices to the citizen, in this transaction
    kind = form_kind(action, status_from)
    if kind is not None:  # the e-form of an online dossier, to be signed (app/services/signing/)
        pending_in(session, d, kind, event_uuid=event.uuid, at=at)
    if action is Action.RETURN_RESULT and "collector" in details:  # handed over at a counter, not by post
        ask_in(session, actor, occasion="return", counter_id=actor.counter_id, dossier_id=d.id,
               event_uuid=event.uuid, at=at)
    document = _apology(session, d, at) if action is Action.EXTEND else None
    return Outcome(d.code, status_from, d.status, d.due_at, event.uuid, details.get("on_time"), document)


def _apology(session: Session, d: Dossier, at: datetime) -> bytes:
    """No extension without its apology letter: the letter is made inside the extension's
    transaction, so if it cannot be made the extension does not happen either."""
    from app.services.dossiers.forms import form_data, load_template_set
    from printing.forms import build_form

    session.flush()
    session.expire(d, ["events"])  # the new extension event is what the letter reports
    templates = load_template_set(settings_in(session)["forms.set"])
    return build_form(form_data(session, "apology", d.code, templates, at))


def act(db: Database, actor: Actor, code: str, action: Action, facts: Facts | None = None) -> Outcome:
    """Do `action` to the dossier `code`: all of it in one transaction, or nothing. A supervisor's
    login in the facts is checked first, on its own (see `approve`)."""
    approval = None
    needs = {Action.REQUEST_SUPPLEMENT: Permission.APPROVE_REPEAT_SUPPLEMENT,
             Action.RETURN_RESULT: Permission.APPROVE_UNPAID_RETURN}.get(action)
    if needs is not None and facts is not None and _text(facts.approver_login):
        approval = approve(db, facts.approver_login.strip(), facts.approver_password or "", actor.counter_id, needs)
    with db.writing() as s:
        return act_in(s, actor, code, action, facts, approval)
