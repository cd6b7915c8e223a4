"""The data folder holds every citizen's name, ID number, phone and address, the password hashes
and (on a PC without a keyring) the portal token: on POSIX it belongs to the account that runs the
app, and nothing in it may be read by another local account.

Three things keep it so:
- `open_data_folder`, at the app's entry points (the command line, the desktop start), sets the
  process umask to 0o077, so every file and folder created afterwards (SQLite's -wal and -shm,
  logs, the sandbox store, pg_dump's output, ...) is the owner's alone, and corrects an older
  installation whose folder was left open (0755 folders, 0644 files), saying so in the log;
- `make_folders` creates folders private whatever the umask (the engine uses it for the
  database's folder, which a library user may open without the entry points);
- `tighten_database` (the engine, at each new connection) takes group and other bits off the
  database file and its -wal, -shm and -journal, which SQLite creates with the database's mode.

A folder an administrator marked as shared by a group (the setgid bit, POSIX's way of saying "new
files here belong to this group") keeps the group's rights: only other accounts are shut out.
Windows has no modes: the per-user folder under %LOCALAPPDATA% is protected by the profile's
access list (the user, SYSTEM, Administrators), and everything here is a no-op (docs/windows.md)."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("motcua.files")

POSIX = os.name == "posix"
PRIVATE = 0o077  # group and others: no access
GROUP_SHARED = 0o007  # a setgid folder: others only
LOG_NAME = "motcua.log"  # <data>/logs/: the desk's and the command line's log (app/logs.py)

_opened: set[Path] = set()


def hidden_bits(folder: Path) -> int:
    """The permission bits nobody but the owner (or the shared group) may have under `folder`:
    judged by the nearest folder that exists."""
    for p in (folder, *folder.parents):
        try:
            return GROUP_SHARED if p.stat().st_mode & stat.S_ISGID else PRIVATE
        except OSError:
            continue
    return PRIVATE


def private_umask(folder: Path) -> int | None:
    """Set the umask for files created from now on; returns the previous one (None off POSIX)."""
    if not POSIX:
        return None
    return os.umask(hidden_bits(folder))


def restore_umask(previous: int | None) -> None:
    if previous is not None:
        os.umask(previous)


@dataclass
class Corrected:
    folders: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    not_ours: list[Path] = field(default_factory=list)  # another account's: left as they are


def _strip(path: Path, bits: int, done: Corrected | None = None) -> None:
    """Take `bits` off one file or folder of ours (never through a symbolic link)."""
    try:
        st = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode) or not stat.S_IMODE(st.st_mode) & bits:
        return
    if st.st_uid != os.geteuid():
        if done is not None:
            done.not_ours.append(path)
        return
    try:
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~bits)
    except OSError as exc:  # a network share or vfat that keeps no modes: nothing more to do there
        log.debug("could not change the mode of %s: %s", path, exc)
        return
    if done is not None:
        (done.folders if stat.S_ISDIR(st.st_mode) else done.files).append(path)


def make_folders(folder: Path) -> None:
    """`folder.mkdir(parents=True, exist_ok=True)`, with every folder it creates private (0700, or
    0770 inside a group-shared folder) whatever the umask. Raises OSError."""
    folder = Path(folder)
    missing = []
    p = folder
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    folder.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for created in reversed(missing):
            _strip(created, hidden_bits(created))


def tighten_database(path: Path) -> list[Path]:
    """Take group and other rights off an SQLite database and its companion files (SQLite gives a
    new -wal or -shm the database's own mode). Returns the files changed."""
    if not POSIX:
        return []
    done = Corrected()
    bits = hidden_bits(path.parent)
    for suffix in ("", "-wal", "-shm", "-journal"):
        _strip(path.with_name(path.name + suffix), bits, done)
    if done.files:
        log.info("made the database files private (owner only): %s", ", ".join(p.name for p in done.files))
    return done.files


def make_private(folder: Path) -> Corrected:
    """Correct an installation whose data folder others can enter: every folder and file in it
    loses the group and other bits (files of another account are left, and named). Nothing is
    walked when the folder is already closed to others: what is inside is out of their reach."""
    done = Corrected()
    if not POSIX:
        return done
    try:
        folder = folder.resolve()  # a data folder reached through a link: the folder itself
        st = folder.stat()
    except OSError:
        return done  # not made yet: whoever writes first creates it private
    bits = hidden_bits(folder)
    if not stat.S_IMODE(st.st_mode) & bits:
        return done
    for root, _dirs, files in os.walk(folder, followlinks=False):
        here = Path(root)
        _strip(here, bits, done)
        for name in files:  # folders are stripped as the walk enters them; links are left
            _strip(here / name, bits, done)
    return done


def open_data_folder(folder: Path) -> int | None:
    """At the app's start: the private umask, and an older installation made private (once per
    folder and process). Returns the previous umask (None off POSIX), for `restore_umask`."""
    previous = private_umask(folder)
    if not POSIX:
        return previous
    key = Path(os.path.abspath(folder))
    if key in _opened:
        return previous
    _opened.add(key)
    done = make_private(folder)
    if done.folders or done.files:
        shared = " (shared with its group)" if hidden_bits(folder) == GROUP_SHARED else ""
        # Into <data>/logs/motcua.log (app/logs.py, configured by the entry point before this call),
        # for the next person who looks after the PC.
        log.info("the data folder %s was readable by other accounts: made it private%s, "
                 "%d folder(s) and %d file(s) corrected", folder, shared, len(done.folders), len(done.files))
    if done.not_ours:
        log.warning("files in the data folder belong to another account and stay readable by others: %s",
                    ", ".join(str(p) for p in done.not_ours[:5]))
    return previous
