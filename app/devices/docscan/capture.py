"""The desk's capture of one dossier, without Qt: per document line the pages as the officer arranges
them (a PageList) and a spool on disk, so nothing already scanned is lost to a crash or a kill -9.

    <data_dir>/scans/<dossier code made safe>/<position>/0001.jpg, 0002.png, …, pages.json

Each page is written whole (app/files.write_atomically) the moment it arrives, then pages.json
(order and rotation) is rewritten the same way. A page file is never reused for another page: a
rescanned or deleted page gets a new number or none, so pages.json names only whole files, and a
page written just before a kill (its number at or past pages.json's `next`) is taken back on
reopen, in the order it came. A page file no longer in pages.json is removed after pages.json.

Saving a line assembles its PDF and records it through the service (one transaction); only then is
the line's spool removed. pages.json notes the PDF's SHA-256 before the commit: a kill between the
commit and the removal leaves a spool whose PDF the line already has, which reopening drops.

A ScanJob runs a DocumentScanner on a worker thread (threading: the core knows no Qt); each page
is spooled on that thread and handed on through `on_page`. A ScanError (jam, empty feeder, cable
pulled, bad image, cancelled) keeps every page already delivered."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.devices.docscan.assemble import Page, PageList, assemble_pdf, page_count_warning
from app.devices.docscan.base import (
    IMAGE_TYPES,
    DocumentScanner,
    ScanError,
    ScannedPage,
    ScanSettings,
)
from app.devices.docscan.files import FileSource
from app.domain.permissions import Actor
from app.errors import UserError
from app.files import sweep_leftovers, write_atomically
from app.oserrors import os_reason
from app.services.dossiers.digitization import (
    SCANNED,
    STATES,
    FileInput,
    LineFiles,
    Recorded,
    attach_result,
    dossier_files,
    record_digitization,
)
from db.engine import Database

log = logging.getLogger("motcua.devices.docscan")

SCANS = "scans"
ORDER = "pages.json"
RESULTS = "results"  # the spool folder of a dossier's result documents (no line)
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif", "application/pdf": "pdf"}
MEDIA_TYPES = {ext: media for media, ext in EXTENSIONS.items()}


def safe_name(code: str) -> str:
    """A dossier code as a folder name on every system (Windows refuses : * ? and more)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", code.strip()).strip(".") or "_"


def spool_root(data_dir: Path, code: str) -> Path:
    return Path(data_dir) / SCANS / safe_name(code)


class LineSpool:
    """One line's pages: in memory (a PageList, with each page's file name) and on disk."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pages = PageList()
        self.files: list[str] = []
        self.next = 1
        self.saving: str | None = None  # SHA-256 of the PDF being committed
        self._lock = threading.RLock()

    # --- reading back --------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> LineSpool:
        spool = cls(folder)
        if not folder.is_dir():
            return spool
        sweep_leftovers(folder, older_than=0)  # a half-written page of a killed run is no page
        try:
            order = json.loads((folder / ORDER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            order = {}
        entries = order.get("pages", []) if isinstance(order, dict) else []
        spool.next = int(order.get("next", 1)) if isinstance(order, dict) else 1
        spool.saving = order.get("saving") if isinstance(order, dict) else None
        for e in entries:
            spool._take(folder / str(e.get("file", "")), int(e.get("rotation", 0)) % 360)
        known = set(spool.files)
        for path in sorted(folder.iterdir()):  # arrived after the last pages.json: kept, in order
            number = _number(path)
            if number is None or path.name in known:
                continue
            if number >= spool.next:
                spool._take(path, 0)
                spool.next = number + 1
            else:  # dropped from pages.json before the kill: its removal was all that was left
                path.unlink(missing_ok=True)
        return spool

    def _take(self, path: Path, rotation: int) -> None:
        media_type = MEDIA_TYPES.get(path.suffix.lower().lstrip("."))
        try:
            data = path.read_bytes()
        except OSError:
            return  # named in pages.json but gone: nothing to show
        if media_type is None or not data:
            return
        self.pages.add(Page(data, media_type, rotation))
        self.files.append(path.name)

    # --- changing ------------------------------------------------------------------------------
    def _write_page(self, page: ScannedPage | Page) -> str:
        if page.media_type not in IMAGE_TYPES:
            raise ScanError(f"Trang {len(self.files) + 1}: loại «{page.media_type}» không dùng được.", kind="bad_image")
        with self._lock:
            name = f"{self.next:04d}.{EXTENSIONS[page.media_type]}"
            self.next += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / name, page.data)
        return name

    def _write_order(self) -> None:
        body = {"next": self.next, "saving": self.saving,
                "pages": [{"file": f, "rotation": p.rotation} for f, p in zip(self.files, self.pages, strict=True)]}
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / ORDER, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def add(self, page: ScannedPage | Page) -> int:
        name = self._write_page(page)
        with self._lock:
            i = self.pages.add(page)
            self.files.append(name)
            self._write_order()
            return i

    def replace(self, i: int, page: ScannedPage | Page) -> None:
        name = self._write_page(page)
        with self._lock:
            old = self.files[i]
            self.pages.replace(i, page)
            self.files[i] = name
            self._write_order()
        (self.folder / old).unlink(missing_ok=True)

    def rotate(self, i: int, degrees: int = 90) -> None:
        with self._lock:
            self.pages.rotate(i, degrees)
            self._write_order()

    def move(self, i: int, j: int) -> None:
        with self._lock:
            self.pages.move(i, j)
            self.files.insert(j, self.files.pop(i))
            self._write_order()

    def reorder(self, files: list[str]) -> None:
        """The order the officer dragged the pages into, by file name."""
        with self._lock:
            if sorted(files) != sorted(self.files):
                raise ValueError("not the same pages")
            pages = {f: p for f, p in zip(self.files, self.pages, strict=True)}
            self.pages = PageList(pages[f] for f in files)
            self.files = list(files)
            self._write_order()

    def delete(self, i: int) -> None:
        with self._lock:
            self.pages.delete(i)
            old = self.files.pop(i)
            self._write_order()
        (self.folder / old).unlink(missing_ok=True)

    def snapshot(self) -> tuple[list[Page], list[str]]:
        with self._lock:
            return list(self.pages), list(self.files)

    def mark_saving(self, sha256: str | None) -> None:
        with self._lock:
            self.saving = sha256
            self._write_order()

    def clear(self) -> None:
        with self._lock:
            self.pages = PageList()
            self.files = []
            self.saving = None
            _remove(self.folder)

    def __len__(self) -> int:
        return len(self.pages)


def _remove(folder: Path) -> None:
    """Gone at once for a reopen (a rename), then deleted: a kill half-way through deleting must
    not leave page files that would come back as unsaved pages."""
    if not folder.exists():
        return
    gone = folder.with_name(f".{folder.name}.gone")
    shutil.rmtree(gone, ignore_errors=True)
    try:
        folder.rename(gone)
    except OSError:  # Windows: a file in it is open elsewhere; deleted in place then
        gone = folder
    shutil.rmtree(gone, ignore_errors=True)


def _number(path: Path) -> int | None:
    stem, ext = path.stem, path.suffix.lower().lstrip(".")
    return int(stem) if stem.isdigit() and ext in MEDIA_TYPES and path.is_file() else None


@dataclass
class Line:
    """A document line as the desk shows it: what is recorded, and what is spooled."""

    position: int | str  # the line's position (0-based), or RESULTS
    name: str
    state: str | None
    label: str
    note: str | None
    paper_pages: int | None
    saved_pages: int  # pages in the recorded file(s)
    received: bool
    spool: LineSpool

    @property
    def key(self) -> str:
        return str(self.position)

    def warning(self, paper_pages: int | None = None) -> str | None:
        paper = self.paper_pages if paper_pages is None else paper_pages
        return page_count_warning(len(self.spool), paper or 0) if len(self.spool) else None


class CaptureSession:
    """The capture of one dossier's lines (or, `results=True`, of its result documents)."""

    def __init__(self, db: Database, actor: Actor, code: str, data_dir: Path, *, results: bool = False):
        self.db, self.actor, self.data_dir, self.results = db, actor, Path(data_dir), results
        files = dossier_files(db, actor, code)
        self.code = files.code
        self.root = spool_root(self.data_dir, self.code)
        if results:
            spool = LineSpool.load(self.root / RESULTS)
            self.lines = [Line(RESULTS, "Kết quả giải quyết", None, "", None, None,
                               sum(f.pages or 0 for f in files.results), True, spool)]
        else:
            self.lines = [self._line(x) for x in files.lines]
        for line in self.lines:
            self._drop_if_committed(line, files)
        for gone in self.root.glob(".*.gone"):  # a removal a kill cut short
            shutil.rmtree(gone, ignore_errors=True)

    def _line(self, x: LineFiles) -> Line:
        return Line(x.position, x.name, x.digitization, x.digitization_label, x.note, x.paper_pages,
                    sum(f.pages or 0 for f in x.files), x.received, LineSpool.load(self.root / str(x.position)))

    def _drop_if_committed(self, line: Line, files) -> None:
        """Killed after the commit, before the spool went: the recorded PDF is this spool's."""
        if line.spool.saving is None:
            return
        recorded = files.results if self.results else next(x.files for x in files.lines if x.position == line.position)
        if any(f.sha256 == line.spool.saving for f in recorded):
            line.spool.clear()

    def refresh(self) -> None:
        """Re-read what is recorded (another desk, or the reuse picker, may have recorded a line);
        the spools in memory stay as they are."""
        files = dossier_files(self.db, self.actor, self.code)
        if self.results:
            self.lines[0].saved_pages = sum(f.pages or 0 for f in files.results)
            return
        for line, x in zip(self.lines, files.lines, strict=True):
            line.state, line.label, line.note = x.digitization, x.digitization_label, x.note
            line.paper_pages, line.saved_pages = x.paper_pages, sum(f.pages or 0 for f in x.files)

    def line(self, position: int | str) -> Line:
        for line in self.lines:
            if line.position == position or line.key == str(position):
                return line
        raise UserError(f"Hồ sơ «{self.code}» không có thành phần số {position}.")

    def pending(self) -> list[Line]:
        """Lines with pages scanned and not yet saved."""
        return [line for line in self.lines if len(line.spool)]

    # --- saving -----------------------------------------------------------------------------------
    def save_line(self, position: int | str, paper_pages: int | None = None) -> Recorded:
        """The line's pages → one PDF → recorded "scanned" (or attached as the result), then the
        spool goes. Raises UserError / ScanError (a page that cannot be used) with nothing recorded."""
        line = self.line(position)
        pages, _files = line.spool.snapshot()
        if not pages:
            raise UserError(f"«{line.name}»: chưa có trang nào để lưu.")
        pdf = assemble_pdf(pages)
        document = FileInput(pdf, name=f"{safe_name(self.code)}-{line.key}.pdf", pages=len(pages),
                             media_type="application/pdf")
        line.spool.mark_saving(hashlib.sha256(pdf).hexdigest())
        try:
            if self.results:
                done = attach_result(self.db, self.actor, self.code, [document], self.data_dir)
            else:
                done = record_digitization(self.db, self.actor, self.code, line.position, SCANNED,
                                           files=[document], data_dir=self.data_dir, paper_pages=paper_pages)
        except BaseException:
            line.spool.mark_saving(None)
            raise
        line.spool.clear()
        line.saved_pages = len(pages) if not self.results else line.saved_pages + len(pages)
        if not self.results:
            line.state, line.label = SCANNED, STATES[SCANNED]
            line.paper_pages = paper_pages or line.paper_pages
        return done

    def record_state(self, position: int, state: str, *, note: str | None = None,
                     paper_pages: int | None = None) -> Recorded:
        """Shown only, exempt, not digitized: recorded without files; the line's spool goes."""
        line = self.line(position)
        done = record_digitization(self.db, self.actor, self.code, line.position, state, note=note,
                                   data_dir=self.data_dir, paper_pages=paper_pages)
        line.spool.clear()
        line.state, line.label, line.note, line.saved_pages = state, STATES[state], note, 0
        if paper_pages is not None:
            line.paper_pages = paper_pages
        return done

    def discard(self) -> None:
        """Throw away every unsaved page of this dossier (the officer said so)."""
        for line in self.lines:
            line.spool.clear()
        _remove(self.root)


class ScanJob:
    """One run of a scanner into one line, on a worker thread. `replace_at`: the first page takes
    the place of that page (rescan one page) and the run stops there. `on_page(line, index)` and
    `on_done(job)` are called on the worker thread, after the page is spooled."""

    def __init__(self, line: Line, scanner: DocumentScanner, settings: ScanSettings | None = None, *,
                 replace_at: int | None = None, on_page: Callable[[Line, int], None] | None = None,
                 on_done: Callable[[ScanJob], None] | None = None):
        self.line, self.scanner, self.settings = line, scanner, settings or ScanSettings()
        self.replace_at = replace_at
        self.on_page, self.on_done = on_page, on_done
        self.delivered = 0
        self.error: ScanError | None = None
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ScanJob:
        self._thread = threading.Thread(target=self.run, name="docscan-job", daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def _page(self, page: ScannedPage) -> None:
        if self.cancelled():
            return  # a page the device sent after the officer stopped, or past a rescanned one
        try:
            if self.replace_at is not None:
                self.line.spool.replace(self.replace_at, page)
                index = self.replace_at
                self._cancel.set()  # one page replaces one page
            else:
                index = self.line.spool.add(page)
        except OSError as e:
            self.error = ScanError(f"Không ghi được trang vào thư mục tạm ({os_reason(e)}): "
                                   "kiểm tra ổ đĩa còn chỗ trống.", kind="failed")
            self._cancel.set()
            return
        self.delivered += 1
        if self.on_page is not None:
            self.on_page(self.line, index)

    def run(self) -> None:
        try:
            self.scanner.scan(self.settings, self._page, self.cancelled)
        except ScanError as e:
            rescanned = self.replace_at is not None and self.delivered == 1 and e.kind == "cancelled"
            if self.error is None and not rescanned:
                self.error = e
        except UserError as e:
            self.error = self.error or ScanError(str(e), kind="failed")
        except Exception as e:  # a bug in a driver: logged; the officer keeps the pages and a line
            log.exception("scan job failed")
            self.error = self.error or ScanError(f"Máy quét dừng vì lỗi không lường trước ({type(e).__name__}); "
                                                 f"giữ {self.delivered} trang đã quét.", kind="failed")
        finally:
            self._done.set()
            if self.on_done is not None:
                self.on_done(self)


def file_job(line: Line, paths: list[Path], **kwargs) -> ScanJob:
    """Pages from file(s) chosen by hand, added to the line the same way as a scan's."""
    return ScanJob(line, FileSource(paths), **kwargs)
