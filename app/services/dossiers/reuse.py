"""Reuse (tái sử dụng): a paper the citizen already gave, digitized in an earlier dossier, is not
scanned again (Decree 118/2025 Art. 11; the portal's flags DuocTaiSuDung / DuocLayTuKhoDMQG).

For one document line of a dossier, the candidates are the files of the same applicant's other
dossiers (same số định danh; an applicant without one has none) whose line is "of the same kind":
the same procedure document, known by its name folded (case, diacritics, "đ", spacing and
punctuation: app.domain.folding). Only intake files of a line scanned or reused, never results, and
only files whose bytes are whole (re-hashed by the store: a missing or altered file is not offered).
Newest first; the office's own files first, then the citizen's store on the portal when a client is
given. The portal being unreachable is not an error: the local candidates come back with a note.

Seeing another dossier's scans is seeing the citizen's papers: the roles that receive dossiers and
see personal data whole, and every look leaves an audit record naming the dossiers read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from app.errors import NotFound, UserError
from app.services.dossiers.digitization import (
    INTAKE,
    LOCAL,
    PORTAL,
    REUSED,
    WITH_FILES,
    FileInput,
    record_digitization,
    record_digitization_in,
)
from app.services.dossiers.query import code_is
from app.services.files import store
from app.services.journal import audit
from db.engine import Database
from db.models import Dossier, DossierDocument, DossierFile, StoredFile

MAX_CANDIDATES = 20  # lines offered per document: each is re-hashed, and an officer reads a short list
NO_ID_NUMBER = "Người nộp chưa có số định danh: không tìm được giấy tờ đã số hóa trước đây."


@dataclass(frozen=True)
class ReuseCandidate:
    """One earlier digitized document the line may reuse. `sha256`, `media_type`, `size` and `pages`
    describe its (first) file; `files` are all the line's files in order (usually one PDF), `size`
    and `pages` their totals (pages None when a file's count is unknown). `url`: the portal's."""

    source: str  # LOCAL | PORTAL
    name: str
    dossier_code: str | None
    received_at: datetime | None
    sha256: str
    media_type: str
    size: int
    pages: int | None
    files: tuple[str, ...] = ()
    url: str | None = None


class ReuseCandidates(list):
    """The candidates, and `note`: a Vietnamese sentence when something could not be asked."""

    def __init__(self, items: Iterable[ReuseCandidate] = (), note: str | None = None):
        super().__init__(items)
        self.note = note


@dataclass
class _Found:
    dossier: Dossier
    line: DossierDocument
    candidates: list[ReuseCandidate] = field(default_factory=list)
    read_from: list[str] = field(default_factory=list)  # the other dossiers whose files were read


def _require(actor: Actor) -> None:
    actor.require(Permission.REGISTER_DOSSIER)  # as recording the line's digitization
    actor.require(Permission.VIEW_PERSONAL_DATA)  # another dossier's scans are the citizen's papers


def _id_number(d: Dossier) -> str | None:
    return (d.applicant_id_number or "").strip() or None


def _dossier_and_line(session: Session, code: str, position: int) -> tuple[Dossier, DossierDocument]:
    d = session.scalar(select(Dossier).where(code_is(code)))
    if d is None:
        raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
    line = session.scalar(select(DossierDocument).where(DossierDocument.dossier_id == d.id,
                                                        DossierDocument.position == position))
    if line is None:
        raise NotFound(f"Hồ sơ «{d.code}» không có thành phần số {position + 1}.")
    return d, line


def _earlier_lines(session: Session, d: Dossier) -> list[tuple[DossierDocument, str, datetime]]:
    """The same applicant's other dossiers' lines that have files, newest dossier first."""
    number = _id_number(d)
    if number is None:
        return []
    return list(session.execute(
        select(DossierDocument, Dossier.code, Dossier.received_at)
        .join(Dossier, Dossier.id == DossierDocument.dossier_id)
        .where(Dossier.applicant_id_number == number, Dossier.id != d.id, Dossier.is_demo == d.is_demo,
               DossierDocument.digitization.in_(WITH_FILES))
        .order_by(Dossier.received_at.desc(), Dossier.id.desc(), DossierDocument.position)).all())


def _local(session: Session, data_dir: Path, d: Dossier, line: DossierDocument,
           only: tuple[str, ...] | None = None) -> _Found:
    """The local candidates; `only`: just the line with these files (the one being reused), so a
    reuse re-hashes its own file and not every other one while it holds the write transaction."""
    found = _Found(d, line)
    kind = fold(line.name)
    same = [(doc, code, at) for doc, code, at in _earlier_lines(session, d) if fold(doc.name) == kind]
    seen: set[tuple[str, ...]] = set()
    for doc, code, at in same:
        if len(found.candidates) >= MAX_CANDIDATES:
            break
        files = session.execute(
            select(DossierFile.sha256, DossierFile.pages, StoredFile.media_type, StoredFile.size)
            .join(StoredFile, StoredFile.sha256 == DossierFile.sha256)
            .where(DossierFile.document_id == doc.id, DossierFile.kind == INTAKE)
            .order_by(DossierFile.position, DossierFile.id)).all()
        shas = tuple(f.sha256 for f in files)
        if not shas or shas in seen or (only is not None and shas != only):
            continue  # the same file reused from dossier to dossier: offered once, the newest
        if code not in found.read_from:
            found.read_from.append(code)
        if not all(_whole(session, data_dir, sha) for sha in shas):
            continue
        seen.add(shas)
        pages = [f.pages for f in files]
        found.candidates.append(ReuseCandidate(
            LOCAL, doc.name, code, at, shas[0], files[0].media_type, sum(f.size for f in files),
            None if None in pages else sum(pages), shas))
    return found


def _whole(session: Session, data_dir: Path, sha256: str) -> bool:
    try:
        store.open_file(session, data_dir, sha256)  # re-hashes: missing or altered is refused
    except UserError:
        return False
    return True


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return _when(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            return None
    return None


def _from_portal(portal, number: str, line: DossierDocument,
                 local: list[ReuseCandidate]) -> tuple[list[ReuseCandidate], str | None]:
    """The citizen's store on the portal, the same kind only, minus what the office already has."""
    from app.portal.contract import PortalError

    try:
        documents = portal.citizen_documents(number)
    except PortalError as exc:
        return [], (f"Không hỏi được kho dữ liệu công dân trên Cổng DVC ({exc.message}): "
                    "chỉ hiện giấy tờ có tại cơ quan.")
    kind, have = fold(line.name), {sha for c in local for sha in c.files}
    out = []
    for doc in documents:
        name, sha256, url = _field(doc, "name"), str(_field(doc, "sha256") or "").lower(), _field(doc, "url")
        if not name or fold(str(name)) != kind or not url or len(sha256) != 64 or sha256 in have:
            continue
        have.add(sha256)
        pages = _field(doc, "pages")
        out.append(ReuseCandidate(
            PORTAL, str(name), _field(doc, "dossier_code") or None, _when(_field(doc, "received_at")), sha256,
            str(_field(doc, "media_type") or ""), int(_field(doc, "size") or 0),
            pages if isinstance(pages, int) and pages > 0 else None, (sha256,), str(url)))
    out.sort(key=lambda c: c.received_at or datetime.min, reverse=True)
    return out[:MAX_CANDIDATES], None


def reusable_documents(db: Database, actor: Actor, code: str, position: int, *, portal=None,
                       data_dir: Path | None = None) -> list[ReuseCandidate]:
    """The files the document line at `position` (0-based) of dossier `code` may reuse: the same
    applicant's earlier documents of the same kind, the office's own first (newest first), then
    the portal's citizen store when `portal` (a PortalClient) is given. A ReuseCandidates list:
    its `note` says, in Vietnamese, when the portal could not be asked. `data_dir`: the data
    folder where the files live on SQLite (the app's own when None)."""
    _require(actor)
    data_dir = Path(data_dir) if data_dir is not None else _data_dir()
    with db.reading() as s:
        found = _local(s, data_dir, *_dossier_and_line(s, code, position))
        number, dossier_code = _id_number(found.dossier), found.dossier.code
    if number is None:
        return ReuseCandidates([], NO_ID_NUMBER)
    portal_found, note = ([], None) if portal is None else _from_portal(portal, number, found.line, found.candidates)
    if found.read_from or portal is not None:
        with db.writing() as s:  # who looked at which of the citizen's papers, and why
            audit(s, actor, "dossier.reuse_lookup", "dossier", dossier_code, {
                "document": position, "read_from": found.read_from, "offered_local": len(found.candidates),
                "portal": None if portal is None else (len(portal_found) if note is None else "unreachable")})
    return ReuseCandidates(found.candidates + portal_found, note)


def reusable_count(db: Database, actor: Actor, code: str) -> int:
    """How many document lines of dossier `code` have an earlier document of the same kind from the
    same applicant, known by the database alone (no file is read, so no audit): the hint the
    capture dialog shows after intake. Files found missing later are simply not offered."""
    _require(actor)
    with db.reading() as s:
        d = s.scalar(select(Dossier).where(code_is(code)))
        if d is None:
            raise NotFound(f"Không có hồ sơ mã «{code.strip()}».")
        kinds = {fold(doc.name) for doc, _, _ in _earlier_lines(s, d)}
        lines = s.scalars(select(DossierDocument.name).where(DossierDocument.dossier_id == d.id))
        return sum(1 for name in lines if fold(name) in kinds)


def reuse_document(db: Database, actor: Actor, code: str, position: int, candidate: ReuseCandidate,
                   data_dir: Path, portal=None):
    """Record the line as reused from `candidate` (one of `reusable_documents`'s). Local: the very
    same stored file(s), checked again (still the applicant's, still whole) in the transaction
    that records the line, with an audit record on the dossier read. Portal: the file downloaded,
    its SHA-256 checked, then kept like a scan. Returns digitization.Recorded."""
    _require(actor)
    if candidate.source == LOCAL:
        with db.writing() as s:
            d, line = _dossier_and_line(s, code, position)
            files = tuple(candidate.files or (candidate.sha256,))
            offered = {c.files: c for c in _local(s, data_dir, d, line, only=files).candidates}
            if files not in offered:
                raise UserError("Giấy tờ đã chọn không còn tái sử dụng được (tệp thiếu, bị thay đổi hoặc "
                                "không phải của người nộp này): hãy quét bản giấy.")
            done = record_digitization_in(s, actor, code, position, REUSED, files=list(files), data_dir=data_dir,
                                          reuse_source=LOCAL)
            audit(s, actor, "dossier.reuse_file", "dossier", offered[files].dossier_code,
                  {"for": done.code, "document": position, "files": list(files)})
            return done
    if candidate.source != PORTAL:
        raise UserError(f"Nguồn tái sử dụng «{candidate.source}» không hợp lệ: «local» hoặc «portal».")
    if portal is None or not candidate.url:
        raise UserError("Cần kết nối Cổng DVC để lấy giấy tờ từ kho dữ liệu công dân.")
    data = _download(portal, candidate)
    return record_digitization(db, actor, code, position, REUSED, data_dir=data_dir, reuse_source=PORTAL,
                               files=[FileInput(data, candidate.name, candidate.pages, candidate.media_type or None)])


def candidate_bytes(db: Database, actor: Actor, candidate: ReuseCandidate, data_dir: Path, portal=None) -> bytes:
    """The candidate's (first) file, for the picker's preview: the office's own through
    open_dossier_file (re-hashed, audited on the dossier it belongs to), the portal's downloaded
    and checked. Nothing is recorded on the line."""
    _require(actor)
    if candidate.source == LOCAL:
        from app.services.dossiers.digitization import open_dossier_file

        if not candidate.dossier_code:
            raise NotFound("Giấy tờ đã chọn không thuộc hồ sơ nào tại cơ quan.")
        return open_dossier_file(db, actor, candidate.dossier_code, candidate.sha256, data_dir)
    if portal is None or not candidate.url:
        raise UserError("Cần kết nối Cổng DVC để xem giấy tờ trong kho dữ liệu công dân.")
    return _download(portal, candidate)


def _download(portal, candidate: ReuseCandidate) -> bytes:
    import hashlib

    from app.portal.contract import PortalError

    try:
        data = portal.download_file(candidate.url)
    except PortalError as exc:
        raise UserError(f"Không tải được «{candidate.name}» từ kho dữ liệu công dân: {exc.message}.") from exc
    if hashlib.sha256(data).hexdigest() != candidate.sha256:
        raise UserError(f"Tệp «{candidate.name}» tải từ Cổng DVC không đúng tệp đã chọn (mã băm không khớp): "
                        "không dùng, hãy thử lại hoặc quét bản giấy.")
    return data


def _data_dir() -> Path:
    from app.paths import data_dir

    return data_dir()
