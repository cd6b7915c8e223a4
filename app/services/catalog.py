"""The procedure catalog: import a whole file (validated first, all or nothing) and list it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from app.clock import now_local
from app.domain.catalog_schema import CatalogFile, ProcedureIn, error_text
from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.domain.text import first_bad_char, printable
from app.errors import NotFound, UserError, ValidationFailed
from app.jsonfile import parse_json
from app.oserrors import os_reason
from app.services.journal import audit
from db.engine import Database
from db.fast import fast
from db.models import Procedure, ProcedureDocument, ProcedureFee


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    total: int


def _where(loc: tuple, data: dict) -> str:
    """'thủ tục #3 (1.001234), trường documents[0].name' from a pydantic error location."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "procedures" and isinstance(parts[1], int):
        i = parts[1]
        try:
            code = printable(str(data["procedures"][i].get("code", "?")), 30)
        except (KeyError, IndexError, TypeError, AttributeError):
            code = "?"
        rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts[2:]).lstrip(".")
        return f"thủ tục #{i + 1} ({code})" + (f", trường «{printable(rest)}»" if rest else "")
    # An unknown key is quoted as written in the file: on one line.
    return "tệp" + (f", trường «{printable('.'.join(map(str, parts)))}»" if parts else "")


MAX_PROBLEMS = 50  # a file of the wrong kind can have thousands: the first ones say enough


def load_catalog_file(path: Path) -> CatalogFile:
    """Parse and validate the whole file; every problem is reported, by record and field."""
    shown, name = printable(str(path), 200), printable(path.name, 100)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp «{shown}».") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"Tệp «{shown}» không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}).") from None
    except IsADirectoryError:
        raise UserError(f"«{shown}» là một thư mục, không phải tệp danh mục.") from None
    except ValueError:  # open() refuses a path with a NUL in it
        raise UserError(f"Đường dẫn «{shown}» có ký tự rỗng (NUL): không phải tên tệp.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp «{shown}»: {os_reason(exc)}.") from None
    data = parse_json(unicodedata.normalize("NFC", raw), f"Tệp «{name}»")  # depth and size bounded
    try:
        return CatalogFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        problems = [f"{_where(e['loc'], data)}: {error_text(e)}" for e in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            problems.append(f"… và {len(errors) - MAX_PROBLEMS} lỗi khác")
        raise ValidationFailed(
            f"Tệp «{name}» có {len(errors)} lỗi; danh mục không thay đổi:", problems
        ) from None


def apply_procedure(proc: Procedure, p: ProcedureIn) -> None:
    """Write one checked catalog entry onto its procedure row (an import, or the portal's update)."""
    proc.code_verified = p.code_verified
    proc.name = p.name
    proc.name_folded = fold(f"{p.code} {p.name} {p.sector_name}")
    proc.sector_code, proc.sector_name = p.sector_code, p.sector_name
    proc.agency_level = p.agency_level
    proc.online_level = p.online_level
    proc.process_class = p.process_class.value if p.process_class else None
    proc.time_value, proc.time_unit = p.processing_time.value, p.processing_time.unit.value
    proc.cutoff = p.cutoff
    proc.result_return = [m.value for m in p.result_return]
    proc.legal_basis, proc.notes = p.legal_basis, p.notes
    proc.active = True
    proc.updated_at = now_local()
    proc.fees = [ProcedureFee(position=i, name=f.name, amount=f.amount, online_amount=f.online_amount,
                              kind=f.kind.value, note=f.note)
                 for i, f in enumerate(p.fees)]
    proc.documents = [
        ProcedureDocument(position=i, name=d.name, originals=d.originals, copies=d.copies,
                          mandatory=d.mandatory, note=d.note)
        for i, d in enumerate(p.documents)
    ]


def import_catalog_in(session: Session, actor: Actor, catalog: CatalogFile, source: str) -> ImportResult:
    actor.require(Permission.EDIT_CATALOG)
    existing = {p.code: p for p in session.scalars(
        select(Procedure).options(selectinload(Procedure.fees), selectinload(Procedure.documents)))}
    added = updated = 0
    for p in catalog.procedures:
        proc = existing.get(p.code)
        if proc is None:
            proc = Procedure(code=p.code)
            session.add(proc)
            added += 1
        else:
            updated += 1
        apply_procedure(proc, p)
    # The audit record's entity id holds 64 characters; a file name can be longer.
    audit(session, actor, "catalog.import", "catalog", source[:64], {"added": added, "updated": updated,
                                                                      "file": source})
    return ImportResult(added, updated, len(catalog.procedures))


def import_catalog(db: Database, actor: Actor, path: Path) -> ImportResult:
    actor.require(Permission.EDIT_CATALOG)
    catalog = load_catalog_file(path)  # before any write: a bad file changes nothing
    # A file name that is not UTF-8 (a USB stick from another system) reaches Python with lone
    # surrogates, which no database and no audit hash can take: they become U+FFFD here.
    source = path.name.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    with db.writing() as s:
        return import_catalog_in(s, actor, catalog, source)


def list_procedures(db: Database, actor: Actor) -> list[Procedure]:
    actor.require(Permission.VIEW_CATALOG)
    with db.reading() as s:
        return list(s.scalars(
            select(Procedure).where(Procedure.active.is_(True))
            .options(selectinload(Procedure.fees), selectinload(Procedure.documents))
            .order_by(Procedure.sector_name, Procedure.name)))


def get_procedure(session: Session, code: str) -> Procedure:
    code_ok = first_bad_char(code) is None  # no driver sees NUL
    proc = session.scalar(select(Procedure).where(Procedure.code == code.strip())) if code_ok else None
    if proc is None or not proc.active:
        raise _no_procedure(code)
    return proc


@cache
def _procedure_row(columns: tuple):
    return select(Procedure.active, *columns).where(Procedure.code == bindparam("code"))  # built once


def procedure_row(session: Session, code: str, *columns):
    """`get_procedure` as a plain row of `columns` (registering's hot path loads no ORM object)."""
    found = fast(session).first(_procedure_row(columns), {"code": code.strip()}) \
        if first_bad_char(code) is None else None
    if found is None or not found.active:
        raise _no_procedure(code)
    return found


def _no_procedure(code: str) -> NotFound:
    return NotFound(f"Không có thủ tục mã «{printable(code)}» trong danh mục.")
