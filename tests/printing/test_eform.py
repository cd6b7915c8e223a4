"""The e-forms an online applicant gets (printing/receipt.py build_e_receipt, printing/forms.py
build_e_form): one copy, no line for the applicant's handwritten signature, the officer's digital
signature in its place, and the box for its visible stamp where ReportLab drew it. The box is read
back against the words around it (poppler's pdftotext -bbox): under the signer's title and note,
over the signer's name, on the same page, never alone on a page of its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from printing.forms import FormData, Letterhead, Signature, build_e_form, build_form
from printing.receipt import ReceiptData, ReceiptDocument, build_e_receipt, build_receipt
from tests.services.signing.signing_kit import pdf_words

AT = datetime(2026, 11, 23, 9, 15)
RECEIPT = ReceiptData(
    code="000.00.12.H62-261123-0007", agency_parent="UBND TỈNH VĨNH LONG", agency_name="Sở Tư pháp tỉnh Vĩnh Long",
    place_name="Vĩnh Long", applicant_name="Đặng Thị Ngọc Ánh",
    applicant_address="Số 5 đường Hùng Vương, Phường 1, Vĩnh Long", applicant_phone="0912345678",
    applicant_email="anh@example.vn", procedure_name="Đăng ký kết hôn",
    documents=(ReceiptDocument("Tờ khai đăng ký kết hôn", 1, 0), ReceiptDocument("Bản sao giấy khai sinh", 0, 2)),
    sets=1, processing_time="05 ngày làm việc", received_at=AT, due_at=datetime(2026, 11, 28, 9, 15),
    result_place="Trực tuyến, trên Cổng dịch vụ công", officer_name="Trần Quốc Bảo",
    lookup_url="https://dichvucong.vinhlong.gov.vn/tra-cuu?ma=x", form_number="Mẫu số 01")
LONG = replace(RECEIPT, documents=tuple(ReceiptDocument(f"Giấy tờ số {i} kèm theo hồ sơ đăng ký", 1, 1)
                                        for i in range(1, 61)))


def text(words, page=None) -> str:
    return " ".join(w[1] for w in words if page is None or w[0] == page)


def line_of(words, phrase: str) -> tuple[int, float, float, float, float]:
    """(page, x1, y1, x2, y2) of the first run of words spelling `phrase`."""
    parts = phrase.split()
    for i in range(len(words) - len(parts) + 1):
        run = words[i:i + len(parts)]
        if [w[1] for w in run] == parts and len({w[0] for w in run}) == 1:
            return (run[0][0], min(w[2] for w in run), min(w[3] for w in run), max(w[4] for w in run),
                    max(w[5] for w in run))
    raise AssertionError(f"«{phrase}» not in the PDF")


def assert_box_between(words, box, above: str, below: str) -> None:
    """The box lies on the page of `above` and `below`, under the first, over the second, and
    centred with them (within a few points)."""
    page_a, ax1, ay1, ax2, _ = line_of(words, above)
    page_b, bx1, _, bx2, by2 = line_of(words, below)
    x1, y1, x2, y2 = box.rect
    assert box.page == page_a == page_b
    assert by2 < y1 < y2 < ay1, (box, above, below)
    centre = (x1 + x2) / 2
    assert abs(centre - (ax1 + ax2) / 2) < 6 and abs(centre - (bx1 + bx2) / 2) < 6
    assert not any(w[0] == box.page and w[2] < x2 and w[4] > x1 and w[3] < y2 and w[5] > y1 for w in words), \
        "a word inside the signature box"


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_e_receipt_is_one_copy_signed_by_the_receiving_officer(tmp_path, paper):
    pdf, box = build_e_receipt(RECEIPT, paper)
    words = pdf_words(pdf, tmp_path)
    assert {w[0] for w in words} == {0}
    body = text(words)
    assert "(Chữ ký số của người tiếp nhận hồ sơ)" in body and "NGƯỜI TIẾP NHẬN HỒ SƠ" in body
    assert "NGƯỜI NỘP HỒ SƠ" not in body and "Ký và ghi rõ họ tên" not in body and "Liên" not in body
    assert "Bản điện tử, có chữ ký số · Mẫu số 01" in body
    assert_box_between(words, box, "(Chữ ký số của người tiếp nhận hồ sơ)", "Trần Quốc Bảo")
    assert box.rect[2] - box.rect[0] >= (120 if paper == "A4" else 100)  # room for the stamp's two lines


def test_the_evaluation_qr_takes_the_applicants_place(tmp_path):
    pdf, box = build_e_receipt(replace(RECEIPT, evaluation_url="https://dichvucong.gov.vn/danh-gia?ma=x"))
    words = pdf_words(pdf, tmp_path)
    caption = line_of(words, "Quét để đánh giá mức độ hài lòng")
    assert caption[3] < box.rect[0]  # left of the officer's column
    assert_box_between(words, box, "(Chữ ký số của người tiếp nhận hồ sơ)", "Trần Quốc Bảo")


def test_a_long_e_receipt_keeps_the_box_with_its_signature_block(tmp_path):
    pdf, box = build_e_receipt(LONG)
    words = pdf_words(pdf, tmp_path)
    assert max(w[0] for w in words) >= 1  # it did run over
    assert box.page == max(w[0] for w in words)
    assert_box_between(words, box, "(Chữ ký số của người tiếp nhận hồ sơ)", "Trần Quốc Bảo")
    assert "Vào Sổ theo dõi hồ sơ" in text(words, box.page)  # not alone: the rest of the form is with it


def test_the_paper_receipt_is_not_the_e_receipt():
    paper = build_receipt(RECEIPT)
    assert paper != build_e_receipt(RECEIPT)[0] and build_receipt(RECEIPT) == paper  # and still the same bytes


BOTH = (Signature("NGƯỜI NỘP HỒ SƠ", "Đặng Thị Ngọc Ánh"), Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Quốc Bảo"))


def form(points: int = 1, signers=BOTH) -> FormData:
    return FormData(number="Mẫu số 03", title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                    letterhead=Letterhead("UBND TỈNH VĨNH LONG", "Sở Tư pháp", "Vĩnh Long", AT),
                    code="000.00.12.H62-261123-0007", fields=(("Ông/Bà/Tổ chức", "Đặng Thị Ngọc Ánh"),),
                    paragraphs=("Hồ sơ không đủ điều kiện tiếp nhận vì các lý do sau:", "Xin thông báo để ông/bà biết."),
                    points=tuple(f"Lý do thứ {i}: giấy tờ chưa đúng mẫu quy định" for i in range(1, points + 1)),
                    signatures=signers, number_line="Số: 3/PTC")


def test_an_e_form_drops_the_applicants_signature_and_boxes_the_officers(tmp_path):
    pdf, box = build_e_form(form())
    words = pdf_words(pdf, tmp_path)
    body = text(words)
    assert "NGƯỜI NỘP HỒ SƠ" not in body and "Ký và ghi rõ họ tên" not in body
    assert "Mẫu số 03 · Bản điện tử, có chữ ký số" in body
    assert_box_between(words, box, "(Chữ ký số)", "Trần Quốc Bảo")
    paper = pdf_words(build_form(form()), tmp_path)
    assert "NGƯỜI NỘP HỒ SƠ" in text(paper) and "Ký và ghi rõ họ tên" in text(paper)


def test_the_head_of_agency_signs_the_apology_in_the_box(tmp_path):
    signer = Signature("GIÁM ĐỐC", "Lê Văn Cường", "KT. CHỦ TỊCH")
    pdf, box = build_e_form(replace(form(), signatures=(signer,)))
    words = pdf_words(pdf, tmp_path)
    assert_box_between(words, box, "(Chữ ký số)", "Lê Văn Cường")
    assert line_of(words, "KT. CHỦ TỊCH")[0] == box.page


def test_a_long_e_form_takes_its_whole_signature_block_to_the_next_page(tmp_path):
    pdf, box = build_e_form(form(points=38))
    words = pdf_words(pdf, tmp_path)
    assert box.page == 1 == max(w[0] for w in words)
    assert_box_between(words, box, "(Chữ ký số)", "Trần Quốc Bảo")
    assert line_of(words, "NGƯỜI TIẾP NHẬN HỒ SƠ")[0] == 1
