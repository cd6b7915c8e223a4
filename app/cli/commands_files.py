"""`motcua files verify`: re-hash every kept file (scans, results) and name any missing or altered
one; sweep the data folder's files that no dossier record names. `motcua files ocr`: give the
pending scanned PDFs their Vietnamese text layer now (the desk does it in the background)."""

from __future__ import annotations

import sys

from app.cli.context import open_db, resolve
from app.errors import UserError


def files_command(args) -> int:
    if args.files_command == "ocr":
        return ocr_command(args)
    return verify_command(args)


def verify_command(args) -> int:
    from app.formatting import number
    from app.services.files import ocr
    from app.services.files.store import verify

    folder, _ = resolve(args)
    db = open_db(args, seed_catalog=False)
    try:
        result = verify(db, folder)
        states = ocr.counts(db)
    finally:
        db.dispose()
    for line in (*result.missing, *result.altered):
        print(line)
    for path in result.orphans_removed:
        print(f"Đã dọn tệp thừa không thuộc hồ sơ nào: «{path}».")
    for path in result.orphans_kept:
        print(f"Tệp chưa thuộc hồ sơ nào (có thể đang được ghi, để lại): «{path}».")
    if not result.ok:
        if states:
            print(ocr_summary(states))
        bad = len(result.missing) + len(result.altered)
        raise UserError(f"{number(bad)}/{number(result.checked)} tệp bị thiếu hoặc bị thay đổi: "
                        "cần khôi phục từ bản sao lưu.")
    if result.checked == 0:
        print("Kho tệp chưa có tệp nào.")
    else:
        print(f"Kho tệp toàn vẹn: {number(result.checked)} tệp, mã băm đều khớp.")
    if states:  # after the verdict: what the background reading has left to do
        print(ocr_summary(states))
    return 0


def ocr_summary(states: dict[str, int]) -> str:
    from app.formatting import number
    from app.services.files import ocr

    parts = [f"{number(states[s])} tệp {ocr.STATE_LABELS[s]}" for s in (ocr.DONE, ocr.PENDING, ocr.RUNNING, ocr.FAILED)
             if states.get(s)]
    return "Nhận dạng chữ (OCR): " + ", ".join(parts) + "."


def ocr_command(args) -> int:
    from app.formatting import number
    from app.services.files import ocr

    folder, _ = resolve(args)
    db = open_db(args, seed_catalog=False)
    try:
        waiting = ocr.counts(db).get(ocr.PENDING, 0)
        if not waiting:
            print("Không có bản quét nào chờ nhận dạng chữ.")
            return 0
        print(f"{number(waiting)} bản quét chờ nhận dạng chữ; bắt đầu (mỗi trang mất vài giây)…", flush=True)

        def said(sha256: str, reason: str | None) -> None:
            if reason is None:
                print(f"  Tệp {sha256[:12]}…: đã có lớp chữ.", flush=True)
            else:
                print(f"  Tệp {sha256[:12]}…: không nhận dạng được: {reason}", flush=True)

        result = ocr.run_pending(db, folder, limit=args.limit, on_file=said)
        states = ocr.counts(db)
    finally:
        db.dispose()
    if result.engine_problem:
        raise UserError(result.engine_problem)
    print(ocr_summary(states) if states else "Không còn tệp nào chờ nhận dạng chữ.")
    if result.failed:
        print(f"{number(len(result.failed))} tệp không nhận dạng được chữ; bản gốc vẫn giữ nguyên.", file=sys.stderr)
    return 0
