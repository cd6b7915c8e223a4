"""Digitization (số hóa) of a dossier: what each document line records, and the result files.

Decree 118/2025 Art. 11 and Circular 01/2023 Art. 8: every paper received is copied into electronic
form, and the results are kept electronically. Each document line of a dossier records one state
(`STATES`); a scanned or reused line has its files. Results belong to the dossier, not to a line.

Both live in one table, `dossier_files` (db/models.py): a line's scans have `kind` "intake" and
the line's id; the results have `kind` "result" and no line. One table keeps "every file of this
dossier" one query for the dossier window, the portal push and the reports, and the files
themselves are in the store (app/services/files/store.py), kept once however many lines use them.

Every change is one transaction: the files are put in the store first (whole on disk before any
row points at them), then the line, its file rows, the dossier's history event, audit record and
portal outbox record (journal.dossier_changed). A line decided again replaces its files: the
history event of each decision keeps the SHA-256s it recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.clock import now_local
from app.domain.permissions import Actor, Permission
from app.domain.vocab import DossierStatus
from app.errors import NotFound, UserError
from app.services.dossiers.query import code_is, dossier_for_update
from app.services.files import ocr, store
from app.services.journal import audit, dossier_changed
from app.services.signing.documents import cancel_for_files_in, files_pending_in
from db.engine import Database
from db.models import Dossier, DossierDocument, DossierFile, StoredFile

SCANNED, SHOWN, REUSED, EXEMPT, NOT_DIGITIZED = "scanned", "shown", "reused", "exempt", "not_digitized"
STATES = {
    SCANNED: "Đã số hóa (quét hoặc chọn tệp)",
    SHOWN: "Chỉ xuất trình",
    REUSED: "Tái sử dụng tệp đã có",
    EXEMPT: "Không phải số hóa",
    NOT_DIGITIZED: "Chưa số hóa (có lý do)",
}
WITH_FILES = (SCANNED, REUSED)
NEEDS_NOTE = (EXEMPT, NOT_DIGITIZED)
INTAKE, RESULT = "intake", "result"
MAX_FILES = 50  # per line or per result attachment: a line is one PDF, a handful of images at most
MAX_PAPER_PAGES = 2000
LOCAL, PORTAL = "local", "portal"  # where a reused line's file came from (DuocTaiSuDung / DuocLayTuKhoDMQG)
REUSE_SOURCES = (LOCAL, PORTAL)


@dataclass(frozen=True)
class FileInput:
    """A file to keep: its bytes, and what is known of it. `media_type` (the scanner's word, the
    name's extension) is checked against the bytes themselves; `pages` as the scan counted them."""

    data: bytes
    name: str | None = None
    pages: int | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    media_type: str
    size: int
    pages: int | None
    name: str | None
    position: int
    created_at: datetime


@dataclass(frozen=True)
class LineFiles:
    position: int  # the document line's position (0-based, as stored)
    name: str
    digitization: str | None
    digitization_label: str
    note: str | None
    files: list[FileEntry]
    paper_pages: int | None = None
    reuse_source: str | None = None
    received: bool = True


@dataclass(frozen=True)
class DossierFiles:
    code: str
    lines: list[LineFiles]
    results: list[FileEntry]


@dataclass(frozen=True)
class Recorded:
    code: str
    event_uuid: str
    sha256s: list[str]


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _line(session: Session, d: Dossier, position: int) -> DossierDocument:
    doc = session.scalar(select(DossierDocument).where(DossierDocument.dossier_id == d.id,
                                                       DossierDocument.position == position))
    if doc is None:
        raise NotFound(f"Hồ sơ «{d.code}» không có thành phần số {position + 1}.")
    return doc


def _keep(session: Session, data_dir: Path, files: Sequence[FileInput | str]) -> list[tuple[str, FileInput | None]]:
    """Put each new file in the store; a SHA-256 (a file already kept, reused) must be there."""
    if len(files) > MAX_FILES:
        raise UserError(f"Tối đa {MAX_FILES} tệp mỗi lần; đã chọn {len(files)} tệp.")
    kept = []
    for f in files:
        if isinstance(f, str):
            if session.get(StoredFile, f.strip().lower()) is None:
                raise NotFound(f"Không có tệp mã {f.strip()[:12]}… trong kho tệp để tái sử dụng.")
            kept.append((f.strip().lower(), None))
        else:
            if f.pages is not None and f.pages < 1:
                raise UserError(f"Số trang của tệp «{f.name or 'đã chọn'}» phải từ 1 trở lên.")
            sha256 = store.put(session, data_dir, f.data, f.media_type, name=f.name)
            ocr.request_in(session, sha256)  # a new PDF waits for background OCR (never delays this receipt)
            kept.append((sha256, f))
    return kept


def _rows(session: Session, actor: Actor, d: Dossier, doc: DossierDocument | None, kind: str,
          kept: list[tuple[str, FileInput | None]], first: int, at: datetime, *, to_sign: bool = True) -> list[dict]:
    described, added = [], []
    for i, (sha256, f) in enumerate(kept):
        stored = session.get(StoredFile, sha256)
        if f is not None:
            pages, name = f.pages, _text(f.name)
        else:  # a file already kept (reused): its page count and name as first recorded
            pages, name = session.execute(
                select(DossierFile.pages, DossierFile.name).where(DossierFile.sha256 == sha256)
                .order_by(DossierFile.pages.is_(None), DossierFile.id).limit(1)).first() or (None, None)
        row = DossierFile(dossier_id=d.id, document_id=doc.id if doc else None, kind=kind, sha256=sha256,
                          position=first + i, pages=pages, name=name[:300] if name else None,
                          created_at=at, created_by=actor.user_id)
        session.add(row)
        added.append(row)
        described.append({"sha256": sha256, "media_type": stored.media_type, "size": stored.size,
                          "pages": pages})
    if to_sign:  # a copy made here or a result, when the office signs them: noted with the file itself
        files_pending_in(session, d, added, kind, at)
    return described


def record_digitization_in(session: Session, actor: Actor, code: str, document_position: int, state: str, *,
                           files: Sequence[FileInput | str] = (), note: str | None = None,
                           data_dir: Path, at: datetime | None = None, paper_pages: int | None = None,
                           reuse_source: str | None = None) -> Recorded:
    actor.require(Permission.REGISTER_DOSSIER)
    state = (state or "").strip()
    if state not in STATES:
        raise UserError(f"Trạng thái số hóa «{state}» không hợp lệ: chọn một trong "
                        + ", ".join(STATES) + ".")
    if paper_pages is not None and not (isinstance(paper_pages, int) and 1 <= paper_pages <= MAX_PAPER_PAGES):
        raise UserError(f"Số trang bản giấy phải từ 1 đến {MAX_PAPER_PAGES}, không phải «{paper_pages}».")
    if state == REUSED:
        reuse_source = reuse_source or LOCAL
        if reuse_source not in REUSE_SOURCES:
            raise UserError(f"Nguồn tái sử dụng «{reuse_source}» không hợp lệ: «local» hoặc «portal».")
    elif reuse_source is not None:
        raise UserError("Chỉ thành phần «Tái sử dụng tệp đã có» mới ghi nguồn tái sử dụng.")
    note = _text(note)
    if state in NEEDS_NOTE and note is None:
        raise UserError(f"«{STATES[state]}» cần ghi lý do.")
    if state in WITH_FILES and not files:
        raise UserError(f"«{STATES[state]}» cần ít nhất một tệp.")
    if state not in WITH_FILES and files:
        raise UserError(f"«{STATES[state]}» không kèm tệp: bỏ tệp đã chọn hoặc chọn «{STATES[SCANNED]}».")
    at = at or now_local()
    d = dossier_for_update(session, code)
    doc = _line(session, d, document_position)
    kept = _keep(session, data_dir, files)
    replaced = session.scalars(select(DossierFile.id).where(DossierFile.document_id == doc.id,
                                                            DossierFile.kind == INTAKE)).all()
    cancel_for_files_in(session, replaced, "Tệp đã được thay khi số hóa lại thành phần hồ sơ.")
    session.execute(delete(DossierFile).where(DossierFile.document_id == doc.id, DossierFile.kind == INTAKE))
    # Only a copy made here is signed by the office; a reused file is already an electronic document.
    described = _rows(session, actor, d, doc, INTAKE, kept, 0, at, to_sign=state == SCANNED)
    state_from = doc.digitization
    doc.digitization, doc.digitization_note, doc.reuse_source = state, note, reuse_source
    if paper_pages is not None:
        doc.paper_pages = paper_pages
    d.updated_at = at
    event = dossier_changed(session, actor, d, "digitize", status_from=d.status, note=note, at=at, details={
        "document": document_position, "document_name": doc.name, "state": state, "state_from": state_from,
        "paper_pages": doc.paper_pages, "reuse_source": reuse_source, "files": described})
    return Recorded(d.code, event.uuid, [f["sha256"] for f in described])


def record_digitization(db: Database, actor: Actor, code: str, document_position: int, state: str, *,
                        files: Sequence[FileInput | str] = (), note: str | None = None,
                        data_dir: Path, at: datetime | None = None, paper_pages: int | None = None,
                        reuse_source: str | None = None) -> Recorded:
    """Record how the document line at `document_position` (0-based, as stored) of dossier `code`
    was digitized: `state` one of STATES; `files` (new FileInputs, or SHA-256s of files already
    kept, for a reused one) for "scanned" and "reused"; `note`, the reason, for "exempt" and
    "not_digitized"; `paper_pages`, the paper's page count as the officer counted it (kept when
    None); `reuse_source` for a reused line, "local" (default) or "portal". One transaction, or nothing."""
    with db.writing() as s:
        return record_digitization_in(s, actor, code, document_position, state, files=files, note=note,
                                      data_dir=data_dir, at=at, paper_pages=paper_pages,
                                      reuse_source=reuse_source)


def attach_result(db: Database, actor: Actor, code: str, files: Sequence[FileInput | str], data_dir: Path,
                  at: datetime | None = None) -> Recorded:
    """Keep the result document(s) of a dossier that has its result ("Có kết quả", or already
    returned), after those attached before. One transaction, or nothing."""
    actor.require(Permission.CHANGE_DOSSIER)
    if not files:
        raise UserError("Chọn ít nhất một tệp kết quả.")
    at = at or now_local()
    with db.writing() as s:
        d = dossier_for_update(s, code)
        if not DossierStatus(d.status).finished:
            raise UserError(f"Hồ sơ «{d.code}» đang ở trạng thái «{DossierStatus(d.status).label}»: "
                            "chỉ đính kèm tệp kết quả khi hồ sơ đã có kết quả.")
        kept = _keep(s, data_dir, files)
        there = set(s.scalars(select(DossierFile.sha256).where(DossierFile.dossier_id == d.id,
                                                               DossierFile.kind == RESULT)))
        again = [sha for sha, _ in kept if sha in there]
        if again or len({sha for sha, _ in kept}) < len(kept):
            raise UserError(f"Tệp kết quả {(again or [kept[0][0]])[0][:12]}… đã được đính kèm hồ sơ này.")
        first = (s.scalar(select(func.max(DossierFile.position)).where(DossierFile.dossier_id == d.id,
                                                                       DossierFile.kind == RESULT)) or 0) + 1
        described = _rows(s, actor, d, None, RESULT, kept, first if there else 0, at)
        d.updated_at = at
        event = dossier_changed(s, actor, d, "attach_result", status_from=d.status, at=at,
                                details={"files": described})
        return Recorded(d.code, event.uuid, [f["sha256"] for f in described])


def _entries(session: Session, dossier_id: int, kind: str) -> dict[int | None, list[FileEntry]]:
    out: dict[int | None, list[FileEntry]] = {}
    rows = session.execute(
        select(DossierFile, StoredFile.media_type, StoredFile.size)
        .join(StoredFile, StoredFile.sha256 == DossierFile.sha256)
        .where(DossierFile.dossier_id == dossier_id, DossierFile.kind == kind)
        .order_by(DossierFile.document_id, DossierFile.position, DossierFile.id))
    for f, media_type, size in rows:
        out.setdefault(f.document_id, []).append(
            FileEntry(f.sha256, media_type, size, f.pages, f.name, f.position, f.created_at))
    return out


def dossier_files(db: Database, actor: Actor, code: str) -> DossierFiles:
    """The dossier window's list: each document line with its state and files, then the results."""
    actor.require(Permission.VIEW_DOSSIER)
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(code_is(code)))
        if d is None:
            raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
        intake = _entries(s, d.id, INTAKE)
        lines = [LineFiles(doc.position, doc.name, doc.digitization,
                           STATES.get(doc.digitization or "", "Chưa ghi nhận"), doc.digitization_note,
                           intake.get(doc.id, []), doc.paper_pages, doc.reuse_source, doc.received)
                 for doc in s.scalars(select(DossierDocument).where(DossierDocument.dossier_id == d.id)
                                      .order_by(DossierDocument.position))]
        return DossierFiles(d.code, lines, _entries(s, d.id, RESULT).get(None, []))


def open_dossier_file(db: Database, actor: Actor, code: str, sha256: str, data_dir: Path) -> bytes:
    """One of the dossier's files, re-hashed, with an audit record of who opened it: its copy with
    the OCR text layer when there is one (the original is what the dossier names and what is sent).
    A scan of the citizen's papers cannot be masked: for the roles that see personal data whole."""
    actor.require(Permission.VIEW_PERSONAL_DATA)
    with db.writing() as s:
        d = s.scalar(select(Dossier).where(code_is(code)))
        if d is None:
            raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
        if s.scalar(select(DossierFile.id).where(DossierFile.dossier_id == d.id, DossierFile.sha256 == sha256)
                    .limit(1)) is None:
            raise NotFound(f"Hồ sơ «{d.code}» không có tệp mã {(sha256 or '')[:12]}….")
        readable = ocr.readable_version_in(s, sha256)  # the same pages with their text layer, once read
        data = store.open_file(s, data_dir, readable)
        audit(s, actor, "dossier.open_file", "dossier", d.code,
              {"sha256": sha256} | ({"readable": readable} if readable != sha256 else {}))
        return data
