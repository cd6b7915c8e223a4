"""The payment slip (phiếu ghi nhận nộp tiền), on A5 portrait: what the officer hands over while the
payment's fee receipt is not issued yet (the e-receipt provider is offline, or the paper receipt's
number is still to be typed). It is not a receipt and says so plainly, boxed under its title; once
the receipt is issued, the slip prints the receipt's identifiers (mẫu số, ký hiệu, số, mã tra cứu)
instead of the mark."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from app.formatting import money
from printing.barcodes import Code128Bars
from printing.fonts import serif_fonts
from printing.forms import Signature, _signature
from printing.layout import bold, header, para, styles, table, time_words

TITLE = "PHIẾU GHI NHẬN NỘP TIỀN"
NOT_A_RECEIPT = "KHÔNG PHẢI BIÊN LAI THU PHÍ, LỆ PHÍ — biên lai sẽ được phát hành sau"


@dataclass(frozen=True)
class SlipData:
    unit: str
    parent: str
    place: str
    payment_id: int
    payment_uuid: str
    dossier_code: str
    procedure: str
    payer: str
    amount: int
    method_label: str
    reference: str
    paid_at: datetime
    counter_number: int | None
    officer: str
    receipt_identifier: str  # "" while the receipt is not issued
    receipt_state: str  # the receipt's state label (or "Chưa có biên lai")
    lookup_code: str = ""
    lookup_url: str = ""


def build_payment_slip(data: SlipData) -> bytes:
    fonts = serif_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A5, leftMargin=14 * mm, rightMargin=10 * mm, topMargin=10 * mm,
                            bottomMargin=10 * mm, invariant=1, initialFontName=fonts.regular,
                            title=f"{TITLE} {data.dossier_code}", creator="Một Cửa")
    st = styles(0.75)
    w = doc.width - 12
    story: list = [header(st, w, data.parent, data.unit, data.place, data.paid_at, left=0.38),
                   para(escape(TITLE), st["title"])]
    if data.receipt_identifier:
        mark = [Paragraph(bold("Biên lai thu phí, lệ phí đã phát hành:"), st["cellc"]),
                Paragraph(escape(data.receipt_identifier), st["cellc"])]
        if data.lookup_code:
            mark.append(Paragraph(escape(f"Mã tra cứu: {data.lookup_code}"
                                         + (f" tại {data.lookup_url}" if data.lookup_url else "")), st["cellc"]))
    else:
        mark = [Paragraph(bold(NOT_A_RECEIPT), st["cellc"]),
                Paragraph(escape(f"Trạng thái biên lai: {data.receipt_state}."), st["cellc"])]
    story += [Spacer(1, 3), table([[mark]], [w], [("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                                                  ("TOPPADDING", (0, 0), (-1, -1), 4),
                                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]), Spacer(1, 5),
              para(f"Mã hồ sơ: {bold(data.dossier_code)}", st["center"]), Spacer(1, 2),
              table([[Code128Bars(data.dossier_code, height=8 * mm)]], [w], [("ALIGN", (0, 0), (-1, -1), "CENTER")]),
              Spacer(1, 4)]
    fields = [("Thủ tục", data.procedure), ("Người nộp tiền", data.payer), ("Số tiền", money(data.amount)),
              ("Hình thức nộp", data.method_label)]
    if data.reference:
        fields.append(("Mã giao dịch", data.reference))
    fields += [("Thời điểm nộp", time_words(data.paid_at)),
               ("Nơi thu", f"Quầy số {data.counter_number}" if data.counter_number else "Bộ phận Một cửa"),
               ("Mã khoản nộp", f"{data.payment_id} ({data.payment_uuid})")]
    story += [para(f"{escape(label)}: {bold(value) if label == 'Số tiền' else escape(value)}", st["body"])
              for label, value in fields]
    signs = [Signature("NGƯỜI NỘP TIỀN"), Signature("CÁN BỘ THU", data.officer)]
    story.append(table([[_signature(s, st) for s in signs]], [w / 2, w / 2], [("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc.build(story)
    return out.getvalue()
