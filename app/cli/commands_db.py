"""`motcua db copy --to URL`: the whole office into an empty database (app/services/trust/db_copy.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.context import open_db, resolve
from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import number


def db_copy(args) -> int:
    from app.services.trust.db_copy import copy_office
    from db.engine import Database

    folder, url = resolve(args)
    probe = Database(url)  # a bad source address stops here, before anything is created
    try:
        if probe.is_sqlite and not Path(probe.url.database).expanduser().is_file():
            raise UserError(f"Chưa có cơ sở dữ liệu «{probe.url.database}»: không có gì để chép.")
    finally:
        probe.dispose()
    source = open_db(args, seed_catalog=False)  # a SQLite source is brought to this version first
    try:
        print(f"Chép {source.display_name} sang cơ sở dữ liệu mới (đóng ứng dụng ở các quầy trước khi chép)…",
              flush=True)

        def table_done(name: str, n: int) -> None:
            if n:
                print(f"  {name}: {number(n)} dòng", flush=True)

        result = copy_office(source, args.to, Actor.system(), data_dir=folder, table_done=table_done)
    finally:
        source.dispose()
    dossiers = result.rows.get("dossiers", 0)
    receipts = result.rows.get("receipt_archive", 0)
    print(f"Đã chép {result.source} sang {result.target}: {number(dossiers)} hồ sơ, "
          f"{number(result.total)} dòng trong {len(result.rows)} bảng, số dòng từng bảng khớp nguồn.")
    print(f"Giấy tiếp nhận lưu trữ: {number(receipts)}"
          + (f" ({number(result.receipts_from_files)} lấy từ thư mục dữ liệu {folder})."
             if result.receipts_from_files else "."))
    print(f"Nhật ký kiểm tra: {number(result.audit_records)} bản ghi, chuỗi băm khớp (kể cả bản ghi db.copy).")
    if result.files:
        where = "vào cơ sở dữ liệu máy chủ" if "PostgreSQL" in result.target else f"vào thư mục dữ liệu {folder}"
        print(f"Tệp số hóa: {number(result.files - len(result.files_missing))}/{number(result.files)} tệp "
              f"đã chép {where}, mã băm đều khớp.")
    if result.files_missing:
        shown = ", ".join(f"{sha[:12]}…" for sha in result.files_missing[:5])
        print(f"Lưu ý: {number(len(result.files_missing))} tệp số hóa thiếu hoặc bị thay đổi ở nguồn nên không "
              f"chép được ({shown}): chạy «motcua files verify» trên nguồn.")
    print(f"Lược đồ {result.revision}" + (" (đã tạo trên đích)." if result.created_schema else "."))
    print("Bước tiếp theo: trỏ mọi quầy, máy lấy số và màn hình chờ vào cơ sở dữ liệu mới (--db hoặc MOTCUA_DB).",
          file=sys.stdout)
    return 0
