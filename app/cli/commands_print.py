"""`motcua print …`: the forms, headless, exactly as the counter prints them."""

from __future__ import annotations

from pathlib import Path

from app.cli.acting import cli_actor
from app.cli.context import open_db, resolve


def write_output(target: str, data: bytes) -> Path:
    """Write `data` to `target` whole or not at all (app/cli/output.py)."""
    from app.cli.output import write_output as write

    return write(target, data)


def print_command(args) -> int:
    if args.print_command != "receipt":
        return print_form_command(args)
    from app.cli.output import output_path
    from app.services.dossiers.receipts import print_receipt

    output_path(args.output)  # refused before the receipt is made and kept
    folder, _ = resolve(args)
    db = open_db(args)
    try:
        receipt = print_receipt(db, cli_actor(args, db), args.code, folder)
        out = write_output(args.output, receipt.pdf)
    finally:
        db.dispose()
    again = " (bản in lại, giống hệt bản đã lưu)" if receipt.reprint else ""
    if receipt.masked:
        again = " (bản xem che thông tin cá nhân, không thay bản đã lưu)"
    print(f"Đã in giấy tiếp nhận hồ sơ {args.code.strip().upper()} ra {out}{again}.")
    return 0


def print_form_command(args) -> int:
    from app.cli.output import output_path
    from app.clock import now_local
    from app.services.dossiers.forms import ledger_xlsx, print_form, print_ledger

    output_path(args.output)  # refused before any work is done
    folder, _ = resolve(args)
    db = open_db(args)
    try:
        actor = cli_actor(args, db)  # --as LOGIN: that user's role decides what is masked
        book = (getattr(args, "book", None) or "").strip() or None
        if args.print_command == "ledger" and args.output.lower().endswith(".xlsx"):
            pdf = ledger_xlsx(db, actor, args.date_from, args.date_to, book)
        elif args.print_command == "ledger":
            pdf = print_ledger(db, actor, args.date_from, args.date_to, now_local(), folder, book)
        else:
            form = args.print_command.replace("-", "_")  # fee-notice on the command line
            pdf = print_form(db, actor, form, args.code, now_local(), folder)
        out = write_output(args.output, pdf)
    finally:
        db.dispose()
    print(f"Đã in ra {out}.")
    return 0
