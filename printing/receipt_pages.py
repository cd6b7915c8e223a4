"""The receipt's page machinery: each copy (liên) starts on a page of its own; a copy that runs
over gets continuation pages whose top band repeats the copy, the dossier code, its barcode and
"Trang x/y" (counted per copy); the document table only breaks between rows and always takes its
last row onto the page that holds the rest of the form down to the signatures."""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from printing.barcodes import Code128Bars
from printing.layout import bold, para, table


class CopyStart(Flowable):
    """Zero-size mark at the top of copy `number`: the document counts that copy's pages from it."""

    _ZEROSIZE = True

    def __init__(self, number: int, label: str):
        super().__init__()
        self.number, self.label = number, label

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        pass


def next_copy() -> list[Flowable]:
    return [NextPageTemplate("first"), PageBreak()]


class ReceiptDoc(BaseDocTemplate):
    """Two page templates: "first" (a copy's first page, the whole frame) and "next" (a
    continuation: the band on top, the frame below it). `totals`: pages per copy from an earlier
    build of the same story, for "Trang x/y"; `pages` collects them for the next build."""

    def __init__(self, out, *, code: str, band_height: float, band: Callable, totals: dict[int, int] | None,
                 **kw):
        super().__init__(out, **kw)
        self.code, self.band, self.totals = code, band, totals or {}
        self.copy, self.copy_label, self.page_in_copy = 0, "", 0
        self.pages: dict[int, int] = {}
        full = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        rest = Frame(self.leftMargin, self.bottomMargin, self.width, self.height - band_height, id="rest",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.continuation_height = rest._aH
        self.addPageTemplates([PageTemplate("first", [full], autoNextPageTemplate="next"),
                               PageTemplate("next", [rest], onPage=self._continuation, autoNextPageTemplate="next")])

    def afterFlowable(self, flowable):
        if isinstance(flowable, CopyStart):
            self.copy, self.copy_label, self.page_in_copy = flowable.number, flowable.label, 1
            self.pages[self.copy] = 1

    def _continuation(self, canv, doc):
        self.page_in_copy += 1
        self.pages[self.copy] = self.page_in_copy
        total = self.totals.get(self.copy)
        self.band(canv, self, self.page_in_copy, total)


def draw_band(st, bar_height: float, gap: float) -> Callable:
    """The continuation band: "Liên N – Mã hồ sơ: … – Trang x/y" and the barcode under it."""

    def draw(canv, doc: ReceiptDoc, page: int, total: int | None) -> None:
        width, top = doc.width, doc.bottomMargin + doc.height
        pages = f"Trang {page}/{total}" if total else f"Trang {page}"
        line = para(f"{escape(doc.copy_label)} – Mã hồ sơ: {bold(doc.code)} – {pages}", st["band"])
        _, h = line.wrap(width, top)
        line.drawOn(canv, doc.leftMargin, top - h)
        bars = Code128Bars(doc.code, height=bar_height)
        bw, bh = bars.wrap(width, bar_height)
        canv.saveState()
        bars.drawOn(canv, doc.leftMargin + (width - bw) / 2, top - h - 2 - bh)
        canv.setLineWidth(0.5)
        y = top - h - 2 - bh - gap / 2
        canv.line(doc.leftMargin, y, doc.leftMargin + width, y)
        canv.restoreState()

    return draw


def band_height(st, bar_height: float, gap: float, width: float) -> float:
    line = para(f"Liên 3 – Mã hồ sơ: {bold('X')} – Trang 9/9", st["band"])
    return line.wrap(width, 1000)[1] + 2 + bar_height + gap


class TableWithTail(Flowable):
    """The document table followed by `tail` (items 2–6, the ledger line, the signatures), drawn as
    one block. Split only between table rows, keeping at least the last row with the tail, so the
    signatures never stand alone; the part carried over repeats the table's heading row."""

    def __init__(self, heading: list, rows: list[list], widths: list[float], commands: list, tail: list[Flowable],
                 fresh_height: Callable[[], float]):
        super().__init__()
        self.heading, self.rows, self.widths, self.commands = heading, rows, widths, commands
        self.tail, self.fresh_height = tail, fresh_height

    def _table(self, rows):
        return table([self.heading, *rows], self.widths, self.commands, repeatRows=1)

    def _tail_parts(self, avail_width: float) -> list[tuple[Flowable, float, float, float]]:
        parts = []
        for f in self.tail:
            w, h = f.wrap(avail_width, 10_000)
            parts.append((f, f.getSpaceBefore(), h, f.getSpaceAfter()))
        return parts

    def wrap(self, avail_width, avail_height):
        self._t = self._table(self.rows)
        _, th = self._t.wrap(avail_width, avail_height)
        self._parts = self._tail_parts(avail_width)
        self.width = avail_width
        self.height = th + sum(b + h + a for _, b, h, a in self._parts)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        heights = self._t._rowHeights  # heading first
        tail = self.height - sum(heights)
        room, kept = avail_height - heights[0], 0
        for h in heights[1:-1]:  # never the last row: it goes with the tail
            if h > room:
                break
            room -= h
            kept += 1
        if kept:
            return [self._table(self.rows[:kept]),
                    TableWithTail(self.heading, self.rows[kept:], self.widths, self.commands, self.tail,
                                  self.fresh_height)]
        fresh = self.fresh_height()
        if avail_height < fresh - 1 and heights[0] + heights[1] + (tail if len(self.rows) == 1 else 0) <= fresh:
            return []  # nothing fits here: the block starts on the next page
        # Even a fresh page cannot hold it so: the table and the tail flow on their own.
        return [self._table(self.rows), *self.tail]

    def draw(self):
        y = self.height
        th = self._t._height
        self._t.drawOn(self.canv, 0, y - th)
        y -= th
        for f, before, h, after in self._parts:
            y -= before
            f.drawOn(self.canv, 0, y - h)
            y -= h + after
