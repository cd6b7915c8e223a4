"""The desk as a separate process for tests/services/signing/test_sign_kill.py: receives an online
dossier the real way (its e-receipt noted to be signed in the same transaction), says so, then
waits for a line on stdin before it would sign: the test kills it (`kill -9`) there, between the
receiving and the signing.

    python -m tests.helpers.sign_worker DB_URL CODE

Stdout, one flushed line per step: `received CODE` once the receiving is committed."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.domain.lifecycle import Action
    from app.services.dossiers.lifecycle import Facts, act
    from db.engine import Database
    from tests.helpers.factories import OFFICER
    from tests.services.signing.delivery_kit import MON

    url, code = argv
    try:
        db = Database(url)
        act(db, OFFICER, code, Action.RECEIVE, Facts(at=MON))
    except Exception as exc:  # noqa: BLE001 - the test reads the reason on stderr
        print(f"sign_worker: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    sys.stdout.write(f"received {code}\n")
    sys.stdout.flush()
    sys.stdin.readline()  # the signing would start here; the test kills the process first
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
