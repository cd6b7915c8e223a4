"""`motcua print …`: the forms, headless, exactly as the counter prints them."""

from __future__ import annotations

from pathlib import Path

from app.cli.context import open_db, resolve
from app.domain.permissions import Actor
from app.errors import UserError
from app.files import write_atomically


def write_output(target: str, data: bytes) -> Path:
    """Write `data` to `target` whole or not at all."""
    path = Path(target).expanduser()
    if path.is_dir():
        raise UserError(f"«{target}» là một thư mục: hãy ghi tên tệp PDF.")
    if not path.parent.is_dir():
        raise UserError(f"Không có thư mục «{path.parent}» để ghi tệp.")
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp «{target}»: {exc.strerror}.") from None
    return path


def print_command(args) -> int:
    if args.print_command != "receipt":
        return print_form_command(args)
    from app.services.receipts import print_receipt

    folder, _ = resolve(args)
    db = open_db(args)
    try:
        receipt = print_receipt(db, Actor.system(), args.code, folder)
        out = write_output(args.output, receipt.pdf)
    finally:
        db.dispose()
    again = " (bản in lại, giống hệt bản đã lưu)" if receipt.reprint else ""
    print(f"Đã in giấy tiếp nhận hồ sơ {args.code.strip().upper()} ra {out}{again}.")
    return 0


def print_form_command(args) -> int:
    from app.clock import now_local
    from app.services.forms import ledger_xlsx, print_form, print_ledger

    folder, _ = resolve(args)
    db = open_db(args)
    try:
        if args.print_command == "ledger" and args.output.lower().endswith(".xlsx"):
            pdf = ledger_xlsx(db, Actor.system(), args.date_from, args.date_to)
        elif args.print_command == "ledger":
            pdf = print_ledger(db, Actor.system(), args.date_from, args.date_to, now_local(), folder)
        else:
            form = args.print_command.replace("-", "_")  # fee-notice on the command line
            pdf = print_form(db, Actor.system(), form, args.code, now_local(), folder)
        out = write_output(args.output, pdf)
    finally:
        db.dispose()
    print(f"Đã in ra {out}.")
    return 0
