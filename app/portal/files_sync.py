"""Files travel with their dossier: before a dossier's changes are pushed, the files its record
links (its document lines' scans and its results, table dossier_files) that the portal does not yet
hold are uploaded, each once (table portal_files).

- A file that does not get through (a drop, a 5xx, a timeout) holds back only its own dossier's
  changes; it is retried next cycle from the offset the portal confirmed (files_client asks the
  portal what it holds), so a drop costs at most the chunk in flight.
- A file the portal refuses (413/422: too large, not PDF/JPEG/PNG/TIFF, bytes not matching their
  SHA-256) quarantines its dossier's change with the portal's message, like a refused record.
- A file the portal confirmed whole ("sent") is never uploaded again, whichever dossier links it.
- No connection at all (PortalUnreachable), an overloaded portal (429) or a bad token stop the
  cycle: nothing else could go either."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.errors import UserError
from app.portal.contract import PortalRejected, PortalUnavailable, PortalUnreachable
from app.portal.signed_names import FORM_FILE_NAMES
from app.services.files import store
from db.engine import Database
from db.models import DossierDocument, DossierFile, PortalFile, SignedDocument

PENDING, SENT, REFUSED = "pending", "sent", "refused"
DF, PF, DD = DossierFile.__table__, PortalFile.__table__, DossierDocument.__table__
SD = SignedDocument.__table__


class Uploader(Protocol):
    def upload_file(self, sha256: str, data: bytes,
                    on_confirmed: Callable[[int], None] | None = None) -> str: ...


@dataclass(frozen=True)
class Hold:
    """Why a dossier's changes do not go now: `refused` (quarantine the change with `message`) or
    not (wait for the next cycle)."""

    refused: bool
    message: str
    fields: list[dict] = field(default_factory=list)


def waiting_files(db: Database, dossier_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """Per dossier, (sha256, what to call it) of each linked file the portal does not hold yet: a
    copy or result the office signed as its signed version, then the forms it signed (docs/signing.md
    "Gửi đi")."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return {}
    out: dict[int, list[tuple[str, str]]] = {}
    with db.reading() as s:
        signed: dict[int, str] = {}  # dossier file id → its signed version
        forms: list[tuple[int, str, str]] = []
        for dossier_id, file_id, kind, sha256 in s.execute(
                select(SD.c.dossier_id, SD.c.dossier_file_id, SD.c.kind, SD.c.signed_sha256)
                .where(SD.c.dossier_id.in_(ids), SD.c.state == "signed", SD.c.signed_sha256.is_not(None))
                .order_by(SD.c.dossier_id, SD.c.id)):
            if file_id is not None:
                signed[file_id] = sha256
            elif kind in FORM_FILE_NAMES:
                forms.append((dossier_id, sha256, f"{FORM_FILE_NAMES[kind]}.pdf"))
        rows = [(dossier_id, signed.get(file_id, sha256), name or line or "tệp kết quả")
                for dossier_id, file_id, sha256, name, line in s.execute(
                    select(DF.c.dossier_id, DF.c.id, DF.c.sha256, DF.c.name, DD.c.name.label("line"))
                    .outerjoin(DD, DD.c.id == DF.c.document_id)
                    .where(DF.c.dossier_id.in_(ids))
                    .order_by(DF.c.dossier_id, DF.c.kind, DF.c.document_id, DF.c.position, DF.c.id))]
        rows += forms
        shas = sorted({sha256 for _, sha256, _ in rows})
        sent = set(s.scalars(select(PF.c.sha256).where(PF.c.sha256.in_(shas), PF.c.state == SENT))) if shas else set()
    for dossier_id, sha256, called in sorted(rows, key=lambda r: r[0]):  # stable: each dossier's order kept
        if sha256 in sent:
            continue
        files = out.setdefault(dossier_id, [])
        if all(sha256 != sha for sha, _ in files):
            files.append((sha256, called))
    return out


def _save(db: Database, sha256: str, at: datetime, **values) -> None:
    insert = sqlite.insert if db.is_sqlite else postgresql.insert
    row = {"sha256": sha256, "updated_at": at, "attempts": 1, "offset_bytes": 0, **values}
    changes = {k: v for k, v in row.items() if k not in ("sha256", "attempts")}
    changes["attempts"] = PF.c.attempts + 1
    with db.writing() as s:
        s.execute(insert(PF).values(**row).on_conflict_do_update(index_elements=[PF.c.sha256], set_=changes))


def upload_one(db: Database, client: Uploader, data_dir: Path, sha256: str, called: str,
               clock: Callable[[], datetime]) -> Hold | None:
    """Put one file on the portal; None once it is there, else why its dossier waits."""
    try:
        with db.reading() as s:
            data = store.open_file(s, data_dir, sha256)
    except UserError as exc:  # missing or altered here: the portal must not get a damaged copy
        return Hold(False, f"Chưa gửi được tệp «{called}» lên cổng: {exc.message}")
    confirmed = [0]
    try:
        url = client.upload_file(sha256, data, confirmed.append)
    except PortalRejected as exc:
        _save(db, sha256, clock(), state=REFUSED, last_error=exc.message, url=None)
        return Hold(True, f"Cổng không nhận tệp «{called}»: {exc.message}", exc.fields)
    except PortalUnreachable:
        raise
    except PortalUnavailable as exc:
        if exc.retry_after is not None:  # the portal asked everyone to wait
            raise
        _save(db, sha256, clock(), state=PENDING, offset_bytes=confirmed[-1], last_error=exc.message)
        return Hold(False, f"Chưa gửi trọn tệp «{called}» lên cổng ({confirmed[-1]}/{len(data)} byte): "
                           f"{exc.message}")
    _save(db, sha256, clock(), state=SENT, offset_bytes=len(data), url=url, last_error=None)
    return None


def send_files(db: Database, client: Uploader, data_dir: Path, dossier_ids: Iterable[int],
               clock: Callable[[], datetime]) -> dict[int, Hold]:
    """Upload what these dossiers' records link; the dossiers that must wait, and why. A file that
    failed is not tried again for another dossier in the same call."""
    holds: dict[int, Hold] = {}
    failed: dict[str, Hold] = {}
    for dossier_id, files in waiting_files(db, dossier_ids).items():
        for sha256, called in files:
            hold = failed.get(sha256)
            if hold is None:
                hold = upload_one(db, client, data_dir, sha256, called, clock)
                if hold is not None:
                    failed[sha256] = hold
            if hold is not None:
                holds[dossier_id] = hold
                break
    return holds

