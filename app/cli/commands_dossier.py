"""Dossier subcommands, the due-date calculator, demo data and the GUI launcher."""

from __future__ import annotations

import json
import sys

from app.cli.context import open_db, resolve
from app.domain.permissions import Actor
from app.errors import UserError


def due_date(args) -> int:
    from app.clock import VN_TZ
    from app.domain.calendar import to_local_naive
    from app.services.settings.calendar import due_for

    db = open_db(args)
    due = due_for(db, to_local_naive(args.received), days=args.days, hours=args.hours,
                  procedure_code=args.procedure, cutoff=args.cutoff)
    print(due.replace(tzinfo=VN_TZ).isoformat())
    return 0


def _print_rows(rows, as_json: bool) -> None:
    from app.formatting import moment

    if as_json:
        json.dump([r.to_json() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for r in rows:
        print(f"{r.code}\t{r.applicant_name}\t{r.procedure_name}\t{r.status_label}\t"
              f"nhận {moment(r.received_at)}\thẹn {moment(r.due_at)}")
    print(f"Tìm thấy {len(rows)} hồ sơ.", file=sys.stderr)


def dossier_command(args) -> int:
    from app.cli.acting import cli_actor
    from app.services.dossiers.query import dossier_detail, search

    db = open_db(args)
    actor = cli_actor(args, db)  # --as LOGIN: that user's role decides what is masked
    if args.dossier_command == "search":
        _print_rows(search(db, actor, args.text, args.limit), args.json)
        return 0
    d = dossier_detail(db, actor, args.code)
    if args.json:
        json.dump(d, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from app.cli.dossier_text import render

    print(render(d))
    return 0


def demo_data(args) -> int:
    from app.services.bootstrap import is_empty, seed_demo_office
    from app.services.demo_data import generate

    db = open_db(args)
    if is_empty(db):
        seed_demo_office(db)
    n = generate(db, Actor.system(), args.dossiers, seed=args.seed,
                 progress=lambda done: print(f"\r{done:,} hồ sơ".replace(",", "."), end="", file=sys.stderr))
    print(file=sys.stderr)
    print(f"Đã tạo {n} hồ sơ mẫu.")
    return 0


def _frontend(name: str, args, **options) -> int:
    """A window of the desktop app, found as an installed `motcua.frontends` entry point."""
    from importlib.metadata import entry_points

    folder, url = resolve(args)
    found = list(entry_points(group="motcua.frontends", name=name))
    if not found:
        raise UserError("Chưa cài giao diện đồ họa của Một Cửa (chạy «make run» để cài đặt).")
    return found[0].load()(url=url, data_dir=folder, demo=getattr(args, "demo", False), **options)


def run_gui(args) -> int:
    return _frontend("gui", args)


def run_kiosk(args) -> int:
    return _frontend("kiosk", args, windowed=args.windowed, no_printer=args.no_printer)


def run_display(args) -> int:
    return _frontend("display", args, windowed=args.windowed, mute=args.mute)
