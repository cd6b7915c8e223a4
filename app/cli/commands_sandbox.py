"""`motcua portal-sandbox`: the sandbox portal (app/portal/sandbox) for training and tests."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.oserrors import os_reason
from app.paths import data_dir
from app.services.trust.backup_sqlite import sqlite_text

STORE_FILENAME = "portal-sandbox.sqlite3"


def portal_sandbox(args) -> int:
    from app.domain.codes import validate_unit_code
    from app.portal.sandbox.server import run

    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    unit = validate_unit_code(args.unit)  # either form, or one Vietnamese line naming both
    if not args.token.strip():
        raise UserError("Mã truy cập (--token) không được để trống.")
    store = Path(args.store).expanduser() if args.store else \
        data_dir(getattr(args, "data_dir", None)) / STORE_FILENAME
    _check_store(store)
    run(args.host, args.port, store, args.token.strip(), unit, faults_enabled=args.faults)
    return 0


def _check_store(store: Path) -> None:
    """Open the store once before the server starts: a path that cannot hold it is one line here,
    not a crash inside the server."""
    import sqlite3

    from app.portal.sandbox.store import Store

    try:
        if store.is_dir():
            raise UserError(f"«{store}» là một thư mục: --store cần tên tệp dữ liệu.")
        store.parent.mkdir(parents=True, exist_ok=True)
        Store(store).close()
    except FileExistsError:
        raise UserError(f"Không tạo được thư mục «{store.parent}»: đã có một tệp tên đó.") from None
    except OSError as exc:
        raise UserError(f"Không mở được tệp dữ liệu cổng thử nghiệm «{store}»: {os_reason(exc)}.") from None
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Không mở được tệp dữ liệu cổng thử nghiệm «{store}»: {sqlite_text(exc)}.") from None
