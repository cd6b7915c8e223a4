"""`motcua report`: the supervisors' report for a period, as JSON (stdout or a file), Excel or PDF.
Everything that can be refused (the output path, the counter, the period and filters, which the
report service checks) is refused before a file is written, so a mistake leaves nothing behind."""

from __future__ import annotations

import sys
from pathlib import Path

from app.errors import UserError
from printing.report_export import FORMATS

CHANNELS = {"online": "ONLINE", "in_person": "IN_PERSON", "post": "POST"}


def default_name(args, fmt: str) -> str:
    """Where xlsx and pdf go without -o: this file name, in the current folder."""
    return f"bao-cao-{args.date_from:%Y%m%d}-{args.date_to:%Y%m%d}.{fmt}"


def _format(args) -> str:
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    if args.format is None:
        return suffix if suffix in FORMATS else "json"
    if suffix in FORMATS and suffix != args.format:
        raise UserError(f"Tệp «{args.output}» không khớp định dạng {args.format}: hãy đặt đuôi .{args.format}.")
    return args.format


def _target(args, fmt: str) -> Path | None:
    """The file to write (None: JSON to stdout), checked before any work is done."""
    if args.output is None and fmt == "json":
        return None
    from app.cli.output import output_path

    return output_path(args.output or default_name(args, fmt)).absolute()


def _counter_id(db, number: int) -> int:
    from sqlalchemy import select

    from db.models import Counter

    with db.reading() as s:
        found = s.scalar(select(Counter.id).where(Counter.number == number).order_by(Counter.agency_id).limit(1))
    if found is None:
        raise UserError(f"Không có quầy số {number}.")
    return found


def report(args) -> int:
    from app.cli.acting import cli_actor
    from app.cli.context import open_db
    from app.domain.report import ReportFilter
    from app.domain.vocab import Channel
    from app.services.reports.report import build_report
    from app.services.reports.satisfaction import build_satisfaction
    from printing.report_export import report_json, write_report

    # The period, then the output, are refused before the database is even opened.
    ReportFilter(args.date_from, args.date_to).check()
    fmt = _format(args)
    target = _target(args, fmt)
    db = open_db(args)
    try:
        counter = _counter_id(db, args.counter) if args.counter is not None else None
        channel = Channel[CHANNELS[args.channel]] if args.channel else None
        flt = ReportFilter(args.date_from, args.date_to, procedure_code=args.procedure, sector_code=args.sector,
                           channel=channel, counter_id=counter)
        actor = cli_actor(args, db)
        # The satisfaction ratings and notices, built beside the report under the same filters.
        satisfaction = build_satisfaction(db, actor, flt, officer_login=args.officer)
        result = build_report(db, actor, flt)
    finally:
        db.dispose()
    if fmt == "json" and target is None:
        sys.stdout.write(report_json(result, satisfaction))
        return 0
    from app.cli.output import write_checked

    write_checked(target, lambda path: write_report(result, path, fmt, satisfaction))
    print(f"Đã ghi báo cáo ra {target}.")
    return 0
