"""Fees paid for a dossier. A payment changes the dossier's record like any action: one
transaction writes the payment, its history event, audit and outbox records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vietqr import BankAccount, payload
from app.errors import UserError
from app.formatting import money
from app.services.dossiers.query import dossier_for_update
from app.services.journal import dossier_changed
from db.engine import Database
from db.models import Dossier, DossierPayment

METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "online": "Thanh toán trực tuyến trên cổng"}


@dataclass(frozen=True)
class Balance:
    due: int
    paid: int

    @property
    def outstanding(self) -> int:
        return max(0, self.due - self.paid)


def balance_in(session, dossier: Dossier) -> Balance:
    paid = session.scalar(select(func.coalesce(func.sum(DossierPayment.amount), 0))
                          .where(DossierPayment.dossier_id == dossier.id))
    return Balance(dossier.fees_total, int(paid))


def record_payment(db: Database, actor: Actor, code: str, amount: int, method: str,
                   reference: str | None = None, at: datetime | None = None) -> Balance:
    actor.require(Permission.CHANGE_DOSSIER)
    if method not in METHODS:
        raise UserError(f"Hình thức nộp «{method}» không có: chọn tiền mặt, chuyển khoản hoặc trực tuyến.")
    if not isinstance(amount, int) or amount <= 0:
        raise UserError("Số tiền nộp phải là số nguyên dương (đồng).")
    reference = (reference or "").strip() or None
    if method != "cash" and not reference:
        raise UserError("Chuyển khoản và thanh toán trực tuyến cần mã giao dịch.")
    at = at or now_local()
    with db.writing() as s:
        d = dossier_for_update(s, code)
        before = balance_in(s, d)
        if amount > before.outstanding:
            raise UserError(f"Hồ sơ chỉ còn phải nộp {money(before.outstanding)}, không nhận {money(amount)}.")
        d.updated_at = at
        event = dossier_changed(s, actor, d, "payment", status_from=d.status,
                                note=f"{METHODS[method]}: {money(amount)}",
                                details={"amount": amount, "method": method, "reference": reference}, at=at)
        s.add(DossierPayment(dossier_id=d.id, amount=amount, method=method, reference=reference, paid_at=at,
                             recorded_by=actor.user_id, event_uuid=event.uuid))
        s.flush()
        return balance_in(s, d)


def bank_account(settings: dict) -> BankAccount | None:
    if not settings.get("bank.bin") or not settings.get("bank.account"):
        return None
    return BankAccount(settings["bank.bin"], settings["bank.account"], settings.get("bank.holder", ""))


def transfer_qr(settings: dict, code: str, amount: int) -> str | None:
    """The VietQR text for paying `amount` for dossier `code`, when the office has a bank account."""
    account = bank_account(settings)
    return payload(account, amount, code) if account and amount > 0 else None
