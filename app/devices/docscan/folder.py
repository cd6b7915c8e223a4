"""A folder a copier "scans to" (SMB share, USB drive, a synced folder): the desk takes what the
copier has finished writing, in name order, and moves it aside so nothing is taken twice.

Polling, not file-system notifications: it works the same on a Windows share and a Linux disk,
and a copier writing over SMB sends no reliable "closed" event anyway. A file is finished when its
size and time have not changed between two polls (or it was renamed into place: same thing seen
from here); on Windows a file still open for writing cannot be moved, which is waited out too.
Taking is a rename into `da-lay/`: two counters watching one share never both take a file."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from app.devices.docscan.base import ScanError, ScannedPage, ScanSettings
from app.devices.docscan.files import MAX_PAGES, SUFFIXES, pages_from_bytes
from app.oserrors import os_reason

TAKEN = "da-lay"  # ASCII: copiers' SMB clients mangle other names
REJECTED = "khong-doc-duoc"
_PARTIAL = (".part", ".tmp", ".crdownload", ".partial", ".filepart", ".download")
_DIGITS = re.compile(r"(\d+)")
_SHARING_VIOLATION = 32  # Windows: the file is open in another process


def _natural(name: str) -> list[object]:
    """«scan_9» before «scan_10»."""
    return [(0, int(s), "") if s.isdigit() else (1, 0, s.casefold()) for s in _DIGITS.split(name)]


def _free(folder: Path, name: str) -> Path:
    target = folder / name
    n = 1
    while target.exists():  # a copier restarts its numbering: keep both files
        n += 1
        target = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
    return target


class FolderSource:
    """Takes the finished files in `folder`, and ends at the first poll after the last one that
    finds nothing new. `wait_first`: how long a scan waits for the copier's first file before
    saying the folder is empty; `sleep` is how it waits between polls."""

    def __init__(self, folder: Path, *, name: str | None = None, max_pages: int = MAX_PAGES,
                 poll_interval: float = 0.5, wait_first: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.folder = Path(folder)
        self.name = name or f"Thư mục quét {self.folder}"
        self.max_pages = max_pages
        self.poll_interval = poll_interval
        self.wait_first = wait_first
        self.sleep = sleep

    def _candidates(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            raise ScanError(f"Không thấy thư mục quét «{self.folder}»: kiểm tra ổ mạng hoặc "
                            "đường dẫn trong cài đặt.", kind="offline") from None
        except OSError as e:
            raise ScanError(f"Không đọc được thư mục quét «{self.folder}» ({os_reason(e)}).",
                            kind="offline") from None
        names = [p for p in entries
                 if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~"))
                 and not p.name.lower().endswith(_PARTIAL) and p.is_file()]
        return sorted(names, key=lambda p: _natural(p.name))

    def _take(self, path: Path) -> Path | None:
        """Moves the file into TAKEN; None when it is still held by its writer or already gone."""
        taken = self.folder / TAKEN
        try:
            taken.mkdir(exist_ok=True)
            target = _free(taken, path.name)
            path.rename(target)
        except FileNotFoundError:
            return None  # another counter took it
        except PermissionError as e:
            if getattr(e, "winerror", None) == _SHARING_VIOLATION:
                return None  # Windows: the copier still has it open
            raise ScanError(f"Không có quyền ghi trong thư mục quét «{self.folder}»: ứng dụng cần "
                            f"chuyển tệp đã lấy vào «{TAKEN}» (cấp quyền sửa cho thư mục).",
                            kind="failed") from None
        return target

    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        seen: dict[str, tuple[int, int]] = {}
        delivered = 0
        bad: list[str] = []
        deadline = time.monotonic() + self.wait_first
        while True:
            if cancelled():
                kept = f" Đã giữ {delivered} trang." if delivered else ""
                raise ScanError(f"Đã dừng lấy tệp từ thư mục quét.{kept}", kind="cancelled")
            waiting = False  # a file still being written
            took = False
            for path in self._candidates():
                try:
                    st = path.stat()
                except FileNotFoundError:
                    continue
                if st.st_size == 0:
                    continue  # created, not yet written: a later scan takes it
                mark = (st.st_size, st.st_mtime_ns)
                if seen.get(path.name) != mark:
                    seen[path.name] = mark  # new or still growing: look again next poll
                    waiting = True
                    continue
                taken = self._take(path)
                if taken is None:
                    waiting = waiting or path.exists()
                    continue
                seen.pop(path.name, None)
                took = True
                try:
                    pages = pages_from_bytes(taken.read_bytes(), path.name, max_pages=self.max_pages)
                except ScanError as e:
                    rejected = self.folder / REJECTED
                    try:
                        rejected.mkdir(exist_ok=True)
                        taken.rename(_free(rejected, taken.name))
                    except OSError:
                        pass  # left in TAKEN: still never taken again
                    bad.append(e.message)
                    continue
                for page in pages:
                    delivered += 1
                    on_page(ScannedPage(index=delivered, data=page.data, media_type=page.media_type))
            if not waiting and not took:
                if delivered or bad:
                    break  # a quiet poll after the last file: the copier has finished
                if time.monotonic() >= deadline:
                    raise ScanError(f"Chưa có tệp nào trong thư mục quét «{self.folder}»: "
                                    "quét trên máy photocopy rồi bấm lấy lại.", kind="empty")
            self.sleep(self.poll_interval)
        if bad:
            kept = f" Đã lấy {delivered} trang từ các tệp khác." if delivered else ""
            raise ScanError(f"{' '.join(bad)} Tệp hỏng đã chuyển sang thư mục «{REJECTED}».{kept}",
                            kind="bad_image")
        return delivered
