"""Form 01 fits its page (issue 20 §1): printed for real and read back. Pages per copy with
pdfinfo, each page's words with pdftotext, the Code128 of every page with zbarimg at 300 dpi."""

import json
import re
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import Role
from app.paths import RESOURCES
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import DocumentLine, Principal, register
from app.services.settings.store import change_settings, load_settings, upgrade_settings
from db.models import Agency, Dossier
from printing.receipt import ReceiptData, ReceiptDocument, build_receipt
from tests.helpers.factories import OFFICER, citizen, request

CODE = "000.00.01.H62-261123-0042"
LOOKUP = f"https://dichvucong.example.gov.vn/tra-cuu-ho-so?ma={CODE}"
CATALOG = json.loads((RESOURCES / "catalog" / "procedures.json").read_text(encoding="utf-8"))["procedures"]
# Two lines on A4, three on A5.
ADDRESS = "Số nhà 1234/56/78 đường Nguyễn Thị Minh Khai nối dài, khu phố Bình Hòa, Phường Long Châu, tỉnh Vĩnh Long"
# Three lines on A4 (four on A5): the worst case.
LONG_ADDRESS = ("Tổ dân phố số 12, khu phố Bình Hòa, số nhà 1234/56/78 đường Nguyễn Thị Minh Khai nối dài, gần chợ "
                "Long Châu cũ, Phường Long Châu, tỉnh Vĩnh Long (địa chỉ cũ: số 1234/56/78 đường Nguyễn Thị Minh "
                "Khai, Phường 1, thành phố Vĩnh Long, tỉnh Vĩnh Long)")
LONG_NAME = ("bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền "
             "với đất kèm theo sơ đồ thửa đất và bản vẽ hiện trạng công trình")
SIGNERS = ("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def page_count(pdf) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


def page_texts(pdf) -> list[str]:
    """Each page's words on one line (pdftotext ends every page with a form feed)."""
    return [re.sub(r"\s+", " ", p) for p in run("pdftotext", str(pdf), "-").split("\f")[:-1]]


# zbarimg crosses a page with a scan line every `density` pixels, across and down (default 1).
# A Code128 is read along one line through it: every 4th (0.4 mm at 250 dpi) still crosses each
# barcode, however placed or turned, many times, and scanning a page takes about a third less.
# The QR finder keeps zbar's default.
SCAN = {"CODE-128": ["-Sx-density=4", "-Sy-density=4"], "QR-Code": []}


def page_codes(pdf, kind: str = "CODE-128") -> list[list[str]]:
    """What zbarimg reads of `kind` on each page (rendered at 250 dpi, gray, uncompressed: the
    Code128 modules of 0.25 mm and more are 2.5 pixels wide or more)."""
    stem = pdf.with_suffix("")
    run("pdftoppm", "-r", "250", "-gray", str(pdf), str(stem))
    pages = sorted(pdf.parent.glob(f"{stem.name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    symbology = {"CODE-128": "code128", "QR-Code": "qrcode"}[kind]
    out = subprocess.run(["zbarimg", "-q", "--xml", "-Sdisable", f"-S{symbology}.enable", *SCAN[kind], *map(str, pages)],
                         capture_output=True, text=True).stdout
    found = {name: [] for name in (p.name for p in pages)}
    for source, body in re.findall(r"<source href='([^']+)'>(.*?)</source>", out, re.S):
        found[source.rsplit("/", 1)[-1]] = re.findall(r"<!\[CDATA\[(.*?)\]\]>", body)
    for p in pages:
        p.unlink()
    return [found[p.name] for p in pages]


def sample(documents, address: str = ADDRESS, **kw) -> ReceiptData:
    base = ReceiptData(
        code=CODE, agency_parent="UBND tỉnh Vĩnh Long", agency_name="Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long",
        place_name="Vĩnh Long", applicant_name="Huỳnh Thị Diễm Phương", applicant_address=address,
        applicant_phone="0912345678", applicant_email="diem.phuong.huynh@example.vn",
        applicant_id_number="079090012345", procedure_name="Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        documents=tuple(documents), sets=1, processing_time="05 ngày làm việc", received_at=datetime(2026, 11, 23, 9, 15),
        due_at=datetime(2026, 11, 30, 17, 0), result_place="Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh "
        "Vĩnh Long", officer_name="Nguyễn Thị Mai", lookup_url=LOOKUP, form_number="Mẫu số 01")
    return replace(base, **kw)


def check_copies(pdf, copies: int, per_copy: int, last_row: str) -> None:
    """`copies` runs of `per_copy` pages: each page says its "Liên", a continuation page repeats
    the code and "Trang x/y", the signatures stand on the page of the last document row (never
    elsewhere), and the barcode on every page reads the dossier code."""
    assert page_count(pdf) == copies * per_copy
    texts = page_texts(pdf)
    for i, text in enumerate(texts):
        copy, page = i // per_copy + 1, i % per_copy + 1
        assert f"Liên {copy}" in text, (i, text[:200])
        if page > 1:
            assert f"Trang {page}/{per_copy}" in text and f"Mã hồ sơ: {CODE}" in text, (i, text[:200])
        last = page == per_copy
        assert (last_row in text) == last and all((signer in text) == last for signer in SIGNERS), (i, text[-400:])
    assert page_codes(pdf) == [[CODE]] * (copies * per_copy)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_every_catalog_procedure_prints_one_sheet_per_copy(paper, tmp_path):
    """Each of the 44 procedures with all its catalog documents, a two-line address, a fee, the
    look-up QR and the longest agency name of the demo office: one page per copy, 1 to 3 copies."""
    assert len(CATALOG) == 44
    for i, proc in enumerate(CATALOG):
        docs = [ReceiptDocument(d["name"], d["originals"], d["copies"]) for d in proc["documents"]]
        fees = tuple((f["name"], f["amount"]) for f in proc["fees"][:1])
        data = sample(docs, procedure_name=proc["name"], fees=fees)
        copies = i % 3 + 1
        pdf = tmp_path / f"{proc['code']}.pdf"
        pdf.write_bytes(build_receipt(data, paper=paper, copies=copies))
        check_copies(pdf, copies, 1, docs[-1].name[:40])


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_fifteen_long_documents_run_onto_numbered_continuation_pages(paper, tmp_path):
    """15 documents of 150 characters and a three-line address do not fit one sheet at a legible
    size (README "Form 01 fits its page"): each copy takes two pages, the second repeating the
    copy, the code, its barcode and "Trang 2/2", with the last rows and the signatures."""
    docs = [ReceiptDocument(f"Giấy tờ số {i:02d}: {LONG_NAME}"[:150], 1, 1) for i in range(1, 16)]
    assert {len(d.name) for d in docs} == {150}
    data = sample(docs, address=LONG_ADDRESS)
    for copies in (1, 2, 3):
        pdf = tmp_path / f"long-{copies}.pdf"
        pdf.write_bytes(build_receipt(data, paper=paper, copies=copies))
        check_copies(pdf, copies, 2, "Giấy tờ số 15")
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]  # the band too: only our embedded serif
    assert fonts and all(" yes yes yes " in row for row in fonts), fonts
    assert not any("Helvetica" in row for row in fonts), fonts
    assert build_receipt(data, paper=paper, copies=2) == build_receipt(data, paper=paper, copies=2)


@pytest.mark.parametrize("paper,count", [("A4", 6), ("A5", 3)])
def test_long_documents_and_a_three_line_address_keep_one_sheet_up_to(paper, count, tmp_path):
    """What one sheet holds at the smallest size (10 pt on A4, 8.5 pt on A5) in Noto Serif, the
    wider of the two faces: names of 150 characters (three lines each) and a three-line address."""
    docs = [ReceiptDocument(f"Giấy tờ số {i:02d}: {LONG_NAME}"[:150], 1, 0) for i in range(1, count + 1)]
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(build_receipt(sample(docs, address=LONG_ADDRESS), paper=paper, copies=2))
    check_copies(pdf, 2, 1, f"Giấy tờ số {count:02d}")


SIX_DOCUMENTS = next(p for p in CATALOG if len(p["documents"]) == 6)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_new_receipt_for_a_six_document_procedure_prints_one_sheet_per_copy(db, paper, tmp_path):
    change_settings(db, Actor.system(), {"receipt.paper": paper, "receipt.lookup_url": "https://dvc.example.vn/?ma={code}"})
    docs = [DocumentLine(d["name"], d["originals"], d["copies"]) for d in SIX_DOCUMENTS["documents"]]
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15),
                                        applicant=citizen(address=ADDRESS), documents=docs))
    pdf = tmp_path / "six.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    assert page_count(pdf) == 2  # the default two copies
    assert page_codes(pdf) == [[reg.code], [reg.code]]
    assert page_codes(pdf, "QR-Code") == [[f"https://dvc.example.vn/?ma={reg.code}"]] * 2
    assert all(docs[-1].name[:40] in text and SIGNERS[1] in text for text in page_texts(pdf))


def test_no_lookup_address_no_qr_code_and_the_barcode_has_the_row(db, tmp_path):
    """The default: no guessed portal address, so no look-up QR (issue 20 §6)."""
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15)))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    assert page_codes(pdf, "QR-Code") == [[], []]
    assert page_codes(pdf) == [[reg.code], [reg.code]]
    assert "Quét mã" not in run("pdftotext", str(pdf), "-")


def test_the_authorising_person_and_the_counter_wording(db, tmp_path):
    change_settings(db, Actor.system(), {"receipt.result_place": "Quầy số 3, Trung tâm Phục vụ hành chính công"})
    principal = Principal(name="Trần Văn Bình", address="Số 8 đường 3 Tháng 2, Phường Long Châu, tỉnh Vĩnh Long",
                          id_number="086185004321", phone="0939123456", email="binh.tran@example.vn",
                          paper="Giấy ủy quyền số 12/2026/GUQ ngày 20/11/2026")
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15),
                                        principal=principal))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    text = page_texts(pdf)[0]
    for needle in ("Trường hợp nộp thay/ủy quyền – người ủy quyền, Ông (Bà)/Tổ chức: Trần Văn Bình",
                   "Số định danh cá nhân/tổ chức: 086185004321",
                   "Địa chỉ: Số 8 đường 3 Tháng 2, Phường Long Châu, tỉnh Vĩnh Long",
                   "Số điện thoại: 0939123456 Email: binh.tran@example.vn",
                   "Giấy tờ ủy quyền: Giấy ủy quyền số 12/2026/GUQ ngày 20/11/2026",
                   "6. Đăng ký nhận kết quả tại: Quầy số 3, Trung tâm Phục vụ hành chính công"):
        assert needle in text, needle
    assert page_count(pdf) == 2
    # A supervisor's masked copy masks the authorising person's numbers as the applicant's.
    masked = tmp_path / "m.pdf"
    masked.write_bytes(print_receipt(db, Actor(login="lanhdao", role=Role.SUPERVISOR), reg.code, tmp_path).pdf)
    text = page_texts(masked)[0]
    assert "Ông (Bà)/Tổ chức: Trần Văn Bình" in text and "Số định danh cá nhân/tổ chức: 086******321" in text
    assert "Số điện thoại: 093****456 Email: b********@example.vn" in text
    for whole in ("086185004321", "0939123456", "binh.tran@", "3 Tháng 2"):
        assert whole not in text, whole


def test_filed_in_person_no_authorisation_block(db, tmp_path):
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15)))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    text = page_texts(pdf)[0]
    assert "nộp thay" not in text and "Giấy tờ ủy quyền" not in text
    with db.reading() as s:
        agency = s.scalars(select(Agency)).one().name
    assert f"6. Đăng ký nhận kết quả tại: Bộ phận Một cửa – {agency}" in text


def test_the_ledger_entry_or_the_forms_dotted_placeholders(db, tmp_path):
    first = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15)))
    second = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 30)))
    with db.reading() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == second.code)).one()
        assert (d.ledger_year, d.ledger_number) == (2026, 2) and d.ledger_book
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, second.code, tmp_path).pdf)
    text = page_texts(pdf)[0]
    assert re.search(r"Vào Sổ theo dõi hồ sơ, Quyển số: \S.* – năm 2026, Số thứ tự: 0002 ", text), text
    # A dossier with no entry (received before the books existed): the form's dots, never a
    # number taken from its code.
    with db.writing() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == first.code)).one()
        d.ledger_book = d.ledger_year = d.ledger_number = None
    pdf.write_bytes(print_receipt(db, OFFICER, first.code, tmp_path).pdf)
    text = page_texts(pdf)[0]
    assert "Vào Sổ theo dõi hồ sơ, Quyển số ………… Số thứ tự ………… (nếu có)" in text
    assert f"Số thứ tự {first.code[-4:]}" not in text and "Số thứ tự: " not in text


def test_an_address_the_office_stored_is_kept_and_clearing_it_drops_the_qr(db, tmp_path):
    """The old default was the Vĩnh Long portal; a value stored equal to it was typed in by the
    office (a value equal to the one in force is never stored), so no upgrade step clears it."""
    old_default = "https://dichvucong.vinhlong.gov.vn/tra-cuu-ho-so?ma={code}"
    change_settings(db, Actor.system(), {"receipt.lookup_url": old_default})
    upgrade_settings(db)
    assert load_settings(db)["receipt.lookup_url"] == old_default
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15)))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    assert page_codes(pdf, "QR-Code")[0] == [old_default.replace("{code}", reg.code)]
    change_settings(db, Actor.system(), {"receipt.lookup_url": ""})
    assert load_settings(db)["receipt.lookup_url"] == ""


def test_a_receipt_rebuilt_without_its_archive_is_the_same_bytes(db, tmp_path):
    """Dated by its reception, never by the moment of printing: even rebuilt (the archived file
    lost), a long two-page-per-copy receipt comes out byte for byte the same."""
    docs = [DocumentLine(f"Giấy tờ số {i:02d}: {LONG_NAME}"[:150], 1, 0) for i in range(1, 16)]
    reg = register(db, OFFICER, request(SIX_DOCUMENTS["code"], received_at=datetime(2026, 11, 23, 9, 15),
                                        applicant=citizen(address=LONG_ADDRESS), documents=docs))
    first = print_receipt(db, OFFICER, reg.code, tmp_path)
    first.path.unlink()
    again = print_receipt(db, OFFICER, reg.code, tmp_path)
    assert again.pdf == first.pdf and not again.reprint
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(again.pdf)
    assert page_count(pdf) == 4 and "Vĩnh Long, ngày 23 tháng 11 năm 2026" in page_texts(pdf)[0]
