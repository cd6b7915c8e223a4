"""Writing a file whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 3600  # a writer takes well under a second: an hour-old temporary file is orphaned


def write_atomically(path: Path, data: bytes) -> None:
    """Raises OSError; on failure no partial file is left behind. The file is the owner's alone
    (0600, as mkstemp makes it), or its group's too in a folder an administrator shared with a
    group (setgid: app/data_folder.py), where another counter's account must read it back."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if os.name == "posix" and _group_shared(path.parent):
                os.fchmod(f.fileno(), 0o660)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _group_shared(folder: Path) -> bool:
    from app.data_folder import GROUP_SHARED, hidden_bits

    return hidden_bits(folder) == GROUP_SHARED


def _sync_folder(folder: Path) -> None:
    """The rename itself is on disk only once the folder is synced (POSIX); Windows has no
    folder handles to sync and makes the rename durable itself."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_leftovers(folder: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove the temporary files write_atomically left in `folder` when the process was killed
    mid-write (never a finished file: those have their real names). Only old ones: another
    counter may be writing into the same shared folder right now. Returns how many went."""
    removed, limit = 0, time.time() - older_than
    try:
        leftovers = list(folder.glob(".*.tmp"))
    except OSError:
        return 0
    for p in leftovers:
        try:
            if p.is_file() and p.stat().st_mtime < limit:
                p.unlink()
                removed += 1
        except OSError:  # gone already, or not ours to remove: not worth a refusal
            continue
    return removed
