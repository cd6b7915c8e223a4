"""Files to the portal (issue 21 §8): `files_upload_mb_per_s`, digitized files sent by the sync
engine to the sandbox portal (a real process) over loopback, end to end: each file read back from
the store and re-hashed, asked for (HEAD), sent in 8 MB chunks, checked and kept by the portal,
then the dossier records that link them pushed. Target ≥ 20 MB/s.
Run alone: `python -m bench.portal_files`."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

FILES = 12
FILE_MB = 5  # a thick dossier's scan at 200 dpi: ~35 pages


def bench_portal_files(tmp_dir, files: int = FILES, file_mb: int = FILE_MB) -> dict:
    from sqlalchemy import func, select

    from app.portal.client import PortalClient
    from app.portal.sync import SyncEngine
    from app.services.bootstrap import seed_demo_office
    from app.services.dossiers.digitization import FileInput, record_digitization
    from app.services.intake.registration import register
    from db.engine import Database
    from db.migrate import upgrade
    from db.models import OutboxMessage, PortalFile
    from tests.helpers.factories import OFFICER, procedure_code, request
    from tests.helpers.sandbox import Sandbox

    workdir = Path(tmp_dir)
    workdir.mkdir(parents=True, exist_ok=True)
    data_dir = workdir / "data"
    db = Database(f"sqlite:///{workdir / 'files-bench.sqlite3'}")
    upgrade(db)
    seed_demo_office(db, force_password_change=False)
    proc = procedure_code(db)
    size = file_mb * 1024 * 1024
    for i in range(files):
        code = register(db, OFFICER, request(proc, datetime(2026, 11, 23, 9, 0))).code
        data = b"%PDF-1.4\n" + os.urandom(size - 16) + b"\n%%EOF\n"
        record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(data, f"scan-{i}.pdf", 30)],
                            data_dir=data_dir)
    portal = Sandbox(workdir / "portal-sandbox.sqlite3")
    portal.start()
    try:
        with PortalClient(portal.url, portal.token, timeout=30.0) as client:
            engine = SyncEngine(db, client, data_dir=data_dir)
            client.ping()  # the connection is open, as in a running sync loop
            t = time.perf_counter()
            engine.drain()
            seconds = time.perf_counter() - t
        with db.reading() as s:
            sent = s.scalar(select(func.count()).select_from(PortalFile).where(PortalFile.state == "sent"))
            left = s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state != "sent"))
        assert sent == files and left == 0, (sent, left)
    finally:
        portal.stop()
        db.dispose()
    total_mb = files * size / 1048576
    return {"files_upload_mb_per_s": total_mb / seconds, "files_upload_total_mb": total_mb,
            "files_upload_s": seconds}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="motcua-bench-files-") as tmp:
        for k, v in bench_portal_files(Path(tmp)).items():
            print(f"{k:32} {v:>10.2f}")
    sys.exit(0)
