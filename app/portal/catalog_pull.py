"""Catalog updates from the portal (LayThuTuc): procedures changed since the last pull update the
office's catalog. The portal knows names, sectors, online level, processing time, fees and
documents; the office keeps what only it knows (its agency level, cutoff hour, result methods,
legal basis, notes). An item that fails the catalog's checks is set aside; the others apply."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.catalog_schema import ProcedureIn, error_text
from app.domain.permissions import Actor
from app.portal.dvc_mapping import MappingError, procedure_update
from app.portal.inbox_pull import get_state, set_state
from app.services.catalog import apply_procedure
from app.services.journal import audit
from db.engine import Database
from db.models import Procedure


def _merged(update: dict, existing: Procedure | None, default_level: str) -> dict:
    if existing is not None:
        # A fee's online amount is the office's own knowledge: kept for a fee of the same name.
        online = {f.name: f.online_amount for f in existing.fees}
        update = {**update, "fees": [{**f, "online_amount": online.get(f["name"])} for f in update["fees"]]}
        own = {"code_verified": existing.code_verified, "agency_level": existing.agency_level,
               "cutoff": existing.cutoff, "result_return": existing.result_return or ["counter"],
               "legal_basis": existing.legal_basis, "notes": existing.notes}
    else:  # new to this office: the portal's code is verified; the office's level; results at the counter
        level = update.get("online_level")
        methods = ["counter", "post"] + (["online"] if isinstance(level, int) and level >= 4 else [])
        own = {"code_verified": True, "agency_level": default_level, "result_return": methods}
    return {**update, **own}


def _why(exc: Exception) -> str:
    """What is wrong with a skipped item, for the audit record: the fields and why, in Vietnamese."""
    if isinstance(exc, ValidationError):
        text = "; ".join(f"{'.'.join(map(str, e['loc']))}: {error_text(e)}" for e in exc.errors()[:5])
    else:
        text = f"cổng gửi thủ tục sai dạng ({exc})"
    return text[:300]


def pull_catalog(db: Database, client, report) -> int:
    """Apply the procedures changed since the last pull; returns how many changed here."""
    with db.reading() as s:
        since_text = get_state(s, "catalog_as_of")
    since = datetime.fromisoformat(since_text) if since_text else None
    items, as_of = client.procedures(since)
    changed, skipped = 0, []
    with db.writing() as s:
        existing = {p.code: p for p in s.scalars(select(Procedure).options(
            selectinload(Procedure.fees), selectinload(Procedure.documents)))}
        levels = Tally(p.agency_level for p in existing.values())
        default_level = levels.most_common(1)[0][0] if levels else "commune"
        for item in items:
            try:
                update = procedure_update(item)
                p = ProcedureIn(**_merged(update, existing.get(update["code"]), default_level))
            except (MappingError, ValidationError) as exc:
                skipped.append({"code": str(item.get("MaTTHC", "?"))[:64] if isinstance(item, dict) else "?",
                                "error": _why(exc)})
                continue
            proc = existing.get(p.code)
            if proc is None:
                proc = Procedure(code=p.code)
                s.add(proc)
                existing[p.code] = proc
            apply_procedure(proc, p)
            changed += 1
        if changed or skipped:
            audit(s, Actor.system(), "catalog.portal_update", "catalog", "portal",
                  {"changed": changed, "skipped": skipped})
        if skipped:
            report.errors.append(f"{len(skipped)} thủ tục từ cổng không hợp lệ, chưa cập nhật")
            set_state(s, "catalog_skipped", skipped[-100:])
        if as_of is not None:
            set_state(s, "catalog_as_of", as_of.isoformat())
    return changed
