"""`motcua portal-sandbox`: the sandbox portal (app/portal/sandbox) for training and tests."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.paths import data_dir

STORE_FILENAME = "portal-sandbox.sqlite3"


def portal_sandbox(args) -> int:
    from app.portal.sandbox.server import run
    from app.portal.sandbox.validation import UNIT_RE

    if not 0 <= args.port <= 65535:
        raise UserError(f"Cổng {args.port} không hợp lệ (từ 0 đến 65535).")
    unit = args.unit.strip().upper()
    if not UNIT_RE.match(unit):
        raise UserError(f"Mã đơn vị «{args.unit}» không đúng dạng QCVN 102:2016 (ví dụ 000.00.01.H22).")
    if not args.token.strip():
        raise UserError("Mã truy cập (--token) không được để trống.")
    store = Path(args.store).expanduser() if args.store else \
        data_dir(getattr(args, "data_dir", None)) / STORE_FILENAME
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục {store.parent}: {exc.strerror or exc}.") from None
    run(args.host, args.port, store, args.token.strip(), unit, faults_enabled=args.faults)
    return 0
