"""The desk's daily backup in a process of its own: `motcua backup --auto --json` started at low
priority, its answer read back. In the desk's own process, even on a low-priority thread, the
copy shared Python's GIL with the counter: on a busy machine the operating system left the
low-priority thread holding the GIL unscheduled while the GUI thread waited for it, and a scan
took 150 ms to open its dossier instead of 40 (bench/devices.py). A process of its own shares
nothing with the counter but the disk, and the system schedules it after the desk.

The child is this same program: `python -m app` from the source or the venv, the executable
itself once packaged (motcuaw.exe takes the same commands, without a console window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from app.errors import UserError
from db.engine import Database

CREATE_NO_WINDOW = 0x08000000  # Windows: no console window flashes up at the counter
BELOW_NORMAL_PRIORITY_CLASS = 0x00004000
PREFIX = "motcua: lỗi: "
FAILED = "Sao lưu tự động không thành công"


def program() -> list[str]:
    """How to start this program again."""
    if getattr(sys, "frozen", False):  # PyInstaller: the executable is the program
        return [sys.executable]
    return [sys.executable, "-m", "app"]


def run_daily_backup_apart(db: Database, data_dir: Path, now: datetime) -> Path | None:
    """app.services.trust.backup.run_daily_backup, in a child process (the desk's thread waits for
    it): the new backup's Path, or None when there was nothing to do today. Its refusal comes back
    as the UserError it was, in one Vietnamese line."""
    url = db.url.render_as_string(hide_password=False)  # SQLite only (ui/backup_timer.py): no secret
    command = [*program(), "--db", url, "--data-dir", str(data_dir), "backup", "--auto", "--json",
               "--at", now.isoformat(timespec="seconds")]
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}  # Vietnamese both ways on Windows
    flags = (CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS) if os.name == "nt" else 0
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              env=env, creationflags=flags, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise UserError(f"{FAILED}: không chạy được chương trình sao lưu ({exc.strerror or exc}).") from exc
    if done.returncode == 0:
        for line in reversed(done.stdout.splitlines()):
            if line.startswith("{"):
                path = json.loads(line)["path"]
                return Path(path) if path else None
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    message = lines[-1].removeprefix(PREFIX).strip() if lines else f"mã thoát {done.returncode}"
    raise UserError(message if message.startswith(FAILED) else f"{FAILED}: {message}")
