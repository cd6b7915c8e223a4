"""The room an e-form keeps for the officer's visible digital signature (docs/signing.md): a
flowable that takes the place of the handwritten signature's space and notes, while ReportLab
draws it, where on which page it landed. The signing step puts the visible stamp exactly there:
the position is measured, never computed beside the layout."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.signing.base import SignatureBox

# What stands under the signer's title on an e-form instead of "(Ký và ghi rõ họ tên)".
E_RECEIPT_LINE = "(Chữ ký số của người tiếp nhận hồ sơ)"
E_FORM_LINE = "(Chữ ký số)"
E_COPY_NOTE = "Bản điện tử, có chữ ký số"


class SignatureSpot(Flowable):
    """An empty `width` × `height` block; each time it is drawn it appends its SignatureBox to
    `sink` (page 0-based, rectangle in points from the page's lower left corner)."""

    def __init__(self, width: float, height: float, sink: list[SignatureBox]):
        super().__init__()
        self.width, self.height, self.sink = width, height, sink
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        x1, y1 = self.canv.absolutePosition(0, 0)
        x2, y2 = self.canv.absolutePosition(self.width, self.height)
        page = self.canv.getPageNumber() - 1
        self.sink.append(SignatureBox(page, (round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2))))


def only_box(sink: list[SignatureBox]) -> SignatureBox:
    """The one box an e-form drew: a layout that drew none, or two, is a bug of the form."""
    if len(sink) != 1:
        raise RuntimeError(f"an e-form must draw one signature box, drew {len(sink)}")
    return sink[0]
