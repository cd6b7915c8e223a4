"""`python -m bench.readme_table`: the README's speed table, written from bench/results.json (one
full run of `make bench`), so the table never mixes runs or keeps an old figure by hand."""

from __future__ import annotations

import json
import sys

from bench.run import RESULTS, TARGETS, TARGETS_AT_LEAST

# (what is measured, p50 key, p95/max key, unit): the keys bench/run.py writes.
ROWS = [
    ("find a dossier by its code", "code_lookup_p50_ms", "code_lookup_p95_ms", "ms"),
    ("name search without diacritics, first 50 rows", "name_search_p50_ms", "name_search_p95_ms", "ms"),
    ("register one dossier (dossier, event, audit, outbox, code)", "register_p50_ms", "register_p95_ms", "ms"),
    ("  its floor: a bare SQLite transaction writing the same rows", "register_floor_p50_ms", None, "ms"),
    ("dossier table, first page", "table_first_page_p50_ms", "table_first_page_max_ms", "ms"),
    ("search typed → rows shown (60 ms pause included)", "search_typed_p50_ms", "search_typed_max_ms", "ms"),
    ("longest GUI-thread block in a scripted session", None, "gui_worst_block_ms", "ms"),
    ("receipt PDF (Form 01, two copies)", "receipt_pdf_p50_ms", None, "ms"),
    ("a dossier's first receipt, codes not cached", "receipt_pdf_cold_p50_ms", None, "ms"),
    ("due and overdue page", "overdue_watch_p50_ms", "overdue_watch_p95_ms", "ms"),
    ("scan on the serial line → dossier window, the daily backup running", "scan_to_dossier_p50_ms",
     "scan_to_dossier_p95_ms", "ms"),
    ("  the same, no backup running", "scan_to_dossier_quiet_p50_ms", "scan_to_dossier_quiet_p95_ms", "ms"),
    ("LED board frame (pty + 9600-baud wire time)", None, "display_frame_ms", "ms"),
    ("a scanner replugged → next scan read (pty)", "replug_pty_p50_ms", "replug_pty_p95_ms", "ms"),
    ("app start → usable log-in window", "start_to_login_ms", None, "ms"),
    ("  its floor: a bare PySide6 window", "bare_qt_window_ms", None, "ms"),
    ("`motcua --version`, new process", "version_cold_start_ms", None, "ms"),
    ("queue: issue a ticket", "queue_issue_p50_ms", "queue_issue_p95_ms", "ms"),
    ("queue: call next", "queue_call_p50_ms", "queue_call_p95_ms", "ms"),
    ("queue: call next with 5,000 waiting", "queue_call_5000_waiting_p50_ms", "queue_call_5000_waiting_p95_ms", "ms"),
    ("queue: call next, 8 counters on PostgreSQL", "queue_call_pg8_p50_ms", "queue_call_pg8_p95_ms", "ms"),
    ("queue: kiosk tap → ticket page", "kiosk_tap_p50_ms", "kiosk_tap_p95_ms", "ms"),
    ("rating: \"Xong\" → the prompt on the rating screen (another process)", "rating_prompt_p50_ms",
     "rating_prompt_p95_ms", "ms"),
    ("notices: drain 1,000 to the sandbox gateway", None, "notify_drain_1k_s", "s"),
    ("memory: the desk's growth per session", None, "desk_rss_growth_per_session_mb", "MiB"),
    ("portal: drain 10,000 changes", None, "portal_drain_10k_s", "s"),
    ("portal: pull 1,000 online dossiers", None, "portal_pull_1k_s", "s"),
    ("portal: longest GUI stall while draining", None, "sync_gui_worst_block_ms", "ms"),
    ("report: the year over a million dossiers", "report_year_s", None, "s"),
    ("  of which the digitization figures", "report_digitization_s", None, "s"),
    ("report: XLSX export", "report_xlsx_s", None, "s"),
    ("report: the year's ratings and notices", "report_satisfaction_year_s", None, "s"),
    ("scan: a page from the scanner → shown and spooled", None, "scan_page_overhead_ms", "ms"),
    ("scan: longest GUI block during a 20-page scan", None, "scan_gui_worst_block_ms", "ms"),
    ("files: upload to the portal sandbox", "files_upload_mb_per_s", None, "MB/s"),
    ("OCR: one A4 page at 200 dpi (background)", "ocr_page_s", None, "s"),
    ("signing: an e-receipt on a PKCS#11 token (SoftHSM2)", "sign_receipt_p50_ms", None, "ms"),
    ("signing: checking a signed PDF", "verify_pdf_p50_ms", None, "ms"),
    ("fees: record a payment (reference checked, receipt opened)", "record_payment_p50_ms", "record_payment_p95_ms",
     "ms"),
    ("fees: the \"Còn nợ phí\" list, first page", "fees_owed_first_page_p50_ms", "fees_owed_first_page_p95_ms", "ms"),
    ("fees: the year's fee report", None, "report_fees_year_s", "s"),
    ("  its PDF and XLSX", None, "report_fees_files_s", "s"),
    ("fees: closing a counter with 1,000 payments", None, "closing_1000_s", "s"),
    ("  its one-page PDF and XLSX", None, "closing_files_1000_s", "s"),
    ("building the million-dossier bench database", "build_seconds", None, "s"),
]


def _cell(results: dict, key: str | None, unit: str) -> str:
    if key is None or key not in results:
        return ""
    return f"{results[key]:g} {unit}".replace(".", ",")


def _target(key: str | None, unit: str) -> str:
    for k in (key,):
        if k in TARGETS:
            return f"≤ {TARGETS[k]:g} {unit}".replace(".", ",")
        if k in TARGETS_AT_LEAST:
            return f"≥ {TARGETS_AT_LEAST[k]:g} {unit}".replace(".", ",")
    return ""


def table(report: dict) -> str:
    r = report["results"]
    load = report.get("load_average")
    loads = " / ".join(f"{x:.1f}".replace(".", ",") for x in load) if load else "unknown"
    dossiers = f"{r.get('dossiers', 0):,}".replace(",", ".")
    lines = [f"Measured {report['measured_at'][:16].replace('T', ' ')} on {report['machine']['cpus']} cores, "
             f"load average {loads} (1 / 5 / 15 min), {dossiers} dossiers:", "",
             "| figure | p50 | p95 / max | target | met |", "|---|---|---|---|---|"]
    for label, p50, p95, unit in ROWS:
        if (p50 is None or p50 not in r) and (p95 is None or p95 not in r):
            continue
        judged = p95 if p95 in TARGETS or p95 in TARGETS_AT_LEAST else p50
        met = report.get("met", {}).get(judged)
        lines.append(f"| {label} | {_cell(r, p50, unit)} | {_cell(r, p95, unit)} | {_target(judged, unit)} | "
                     f"{'' if met is None else ('yes' if met else '**no**')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(json.loads(RESULTS.read_text(encoding="utf-8"))))
    sys.exit(0)
