"""`motcua fees …` (docs/fees.md): the fee subcommands, each in the module of its part."""

from __future__ import annotations

import importlib

# subcommand -> (module in app.cli, function taking args, returning the exit status)
_ROUTES = {
    "pay": ("commands_fees_pay", "pay"),
    "payments": ("commands_fees_pay", "payments"),
    "void": ("commands_fees_pay", "void"),
    "owed": ("commands_fees_pay", "owed"),
    "receipts": ("commands_fees_receipts", "receipts_command"),
    "sandbox": ("commands_fees_receipts", "sandbox"),
    "slip": ("commands_fees_closing", "slip"),
    "close": ("commands_fees_closing", "close"),
    "closings": ("commands_fees_closing", "closings"),
    "closing": ("commands_fees_closing", "closing"),
    "correct": ("commands_fees_closing", "correct"),
    "report": ("commands_fees_report", "report"),
}


def fees_command(args) -> int:
    module, function = _ROUTES[args.fees_command]
    return getattr(importlib.import_module(f"app.cli.{module}"), function)(args)
