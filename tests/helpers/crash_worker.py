"""The app at the counter, as a separate process for the crash tests: registers COUNT dossiers one
after another and prints each one's receipt, the real way (archived PDF in DATA_DIR).

    python -m tests.helpers.crash_worker URL DATA_DIR COUNT

Stdout, one flushed line per step: `registered CODE` once `register` has returned (committed), then
`printed CODE` once `print_receipt` has returned: the proof the citizen was handed a receipt, so
the dossier must survive whatever happens next. Any failure (the server gone) ends the process
with status 1 and the error on stderr."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

# One fixed working day: the codes of every run (and of a restart) share one daily sequence.
RECEIVED_AT = datetime(2026, 11, 20, 9, 30)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")  # one write: a kill cuts the line short at worst
    sys.stdout.flush()


def run(url: str, data_dir: Path, count: int) -> None:
    from app.services.dossiers.receipts import print_receipt
    from app.services.intake.registration import register
    from db.engine import Database
    from tests.helpers.factories import OFFICER, procedure_code, request

    db = Database(url)
    procedure = procedure_code(db)
    for _ in range(count):
        code = register(db, OFFICER, request(procedure, RECEIVED_AT)).code
        say(f"registered {code}")
        print_receipt(db, OFFICER, code, data_dir)
        say(f"printed {code}")
    db.dispose()


def main(argv: list[str]) -> int:
    url, data_dir, count = argv
    try:
        run(url, Path(data_dir), int(count))
    except Exception as exc:  # noqa: BLE001 - the test reads the reason on stderr
        print(f"crash_worker: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
