"""Barcodes on the forms as vector drawing: Code128 bars from python-barcode's module pattern
(its own text rendering uses a font without Vietnamese, so the code is printed by the form), and
a QR code from ReportLab's widget."""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QUIET_MODULES = 10


@lru_cache(maxsize=256)
def code128_modules(code: str) -> str:
    """'1' for a dark module, '0' for a light one."""
    import barcode

    return barcode.Code128(code).build()[0]


class Code128Bars(Flowable):
    """The bars of `code`, `module` wide each, quiet zones included, centred in the frame."""

    def __init__(self, code: str, module: float = 0.33 * mm, height: float = 11 * mm):
        super().__init__()
        self.code, self.module, self.bar_height = code, module, height
        self.modules = code128_modules(code)
        self.width = (len(self.modules) + 2 * QUIET_MODULES) * module
        self.height = height

    def wrap(self, avail_width, avail_height):
        # A narrower module if the frame is narrow (A5), never below what scanners read.
        needed = (len(self.modules) + 2 * QUIET_MODULES) * self.module
        if needed > avail_width:
            self.module = max(0.25 * mm, avail_width / (len(self.modules) + 2 * QUIET_MODULES))
        self.width = (len(self.modules) + 2 * QUIET_MODULES) * self.module
        return self.width, self.bar_height

    def draw(self):
        c = self.canv
        c.setFillGray(0)
        x, run_start = QUIET_MODULES * self.module, None
        for i, bit in enumerate(self.modules + "0"):
            if bit == "1" and run_start is None:
                run_start = i
            elif bit != "1" and run_start is not None:
                c.rect(x + run_start * self.module, 0, (i - run_start) * self.module, self.bar_height,
                       stroke=0, fill=1)
                run_start = None


@lru_cache(maxsize=256)
def qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix (error correction M). Cached: encoding is most of a receipt's build time."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    return tuple(tuple(bool(m) for m in row) for row in qr.modules)


class QrCode(Flowable):
    """A QR code `size` square, quiet zone of 2 modules included. Drawn straight on the canvas
    (ReportLab's graphics renderer would also set its default font, Helvetica, in the PDF)."""

    def __init__(self, value: str, size: float = 22 * mm, border: int = 2):
        super().__init__()
        self.rows = qr_modules(value)
        self.width = self.height = size
        self.border = border

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillGray(0)
        box = self.width / (len(self.rows) + 2 * self.border)
        for r, row in enumerate(self.rows):
            col = 0
            y = self.height - (r + self.border + 1) * box
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    c.rect((col + self.border) * box, y, n * box, box, stroke=0, fill=1)
                col += n
