"""The fee notice (Thông báo nộp phí, lệ phí): the dossier's fee lines, what has been paid, what is
still owed, and, when the office has a bank account, a VietQR code for exactly that amount with
the dossier code as the transfer message. Not one of the regulated forms: its wording is in the
template set all the same, so an office can change it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.privacy import MASKED_NOTE, mask
from app.errors import UserError
from app.formatting import moment, money
from app.services.dossiers.payments import METHODS, balance_in, bank_account, transfer_qr
from app.services.fees.closing import current_receipts, receipt_text
from app.services.settings.store import settings_in
from db.models import Dossier, DossierPayment, User
from printing.forms import FormData, Letterhead


def _fill(text: str, **values) -> str:
    return text.format(**values) if text else ""


def fee_notice_data(session: Session, d: Dossier, t: dict, head: Letterhead, *, masked: bool = False) -> FormData:
    """`masked`: the applicant's address as app/domain/privacy.py masks it, the notice marked so.
    Dated by the latest fact it shows (the last payment, else the receipt), not by the print."""
    if not d.fees_total:
        raise UserError(f"Hồ sơ {d.code} không phải nộp phí, lệ phí: không có thông báo để in.")
    balance = balance_in(session, d)
    payments = session.scalars(select(DossierPayment).where(DossierPayment.dossier_id == d.id,
                                                            DossierPayment.voided_at.is_(None))
                               .order_by(DossierPayment.id)).all()
    receipts = current_receipts(session, [p.id for p in payments])
    head = replace(head, day=max([d.received_at, *(p.paid_at for p in payments)]))
    rows: list[tuple[str, ...]] = [("STT", "Khoản phí, lệ phí", "Số tiền")]
    rows += [(str(i), f.name, money(f.amount)) for i, f in enumerate(d.fees, 1)]
    rows.append(("", "Tổng cộng", money(balance.due)))
    for p in payments:
        # Each payment with its receipt's identifiers (or the receipt's state while it has none).
        rows.append(("", f"Đã nộp ({METHODS[p.method].lower()}, {moment(p.paid_at)})\n"
                         f"Biên lai: {receipt_text(receipts.get(p.id))}", money(p.amount)))
    rows.append(("", "Còn phải nộp", money(balance.outstanding)))
    values = {"unit": head.unit, "applicant": d.applicant_name, "procedure": d.procedure.name, "code": d.code}
    settings = settings_in(session)
    account = bank_account(settings)
    qr = transfer_qr(settings, d.code, balance.outstanding)
    qr_text = ""
    if qr and account:
        qr_text = (f"Chuyển khoản bằng ứng dụng ngân hàng: quét mã VietQR (số tiền {money(balance.outstanding)} "
                   f"và nội dung chuyển khoản «{d.code}» đã có sẵn). Mã ngân hàng (BIN) {account.bin}, "
                   f"số tài khoản {account.account}" + (f", chủ tài khoản {account.holder}" if account.holder else "")
                   + ".")
    trailer = (_fill(t.get("closing", ""), **values),) if balance.outstanding else ("Hồ sơ đã nộp đủ phí, lệ phí.",)
    officer = session.get(User, d.received_by) if d.received_by else None
    address = mask("applicant_address", d.applicant_address) if masked else d.applicant_address
    return FormData(number=t.get("number", ""), title=t["title"], letterhead=head, code=d.code,
                    fields=(("Người nộp hồ sơ", d.applicant_name), ("Địa chỉ", address or "")),
                    paragraphs=(_fill(t.get("intro", ""), **values),), grid=tuple(rows),
                    grid_widths=(0.08, 0.67, 0.25), grid_right=(2,),
                    grid_strong=(len(d.fees) + 1, len(rows) - 1), trailer=trailer, qr=qr, qr_text=qr_text,
                    signatures=(("NGƯỜI TIẾP NHẬN HỒ SƠ", officer.full_name if officer else ""),),
                    masked_note=MASKED_NOTE if masked else "")
