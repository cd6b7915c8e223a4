"""`motcua fees receipts …` and `motcua fees sandbox` (docs/fees.md "Biên lai"): the receipts list,
sending what waits now (for a server's scheduled task, or after the provider was down), cancelling
(and replacing) a receipt, sending one again, the number of a paper receipt handed over; and the
sandbox e-receipt provider for a manual try."""

from __future__ import annotations

import json
import threading

from app.cli.context import open_db
from app.errors import UserError


def receipts_command(args) -> int:
    from app.cli.acting import cli_actor

    db = open_db(args, seed_catalog=False)
    try:
        actor = cli_actor(args, db)
        return {"list": _list, "send": _send, "cancel": _cancel, "retry": _retry, "number": _number}[
            args.receipts_command](db, actor, args)
    finally:
        db.dispose()


def _id(text) -> int:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise UserError(f"Mã biên lai «{text}» phải là một số nguyên dương (cột đầu của `motcua fees receipts list`).")
    return int(text)


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    from datetime import datetime

    return f"{datetime.fromisoformat(iso):%d/%m/%Y %H:%M}"


def _line(v) -> str:
    from app.formatting import money

    what = v.identifier or v.state_label
    extra = v.last_error or v.cancel_reason or ""
    return "\t".join(x for x in (str(v.id), v.dossier_code, what, v.payer_name, money(v.amount),
                                 _when(v.issued_at), extra) if x is not None)


def _list(db, actor, args) -> int:
    from app.services.fees.receipts import receipt_list

    views = receipt_list(db, actor, args.state or None)
    if args.json:
        print(json.dumps([v.as_dict() for v in views], ensure_ascii=False, indent=2))
        return 0
    if not views:
        print("Không có biên lai nào" + (" ở trạng thái đã chọn." if args.state else "."))
    for v in views:
        print(_line(v))
    return 0


def _send(db, actor, args) -> int:
    from app.domain.permissions import Permission
    from app.services.fees.receipts import drain_once
    from app.services.settings.store import settings_in

    actor.require(Permission.COLLECT_FEES)
    with db.reading() as s:
        settings = settings_in(s)
    if not settings["fees.receipts.enabled"] or not settings["fees.receipts.url"]:
        raise UserError("Chưa bật dịch vụ biên lai điện tử: đặt fees.receipts.enabled và fees.receipts.url "
                        "trong Cài đặt › Phí, lệ phí trước.")
    r = drain_once(db)
    print(f"Đã phát hành {r.issued} biên lai, đã hủy {r.cancelled}, bị từ chối {r.failed}, "
          f"còn chờ {r.waiting}.")
    return 0


def _cancel(db, actor, args) -> int:
    from app.services.fees.receipts import cancel_receipt

    v = cancel_receipt(db, actor, _id(args.receipt_id), args.reason, replace=not args.no_replace,
                       payer_name=args.payer, payer_id_number=args.payer_id, payer_address=args.payer_address)
    if args.no_replace:
        print(f"Đã hủy biên lai {v.id} ({v.state_label.lower()}).")
    else:
        print(f"Đã hủy biên lai {v.replaces_id}; biên lai thay thế {v.id}: {v.identifier or v.state_label}.")
    return 0


def _retry(db, actor, args) -> int:
    from app.services.fees.receipts import retry_receipt

    v = retry_receipt(db, actor, _id(args.receipt_id))
    print(f"Biên lai {v.id} sẽ được gửi lại ngay ({v.state_label.lower()}).")
    return 0


def _number(db, actor, args) -> int:
    from app.services.fees.receipts import PaperNumber, enter_paper_number

    v = enter_paper_number(db, actor, _id(args.receipt_id), PaperNumber(args.template, args.symbol, args.number))
    print(f"Đã ghi biên lai giấy {v.identifier} cho hồ sơ {v.dossier_code}.")
    return 0


def _wait(thread: threading.Thread) -> None:
    """Until Ctrl-C (the sandbox's thread runs forever)."""
    while thread.is_alive():
        thread.join(0.5)


def sandbox(args) -> int:
    from app.fees.sandbox import serve

    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    try:
        server, thread = serve(args.host, args.port)
    except OSError as exc:
        from app.oserrors import os_reason

        raise UserError(f"Không mở được cổng {args.port} trên {args.host}: {os_reason(exc)}.") from None
    print(f"Dịch vụ biên lai thử nghiệm đang chạy tại {server.url} (Ctrl+C để dừng).", flush=True)
    try:
        _wait(thread)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(thread)
    return 0
