"""Fees paid for a dossier (docs/fees.md "Trả kết quả và nộp tiền"). A payment changes the dossier's
record like any action: one transaction writes the payment, `Dossier.fees_paid`, its history event,
audit and outbox records and its fee receipt (app/services/fees/receipts.py). A payment is never
edited: one recorded by mistake is voided with a reason, until its counter is closed; after that
the closing is corrected instead (app/services/fees/closing.py).

Which dossiers take a fee: any that still owes, a result returned unpaid with a supervisor's
leave included (the debt stays to be collected). A dossier refused at reception, withdrawn by the
applicant or stopped takes none: no service is rendered, so no fee is due for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vietqr import BankAccount, payload
from app.domain.vocab import DossierStatus
from app.errors import NotFound, UserError
from app.formatting import moment, money
from app.services.dossiers.query import dossier_for_update
from app.services.journal import dossier_changed
from app.services.storable import check_storable
from db.engine import Database
from db.models import CounterClosing, Dossier, DossierPayment, Procedure, new_uuid

if TYPE_CHECKING:
    from app.services.fees.receipts import PaperNumber

METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "online": "Thanh toán trực tuyến trên cổng"}
# No fee is taken for these: nothing is rendered (see the module's note).
NO_FEE_STATUSES = frozenset({DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED})
_LABELS = {"reference": "Mã giao dịch", "payer_name": "Người nộp tiền", "void_reason": "Lý do hủy khoản nộp"}


@dataclass(frozen=True)
class Balance:
    due: int
    paid: int

    @property
    def outstanding(self) -> int:
        return max(0, self.due - self.paid)


@dataclass(frozen=True)
class Recorded:
    """What recording a payment left: the dossier's balance after it, the payment, its receipt."""

    due: int
    paid: int
    outstanding: int
    payment_id: int
    payment_uuid: str
    receipt_id: int | None
    receipt_state: str | None


def balance_in(session: Session, dossier: Dossier) -> Balance:
    """What is due and what has been paid, voided payments left out."""
    paid = session.scalar(select(func.coalesce(func.sum(DossierPayment.amount), 0))
                          .where(DossierPayment.dossier_id == dossier.id, DossierPayment.voided_at.is_(None)))
    return Balance(dossier.fees_total, int(paid))


_NOT_WHOLE = "Số tiền nộp phải là một số nguyên đồng, không có phần lẻ (ví dụ 15.000)."


def parse_amount(value: object) -> int:
    """An amount of đồng as a person types it ("15.000", "15 000", "15000", "15.000 đ") or an int;
    anything else (a fraction "15000,5", digits grouped wrongly, words) is one Vietnamese message.
    The sign is kept: the service says why a negative amount is refused."""
    if isinstance(value, bool):
        raise UserError(_NOT_WHOLE)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        compact = value.strip().removesuffix("đ").strip().replace(" ", ".").replace("\u00a0", ".")
        groups = compact.removeprefix("-").split(".")
        grouped = groups[0].isdigit() and all(len(g) == 3 and g.isdigit() for g in groups[1:])
        if grouped and compact.isascii():
            if len(compact) > 15:  # no fee comes near; int() of thousands of digits would refuse it
                raise UserError(f"Số tiền «{value.strip()[:20]}…» quá lớn.")
            return int(compact.replace(".", ""))
    raise UserError(_NOT_WHOLE)


def _check_amount(amount: object) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise UserError(_NOT_WHOLE)
    if amount <= 0:
        raise UserError(f"Số tiền nộp phải lớn hơn 0 đồng, không nhận {money(amount)}.")
    return amount


def normal_reference(reference: str | None) -> str | None:
    """A transaction code as it is kept and compared: trimmed, upper case (banks' codes are)."""
    reference = (reference or "").strip()
    return reference.upper() or None


def _reference_lock(session: Session, reference: str) -> None:
    """Two counters recording one transfer code at once on the office server take turns here, so
    the second sees the first's payment (SQLite's write transaction is exclusive already)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.blake2b(f"payment-reference:{reference}".encode(), digest_size=8).digest(),
                             "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _reference_taken(session: Session, reference: str, typed: str) -> str | None:
    """The code of the dossier whose payment (not voided) already has this transaction code. The
    index is asked for the forms a code may have been stored in; the comparison ignores case."""
    rows = session.execute(select(DossierPayment.reference, Dossier.code)
                           .join(Dossier, Dossier.id == DossierPayment.dossier_id)
                           .where(DossierPayment.reference.in_(sorted({reference, typed, typed.lower()})),
                                  DossierPayment.voided_at.is_(None)))
    return next((code for ref, code in rows if normal_reference(ref) == reference), None)


def _check_dossier(d: Dossier, amount: int) -> None:
    if d.status in NO_FEE_STATUSES:
        raise UserError(f"Hồ sơ {d.code} ở trạng thái «{DossierStatus(d.status).label}»: không thu phí, lệ phí.")
    if not d.fees_total:
        raise UserError(f"Hồ sơ {d.code} không có khoản phí, lệ phí nào phải nộp.")
    owed = max(0, d.fees_total - d.fees_paid)
    if owed == 0:
        raise UserError(f"Hồ sơ {d.code} đã nộp đủ {money(d.fees_total)} phí, lệ phí: không còn khoản nào phải nộp.")
    if amount > owed:
        raise UserError(f"Hồ sơ chỉ còn phải nộp {money(owed)}, không nhận {money(amount)}.")


def record_payment(db: Database, actor: Actor, code: str, amount: int, method: str,
                   reference: str | None = None, at: datetime | None = None, *, payer_name: str | None = None,
                   paper: PaperNumber | None = None) -> Recorded:
    """Record `amount` đồng paid for dossier `code`, taken at the actor's counter, and open its fee
    receipt (`paper`: the number of a paper receipt handed over). All of it or nothing."""
    from app.services.fees.receipts import open_receipt_in

    actor.require(Permission.COLLECT_FEES)
    amount = _check_amount(amount)
    if method not in METHODS:
        raise UserError(f"Hình thức nộp «{method}» không có: chọn tiền mặt (cash), chuyển khoản (transfer) "
                        "hoặc trực tuyến (online).")
    typed = (reference or "").strip()
    reference = normal_reference(reference)
    if method != "cash" and not reference:
        raise UserError("Chuyển khoản và thanh toán trực tuyến cần mã giao dịch của ngân hàng hoặc của cổng.")
    payer_name = (payer_name or "").strip() or None
    check_storable(DossierPayment, {"reference": reference, "payer_name": payer_name}, _LABELS)
    at = at or now_local()
    with db.writing() as s:
        if reference:
            _reference_lock(s, reference)
        d = dossier_for_update(s, code)
        _check_dossier(d, amount)
        if reference and (other := _reference_taken(s, reference, typed)):
            raise UserError(f"Mã giao dịch «{reference}» đã được ghi cho một khoản nộp của hồ sơ {other}: "
                            "kiểm tra lại mã giao dịch.")
        payment_uuid = new_uuid()
        d.fees_paid += amount
        d.updated_at = at
        details = {"amount": amount, "method": method, "reference": reference, "payment_uuid": payment_uuid}
        if payer_name:
            details["payer_name"] = payer_name
        event = dossier_changed(s, actor, d, "payment", status_from=d.status,
                                note=f"{METHODS[method]}: {money(amount)}", details=details, at=at)
        payment = DossierPayment(uuid=payment_uuid, dossier_id=d.id, amount=amount, method=method,
                                 reference=reference, payer_name=payer_name, paid_at=at, recorded_by=actor.user_id,
                                 counter_id=actor.counter_id, event_uuid=event.uuid)
        s.add(payment)
        s.flush()  # its id, for the receipt
        receipt = open_receipt_in(s, actor, payment, d, at, paper=paper)
        s.flush()
        return Recorded(d.fees_total, d.fees_paid, max(0, d.fees_total - d.fees_paid), payment.id, payment.uuid,
                        receipt.id if receipt is not None else None, receipt.state if receipt is not None else None)


def void_payment(db: Database, actor: Actor, payment_id: int, reason: str, at: datetime | None = None) -> Balance:
    """Void a payment recorded by mistake (its receipt is cancelled with it). Refused once its
    counter has been closed: the closing then gets a correction of its own."""
    from app.services.fees.receipts import void_receipts_in

    actor.require(Permission.COLLECT_FEES)
    reason = (reason or "").strip()
    if not reason:
        raise UserError("Hủy khoản nộp cần ghi lý do.")
    check_storable(DossierPayment, {"void_reason": reason}, _LABELS)
    at = at or now_local()
    with db.writing() as s:
        dossier_id = s.scalar(select(DossierPayment.dossier_id).where(DossierPayment.id == payment_id))
        if dossier_id is None:
            raise NotFound(f"Không có khoản nộp số {payment_id}.")
        d = s.get(Dossier, dossier_id, with_for_update=True)  # the dossier first, as record_payment does
        p = s.get(DossierPayment, payment_id, with_for_update=True, populate_existing=True)
        if p.voided_at is not None:
            raise UserError(f"Khoản nộp số {p.id} của hồ sơ {d.code} đã hủy lúc {moment(p.voided_at)}.")
        if p.closing_id is not None:
            closing = s.get(CounterClosing, p.closing_id)
            raise UserError(f"Khoản nộp số {p.id} đã tính vào lần chốt sổ quầy ngày {closing.day:%d/%m/%Y}: không "
                            "hủy được nữa; ghi một khoản điều chỉnh cho lần chốt sổ đó.")
        p.voided_at, p.voided_by, p.void_reason = at, actor.user_id, reason
        d.fees_paid -= p.amount
        d.updated_at = at
        dossier_changed(s, actor, d, "payment_voided", status_from=d.status,
                        note=f"Hủy khoản nộp {money(p.amount)} ({METHODS.get(p.method, p.method).lower()}): {reason}",
                        details={"amount": p.amount, "method": p.method, "reference": p.reference,
                                 "payment_uuid": p.uuid, "reason": reason}, at=at)
        void_receipts_in(s, actor, p, reason, at)
        s.flush()
        return Balance(d.fees_total, d.fees_paid)


@dataclass(frozen=True)
class Owed:
    """A dossier that still owes (`motcua fees owed`)."""

    code: str
    applicant_name: str
    procedure_name: str
    status: int
    received_at: datetime
    due: int
    paid: int

    @property
    def outstanding(self) -> int:
        return max(0, self.due - self.paid)

    def to_json(self) -> dict:
        return {"code": self.code, "applicant_name": self.applicant_name, "procedure_name": self.procedure_name,
                "status": self.status, "status_label": DossierStatus(self.status).label,
                "received_at": self.received_at.isoformat(), "due": self.due, "paid": self.paid,
                "outstanding": self.outstanding}


def owed_dossiers(db: Database, actor: Actor, limit: int = 1000) -> list[Owed]:
    """The dossiers that still owe a fee (the list's "Còn nợ phí"), newest first."""
    from app.services.dossiers.listing import fees_owed_condition

    actor.require(Permission.SEARCH_DOSSIERS)
    with db.reading() as s:
        rows = s.execute(select(Dossier.code, Dossier.applicant_name, Procedure.name, Dossier.status,
                                Dossier.received_at, Dossier.fees_total, Dossier.fees_paid)
                         .join(Procedure, Procedure.id == Dossier.procedure_id)
                         .where(fees_owed_condition()).order_by(Dossier.id.desc()).limit(limit))
        return [Owed(*r) for r in rows]


def bank_account(settings: dict) -> BankAccount | None:
    if not settings.get("bank.bin") or not settings.get("bank.account"):
        return None
    return BankAccount(settings["bank.bin"], settings["bank.account"], settings.get("bank.holder", ""))


def transfer_qr(settings: dict, code: str, amount: int) -> str | None:
    """The VietQR text for paying `amount` for dossier `code`, when the office has a bank account."""
    account = bank_account(settings)
    return payload(account, amount, code) if account and amount > 0 else None
