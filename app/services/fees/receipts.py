"""Fee receipts (biên lai thu phí, lệ phí; docs/fees.md "Biên lai"): one for every payment, written
in the payment's own transaction, so a payment never exists without its receipt row. The row is
"pending" when the office's e-receipt provider is set up (the outbox in receipt_drain.py issues it,
exactly once, when the provider answers), "issued" at once for a paper receipt whose number the
officer typed, else "unissued" (waiting for that number). A receipt is never edited once issued: a
mistake is cancelled with a reason and, usually, replaced by a new row (`replaces_id`); both stay.

The payer, the unit and the lines are frozen when the row is written. Lines: the dossier's own fee
lines when the payment settles the whole amount due, else one line "Phí, lệ phí hồ sơ <code>" for
the part paid (a receipt must add up to what was paid; splitting a part payment across the lines
would be a guess)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vocab import FeeKind
from app.errors import UserError
from app.formatting import money
from app.services.fees.receipt_states import (
    CANCEL_PENDING,
    CANCELLED,
    FAILED,
    ISSUED,
    PAPER,
    PENDING,
    STATE_LABELS,
    UNISSUED,
    identifier,
)
from app.services.journal import audit, dossier_changed
from db.engine import Database
from db.models import Agency, Dossier, DossierFee, DossierPayment, FeeReceipt, new_uuid

_CODE = re.compile(r"[A-Za-z0-9/.\-]{1,20}")


@dataclass(frozen=True)
class PaperNumber:
    """A paper receipt's identifiers as printed on it: mẫu số, ký hiệu, số."""

    template_code: str
    symbol: str
    number: str


@dataclass(frozen=True)
class ReceiptView:
    id: int
    uuid: str
    payment_id: int
    dossier_code: str
    state: str
    state_label: str
    provider: str | None
    template_code: str | None
    symbol: str | None
    number: str | None
    identifier: str
    payer_name: str
    amount: int
    method: str
    issued_at: str | None  # iso
    lookup_code: str | None
    lookup_url: str | None
    last_error: str | None
    cancel_reason: str | None
    cancelled_at: str | None  # iso
    replaces_id: int | None
    replaced_by_id: int | None
    attempts: int
    next_attempt_at: str | None  # iso: when the outbox tries again
    pdf_sha256: str | None = None  # the provider's PDF in the file store (app/services/files/store.py)

    def as_dict(self) -> dict:
        return asdict(self)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def view_of(session: Session, r: FeeReceipt, code: str | None = None) -> ReceiptView:
    if code is None:
        code = session.scalar(select(Dossier.code).where(Dossier.id == r.dossier_id))
    replaced_by = session.scalar(select(FeeReceipt.id).where(FeeReceipt.replaces_id == r.id)
                                 .order_by(FeeReceipt.id.desc()).limit(1))
    return ReceiptView(r.id, r.uuid, r.payment_id, code or "", r.state, STATE_LABELS.get(r.state, r.state),
                       r.provider, r.template_code, r.symbol, r.number,
                       identifier(r.template_code, r.symbol, r.number), r.payer_name, r.amount, r.method,
                       _iso(r.issued_at), r.lookup_code, r.lookup_url, r.last_error, r.cancel_reason,
                       _iso(r.cancelled_at), r.replaces_id, replaced_by, r.attempts or 0,
                       _iso(r.next_attempt_at) if r.state in (PENDING, CANCEL_PENDING) else None, r.pdf_sha256)


def receipts_of_in(session: Session, dossier_id: int) -> list[dict]:
    """Every receipt of a dossier, cancelled ones included, oldest first (the dossier's detail)."""
    code = session.scalar(select(Dossier.code).where(Dossier.id == dossier_id))
    rows = session.scalars(select(FeeReceipt).where(FeeReceipt.dossier_id == dossier_id).order_by(FeeReceipt.id))
    return [view_of(session, r, code).as_dict() for r in rows]


# -- writing a receipt -----------------------------------------------------------------------------

_RECEIPT_KEYS = ("fees.receipts.enabled", "fees.receipts.url", "fees.receipts.provider",
                 "fees.receipts.template_code", "fees.receipts.symbol", "fees.receipts.unit_name",
                 "fees.receipts.unit_tax_code")


def receipt_settings(session: Session) -> dict:
    """The settings a receipt is written with, read one by one: never the API key (a payment must
    not wait on the keyring), never the fifty other settings."""
    from app.services.settings.store import setting_in

    return {key: setting_in(session, key) for key in _RECEIPT_KEYS}


def _provider_ready(settings: dict) -> bool:
    return bool(settings["fees.receipts.enabled"] and settings["fees.receipts.url"])


def unit_of(session: Session, settings: dict, dossier: Dossier) -> str:
    """The collecting unit as the receipt names it: the setting, else the dossier's agency."""
    name = settings["fees.receipts.unit_name"].strip()
    if name:
        return name
    agency = session.get(Agency, dossier.agency_id) if dossier.agency_id else None
    return agency.name if agency else ""


def lines_of(session: Session, payment: DossierPayment, dossier: Dossier) -> list[dict]:
    fees = list(session.scalars(select(DossierFee).where(DossierFee.dossier_id == dossier.id, DossierFee.amount > 0)
                                .order_by(DossierFee.position)))
    if fees and payment.amount == dossier.fees_total == sum(f.amount for f in fees):
        return [{"name": f.name, "amount": f.amount, "kind": f.kind} for f in fees]
    return [{"name": f"Phí, lệ phí hồ sơ {dossier.code}", "amount": payment.amount, "kind": FeeKind.OTHER.value}]


def check_paper(session: Session, paper: PaperNumber, year: int) -> PaperNumber:
    """The paper number cleaned, or one message: its parts malformed, or already on a receipt of
    that series in `year` (numbers restart each 1 January)."""
    if not isinstance(paper, PaperNumber):
        raise UserError("Số biên lai giấy phải có mẫu số, ký hiệu và số.")
    t, k, n = (str(x or "").strip() for x in (paper.template_code, paper.symbol, paper.number))
    if not t or not k or not n:
        raise UserError("Biên lai giấy cần đủ mẫu số, ký hiệu và số.")
    for value, what in ((t, "Mẫu số"), (k, "Ký hiệu")):
        if not _CODE.fullmatch(value):
            raise UserError(f"{what} «{value}» chỉ gồm chữ không dấu, chữ số và / - . (tối đa 20 ký tự).")
    if not (n.isascii() and n.isdigit() and len(n) <= 20):
        raise UserError(f"Số biên lai «{n}» chỉ gồm chữ số (tối đa 20 chữ số).")
    used = session.execute(select(FeeReceipt.number, Dossier.code).join(Dossier, Dossier.id == FeeReceipt.dossier_id)
                           .where(FeeReceipt.template_code == t, FeeReceipt.symbol == k,
                                  FeeReceipt.series_year == year, FeeReceipt.number.is_not(None))).all()
    for number, code in used:
        if number.isdigit() and int(number) == int(n):
            raise UserError(f"Biên lai Mẫu số {t} Ký hiệu {k} Số {n} đã được ghi cho hồ sơ {code}: "
                            "mỗi số biên lai chỉ dùng một lần.")
    return PaperNumber(t, k, n)


def _new_row(session: Session, actor: Actor, payment: DossierPayment, dossier: Dossier, at: datetime,
             settings: dict, *, paper: PaperNumber | None, payer: tuple[str, str | None, str | None],
             lines: list[dict], replaces: FeeReceipt | None = None) -> FeeReceipt:
    r = FeeReceipt(uuid=new_uuid(), payment_id=payment.id, dossier_id=dossier.id,
                   replaces_id=replaces.id if replaces else None, unit_name=unit_of(session, settings, dossier)[:300],
                   unit_tax_code=settings["fees.receipts.unit_tax_code"] or None,
                   payer_name=payer[0][:300], payer_id_number=payer[1], payer_address=payer[2],
                   amount=payment.amount, lines=lines, method=payment.method, created_at=at,
                   created_by=actor.user_id, attempts=0)
    if paper is not None:
        paper = check_paper(session, paper, at.year)
        r.state, r.provider, r.issued_at, r.series_year = ISSUED, PAPER, at, at.year
        r.template_code, r.symbol, r.number = paper.template_code, paper.symbol, paper.number
    elif _provider_ready(settings):
        r.state, r.provider, r.next_attempt_at = PENDING, settings["fees.receipts.provider"], at
        # The series asked for; the provider's answer names the one it used.
        r.template_code = settings["fees.receipts.template_code"] or None
        r.symbol = settings["fees.receipts.symbol"] or None
    else:
        r.state = UNISSUED
    session.add(r)
    session.flush()
    audit(session, actor, "fee_receipt.opened", "fee_receipt", r.uuid,
          {"dossier": dossier.code, "payment": payment.uuid, "state": r.state, "amount": r.amount,
           "replaces": replaces.uuid if replaces else None,
           "identifier": identifier(r.template_code, r.symbol, r.number) or None}, at)
    return r


def open_receipt_in(session: Session, actor: Actor, payment: DossierPayment, dossier: Dossier, at: datetime,
                    *, paper: PaperNumber | None = None) -> FeeReceipt:
    """The payment's receipt, in the payment's transaction (record_payment calls it)."""
    settings = receipt_settings(session)
    session.flush()  # the payment needs its id
    if payment.payer_name and payment.payer_name.strip() != dossier.applicant_name:
        payer = (payment.payer_name.strip(), None, None)
    else:
        payer = (dossier.applicant_name, dossier.applicant_id_number, dossier.applicant_address)
    return _new_row(session, actor, payment, dossier, at, settings, paper=paper, payer=payer,
                    lines=lines_of(session, payment, dossier))


def _in_flight(r: FeeReceipt, at: datetime) -> bool:
    """Sent to the provider at least once, or in a sender's hands now: it may exist over there."""
    return bool(r.attempts) or (r.claimed_until is not None and r.claimed_until > at)


def _cancel_row(session: Session, actor: Actor, r: FeeReceipt, reason: str, at: datetime) -> str:
    """Cancel one receipt: through the provider when it issued (or may have issued) it, else here."""
    r.cancel_reason, r.cancel_requested_at, r.cancelled_by = reason, at, actor.user_id
    provider_side = (r.state == ISSUED and r.provider != PAPER) or (r.state == PENDING and _in_flight(r, at))
    if provider_side:
        r.state, r.next_attempt_at, r.last_error = CANCEL_PENDING, at, None
    else:
        r.state, r.cancelled_at, r.next_attempt_at = CANCELLED, at, None
    return r.state


def void_receipts_in(session: Session, actor: Actor, payment: DossierPayment, reason: str, at: datetime) -> None:
    """A voided payment's receipts are cancelled with it (void_payment calls it, in its transaction)."""
    code = session.scalar(select(Dossier.code).where(Dossier.id == payment.dossier_id))
    rows = session.scalars(select(FeeReceipt).where(FeeReceipt.payment_id == payment.id,
                                                    FeeReceipt.state.not_in((CANCEL_PENDING, CANCELLED)))
                           .order_by(FeeReceipt.id).with_for_update())
    for r in rows:
        state = _cancel_row(session, actor, r, reason, at)
        audit(session, actor, "fee_receipt.cancel", "fee_receipt", r.uuid,
              {"dossier": code, "payment": payment.uuid, "reason": reason, "state": state}, at)


def _locked(session: Session, receipt_id: int) -> FeeReceipt:
    if not isinstance(receipt_id, int) or isinstance(receipt_id, bool):
        raise UserError("Mã biên lai phải là một số nguyên.")
    r = session.scalar(select(FeeReceipt).where(FeeReceipt.id == receipt_id).with_for_update())
    if r is None:
        raise UserError(f"Không có biên lai số {receipt_id} trong hệ thống.")
    return r


def _reason(reason) -> str:
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise UserError("Hủy biên lai cần ghi lý do.")
    if len(reason) > 1000:
        raise UserError("Lý do hủy biên lai dài quá 1000 ký tự.")
    return reason


def cancel_receipt(db: Database, actor: Actor, receipt_id: int, reason: str, *, replace: bool = True,
                   payer_name: str | None = None, payer_id_number: str | None = None,
                   payer_address: str | None = None, at: datetime | None = None) -> ReceiptView:
    """Cancel a receipt with a reason and (replace) write its replacement, the payer corrected if
    given. Returns the replacement's view, or the cancelled receipt's when replace is False."""
    actor.require(Permission.COLLECT_FEES)
    reason = _reason(reason)
    payer_name, payer_id_number, payer_address = (
        (v.strip() or None) if isinstance(v, str) else None for v in (payer_name, payer_id_number, payer_address))
    if payer_id_number and not (payer_id_number.isascii() and payer_id_number.isalnum() and len(payer_id_number) <= 20):
        raise UserError(f"Số giấy tờ của người nộp «{payer_id_number}» chỉ gồm chữ số và chữ cái (tối đa 20).")
    if payer_name and len(payer_name) > 300 or payer_address and len(payer_address) > 500:
        raise UserError("Tên người nộp tối đa 300 ký tự, địa chỉ tối đa 500 ký tự.")
    at = at or now_local()
    with db.writing() as s:
        r = _locked(s, receipt_id)
        if r.state in (CANCEL_PENDING, CANCELLED):
            raise UserError(f"Biên lai số {r.id} đã bị hủy ({STATE_LABELS[r.state].lower()}).")
        payment = s.get(DossierPayment, r.payment_id)
        if replace and payment.voided_at is not None:
            raise UserError("Khoản nộp của biên lai này đã bị hủy: không lập biên lai thay thế.")
        d = s.get(Dossier, r.dossier_id)
        was = identifier(r.template_code, r.symbol, r.number) or f"biên lai số {r.id} ({STATE_LABELS[r.state].lower()})"
        state = _cancel_row(s, actor, r, reason, at)
        new = None
        if replace:  # a payer corrected by name brings their own ID and address (or none)
            payer = (payer_name or r.payer_name, payer_id_number if payer_name else (payer_id_number or r.payer_id_number),
                     payer_address if payer_name else (payer_address or r.payer_address))
            new = _new_row(s, actor, payment, d, at, receipt_settings(s), paper=None, payer=payer, lines=list(r.lines),
                           replaces=r)
        dossier_changed(s, actor, d, "fee_receipt_cancelled", status_from=d.status,
                        note=f"Hủy {was}: {reason}" + (" (lập biên lai thay thế)" if new else ""),
                        details={"receipt": r.uuid, "reason": reason, "state": state,
                                 "replacement": new.uuid if new else None}, at=at, to_portal=False)
        return view_of(s, new or r, d.code)


def enter_paper_number(db: Database, actor: Actor, receipt_id: int, paper: PaperNumber,
                       at: datetime | None = None) -> ReceiptView:
    """The number of the paper receipt handed over, for a receipt with none (no provider, or refused)."""
    actor.require(Permission.COLLECT_FEES)
    at = at or now_local()
    with db.writing() as s:
        r = _locked(s, receipt_id)
        if r.state not in (UNISSUED, FAILED):
            raise UserError(f"Biên lai số {r.id} đang «{STATE_LABELS.get(r.state, r.state)}»: chỉ ghi số biên lai giấy "
                            "cho biên lai chưa có số hoặc bị từ chối phát hành.")
        paper = check_paper(s, paper, at.year)
        r.state, r.provider, r.issued_at, r.series_year = ISSUED, PAPER, at, at.year
        r.template_code, r.symbol, r.number = paper.template_code, paper.symbol, paper.number
        r.next_attempt_at = r.claimed_by = r.claimed_until = None
        d = s.get(Dossier, r.dossier_id)
        dossier_changed(s, actor, d, "fee_receipt_issued", status_from=d.status,
                        note=f"Biên lai giấy {identifier(r.template_code, r.symbol, r.number)}: {money(r.amount)}",
                        details={"receipt": r.uuid, "provider": PAPER, "template_code": r.template_code,
                                 "symbol": r.symbol, "number": r.number}, at=at, to_portal=False)
        return view_of(s, r, d.code)


def retry_receipt(db: Database, actor: Actor, receipt_id: int) -> ReceiptView:
    """Send now: a pending receipt or cancellation waiting for its next try, or a refused one
    (after the office fixed what the provider refused)."""
    actor.require(Permission.COLLECT_FEES)
    at = now_local()
    with db.writing() as s:
        r = _locked(s, receipt_id)
        if r.state == FAILED:
            settings = receipt_settings(s)
            if not _provider_ready(settings):
                raise UserError("Chưa bật dịch vụ biên lai điện tử: ghi số biên lai giấy cho biên lai này.")
            r.state, r.provider = PENDING, settings["fees.receipts.provider"]
            # Never issued, so nothing is frozen yet: the series as the office has set it now (a
            # refusal for a wrong or missing series is what the office fixes before sending again).
            r.template_code = settings["fees.receipts.template_code"] or r.template_code
            r.symbol = settings["fees.receipts.symbol"] or r.symbol
        elif r.state not in (PENDING, CANCEL_PENDING):
            raise UserError(f"Biên lai số {r.id} đang «{STATE_LABELS.get(r.state, r.state)}»: không có gì để gửi lại.")
        r.next_attempt_at = at
        code = s.scalar(select(Dossier.code).where(Dossier.id == r.dossier_id))
        audit(s, actor, "fee_receipt.retry_now", "fee_receipt", r.uuid, {"dossier": code, "state": r.state}, at)
        return view_of(s, r, code)


def receipt_list(db: Database, actor: Actor, states: Iterable[str] | None = None) -> list[ReceiptView]:
    """Receipts in the given states (None: all), oldest first: the officer's list, or the supervisor's."""
    if not actor.can(Permission.COLLECT_FEES):
        actor.require(Permission.VIEW_REPORTS)
    wanted = None if states is None else list(states)
    for st in wanted or []:
        if st not in STATE_LABELS:
            raise UserError(f"Trạng thái biên lai «{st}» không có: chọn một trong {', '.join(STATE_LABELS)}.")
    with db.reading() as s:
        q = select(FeeReceipt, Dossier.code).join(Dossier, Dossier.id == FeeReceipt.dossier_id).order_by(FeeReceipt.id)
        if wanted is not None:
            q = q.where(FeeReceipt.state.in_(wanted))
        return [view_of(s, r, code) for r, code in s.execute(q).all()]


# The outbox's side (claim, send, record) lives in receipt_drain.py; its two entry points are part of
# this module's contract.
from app.services.fees.receipt_drain import DrainReport, check_provider, drain_once  # noqa: E402

__all__ = ["ISSUED", "PENDING", "UNISSUED", "FAILED", "CANCEL_PENDING", "CANCELLED", "STATE_LABELS", "identifier", "DrainReport", "PaperNumber", "ReceiptView", "cancel_receipt", "check_provider",
           "drain_once", "enter_paper_number", "open_receipt_in", "receipt_list", "receipts_of_in",
           "retry_receipt", "void_receipts_in"]
