"""`motcua files verify`: re-hash every kept file (scans, results) and name any missing or altered
one; sweep the data folder's files that no dossier record names."""

from __future__ import annotations

from app.cli.context import open_db, resolve
from app.errors import UserError


def files_command(args) -> int:
    from app.formatting import number
    from app.services.files.store import verify

    folder, _ = resolve(args)
    db = open_db(args, seed_catalog=False)
    try:
        result = verify(db, folder)
    finally:
        db.dispose()
    for line in (*result.missing, *result.altered):
        print(line)
    for path in result.orphans_removed:
        print(f"Đã dọn tệp thừa không thuộc hồ sơ nào: «{path}».")
    for path in result.orphans_kept:
        print(f"Tệp chưa thuộc hồ sơ nào (có thể đang được ghi, để lại): «{path}».")
    if not result.ok:
        bad = len(result.missing) + len(result.altered)
        raise UserError(f"{number(bad)}/{number(result.checked)} tệp bị thiếu hoặc bị thay đổi: "
                        "cần khôi phục từ bản sao lưu.")
    if result.checked == 0:
        print("Kho tệp chưa có tệp nào.")
    else:
        print(f"Kho tệp toàn vẹn: {number(result.checked)} tệp, mã băm đều khớp.")
    return 0
