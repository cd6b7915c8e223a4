"""The report written as a file in one of its formats; each writer goes through a temporary file
in the same folder (all or nothing). The desk's export buttons and `motcua report` both use it."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.report import Report
from app.domain.satisfaction_report import SatisfactionFigures

FORMATS = ("json", "xlsx", "pdf")


def report_json(report: Report, satisfaction: SatisfactionFigures | None = None) -> str:
    """The report's figures; the satisfaction ratings and notices under "satisfaction" when built."""
    data = report.as_dict()
    if satisfaction is not None:
        data["satisfaction"] = satisfaction.as_dict()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_report(report: Report, path: Path, fmt: str, satisfaction: SatisfactionFigures | None = None) -> Path:
    """Raises OSError when the file cannot be written. `satisfaction`: the figures built beside
    the report (app/services/reports/satisfaction.py), written with it."""
    if fmt == "xlsx":
        from printing.report_xlsx import write_report_xlsx

        return Path(write_report_xlsx(report, path, satisfaction))
    if fmt == "pdf":
        from printing.report_pdf import write_report_pdf

        return Path(write_report_pdf(report, path, satisfaction))
    from app.files import write_atomically

    write_atomically(path, report_json(report, satisfaction).encode("utf-8"))
    return path
