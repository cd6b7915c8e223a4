"""Administration subcommands: db, catalog, user, calendar."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from app.cli.context import open_db, read_stdin_line
from app.domain.permissions import Actor
from app.errors import UserError


def db_command(args) -> int:
    from app.cli.context import resolve
    from db.engine import Database
    from db.migrate import current_revision, head_revision, upgrade

    _, url = resolve(args)
    db = Database(url)
    before = current_revision(db)
    upgrade(db)
    head = head_revision()
    print(f"Cơ sở dữ liệu {db.display_name}: " + (
        f"đã ở phiên bản mới nhất ({head})." if before == head else f"đã nâng cấp {before or 'trống'} → {head}."))
    return 0


def catalog_command(args) -> int:
    from app.services.catalog import import_catalog, list_procedures

    actor = Actor.system()
    if args.catalog_command == "import":
        db = open_db(args, seed_catalog=False)
        r = import_catalog(db, actor, Path(args.file))
        print(f"Đã nhập {r.total} thủ tục: {r.added} mới, {r.updated} cập nhật.")
        return 0
    db = open_db(args)
    procs = list_procedures(db, actor)
    if args.json:
        out = [{"code": p.code, "code_verified": p.code_verified, "name": p.name,
                "sector_code": p.sector_code, "sector_name": p.sector_name, "agency_level": p.agency_level,
                "online_level": p.online_level, "process_class": p.process_class,
                "processing_time": {"value": p.time_value, "unit": p.time_unit}, "cutoff": p.cutoff,
                "fees": [{"name": f.name, "amount": f.amount, "kind": f.kind} for f in p.fees],
                "documents": [{"name": d.name, "originals": d.originals, "copies": d.copies,
                               "mandatory": d.mandatory} for d in p.documents],
                "result_return": p.result_return} for p in procs]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from app.domain.vocab import TimeUnit
    from app.formatting import number

    for p in procs:
        unit = TimeUnit(p.time_unit)
        when = unit.label if unit is TimeUnit.WITHIN_DAY else f"{number(p.time_value)} {unit.label}"
        mark = "" if p.code_verified else " (mã mẫu)"
        print(f"{p.code}{mark}\t{p.name}\t{p.sector_name}\t{when}")
    print(f"Tổng: {len(procs)} thủ tục.", file=sys.stderr)
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = read_stdin_line("Mật khẩu")
        if line is None:
            raise UserError("Không đọc được mật khẩu từ đầu vào chuẩn.")
        return line
    if not sys.stdin.isatty():
        raise UserError("Không có bàn phím để nhập mật khẩu: dùng --password-stdin.")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise UserError("Hai lần nhập mật khẩu không khớp.")
    return first


def user_command(args) -> int:
    from app.services.trust.users import add_user, change_password, parse_role

    actor = Actor.system()
    db = open_db(args)
    if args.user_command == "add":
        role = parse_role(args.role)
        add_user(db, actor, args.login, role, _read_password(args.password_stdin), args.name)
        print(f"Đã thêm người dùng «{args.login.strip().lower()}» ({role.label}); "
              "người dùng đổi mật khẩu ở lần đăng nhập đầu.")
    else:
        change_password(db, actor, args.login, _read_password(args.password_stdin))
        print(f"Đã đặt lại mật khẩu của «{args.login}»; người dùng đổi mật khẩu ở lần đăng nhập tới.")
    return 0


def calendar_command(args) -> int:
    from app.services.settings import calendar as cs

    actor = Actor.system()
    db = open_db(args, seed_catalog=False)
    c = args.calendar_command
    if c == "list":
        for info in cs.year_listing(db, args.year):
            kind = "làm việc" if info.working else "nghỉ"
            print(f"{info.day:%d/%m/%Y}\t{kind}\t{info.reason or ''}")
    elif c in ("add-day-off", "add-working-day"):
        kind = cs.DAY_OFF if c == "add-day-off" else cs.WORKING_DAY
        cs.add_override(db, actor, args.date, kind, args.reason)
        what = "ngày nghỉ" if kind == cs.DAY_OFF else "ngày làm việc bù"
        print(f"Đã ghi {args.date:%d/%m/%Y} là {what}.")
    else:
        cs.remove_override(db, actor, args.date)
        print(f"Đã bỏ điều chỉnh ngày {args.date:%d/%m/%Y}.")
    return 0
