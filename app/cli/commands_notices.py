"""`motcua notices`: the notices to citizens (docs/notices.md). `list [--failed]`, `retry UUID`,
`cancel UUID`, `send` (one round of the outbox, for an office server's scheduled task), `test
--channel C --to X` (one test message as the settings stand), `sandbox --port P` (the sandbox
SMS / Zalo gateway for a manual try). Addresses are printed masked."""

from __future__ import annotations

from app.cli.context import open_db
from app.errors import UserError


def notices_command(args) -> int:
    c = args.notices_command
    if c == "sandbox":
        return _sandbox(args)
    from app.cli.acting import cli_actor

    db = open_db(args, seed_catalog=False)
    try:
        actor = cli_actor(args, db) if c in ("list", "retry", "cancel") else None
        if c == "list":
            return _list(db, actor, args)
        if c in ("retry", "cancel"):
            from app.services.notices import actions

            getattr(actions, c)(db, actor, args.uuid)
            print("Đã đưa thông báo vào hàng chờ gửi lại." if c == "retry" else "Đã hủy thông báo.")
            return 0
        if c == "send":
            return _send(db, args)
        return _test(db, args)
    finally:
        db.dispose()


def _list(db, actor, args) -> int:
    from app.domain.notices import mask_recipient
    from app.formatting import moment
    from app.services.notices.query import failed_notices, notices_of

    rows = notices_of(db, actor, args.code) if args.code else failed_notices(db, actor) if args.failed else None
    if rows is None:
        from app.services.notices.query import recent_notices

        rows = recent_notices(db, actor)
    if not rows:
        print("Không có thông báo nào.")
    for n in rows:
        when = moment(n.delivered_at or n.sent_at or n.created_at)
        reason = f"\t{n.last_error}" if n.last_error else ""
        print(f"{n.uuid}\t{n.code}\t{n.kind_label}\t{n.channel_label}\t{mask_recipient(n.channel, n.recipient)}\t"
              f"{n.state_label}\t{when}\t{n.attempts} lần{reason}")
    return 0


def _send(db, args) -> int:
    from app.services.notices.sender import DrainResult, drain_once, poll_delivery

    if args.limit < 1:
        raise UserError("Số thông báo mỗi đợt (--limit) phải từ 1 trở lên.")
    from app.cli.context import resolve

    folder, _url = resolve(args)  # the stored files: signed documents are attached from there
    total = DrainResult()
    while True:  # batches until one comes back short: what is retried is due later, not again now
        r = drain_once(db, limit=args.limit, data_dir=folder)
        for k in ("claimed", "sent", "delivered", "retried", "failed"):
            setattr(total, k, getattr(total, k) + getattr(r, k))
        if r.claimed < args.limit:
            break
    delivered = poll_delivery(db)
    print(f"Đã gửi {total.sent} thông báo ({total.delivered} đã nhận), {total.retried} sẽ gửi lại, "
          f"{total.failed} không gửi được; {delivered} thông báo mới báo đã nhận.")
    return 0


def _test(db, args) -> int:
    from app.domain.permissions import Actor
    from app.services.notices.actions import send_test

    outcome = send_test(db, Actor.system(), args.notice_channel, args.recipient)
    if not outcome.ok:
        raise UserError(outcome.message)
    print(outcome.message)
    return 0


def _sandbox(args) -> int:
    from app.notify import sandbox

    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    try:
        sandbox.run(args.host, args.port)
    except OSError as exc:
        from app.oserrors import os_reason

        raise UserError(f"Không mở được cổng {args.port} trên {args.host}: {os_reason(exc)}.") from None
    return 0
