"""The capture desk as a separate process for tests/crash/test_scan_kill.py: scans every document
line of one dossier from an eSCL scanner and saves each, the real way (app/devices/docscan/capture.py).

    python -m tests.helpers.scan_worker DB_URL DATA_DIR CODE ESCL_URL

Stdout, one flushed line per step: `page POSITION N` once page N of that line is spooled (the page
must survive whatever happens next), `saving POSITION` just before the line is saved, `saved
POSITION` once it is committed. Any failure ends the process with status 1, the error on stderr."""

from __future__ import annotations

import sys
from pathlib import Path


def say(line: str) -> None:
    sys.stdout.write(line + "\n")  # one write: a kill cuts the line short at worst
    sys.stdout.flush()


def run(url: str, data_dir: Path, code: str, escl_url: str) -> None:
    from app.devices.docscan.capture import CaptureSession, ScanJob
    from app.devices.docscan.escl import EsclScanner
    from db.engine import Database
    from tests.helpers.factories import OFFICER

    db = Database(url)
    session = CaptureSession(db, OFFICER, code, data_dir)
    scanner = EsclScanner(escl_url, retry_pause=0.01)
    for line in session.lines:
        job = ScanJob(line, scanner, on_page=lambda ln, i: say(f"page {ln.position} {len(ln.spool)}"))
        job.run()  # on this thread: the process is the desk's worker
        if job.error is not None:
            raise job.error
        say(f"saving {line.position}")
        session.save_line(line.position, paper_pages=len(line.spool))
        say(f"saved {line.position}")
    db.dispose()


def main(argv: list[str]) -> int:
    url, data_dir, code, escl_url = argv
    try:
        run(url, Path(data_dir), code, escl_url)
    except Exception as exc:  # noqa: BLE001 - the test reads the reason on stderr
        print(f"scan_worker: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
