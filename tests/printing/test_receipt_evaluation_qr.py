"""The receipt's QR to the portal's evaluation page (setting rating.evaluation_url, printed by
printing/receipt.py beside items 2-6): read back with zbarimg, the pages counted with pdfinfo
and read with pdftotext; none when the setting is empty (the default)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from app.domain.permissions import Actor
from app.errors import UserError
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import register
from app.services.settings.store import change_settings, load_settings
from printing.receipt import ReceiptDocument, build_receipt
from tests.helpers.factories import OFFICER, request
from tests.printing.test_receipt_fits import (
    CATALOG,
    CODE,
    LONG_ADDRESS,
    LONG_NAME,
    LOOKUP,
    SIGNERS,
    check_copies,
    page_codes,
    page_count,
    page_texts,
    sample,
)

PATTERN = "https://dichvucong.example.gov.vn/danh-gia-hai-long?ma_ho_so={code}"
EVALUATION = PATTERN.replace("{code}", CODE)
CAPTION = "Quét để đánh giá mức độ hài lòng"


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_every_catalog_procedure_keeps_one_sheet_per_copy_with_the_qr(paper, tmp_path):
    """The 44 procedures with all their documents, a fee, the look-up QR and the evaluation QR:
    one page per copy, the signatures on it."""
    for i, proc in enumerate(CATALOG):
        docs = [ReceiptDocument(d["name"], d["originals"], d["copies"]) for d in proc["documents"]]
        fees = tuple((f["name"], f["amount"]) for f in proc["fees"][:1])
        data = sample(docs, procedure_name=proc["name"], fees=fees, evaluation_url=EVALUATION)
        copies = i % 2 + 1
        pdf = tmp_path / f"{proc['code']}.pdf"
        pdf.write_bytes(build_receipt(data, paper=paper, copies=copies))
        assert page_count(pdf) == copies, proc["code"]
        assert all(CAPTION in t and all(s in t for s in SIGNERS) for t in page_texts(pdf)), proc["code"]


@pytest.mark.parametrize("paper,count", [("A4", 6), ("A5", 3)])
def test_the_fullest_single_sheet_still_holds_the_qr(paper, count, tmp_path):
    """What one sheet holds at the smallest size without the QR (tests/printing/test_receipt_fits.py)
    still fits with it: the QR takes room beside the items, not below them."""
    docs = [ReceiptDocument(f"Giấy tờ số {i:02d}: {LONG_NAME}"[:150], 1, 0) for i in range(1, count + 1)]
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(build_receipt(sample(docs, address=LONG_ADDRESS, evaluation_url=EVALUATION), paper=paper,
                                  copies=2))
    check_copies(pdf, 2, 1, f"Giấy tờ số {count:02d}")
    assert page_codes(pdf, "QR-Code") == [sorted([LOOKUP, EVALUATION])] * 2


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_continuation_pages_keep_the_signatures_with_the_last_rows(paper, tmp_path):
    docs = [ReceiptDocument(f"Giấy tờ số {i:02d}: {LONG_NAME}"[:150], 1, 1) for i in range(1, 16)]
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(build_receipt(sample(docs, address=LONG_ADDRESS, evaluation_url=EVALUATION), paper=paper,
                                  copies=2))
    check_copies(pdf, 2, 2, "Giấy tờ số 15")
    texts = page_texts(pdf)
    assert [CAPTION in t for t in texts] == [False, True, False, True]  # with items 2-6, by the signatures


def test_the_setting_puts_the_qr_on_a_new_receipt_and_empty_takes_it_away(db, tmp_path):
    reg = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 23, 9, 15)))
    assert load_settings(db)["rating.evaluation_url"] == ""  # the default: no QR
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path / "a").pdf)
    assert page_codes(plain, "QR-Code") == [[], []]
    assert all(CAPTION not in t for t in page_texts(plain))
    change_settings(db, Actor.system(), {"rating.evaluation_url": PATTERN})
    other = register(db, OFFICER, request("1.000894", received_at=datetime(2026, 11, 23, 9, 30)))
    pdf = tmp_path / "rated.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, other.code, tmp_path / "b").pdf)
    assert page_count(pdf) == 2
    assert page_codes(pdf, "QR-Code") == [[PATTERN.replace("{code}", other.code)]] * 2
    assert all(CAPTION in t for t in page_texts(pdf))


def test_an_empty_address_builds_the_same_receipt_as_before():
    """No URL: the items are laid out as they were (same bytes as a receipt without the field)."""
    data = sample([ReceiptDocument("Tờ khai", 1, 0)])
    assert build_receipt(replace(data, evaluation_url="")) == build_receipt(data)
    assert build_receipt(replace(data, evaluation_url=EVALUATION)) != build_receipt(data)


@pytest.mark.parametrize("value", ["http://dvc.example.vn/danh-gia?ma={code}", "https://dvc.example.vn/danh-gia",
                                   "https://dvc example.vn/{code}", "dvc.example.vn/{code}"])
def test_only_an_https_address_with_the_code_is_taken(db, value):
    with pytest.raises(UserError, match="một địa chỉ https có chứa \\{code\\}"):
        change_settings(db, Actor.system(), {"rating.evaluation_url": value})
    assert load_settings(db)["rating.evaluation_url"] == ""
