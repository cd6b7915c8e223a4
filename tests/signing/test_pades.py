"""PAdES signing itself (app/signing/pades.py), with the test CA's key in memory (pyHanko's
SimpleSigner; the token path is tests/signing/test_pkcs11.py): the visible box reads in Vietnamese
when rendered, sits where asked, on the last page for -1; an invisible signature without a box;
anything that is not a signable PDF is BAD_PDF."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import datetime, timedelta

import pikepdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from app.signing import base
from app.signing.base import SignatureBox, SigningError
from app.signing.certs import VN_TZ, signer_info
from app.signing.pades import sign_with
from printing.receipt import build_e_receipt
from tests.helpers.pki import make_pki
from tests.printing.test_receipt import sample


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pades"))


def sign(pki, pdf, box):
    return sign_with(pdf, pki.signer(), signer_info(pki.officer_cert), box, reason="Tiếp nhận hồ sơ",
                     location="Vĩnh Long", contact="0270 3822 000")


def two_pages() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for n in (1, 2):
        c.drawString(72, 760, f"page {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_the_stamp_reads_in_vietnamese_when_rendered(pki, tmp_path):
    pdf, box = build_e_receipt(sample())
    signed = sign(pki, pdf, box)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    x1, y1, x2, y2 = box.rect
    with pikepdf.open(path) as doc:
        height = float(doc.pages[box.page].MediaBox[3])
    dpi = 300
    s = dpi / 72
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(box.page + 1),
                    "-l", str(box.page + 1), "-x", str(int(x1 * s) - 8), "-y", str(int((height - y2) * s) - 8),
                    "-W", str(int((x2 - x1) * s) + 16), "-H", str(int((y2 - y1) * s) + 16),
                    str(path), str(tmp_path / "box")], check=True, timeout=120)
    text = subprocess.run(["tesseract", str(tmp_path / "box.png"), "-", "-l", "vie", "--psm", "6"],
                          capture_output=True, text=True, check=True, timeout=120).stdout
    assert "Ký bởi: Nguyễn Văn An" in text
    when = re.search(r"Thời gian: (\d\d/\d\d/\d{4} \d\d:\d\d:\d\d)", text)
    assert when, text
    stamped = datetime.strptime(when.group(1), "%d/%m/%Y %H:%M:%S").replace(tzinfo=VN_TZ)
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    assert abs(stamped - sig.self_reported_timestamp) < timedelta(seconds=5)  # the same moment, in VN time
    status = validate_pdf_signature(sig, pki.validation_context())
    assert status.intact and status.valid and status.trusted
    assert sig.sig_object["/Reason"] == "Tiếp nhận hồ sơ" and sig.sig_object["/Location"] == "Vĩnh Long"


def test_the_last_page_box_and_the_invisible_signature(pki):
    rect = (400.0, 60.0, 560.0, 110.0)
    signed = sign(pki, two_pages(), SignatureBox(page=-1, rect=rect, field_name="ChuKyCanBo"))
    with pikepdf.open(io.BytesIO(signed)) as doc:
        on = [[str(a.T), [float(v) for v in a.Rect]] for p in doc.pages for a in p.get("/Annots", [])]
        assert "/Annots" not in doc.pages[0]
        assert [str(a.T) for a in doc.pages[1].Annots] == ["ChuKyCanBo"]
    assert on[0][1] == pytest.approx(list(rect), abs=1.0)

    invisible = sign(pki, two_pages(), None)
    sig = PdfFileReader(io.BytesIO(invisible)).embedded_signatures[0]
    assert validate_pdf_signature(sig, pki.validation_context()).intact
    with pikepdf.open(io.BytesIO(invisible)) as doc:
        widgets = [a for p in doc.pages for a in p.get("/Annots", [])]
        assert len(widgets) == 1 and [float(v) for v in widgets[0].Rect] == [0, 0, 0, 0]


def test_a_box_on_a_page_that_does_not_exist_is_bad_pdf(pki):
    with pytest.raises(SigningError) as e:
        sign(pki, two_pages(), SignatureBox(page=5, rect=(1, 1, 100, 50)))
    assert e.value.code == base.BAD_PDF and "trang 6" in e.value.message


def test_a_field_already_signed_is_not_signed_again(pki):
    pdf, box = build_e_receipt(sample())
    once = sign(pki, pdf, box)
    with pytest.raises(SigningError) as e:
        sign(pki, once, box)
    assert e.value.code == base.BAD_PDF and "đã được ký" in e.value.message
    second = sign(pki, once, SignatureBox(page=box.page, rect=(40, 40, 200, 90), field_name="ChuKyThuHai"))
    assert len(PdfFileReader(io.BytesIO(second)).embedded_signatures) == 2


def _encrypted() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(two_pages())) as doc:
        doc.save(out, encryption=pikepdf.Encryption(owner="chu", user="mo", R=6))
    return out.getvalue()


@pytest.mark.parametrize(("data", "words"), [
    (b"", "không phải là tệp PDF"),
    (b"PK\x03\x04 a zip, not a pdf", "không phải là tệp PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "bị hỏng"),
    (two_pages()[:400], "bị hỏng"),
    (_encrypted(), "mật khẩu"),
], ids=["empty", "zip", "garbage", "truncated", "encrypted"])
def test_what_cannot_be_signed_is_bad_pdf_in_vietnamese(pki, data, words):
    with pytest.raises(SigningError) as e:
        sign(pki, data, SignatureBox(page=0, rect=(10, 10, 200, 60)))
    assert e.value.code == base.BAD_PDF
    assert words in e.value.message
