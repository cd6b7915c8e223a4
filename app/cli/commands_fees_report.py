"""`motcua fees report --from … --to … [--counter SỐ] [--json] [--pdf TỆP] [--xlsx TỆP]`: the fee
report of a period (app/services/reports/fees.py). Without --json it prints the figures as text;
--pdf and --xlsx write the files too. The period and the files are refused before the database is
opened, the counter before anything is written: a mistake leaves nothing behind."""

from __future__ import annotations

import json
import sys

from app.errors import UserError


def report_text(r) -> str:
    """The report as lines for the terminal."""
    from app.formatting import day, money, number, percent
    from printing.report_fees import SLICES, row_label, scope, summary_lines

    lines = [f"BÁO CÁO THU PHÍ, LỆ PHÍ từ {day(r.start)} đến {day(r.end)} · {r.agency_name}", scope(r), ""]
    lines += [f"{what}: {value}" for what, value in summary_lines(r)]
    for caption, _head, attr in SLICES:
        rows = getattr(r, attr)
        if rows:
            lines += ["", f"{caption}:"]
            lines += [f"  {row_label(attr, x)}: {number(x.count)} khoản, {money(x.amount)}" for x in rows]
    if r.waiting:
        lines += ["", "Biên lai chưa phát hành:"]
        lines += [f"  {w.dossier_code} · {w.state_label} · {money(w.amount)} · chờ {number(w.age_days)} ngày"
                  + (f" · {w.last_error}" if w.last_error else "") for w in r.waiting]
    if r.cancelled:
        lines += ["", "Biên lai đã hủy trong kỳ:"]
        lines += [f"  {c.dossier_code} · {c.identifier or c.state_label} · {money(c.amount)} · {c.reason}"
                  for c in r.cancelled]
    if r.voided:
        lines += ["", "Khoản nộp trong kỳ đã hủy:"]
        lines += [f"  {v.dossier_code} · {v.method_label} · {money(v.amount)} · {v.reason}" for v in r.voided]
    lines += ["", "Tỷ lệ thanh toán trực tuyến theo hình thức nộp hồ sơ: " + "; ".join(
        f"{o.label} {percent(o.share)} ({number(o.paid_online)}/{number(o.with_fee)})" for o in r.online_by_channel)]
    return "\n".join(lines) + "\n"


def report(args) -> int:
    from app.cli.acting import cli_actor
    from app.cli.commands_report import _counter_id
    from app.cli.context import open_db
    from app.cli.output import output_path, write_checked
    from app.domain.report import ReportFilter
    from app.files import write_atomically
    from app.services.reports.fees import fee_report
    from printing.report_fees import fee_report_pdf, fee_report_xlsx

    ReportFilter(args.date_from, args.date_to).check()  # one message for a period backwards
    targets = []
    for fmt, text in (("pdf", args.pdf), ("xlsx", args.xlsx)):
        if text is not None:
            if not text.lower().endswith(f".{fmt}"):
                raise UserError(f"Tệp «{text}» cần có đuôi .{fmt}.")
            targets.append((fmt, output_path(text).absolute()))
    if len(targets) == 2 and targets[0][1] == targets[1][1]:
        raise UserError("Tệp PDF và tệp Excel phải khác nhau.")
    db = open_db(args)
    try:
        counter = _counter_id(db, args.counter) if args.counter is not None else None
        result = fee_report(db, cli_actor(args, db), args.date_from, args.date_to, counter_id=counter)
    finally:
        db.dispose()
    for fmt, path in targets:
        data = fee_report_pdf(result) if fmt == "pdf" else fee_report_xlsx(result)
        write_checked(path, lambda p, data=data: write_atomically(p, data))
    if args.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    elif not targets:
        sys.stdout.write(report_text(result))
    for _fmt, path in targets:
        # With --json, stdout is the JSON alone: what was written goes to stderr.
        print(f"Đã ghi báo cáo thu phí, lệ phí ra {path}.", file=sys.stderr if args.json else sys.stdout)
    return 0
