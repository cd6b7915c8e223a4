"""Files the command line writes (PDF, Excel, JSON, backups): the target checked before any work
is done, then written whole or not at all, every failure one Vietnamese line naming the path."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.errors import UserError
from app.oserrors import name_length, name_limit, os_reason

# write_atomically and the backups write ".<name>.<8 random>.tmp" beside the target first: the
# target's name must leave room for that.
TEMP_EXTRA = len("..12345678.tmp")


def check_folder(folder: Path, shown: str | None = None) -> None:
    """`folder` is an existing folder: otherwise a refusal saying what is there instead."""
    shown = shown or str(folder)
    try:
        if folder.is_dir():
            return
        probe = folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        if probe == folder and probe.exists():
            raise UserError(f"Không có thư mục «{shown}»: đó là một tệp, không phải thư mục.")
        if probe.exists() and not probe.is_dir():
            raise UserError(f"Không có thư mục «{shown}»: «{probe}» là một tệp, không phải thư mục.")
    except OSError as exc:
        raise UserError(f"Không dùng được thư mục «{shown}»: {os_reason(exc)}.") from None
    raise UserError(f"Không có thư mục «{shown}» để ghi tệp.")


def output_path(text: str, *, kind: str = "tệp") -> Path:
    """The file a command was asked to write, checked: not a folder, in an existing folder, with a
    name the disk takes, where a file can be written (tried, then removed: nothing is left)."""
    path = Path(text).expanduser()
    if not path.name or path.name in (".", ".."):
        raise UserError(f"«{text}» là một thư mục: hãy ghi tên {kind}.")
    try:
        if path.is_dir():
            raise UserError(f"«{text}» là một thư mục: hãy ghi tên {kind}.")
    except OSError:
        pass  # a name too long to look up: said precisely below
    check_folder(path.parent)
    most = name_limit(path.parent) - TEMP_EXTRA
    if name_length(path.name) > most:
        raise UserError(f"Tên {kind} «{text}» quá dài: tối đa {most} ký tự không dấu (chữ có dấu chiếm chỗ hơn).")
    probe_folder(path)
    return path


def probe_folder(path: Path) -> None:
    """Make and remove a file beside `path`: the one test of "can be written" that tells the truth
    for root, read-only disks, network folders and Windows' access lists alike."""
    try:
        fd, probe = tempfile.mkstemp(dir=path.parent, prefix=".motcua-thu-ghi-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp «{path}»: {os_reason(exc)}.") from None


def write_output(text: str, data: bytes, *, kind: str = "tệp") -> Path:
    """Write `data` to the checked `text` whole or not at all."""
    from app.files import write_atomically

    path = output_path(text, kind=kind)
    return write_checked(path, lambda p: write_atomically(p, data))


def write_checked(path: Path, write: Callable[[Path], object]) -> Path:
    """Run `write(path)` (which writes atomically), turning a system refusal into one line."""
    try:
        write(path)
    except OSError as exc:
        # Named as asked, not as the temporary file the system may have complained about.
        raise UserError(f"Không ghi được tệp «{path}»: {os_reason(exc)}.") from None
    return path
