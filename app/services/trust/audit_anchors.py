"""Anchors: the heads of the audit chain that `motcua audit verify` saw, kept in the data folder
(`audit-anchors.json`, off the database), so a later check refuses a chain cut short or rewritten
since (app/services/trust/audit_chain.py).

They are keyed by the database's identity, never by how its address is spelled: one file reached
as `…/./motcua.sqlite3`, through a link or through MOTCUA_DB is one database, and so is one
server's database reached as localhost, 127.0.0.1 or its socket.
- SQLite: the file's real path (links resolved; case folded where the file system ignores it).
- PostgreSQL: a random id the database holds (the settings row `_database_id`, made by the first
  check), with the place it was last seen: the server's system identifier and the database's name.
  A chain is checked against the anchors of its id and against those of every id seen in the same
  place, so a database whose id was changed or deleted does not shed its anchors.

A restore (`motcua restore`) puts an older log in place: the anchors of what was there no longer
apply, and they start again from the restored chain's head. A restored PostgreSQL database gets a
new id: the backup carries the id of the database it was taken from, which may still be running
elsewhere with its own anchors (a training copy restored from the office's backup).

Format 2: {"format": 2, "databases": {identity: {"place": …, "anchors": [{"id", "hash"}, …]}},
"spelled": {address: [anchors]}}. Format 1 was {address as spelled: [anchors]}: reading it moves
SQLite addresses to their file's identity; a PostgreSQL address waits under "spelled" until a check
of a database with the same server, port and name takes its anchors over."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from app.clock import now_local
from app.errors import UserError
from app.files import write_atomically
from app.services.trust.audit_chain import VerifyResult
from db.engine import Database
from db.models import Setting

FILE_NAME = "audit-anchors.json"
FORMAT = 2
ID_KEY = "_database_id"  # a settings row no setting declares: never listed, exported or imported
KEEP = 50  # anchors kept per database
_LOCAL = {"", "localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Identity:
    key: str  # what the anchors are filed under
    place: str  # where the database was seen (SQLite: its file, the same as the key)
    spelling: str  # its address in the canonical spelling of format 1 entries


def anchors_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


# --- identity -------------------------------------------------------------------------------------

def identity(db: Database) -> Identity:
    """Who the database is. PostgreSQL: gives the database its id on the first call."""
    if db.is_sqlite:
        key = _file_key(db.url.database)
        return Identity(key, key, key)
    return Identity(f"postgresql:{_database_id(db)}", _place(db), _spelling(db.url))


def _file_key(path: str) -> str:
    return "sqlite:" + os.path.normcase(os.path.realpath(Path(path).expanduser()))


def _database_id(db: Database, *, renew: bool = False) -> str:
    if not renew:
        with db.reading() as s:
            found = s.scalar(select(Setting.value).where(Setting.key == ID_KEY))
        if isinstance(found, str) and found:
            return found
    from sqlalchemy.dialects.postgresql import insert

    new = uuid.uuid4().hex
    with db.writing() as s:
        row = insert(Setting).values(key=ID_KEY, value=new, updated_at=now_local())
        if renew:
            s.execute(row.on_conflict_do_update(index_elements=[Setting.key],
                                                set_={"value": new, "updated_at": now_local()}))
        else:  # two first checks at once: one id wins, both read it back
            s.execute(row.on_conflict_do_nothing(index_elements=[Setting.key]))
        return s.scalar(select(Setting.value).where(Setting.key == ID_KEY))


def _place(db: Database) -> str:
    """The server's system identifier (the same through every address of the server) and the
    database's name; a server that will not tell its identifier is named by its address."""
    with db.reading() as s:
        name = s.scalar(text("SELECT current_database()"))
    try:
        with db.reading() as s:
            server = str(s.scalar(text("SELECT system_identifier FROM pg_control_system()")))
    except DBAPIError:
        server = _spelling(db.url).split("/", 3)[2]
    return f"postgresql:{server}/{name}"


def _spelling(url: URL) -> str:
    """A PostgreSQL address as format 1 entries are matched: this machine's names for itself are
    one, the default port is 5432, driver, user and password aside."""
    host = (url.host or url.query.get("host") or "").lower()
    host = "localhost" if host in _LOCAL or host.startswith("/") else host
    port = url.port or int(url.query.get("port") or 5432)
    return f"postgresql://{host}:{port}/{url.database}"


def _old_key(address: str) -> tuple[str, str] | None:
    """A format 1 address: ("sqlite", identity) or ("postgresql", spelling); None if unreadable."""
    try:
        url = make_url(address)
        backend = url.get_backend_name()
    except (ArgumentError, ValueError):
        return None
    if backend == "sqlite" and url.database:
        return "sqlite", _file_key(url.database)
    if backend == "postgresql":
        return "postgresql", _spelling(url)
    return None


# --- the file -------------------------------------------------------------------------------------

def _anchors(items: Any) -> list[dict]:
    return [{"id": int(a["id"]), "hash": str(a["hash"])} for a in items]


def _merge(*lists: list[dict]) -> list[dict]:
    seen = {(a["id"], a["hash"]) for items in lists for a in items}
    return [{"id": i, "hash": h} for i, h in sorted(seen)][-KEEP:]


def _read(data_dir: Path, *, strict: bool) -> dict:
    """The file in format 2 (format 1 converted in memory). A damaged file: a UserError when
    `strict`, else a fresh start."""
    path = anchors_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise TypeError
        if raw.get("format") == FORMAT:
            return {"format": FORMAT,
                    "databases": {str(k): {"place": str(v["place"]), "anchors": _anchors(v["anchors"])}
                                  for k, v in raw["databases"].items()},
                    "spelled": {str(k): _anchors(v) for k, v in raw.get("spelled", {}).items()}}
        data: dict = {"format": FORMAT, "databases": {}, "spelled": {}}
        for address, items in raw.items():
            old = _old_key(address)
            if old is None:
                continue
            kind, key = old
            if kind == "sqlite":
                entry = data["databases"].setdefault(key, {"place": key, "anchors": []})
                entry["anchors"] = _merge(entry["anchors"], _anchors(items))
            else:
                data["spelled"][key] = _merge(data["spelled"].get(key, []), _anchors(items))
        return data
    except FileNotFoundError:
        return {"format": FORMAT, "databases": {}, "spelled": {}}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        if strict:
            raise UserError(f"Tệp mốc nhật ký «{path}» bị hỏng: không đọc được.") from None
        return {"format": FORMAT, "databases": {}, "spelled": {}}


def _write(data_dir: Path, data: dict) -> None:
    from app.data_folder import make_folders

    make_folders(Path(data_dir))
    write_atomically(anchors_path(data_dir), json.dumps(data, indent=1).encode())


# --- what the check uses --------------------------------------------------------------------------

def load_anchors(data_dir: Path, who: Identity) -> list[tuple[int, str]]:
    """Every anchor that applies to the database: its own, those of any other id seen in the same
    place, and those kept under an old spelling of its address."""
    data = _read(data_dir, strict=True)
    found = [entry["anchors"] for key, entry in data["databases"].items()
             if key == who.key or entry["place"] == who.place]
    found.append(data["spelled"].get(who.spelling, []))
    return [(a["id"], a["hash"]) for items in found for a in items]


def remember_anchor(data_dir: Path, who: Identity, result: VerifyResult) -> None:
    """Keep the head of a chain that just verified (the newest KEEP per database); anchors kept
    under an old spelling of this database's address become its own."""
    if not result.ok or result.head_id is None:
        return
    data = _read(data_dir, strict=False)
    entry = data["databases"].setdefault(who.key, {"place": who.place, "anchors": []})
    entry["place"] = who.place
    entry["anchors"] = _merge(entry["anchors"], data["spelled"].pop(who.spelling, []),
                              [{"id": result.head_id, "hash": result.head_hash}])
    _write(data_dir, data)


def restart_anchors(data_dir: Path, db: Database, result: VerifyResult) -> Identity:
    """After a restore: forget the anchors of what was in this place, give a PostgreSQL database
    its own new id, and start again from the restored chain's head (if it verifies)."""
    who = identity(db)
    if not db.is_sqlite:
        who = Identity(f"postgresql:{_database_id(db, renew=True)}", who.place, who.spelling)
    data = _read(data_dir, strict=False)
    data["databases"] = {k: v for k, v in data["databases"].items() if v["place"] != who.place}
    data["spelled"].pop(who.spelling, None)
    _write(data_dir, data)
    remember_anchor(data_dir, who, result)
    return who
