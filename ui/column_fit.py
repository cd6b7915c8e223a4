"""Lists whose columns use the width they have instead of cutting text beside empty space (issue 22).

Every column but one long-text column (a procedure's or a person's name) is as wide as its widest
text among the rows loaded and its header; the long column stretches over what is left, keeping
at least `minimum` px (or its own widest text, when that is less). When the view is too narrow for
all that, the widest columns give way first, down to the width of a typical value of theirs (the
`samples`; a column without one never gives way); what is then cut is whole in the tooltip (the
model's or the item's). A table that may not cut figures (`scroll`) scrolls sideways instead, its
long column kept at that minimum.

The fit runs once the rows and the layout settled (a zero-delay timer: several asks, one fit),
after the model is reset or rows arrive, and when the view's width changes."""

from __future__ import annotations

import heapq

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 12  # a cell's margins around a sample's text
TOP = 3  # rows out of view measured by Qt: the widest texts (a bold or decorated cell may be wider)


class ColumnFit(QObject):
    """The columns of `table` fitted by the rule above; `long` is the long-text column (logical
    index), `samples` a typical text per column that may give way; `long_last` shows it last."""

    def __init__(self, table: QTableView, long: int, minimum: int, samples: dict[int, str] | None = None, *,
                 scroll: bool = False, long_last: bool = False):
        super().__init__(table)
        self.table, self.long, self.minimum, self.scroll = table, long, minimum, scroll
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        self.least = {c: metrics.horizontalAdvance(s) + PADDING for c, s in (samples or {}).items()}
        for col, width in self.least.items():  # before any row comes: a typical value's width
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(long, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        if long_last:
            header.moveSection(header.visualIndex(long), header.count() - 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.layoutChanged):
            signal.connect(self.later)
        table.viewport().installEventFilter(self)

    def later(self, *_args) -> None:
        self.timer.start()  # after the layout and the rows settled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.later()
        return False

    def wanted(self, col: int) -> int:
        """The column's widest text among the rows loaded, and its header's. Qt's own measure asks
        the delegate about every role of every cell, a Python call each: over a page of 200 dossiers
        that blocked the desk for 100-200 ms at each keystroke of a search. So Qt measures the rows
        in view only (the header's precision, set below), and of the others the TOP rows whose text
        is widest by the font's metrics: the same widths, at a tenth of the cost."""
        table = self.table
        header, model = table.horizontalHeader(), table.model()
        # A model that knows its texts (`column_texts`, every cell plain text) gives them without a
        # Qt call per cell, the rows in view included: Qt need not measure those.
        column_texts = getattr(model, "column_texts", None)
        if column_texts is None and header.resizeContentsPrecision() != 0:
            header.setResizeContentsPrecision(0)  # sizeHintForColumn: the rows in view
        best = header.sectionSizeHint(col) if column_texts is not None else \
            max(header.sectionSizeHint(col), table.sizeHintForColumn(col))
        count = model.rowCount()
        if count:
            advance, index = table.fontMetrics().horizontalAdvance, model.index
            texts = column_texts(col) if column_texts is not None else \
                (str(model.data(index(r, col)) or "") for r in range(count))
            widths = ((advance(text), r) for r, text in enumerate(texts))
            grid = int(table.showGrid())  # the grid line takes a pixel of the section
            best = max([best] + [table.sizeHintForIndex(index(r, col)).width() + grid
                                 for _width, r in heapq.nlargest(TOP, widths)])
        return best

    def fit(self) -> None:
        self.timer.stop()
        header = self.table.horizontalHeader()
        cols = [c for c in range(header.count()) if c != self.long and not header.isSectionHidden(c)]
        wanted = {c: self.wanted(c) for c in cols}
        floor = {c: min(w, self.least.get(c, w)) for c, w in wanted.items()}
        least_long = min(self.minimum, self.wanted(self.long))
        room = self.table.viewport().width() - least_long
        # The widest give way first: one cap for all, lowered until the columns fit (none below its
        # floor); when even the floors do not fit, every column is at its floor.
        cap = max(wanted.values(), default=0) if sum(floor.values()) <= room else 0
        while cap > 0 and sum(min(w, max(cap, floor[c])) for c, w in wanted.items()) > room:
            cap -= 1
        widths = {c: min(w, max(cap, floor[c])) for c, w in wanted.items()}
        for c, width in widths.items():
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)
        if not self.scroll:
            return
        # Too narrow even so: the long column keeps its least and the table scrolls sideways.
        fits = sum(widths.values()) <= room
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(self.long) != mode:
            header.setSectionResizeMode(self.long, mode)
        if not fits and header.sectionSize(self.long) != least_long:
            header.resizeSection(self.long, least_long)
