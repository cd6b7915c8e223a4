"""The desk, as a separate process for the receipt kill tests (test_receipt_kill.py):

    python -m tests.services.fees.receipt_kill_worker URL CODE MODE

records a cash payment of 38.000 đ for dossier CODE at NOW and prints `paid RECEIPT_ID` once it is
committed; MODE "drain" then drains the receipts outbox (the sandbox provider holds its answer, so
the process is killed while it waits); MODE "wait" then waits for its stdin to close (killed there,
right after the payment's commit). Any failure ends it with status 1 and the error on stderr."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.services.dossiers.payments import record_payment
    from app.services.fees.receipts import drain_once
    from db.engine import Database
    from tests.helpers.factories import OFFICER
    from tests.services.fees.receipt_steps import NOW

    url, code, mode = argv
    try:
        db = Database(url)
        paid = record_payment(db, OFFICER, code, 38000, "cash", at=NOW)
        sys.stdout.write(f"paid {paid.receipt_id}\n")
        sys.stdout.flush()
        if mode == "drain":
            drain_once(db, NOW)
        else:
            sys.stdin.read()
    except Exception as exc:  # noqa: BLE001 - the test reads the reason on stderr
        print(f"receipt_kill_worker: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
