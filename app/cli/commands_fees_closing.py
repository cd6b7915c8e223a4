"""`motcua fees slip | close | closings | closing | correct` (docs/fees.md "Chốt sổ quầy"): print a
payment's slip (not a receipt), close a counter (`--dry-run`: only what it would count), list the
closings of a period or the open differences, print one closing to PDF / XLSX, record a correction.
Money as people read it (15.000 đ), times dd/MM/yyyy HH:mm."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from app.cli.context import open_db
from app.errors import UserError
from app.formatting import day, moment, money


def _counter_id(db, number: int) -> int:
    from app.services.fees.closing import counter_by_number

    return counter_by_number(db, number)


def _amount(text: str, what: str) -> int:
    """A whole number of đồng as typed ("15.000", "-5000"), or one message naming `what`."""
    from app.services.dossiers.payments import parse_amount

    try:
        return parse_amount(text)
    except UserError:
        raise UserError(f"{what} «{text.strip()[:20]}» phải là một số nguyên đồng, không có phần lẻ "
                        "(ví dụ 15.000).") from None


def _write(path: str, data: bytes, what: str) -> None:
    from app.files import write_atomically

    target = Path(path)
    try:
        write_atomically(target, data)
    except OSError as e:
        raise UserError(f"Không ghi được {what} vào «{target}»: {e.strerror or e}.") from None
    print(f"Đã ghi {what} vào «{target}».")


def _signed(amount: int) -> str:
    return ("+" if amount > 0 else "−" if amount < 0 else "") + money(abs(amount))


def _summary(v) -> list[str]:
    from printing.closing_pdf import difference_words

    if v.kind == "correction":
        return [f"Điều chỉnh số {v.id} của lần chốt sổ số {v.corrects_id} (quầy {v.counter_number}), "
                f"ngày {day(v.day)}: {_signed(v.difference)}; lý do: {v.note or ''}; người ghi: {v.closed_by}."]
    lines = [f"Chốt sổ số {v.id}, quầy {v.counter_number}, ngày {day(v.day)}, lúc {moment(v.closed_at)}, "
             f"người chốt: {v.closed_by}.",
             f"Số khoản: {v.payments}; tiền mặt {money(v.cash_total)}; chuyển khoản {money(v.transfer_total)}; "
             f"trực tuyến {money(v.online_total)}; tổng {money(v.total)}.",
             f"Tiền mặt đếm được {money(v.cash_counted or 0)}; chênh lệch: {difference_words(v.difference)}."]
    if v.corrected:
        lines.append(f"Đã điều chỉnh sau khi chốt: {_signed(v.corrected)}; còn lại: "
                     f"{difference_words(v.difference + v.corrected)}.")
    if v.corrections:
        lines.append(f"Điều chỉnh các lần chốt trước ghi nhận trong kỳ: {_signed(v.corrections)}.")
    if v.receipts_pending:
        lines.append(f"Khoản nộp chưa có biên lai đã phát hành: {v.receipts_pending}.")
    if v.note:
        lines.append(f"Ghi chú: {v.note}")
    return lines


def slip(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.fees.closing import payment_slip_pdf

    db = open_db(args, seed_catalog=False)
    try:
        pdf = payment_slip_pdf(db, cli_actor(args, db), args.payment_id)
    finally:
        db.dispose()
    _write(args.output, pdf, "phiếu ghi nhận nộp tiền")
    return 0


def close(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.fees.closing import close_counter, closing_draft

    cash = None if args.cash is None else _amount(args.cash, "Số tiền mặt đếm được")
    if cash is None and not args.dry_run:
        raise UserError("Nhập số tiền mặt đếm được trong ngăn kéo: --cash SỐ_TIỀN (hoặc --dry-run để xem trước).")
    db = open_db(args, seed_catalog=False)
    try:
        counter_id = _counter_id(db, args.counter)
        # The command line says which counter it closes: the actor acts at that counter.
        actor = replace(cli_actor(args, db), counter_id=counter_id)
        if args.dry_run:
            d = closing_draft(db, actor, counter_id)
            print(f"Quầy {d.counter_number}: {d.payments} khoản chưa chốt sổ; tiền mặt {money(d.cash_total)}; "
                  f"chuyển khoản {money(d.transfer_total)}; trực tuyến {money(d.online_total)}; tổng {money(d.total)}.")
            if d.period_from:
                print(f"Từ {moment(d.period_from)} đến {moment(d.period_to)}; chưa có biên lai đã phát hành: "
                      f"{d.receipts_pending}.")
            if cash is not None:
                from printing.closing_pdf import difference_words

                print(f"Nếu đếm được {money(cash)}: {difference_words(cash - d.cash_total)}.")
            return 0
        view = close_counter(db, actor, counter_id, cash, note=args.note)
    finally:
        db.dispose()
    print("\n".join(_summary(view)))
    return 0


def closings(args) -> int:
    from app.cli.acting import cli_actor
    from app.clock import now_local
    from app.services.fees.closing import closings as listed
    from app.services.fees.closing import open_differences

    db = open_db(args, seed_catalog=False)
    try:
        actor = cli_actor(args, db)
        counter_id = _counter_id(db, args.counter) if args.counter is not None else None
        if args.open:
            rows = [v for v in open_differences(db, actor) if counter_id is None or v.counter_id == counter_id]
        else:
            end = args.date_to or now_local().date()
            start = args.date_from or end
            rows = listed(db, actor, start, end, counter_id)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([v.as_dict() for v in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Không có chênh lệch nào chưa xử lý." if args.open else "Không có lần chốt sổ nào trong khoảng này.")
    for v in rows:
        if v.kind == "correction":
            print(f"{v.id}\t{moment(v.closed_at)}\tQuầy {v.counter_number}\tĐiều chỉnh lần {v.corrects_id}\t"
                  f"{_signed(v.difference)}\t{v.closed_by}\t{v.note or ''}")
        else:
            rest = v.difference + v.corrected
            print(f"{v.id}\t{moment(v.closed_at)}\tQuầy {v.counter_number}\t{v.payments} khoản\t"
                  f"tiền mặt {money(v.cash_total)}\tđếm được {money(v.cash_counted or 0)}\t"
                  f"chênh lệch {_signed(v.difference)}\t{'còn ' + _signed(rest) if rest else 'đã khớp'}\t"
                  f"{v.closed_by}")
    return 0


def closing(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.fees.closing import closing_pdf, closing_sheet, closing_xlsx

    db = open_db(args, seed_catalog=False)
    try:
        actor = cli_actor(args, db)
        sheet = closing_sheet(db, actor, args.closing_id)
        pdf = closing_pdf(db, actor, args.closing_id) if args.pdf else None
        xlsx = closing_xlsx(db, actor, args.closing_id) if args.xlsx else None
    finally:
        db.dispose()
    print("\n".join(_summary(sheet.view)))
    if pdf is not None:
        _write(args.pdf, pdf, "bảng chốt sổ (PDF)")
    if xlsx is not None:
        _write(args.xlsx, xlsx, "bảng chốt sổ (XLSX)")
    return 0


def correct(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.fees.closing import correct_closing

    amount = _amount(args.amount, "Số tiền điều chỉnh")
    db = open_db(args, seed_catalog=False)
    try:
        view = correct_closing(db, cli_actor(args, db), args.closing_id, amount, args.reason)
    finally:
        db.dispose()
    print("\n".join(_summary(view)))
    return 0
