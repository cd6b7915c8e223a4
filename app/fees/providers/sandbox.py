"""The sandbox provider (app/fees/sandbox.py, `motcua fees sandbox`): it speaks the generic JSON
protocol (generic_json.py) as it is, so the office can try the whole path (offline, retries,
cancel and replace) before a real provider's mapping module is written."""

from __future__ import annotations

from app.fees.providers.generic_json import (
    cancel_request,
    cancel_result,
    check_request,
    check_result,
    issue_request,
    issue_result,
)

__all__ = ["cancel_request", "cancel_result", "check_request", "check_result", "issue_request", "issue_result"]
