"""The payment slip of one payment (printing/payment_slip.py): the facts of the payment and of its
current receipt, for the officer to hand over while the receipt is pending. A voided payment has
no slip."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.services.fees.receipts import ISSUED, STATE_LABELS, identifier
from db.engine import Database
from db.models import Agency, Counter, Dossier, DossierPayment, FeeReceipt, User
from printing.payment_slip import SlipData, build_payment_slip

METHOD_LABELS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "online": "Thanh toán trực tuyến trên cổng"}


def slip_pdf(db: Database, actor: Actor, payment_id: int) -> bytes:
    from app.services.dossiers.forms import letterhead

    actor.require(Permission.COLLECT_FEES)
    if isinstance(payment_id, bool) or not isinstance(payment_id, int):
        raise UserError("Mã khoản nộp phải là một số nguyên.")
    with db.reading() as s:
        p = s.get(DossierPayment, payment_id)
        if p is None:
            raise NotFound(f"Không có khoản nộp số {payment_id}.")
        if p.voided_at is not None:
            raise UserError(f"Khoản nộp số {payment_id} đã bị hủy ({p.void_reason or ''}): không in phiếu ghi nhận.")
        d = s.get(Dossier, p.dossier_id)
        r = s.scalar(select(FeeReceipt).where(FeeReceipt.payment_id == p.id).order_by(FeeReceipt.id.desc()).limit(1))
        counter = s.get(Counter, p.counter_id) if p.counter_id else None
        officer = s.get(User, p.recorded_by) if p.recorded_by else None
        head = letterhead(s, s.get(Agency, d.agency_id), p.paid_at)
        issued = r is not None and r.state == ISSUED
        data = SlipData(head.unit, head.parent, head.place, p.id, p.uuid, d.code, d.procedure.name,
                        p.payer_name or d.applicant_name, p.amount, METHOD_LABELS.get(p.method, p.method),
                        p.reference or "", p.paid_at, counter.number if counter else None,
                        officer.full_name if officer else "",
                        identifier(r.template_code, r.symbol, r.number) if issued else "",
                        STATE_LABELS.get(r.state, r.state) if r is not None else "Chưa có biên lai",
                        (r.lookup_code or "") if issued else "", (r.lookup_url or "") if issued else "")
    return build_payment_slip(data)
