"""`motcua fees pay | payments | void | owed` (docs/fees.md "Trả kết quả và nộp tiền"): record a
payment at a counter (with the number of a paper receipt handed over, when there is no e-receipt
provider), list a dossier's payments, void one recorded by mistake, list the dossiers that owe.
Money is printed as people read it (15.000 đ), times dd/MM/yyyy HH:mm."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from app.cli.context import open_db
from app.errors import UserError
from app.formatting import money


def _when(iso: str | None) -> str:
    return f"{datetime.fromisoformat(iso):%d/%m/%Y %H:%M}" if iso else ""


def _acting(args, db):
    """The actor, taking the payment at the counter given (its number in this office)."""
    from sqlalchemy import select

    from app.cli.acting import cli_actor
    from db.models import Counter

    actor = cli_actor(args, db)
    number = getattr(args, "counter", None)
    if number is None:
        return actor
    with db.reading() as s:
        counter_id = s.scalar(select(Counter.id).where(Counter.number == number, Counter.active.is_(True))
                              .order_by(Counter.id).limit(1))
    if counter_id is None:
        raise UserError(f"Không có quầy số {number} đang hoạt động.")
    return replace(actor, counter_id=counter_id)


def _paper(args):
    from app.services.fees.receipts import PaperNumber

    given = [(args.receipt_template or "").strip(), (args.receipt_symbol or "").strip(),
             (args.receipt_number or "").strip()]
    if not any(given):
        return None
    if not all(given):
        raise UserError("Số biên lai giấy cần đủ cả ba: --receipt-template (mẫu số), --receipt-symbol (ký hiệu) "
                        "và --receipt-number (số).")
    return PaperNumber(*given)


def _receipt_text(receipt: dict | None) -> str:
    if not receipt:
        return "chưa có biên lai"
    return receipt.get("identifier") or receipt.get("state_label") or receipt.get("state") or ""


def pay(args) -> int:
    from app.services.dossiers.payments import METHODS, parse_amount, record_payment

    amount = parse_amount(args.amount)
    paper = _paper(args)
    db = open_db(args, seed_catalog=False)
    try:
        actor = _acting(args, db)
        done = record_payment(db, actor, args.code, amount, args.method, args.reference, payer_name=args.payer,
                              paper=paper)
        receipt = _state_label(done.receipt_state)
    finally:
        db.dispose()
    print(f"Đã ghi nhận {money(amount)} ({METHODS[args.method].lower()}) cho hồ sơ {args.code.strip().upper()}: "
          f"khoản nộp số {done.payment_id}.")
    print(f"Đã nộp {money(done.paid)} / {money(done.due)}; còn phải nộp {money(done.outstanding)}.")
    if receipt:
        print(f"Biên lai: {receipt}.")
    return 0


def _state_label(state: str | None) -> str:
    if state is None:
        return ""
    from app.services.fees.receipts import STATE_LABELS

    return STATE_LABELS.get(state, state)


def payments(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.dossiers.query import dossier_detail

    db = open_db(args, seed_catalog=False)
    try:
        detail = dossier_detail(db, cli_actor(args, db), args.code)
    finally:
        db.dispose()
    if args.json:
        keys = ("code", "fees_total", "fees_paid", "outstanding", "payments", "receipts", "transfer_qr")
        print(json.dumps({k: detail[k] for k in keys}, ensure_ascii=False, indent=2))
        return 0
    print(f"Hồ sơ {detail['code']}: phải nộp {money(detail['fees_total'])}, đã nộp {money(detail['fees_paid'])}, "
          f"còn phải nộp {money(detail['outstanding'])}.")
    if not detail["payments"]:
        print("Chưa có khoản nộp nào.")
    for p in detail["payments"]:
        voided = f"\tĐÃ HỦY {_when(p['voided_at'])}: {p['void_reason']}" if p["voided_at"] else ""
        counter = f"quầy {p['counter']}" if p["counter"] is not None else ""
        print("\t".join([str(p["id"]), _when(p["paid_at"]), money(p["amount"]), p["method_label"],
                         p["reference"] or "", p["payer_name"] or "", p["recorded_by"], counter,
                         _receipt_text(p["receipt"])]) + voided)
    return 0


def void(args) -> int:
    from app.services.dossiers.payments import void_payment

    db = open_db(args, seed_catalog=False)
    try:
        balance = void_payment(db, _acting(args, db), args.payment_id, args.reason)
    finally:
        db.dispose()
    print(f"Đã hủy khoản nộp số {args.payment_id}. Hồ sơ còn phải nộp {money(balance.outstanding)}.")
    return 0


def owed(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.dossiers.payments import owed_dossiers

    db = open_db(args, seed_catalog=False)
    try:
        rows = owed_dossiers(db, cli_actor(args, db))
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Không có hồ sơ nào còn nợ phí, lệ phí.")
    for r in rows:
        print("\t".join([r.code, r.applicant_name, r.procedure_name, f"{r.received_at:%d/%m/%Y}",
                         f"còn phải nộp {money(r.outstanding)}", f"đã nộp {money(r.paid)} / {money(r.due)}"]))
    return 0
