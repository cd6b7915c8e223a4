"""What every document scanner offers the desk: scan with these settings, hand each page over as
it arrives, stop when asked, and fail with one Vietnamese line that says what the officer can do.
Pages already delivered stay delivered: a jam on page 7 keeps pages 1–6."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.errors import UserError

COLOR_MODES = ("gray", "color", "bw")  # grayscale is what Circular 02/2019/TT-BNV asks of text
PAGE_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}  # mm
SOURCES = ("feeder", "flatbed")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff", "application/pdf")


@dataclass(frozen=True)
class ScanSettings:
    """Per PC (the office's scanner settings): 200 dpi grayscale A4 from the feeder by default."""

    resolution: int = 200
    color_mode: str = "gray"
    duplex: bool = False
    page_size: str = "A4"
    source: str = "feeder"

    def __post_init__(self) -> None:
        if not 75 <= self.resolution <= 600:
            raise UserError(f"Độ phân giải {self.resolution} dpi không hợp lệ (từ 75 đến 600).", field="resolution")
        if self.color_mode not in COLOR_MODES:
            raise UserError("Chế độ màu phải là gray (xám), color (màu) hoặc bw (đen trắng).", field="color_mode")
        if self.page_size not in PAGE_SIZES:
            raise UserError(f"Khổ giấy phải là một trong {', '.join(PAGE_SIZES)}.", field="page_size")
        if self.source not in SOURCES:
            raise UserError("Nguồn giấy phải là feeder (khay nạp) hoặc flatbed (mặt kính).", field="source")


@dataclass(frozen=True)
class ScannedPage:
    index: int  # 1-based, in the order the scanner delivered it
    data: bytes
    media_type: str  # one of IMAGE_TYPES


class ScanError(UserError):
    """A scan that stopped. `kind`: "jam", "empty" (no paper in the feeder), "offline" (unplugged,
    switched off, network gone), "busy" (another job), "bad_image" (a page that is not an image
    of what it says), "timeout", "cancelled", "failed" (anything else the device said)."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


class DocumentScanner(Protocol):
    name: str  # shown to the officer: "HP LaserJet M428 (eSCL, 192.168.1.20)"

    def scan(self, settings: ScanSettings, on_page: Callable[[ScannedPage], None],
             cancelled: Callable[[], bool] = lambda: False) -> int:
        """Scan until the feeder is empty (or one page from the flatbed), calling `on_page` for
        each page as it arrives; returns how many were delivered. Raises ScanError."""
        ...
