"""`motcua backup` and `motcua restore`. Neither migrates nor seeds the database first (as other
commands do through open_db): a backup copies the database as it is, and a restore must work even
when the current database is damaged."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.cli.context import read_stdin_line, resolve
from app.domain.permissions import Actor
from app.errors import UserError
from app.formatting import number
from app.oserrors import os_reason

YES = {"có", "co", "c", "yes", "y"}


def backup_command(args) -> int:
    from app.services.settings.store import load_settings
    from app.services.trust.backup import backup, glance, run_daily_backup, size_text
    from db.engine import Database

    folder, url = resolve(args)
    db = Database(url)
    try:
        if db.is_sqlite and not Path(db.url.database).expanduser().is_file():
            raise UserError(f"Chưa có cơ sở dữ liệu «{db.url.database}»: không có gì để sao lưu.")
        if args.auto:
            from app.services.trust.backup_sqlite import background_priority

            # At low priority: the counters come first (the desk runs this in a process of its
            # own: app/services/trust/backup_apart.py).
            with background_priority():
                path = run_daily_backup(db, folder, args.at)
            if args.json:
                import json

                print(json.dumps({"path": str(path) if path is not None else None}))
            elif path is not None:
                made = glance(path)
                shared = (f"; {number(made.files)} tệp số hóa để trong thư mục «{made.files_folder}», "
                          f"{made.added_text()}") if made.files_folder and made.files else ""
                print(f"Đã sao lưu tự động vào {path} ({size_text(path.stat().st_size)}){shared}.")
            elif not load_settings(db)["backup.daily"]:
                print("Sao lưu tự động đang tắt (cài đặt backup.daily): không làm gì.")
            else:
                print("Hôm nay đã có bản sao lưu tự động: không làm gì thêm.")
            return 0
        if args.at is not None or args.json:
            raise UserError("--at và --json chỉ dùng cùng --auto.")
        target = Path(args.output)
        if args.output.endswith(("/", os.sep)):  # a folder the user means, even if not made yet
            try:
                target.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise UserError(f"«{target}» là một tệp, không phải thư mục.") from None
            except OSError as exc:
                raise UserError(f"Không tạo được thư mục «{target}»: {os_reason(exc)}.") from exc
        info = backup(db, target, actor=Actor.system(), data_dir=folder)
        files = f", {number(info.files)} tệp số hóa" if info.files else ""
        print(f"Đã sao lưu {db.display_name} vào {info.path}: {size_text(info.size)}, "
              f"{number(info.dossiers)} hồ sơ{files}.")
        if info.missing_text():
            print(f"Lưu ý: {info.missing_text()} Chạy «motcua files verify» để xem chi tiết.", file=sys.stderr)
        return 0
    finally:
        db.dispose()


def restore_command(args) -> int:
    from app.services.trust.backup import check_backup, restore
    from db.engine import Database

    folder, url = resolve(args)
    source = Path(args.file)
    info = check_backup(source)  # a bad file stops here, before any question
    db = Database(url)
    try:
        print(f"Tệp {source}: {info.summary()}.")
        if info.missing_text():  # the restore decides whether the data folder has them
            print(f"Lưu ý: {info.missing_text()}")
        print(f"Khôi phục sẽ thay toàn bộ dữ liệu hiện có của {db.display_name} bằng nội dung tệp này.")
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("Không có bàn phím để xác nhận: thêm --yes để khôi phục.")
            print("Gõ «có» để khôi phục, phím khác để hủy: ", end="", flush=True)
            answer = read_stdin_line("Câu trả lời") or ""  # end of input: not a yes
            if answer.strip().lower() not in YES:
                print("Đã hủy: dữ liệu giữ nguyên.", file=sys.stderr)
                return 1
        done = restore(db, source, actor=Actor.system(), data_dir=folder,
                       allow_missing_files=args.allow_missing_files)
        _restart_audit_anchors(args, db)
        files = f" và {number(done.files)} tệp số hóa (mã băm đều khớp)" if done.files else ""
        if done.files and done.files_folder is not None:
            files += f" lấy từ thư mục «{done.files_folder}»"
        print(f"Đã khôi phục {number(done.dossiers)} hồ sơ{files} từ {source} vào {db.display_name}.")
        if done.files_missing:
            print(f"Lưu ý: khôi phục thiếu {number(len(done.files_missing))} tệp số hóa theo yêu cầu: "
                  "«motcua files verify» liệt kê chúng.", file=sys.stderr)
        if done.previous is not None:
            print(f"Dữ liệu trước khi khôi phục được giữ tại {done.previous}.")
        return 0
    finally:
        db.dispose()


def _restart_audit_anchors(args, db) -> None:
    """The restored audit log is older than the anchors `motcua audit verify` kept: start them
    again from the restored chain, so the next check judges the log that is there now."""
    from app.services.trust.audit_anchors import restart_anchors
    from app.services.trust.audit_chain import verify

    folder, _ = resolve(args)
    result = verify(db)
    restart_anchors(folder, db, result)  # by the database's identity (PostgreSQL: a new one)
    if not result.ok:
        print(f"Lưu ý: {result.finding.message}", file=sys.stderr)
