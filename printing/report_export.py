"""The report written as a file in one of its formats; each writer goes through a temporary file
in the same folder (all or nothing). The desk's export buttons and `motcua report` both use it."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.report import Report

FORMATS = ("json", "xlsx", "pdf")


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def write_report(report: Report, path: Path, fmt: str) -> Path:
    """Raises OSError when the file cannot be written."""
    if fmt == "xlsx":
        from printing.report_xlsx import write_report_xlsx

        return Path(write_report_xlsx(report, path))
    if fmt == "pdf":
        from printing.report_pdf import write_report_pdf

        return Path(write_report_pdf(report, path))
    from app.files import write_atomically

    write_atomically(path, report_json(report).encode("utf-8"))
    return path
