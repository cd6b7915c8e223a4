"""OCR in the background: a Vietnamese text layer for every scanned PDF, never delaying a receipt.

Keeping a new PDF (digitization._keep) only marks it `ocr_state="pending"` (`request_in`: one
UPDATE in the receipt's own transaction). Later, off the GUI thread (ui/ocr_worker.py) or from
`motcua files ocr`, `run_pending` takes the oldest pending file, runs the engine
(app/services/files/ocr_engine.py) outside any transaction, and keeps the result as a stored file
of its own: `ocr_state="done"`, `ocr_sha256` its SHA-256. The original is never replaced: the
dossier names the original, the viewer shows `readable_version_in` (the text-layer copy when
there is one). A file that cannot be read gets "failed" and a Vietnamese `ocr_error`.

Several counters on one PostgreSQL server each run a worker, and none OCRs a file another took:
a file is claimed by a conditional UPDATE "pending"→"running" in a short transaction. While it
runs, `ocr_error` holds the claim (who, until when: migration 0015 has no column for it); a claim
past its deadline, or left by a process of this PC that has ended, goes back to "pending"."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.clock import now_local
from app.errors import UserError
from app.services.files import ocr_engine, store
from app.services.files.ocr_engine import Cancelled, EngineMissing, OcrFailed, engine_status  # noqa: F401
from db.engine import Database
from db.models import StoredFile

log = logging.getLogger("motcua.files")

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
STATE_LABELS = {PENDING: "chờ nhận dạng chữ", RUNNING: "đang nhận dạng chữ", DONE: "đã có lớp chữ",
                FAILED: "không nhận dạng được"}
CLAIM = "claim"  # "claim <deadline ISO> <host tag> <pid>" in ocr_error while running
MARGIN = timedelta(minutes=2)  # a claim outlives its run's timeout by this much


@dataclass
class OcrRun:
    done: list[str] = field(default_factory=list)  # originals now readable
    failed: list[tuple[str, str]] = field(default_factory=list)  # (sha256, Vietnamese reason)
    engine_problem: str | None = None  # the engine cannot run here: nothing was claimed
    cancelled: bool = False


# ---- asking for OCR, and what the viewer shows ---------------------------------------------------

def request_in(session: Session, sha256: str) -> bool:
    """Mark a stored PDF for OCR, inside the caller's transaction, when the office has OCR on
    (setting `files.ocr`) and the file has no OCR state yet. True if marked."""
    from app.services.settings.store import setting_in

    if not setting_in(session, "files.ocr"):
        return False
    result = session.execute(update(StoredFile).where(
        StoredFile.sha256 == sha256, StoredFile.media_type == store.PDF, StoredFile.ocr_state.is_(None))
        .values(ocr_state=PENDING, ocr_error=None).execution_options(synchronize_session=False))
    return result.rowcount == 1


def readable_version_in(session: Session, sha256: str) -> str:
    """The file to show for `sha256`: its copy with a text layer once OCR is done, else itself."""
    row = session.execute(select(StoredFile.ocr_state, StoredFile.ocr_sha256)
                          .where(StoredFile.sha256 == sha256)).first()
    if row is not None and row.ocr_state == DONE and row.ocr_sha256:
        return row.ocr_sha256
    return sha256


def engine_status_in(db: Database) -> tuple[bool, str]:
    """`engine_status` for the office's settings (`files.ocr_command`; `files.ocr` off says so)."""
    from app.services.settings.store import load_settings

    settings = load_settings(db)
    if not settings["files.ocr"]:
        return False, "Nhận dạng chữ (OCR) đang tắt (cài đặt «files.ocr»): bản quét được lưu như đã quét."
    return engine_status(settings["files.ocr_command"])


def counts(db: Database) -> dict[str, int]:
    """How many stored files are in each OCR state (pending, running, done, failed)."""
    with db.reading() as s:
        rows = s.execute(select(StoredFile.ocr_state, func.count()).where(StoredFile.ocr_state.is_not(None))
                         .group_by(StoredFile.ocr_state)).all()
    return {state: n for state, n in rows}


def failures(db: Database, limit: int = 20) -> list[tuple[str, str]]:
    with db.reading() as s:
        return [(sha, why or "") for sha, why in s.execute(
            select(StoredFile.sha256, StoredFile.ocr_error).where(StoredFile.ocr_state == FAILED)
            .order_by(StoredFile.created_at, StoredFile.sha256).limit(limit))]


# ---- claims ----------------------------------------------------------------------------------------

def _host_tag() -> str:
    from app.services.trust.backup_sqlite import host_tag

    return host_tag()


def _claim_text(deadline: datetime) -> str:
    return f"{CLAIM} {deadline:%Y-%m-%dT%H:%M:%S} {_host_tag()} {os.getpid()}"


def _stale(claim: str | None, now: datetime) -> bool:
    from app.services.trust.backup_sqlite import process_alive

    parts = (claim or "").split()
    if len(parts) != 4 or parts[0] != CLAIM:
        return True
    try:
        deadline, pid = datetime.fromisoformat(parts[1]), int(parts[3])
    except ValueError:
        return True
    if now > deadline:
        return True
    return parts[2] == _host_tag() and not process_alive(pid)  # this PC's worker was killed


def release_stale(session: Session, now: datetime) -> int:
    """Running claims past their deadline, or of an ended process of this PC, go back to pending."""
    released = 0
    for sha, claim in session.execute(select(StoredFile.sha256, StoredFile.ocr_error)
                                      .where(StoredFile.ocr_state == RUNNING)).all():
        if _stale(claim, now):
            released += session.execute(update(StoredFile).where(
                StoredFile.sha256 == sha, StoredFile.ocr_state == RUNNING, StoredFile.ocr_error == claim)
                .values(ocr_state=PENDING, ocr_error=None).execution_options(synchronize_session=False)).rowcount
    return released


def claim_next(db: Database, now: datetime | None = None) -> tuple[str, int, str] | None:
    """Take the oldest pending file for this process: (sha256, size, claim), or None. The
    conditional UPDATE is what makes it ours: another counter that read the same row finds it no
    longer pending and takes the next."""
    now = now or now_local()
    with db.writing() as s:
        release_stale(s, now)
        candidates = s.execute(select(StoredFile.sha256, StoredFile.size).where(StoredFile.ocr_state == PENDING)
                               .order_by(StoredFile.created_at, StoredFile.sha256).limit(10)).all()
        for sha, size in candidates:
            claim = _claim_text(now + timedelta(seconds=ocr_engine.timeout_for(size)) + MARGIN)
            taken = s.execute(update(StoredFile).where(StoredFile.sha256 == sha, StoredFile.ocr_state == PENDING)
                              .values(ocr_state=RUNNING, ocr_error=claim)
                              .execution_options(synchronize_session=False)).rowcount
            if taken == 1:
                return sha, size, claim
    return None


def _finish(db: Database, sha: str, claim: str, **values) -> bool:
    """Write the outcome only while the claim is still ours (a stale claim may have been taken over)."""
    with db.writing() as s:
        return s.execute(update(StoredFile).where(StoredFile.sha256 == sha, StoredFile.ocr_state == RUNNING,
                                                  StoredFile.ocr_error == claim)
                         .values(**values).execution_options(synchronize_session=False)).rowcount == 1


# ---- running --------------------------------------------------------------------------------------

def _has_text_on_every_page(pdf) -> bool:
    """Every page draws with a font (a digital PDF, or a copier's own OCR layer): nothing to read."""
    def fonts(resources) -> bool:
        if resources is None:
            return False
        if resources.get("/Font"):
            return True
        xobjects = resources.get("/XObject") or {}
        return any(x.get("/Subtype") == "/Form" and fonts(x.get("/Resources")) for x in xobjects.values())

    try:
        return len(pdf.pages) > 0 and all(fonts(page.obj.get("/Resources")) for page in pdf.pages)
    except (AttributeError, KeyError, TypeError, ValueError):  # an odd structure: let OCR look at it
        return False


def _check_pdf(data: bytes, what: str) -> int:
    """The page count, or OcrFailed when the bytes are not a PDF pikepdf can open."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except pikepdf.PasswordError:
        raise OcrFailed(f"{what} có mật khẩu hoặc bị mã hóa") from None
    except (pikepdf.PdfError, ValueError) as exc:
        raise OcrFailed(f"{what} không đọc được ({str(exc)[:120]})") from None


def ocr_one(engine: ocr_engine.Engine, original: bytes, size: int, cancelled: Callable[[], bool]) -> bytes | None:
    """The original's text-layer copy, or None when every page has text already."""
    import pikepdf

    pages = _check_pdf(original, "Tệp PDF")
    with pikepdf.open(io.BytesIO(original)) as pdf:
        if _has_text_on_every_page(pdf):
            return None
    out = ocr_engine.run(engine, original, timeout=ocr_engine.timeout_for(size), cancelled=cancelled)
    if not out.startswith(b"%PDF-") or _check_pdf(out, "Tệp kết quả nhận dạng chữ") != pages:
        raise OcrFailed("tệp kết quả không đủ trang như bản gốc")
    return out


def run_pending(db: Database, data_dir: Path, *, limit: int | None = None,
                cancelled: Callable[[], bool] = lambda: False, engine: ocr_engine.Engine | None = None,
                on_file: Callable[[str, str | None], None] = lambda _sha, _err: None) -> OcrRun:
    """OCR pending files, oldest first, up to `limit` (None: until none is pending). `on_file`
    hears each file's outcome (its SHA-256, None or the reason it failed). A failure is recorded
    on that file and the run goes on; the engine missing stops the run and leaves files pending."""
    from app.services.settings.store import load_settings

    out = OcrRun()
    if engine is None:
        try:
            engine = ocr_engine.find_engine(load_settings(db).get("files.ocr_command", ""))
        except EngineMissing as exc:
            out.engine_problem = str(exc)
            return out
    while (limit is None or len(out.done) + len(out.failed) < limit) and not cancelled():
        claimed = claim_next(db)
        if claimed is None:
            break
        sha, size, claim = claimed
        try:
            with db.reading() as s:
                original = store.open_file(s, data_dir, sha)
            result = ocr_one(engine, original, size, cancelled)
        except Cancelled:
            _finish(db, sha, claim, ocr_state=PENDING, ocr_error=None)
            out.cancelled = True
            break
        except EngineMissing as exc:
            _finish(db, sha, claim, ocr_state=PENDING, ocr_error=None)
            out.engine_problem = str(exc)
            break
        except (OcrFailed, UserError) as exc:
            reason = _sentence(str(exc))
            _finish(db, sha, claim, ocr_state=FAILED, ocr_error=reason)
            out.failed.append((sha, reason))
            on_file(sha, reason)
            continue
        except Exception as exc:  # a bug, or a PDF no check foresaw: logged; the file is not tried forever
            log.warning("OCR of %s failed unexpectedly", sha[:12], exc_info=True)
            reason = f"Lỗi không mong đợi khi nhận dạng chữ ({type(exc).__name__}); chi tiết trong nhật ký."
            _finish(db, sha, claim, ocr_state=FAILED, ocr_error=reason)
            out.failed.append((sha, reason))
            on_file(sha, reason)
            continue
        except BaseException:  # Ctrl+C, the process ending: the file waits for the next run
            _finish(db, sha, claim, ocr_state=PENDING, ocr_error=None)
            raise
        if _keep_result(db, data_dir, sha, claim, result, out):
            on_file(sha, None if out.done and out.done[-1] == sha else out.failed[-1][1])
    return out


class _TakenOver(Exception):
    pass


def _keep_result(db: Database, data_dir: Path, sha: str, claim: str, result: bytes | None, out: OcrRun) -> bool:
    """Keep the text-layer copy and mark the original done, in one transaction, while the claim
    is ours. A copy the store refuses (larger than `files.max_mb`) fails the file."""
    try:
        with db.writing() as s:
            readable = sha if result is None else store.put(s, data_dir, result, store.PDF)
            owned = s.execute(update(StoredFile).where(StoredFile.sha256 == sha, StoredFile.ocr_state == RUNNING,
                                                       StoredFile.ocr_error == claim)
                              .values(ocr_state=DONE, ocr_sha256=readable, ocr_error=None)
                              .execution_options(synchronize_session=False)).rowcount == 1
            if not owned:  # taken over meanwhile (our claim went stale): theirs stands, ours rolls back
                raise _TakenOver
    except _TakenOver:
        return False
    except UserError as exc:
        reason = _sentence(exc.message)
        _finish(db, sha, claim, ocr_state=FAILED, ocr_error=reason)
        out.failed.append((sha, reason))
        return True
    out.done.append(sha)
    return True


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
