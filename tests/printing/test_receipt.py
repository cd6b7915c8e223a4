"""The receipt as a citizen gets it: rendered at 300 dpi and read back with zbarimg (the barcode
and the QR code), pdftotext (every label and value), pdffonts (only embedded fonts)."""

import re
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.permissions import Actor
from app.domain.vocab import ResultMethod, Role
from app.errors import NotFound, PermissionDenied
from app.services.dossiers.receipts import print_receipt, receipt_data
from app.services.intake.registration import DocumentLine, FeeLine, register
from app.services.settings.store import change_settings
from db.models import Agency, AuditRecord
from printing import fonts
from printing.receipt import ReceiptData, ReceiptDocument, build_receipt
from tests.helpers.factories import OFFICER, citizen, request

MARRIAGE = "1.000894"
RECEIVED = datetime(2026, 11, 23, 9, 15)


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def decode(pdf_path, page: int = 1) -> dict[str, list[str]]:
    png = pdf_path.with_suffix("")
    run("pdftoppm", "-r", "300", "-png", "-gray", "-f", str(page), "-l", str(page), "-singlefile",
        str(pdf_path), str(png))
    out = subprocess.run(["zbarimg", "-q", str(png) + ".png"], capture_output=True, text=True).stdout
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        kind, _, value = line.partition(":")
        found.setdefault(kind, []).append(value)
    return found


def text_of(pdf_path, layout: bool = True) -> str:
    # -layout keeps each line's words in order; without it, a table cell's lines stay together.
    return run("pdftotext", *(["-layout"] if layout else []), str(pdf_path), "-")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def registered(db):
    req = request(MARRIAGE, received_at=RECEIVED, applicant=citizen("Đặng Thị Ngọc Ánh", address="Số 5 đường Hùng Vương, Phường 1, Vĩnh Long"),
                  documents=[DocumentLine("Tờ khai đăng ký kết hôn", 1, 0), DocumentLine("Bản sao giấy khai sinh", 0, 2)],
                  fees=[FeeLine("Lệ phí đăng ký kết hôn", 30000)], sets=2)
    return register(db, OFFICER, req)


def test_receipt_reads_back_code_qr_labels_and_values(db, registered, tmp_path):
    change_settings(db, Actor.system(), {"receipt.lookup_url": "https://dichvucong.vinhlong.gov.vn/tra-cuu-ho-so?ma={code}"})
    receipt = print_receipt(db, OFFICER, registered.code, tmp_path)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(receipt.pdf)
    codes = decode(pdf)
    assert codes["CODE-128"] == [registered.code]
    assert codes["QR-Code"] == [f"https://dichvucong.vinhlong.gov.vn/tra-cuu-ho-so?ma={registered.code}"]
    text = flat(text_of(pdf))
    with db.reading() as s:
        data = receipt_data(s, registered.code)
        agency = s.scalars(select(Agency)).one().name
    for needle in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"Mã hồ sơ: {registered.code}",
                   "UBND TỈNH VĨNH LONG", "Vĩnh Long, ngày 23 tháng 11 năm 2026",
                   "tiếp nhận hồ sơ của Ông (Bà)/Tổ chức: Đặng Thị Ngọc Ánh",
                   "Số định danh cá nhân/tổ chức: 079090012345",
                   "Địa chỉ: Số 5 đường Hùng Vương, Phường 1, Vĩnh Long",
                   "Số điện thoại: 0912345678", "Email: an.nguyen@example.vn",
                   f"Nội dung yêu cầu giải quyết: {data.procedure_name}", "1. Hồ sơ gồm:",
                   "Tờ khai đăng ký kết hôn", "Bản sao giấy khai sinh", "2. Số lượng hồ sơ: 02 (bộ)",
                   f"3. Thời gian giải quyết hồ sơ theo quy định là: {data.processing_time}",
                   "4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23/11/2026",
                   f"5. Thời gian trả kết quả giải quyết hồ sơ: {data.due_at:%H} giờ {data.due_at:%M} phút, ngày {data.due_at:%d/%m/%Y}",
                   f"6. Đăng ký nhận kết quả tại: Bộ phận Một cửa – {agency}", "7. Phí, lệ phí: 30.000 đ",
                   # The marriage's sector book (Hộ tịch), its first entry of 2026 (not the code's sequence).
                   "Vào Sổ theo dõi hồ sơ, Quyển số: Hộ tịch – năm 2026, Số thứ tự: 0001",
                   "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)",
                   "(Chữ ký số của người tiếp nhận hồ sơ nếu là biểu mẫu điện tử)", "Nguyễn Thị Mai", "Liên 1", "Liên 2", "Mẫu số 01"]:
        assert needle in text, needle
    assert "Quét mã để tra cứu hồ sơ" in flat(text_of(pdf, layout=False))  # the QR's caption, beside it
    assert run("pdfinfo", str(pdf)).count("Pages:           2") == 1
    assert decode(pdf, page=2)["CODE-128"] == [registered.code]


def test_a_supervisor_gets_a_masked_copy_marked_as_such_and_the_archive_stays(db, registered, tmp_path):
    archived = print_receipt(db, OFFICER, registered.code, tmp_path)
    boss = Actor(login="lanhdao", role=Role.SUPERVISOR, full_name="Lãnh đạo")
    copy = print_receipt(db, boss, registered.code, tmp_path)
    assert (copy.masked, copy.path, copy.reprint) == (True, None, False) and copy.pdf != archived.pdf
    pdf = tmp_path / "che.pdf"
    pdf.write_bytes(copy.pdf)
    text = flat(text_of(pdf))
    for needle in ["BẢN XEM CHE THÔNG TIN CÁ NHÂN – không phải giấy đã giao, không thay bản lưu",
                   "tiếp nhận hồ sơ của Ông (Bà)/Tổ chức: Đặng Thị Ngọc Ánh",
                   "Số định danh cá nhân/tổ chức: 079******345",
                   "Địa chỉ: ***, Phường 1, Vĩnh Long", "Số điện thoại: 091****678", "Email: a********@example.vn",
                   f"Mã hồ sơ: {registered.code}"]:
        assert needle in text, needle
    for whole in ("079090012345", "0912345678", "an.nguyen@example.vn", "Hùng Vương", "Liên 1", "Liên 2"):
        assert whole not in text, whole
    assert run("pdfinfo", str(pdf)).count("Pages:           1") == 1  # one copy: nothing to hand out
    assert decode(pdf)["CODE-128"] == [registered.code]  # still finds the dossier when scanned
    assert archived.path.read_bytes() == archived.pdf  # the citizen's receipt is untouched
    assert print_receipt(db, OFFICER, registered.code, tmp_path).pdf == archived.pdf
    with db.reading() as s:
        actions = list(s.scalars(select(AuditRecord.action).where(AuditRecord.entity_id == registered.code)
                                 .order_by(AuditRecord.id)))
    assert actions[-3:] == ["receipt.print", "receipt.masked_copy", "receipt.reprint"]


def test_only_embedded_fonts_with_vietnamese(tmp_path, db, registered):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, registered.code, tmp_path).pdf)
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all(" yes yes yes " in r for r in rows), rows
    assert not any("Helvetica" in r or "Times-Roman" in r for r in rows)


def test_a5_one_copy_and_post_result(db, tmp_path):
    change_settings(db, Actor.system(), {"receipt.paper": "A5", "receipt.copies": 1})
    reg = register(db, OFFICER, request(MARRIAGE, received_at=RECEIVED, result_method=ResultMethod.POST,
                                        result_address="Ấp Phú Hòa, xã Long Hồ"))
    pdf = tmp_path / "a5.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    info = run("pdfinfo", str(pdf))
    assert "Pages:           1" in info and "419.5" in info and "595.2" in info
    assert decode(pdf)["CODE-128"] == [reg.code]
    assert "Qua bưu chính công ích: Ấp Phú Hòa, xã Long Hồ" in flat(text_of(pdf))


def sample(**kw) -> ReceiptData:
    base = ReceiptData(
        code="000.00.01.H62-261123-0042", agency_parent="UBND tỉnh Vĩnh Long", agency_name="Bộ phận Một cửa",
        place_name="Vĩnh Long", applicant_name="Huỳnh Thị Diễm", applicant_address="", applicant_phone="",
        applicant_email="", procedure_name="Cấp giấy phép", documents=(), sets=1, processing_time="05 ngày làm việc",
        received_at=RECEIVED, due_at=datetime(2026, 11, 30, 17, 0), result_place="Tại quầy", officer_name="Mai",
        lookup_url="https://example.vn/?ma=000.00.01.H62-261123-0042", ledger_book="Quyển số 2026",
        ledger_number="0042")
    return replace(base, **kw)


def test_twenty_five_long_documents_flow_onto_more_pages(tmp_path):
    names = tuple(f"Giấy tờ số {i:02d}: " + "bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, "
                  "quyền sở hữu nhà ở và tài sản khác gắn liền với đất kèm theo sơ đồ thửa đất"[:130]
                  for i in range(1, 26))
    data = sample(documents=tuple(ReceiptDocument(n, 1, 1) for n in names))
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(build_receipt(data, copies=1))
    text = flat(text_of(pdf))
    for i in range(1, 26):
        assert f"Giấy tờ số {i:02d}:" in text
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))
    assert pages >= 2
    assert decode(pdf, page=pages)["CODE-128"] == [data.code]  # the codes close the last page


def test_a_masked_copy_takes_no_more_room_than_the_copy_it_stands_for():
    """Its note stands where "Liên 1" does, one line: whatever the number of documents, the masked
    copy has as many pages as the plain one, so its signatures never go to a page of their own."""
    import pypdfium2

    from app.services.dossiers.receipts import MASKED_RECEIPT_NOTE

    def pages(data: ReceiptData) -> int:
        return len(pypdfium2.PdfDocument(build_receipt(data, copies=1)))

    name = "Giấy chứng nhận đủ điều kiện về an ninh, trật tự; giấy tờ về phòng cháy và chữa cháy"
    counts = []
    for n in range(0, 16):
        plain = sample(documents=tuple(ReceiptDocument(f"{i}. {name}", 1, 0) for i in range(n)),
                       agency_name="Bộ phận Tiếp nhận và Trả kết quả - Sở Văn hóa, Thể thao và Du lịch")
        counts.append(pages(plain))
        assert pages(replace(plain, masked_note=MASKED_RECEIPT_NOTE)) == counts[-1], n
    assert counts[0] == 1 and counts[-1] == 2  # the loop crossed the end of the first page


def test_same_data_same_bytes():
    assert build_receipt(sample()) == build_receipt(sample())


def test_reprint_is_the_archived_file_even_after_settings_change(any_db, tmp_path):
    reg = register(any_db, OFFICER, request(MARRIAGE, received_at=RECEIVED))
    first = print_receipt(any_db, OFFICER, reg.code, tmp_path)
    assert not first.reprint
    assert first.path == tmp_path / "receipts" / "2026" / "11" / f"{reg.code}.pdf"
    change_settings(any_db, Actor.system(), {"receipt.copies": 1, "receipt.paper": "A5"})
    again = print_receipt(any_db, OFFICER, reg.code.lower(), tmp_path)
    assert again.reprint and again.pdf == first.pdf and again.sha256 == first.sha256
    assert list(first.path.parent.iterdir()) == [first.path]  # no temp files left
    with any_db.reading() as s:
        actions = s.scalars(select(AuditRecord.action).where(AuditRecord.entity_id == reg.code)
                            .order_by(AuditRecord.id)).all()
    assert actions[-2:] == ["receipt.print", "receipt.reprint"]


def test_guide_and_unknown_code_are_refused(db, registered, tmp_path):
    with pytest.raises(PermissionDenied, match="không được phép xem hồ sơ"):
        print_receipt(db, Actor(login="huongdan", role=Role.GUIDE), registered.code, tmp_path)
    with pytest.raises(NotFound, match="Không có hồ sơ mã «000.00.01.H62-261123-9999»"):
        print_receipt(db, OFFICER, "000.00.01.H62-261123-9999", tmp_path)
    assert not (tmp_path / "receipts").exists()  # nothing archived for a refused print


def test_times_new_roman_is_preferred_when_present(tmp_path):
    noto = fonts.noto_serif()
    assert fonts.choose([tmp_path])[0] == "Noto Serif"
    (tmp_path / "msttcorefonts").mkdir()
    (tmp_path / "msttcorefonts" / "times.ttf").write_bytes(noto["regular"].read_bytes())
    (tmp_path / "msttcorefonts" / "timesbd.ttf").write_bytes(noto["bold"].read_bytes())
    family, files = fonts.choose([tmp_path])
    assert family == "Times New Roman"
    assert files["regular"].name == "times.ttf" and files["bold"].name == "timesbd.ttf"


def test_agency_header_comes_from_settings(db, tmp_path):
    change_settings(db, Actor.system(), {"receipt.header_parent": "UBND xã Long Hồ",
                                         "receipt.header_unit": "Bộ phận Một cửa xã Long Hồ",
                                         "receipt.place": "Long Hồ"})
    reg = register(db, OFFICER, request(MARRIAGE, received_at=RECEIVED))
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(print_receipt(db, OFFICER, reg.code, tmp_path).pdf)
    text = flat(text_of(pdf, layout=False))
    assert "UBND XÃ LONG HỒ" in text and "BỘ PHẬN MỘT CỬA XÃ LONG HỒ" in text
    assert "Long Hồ, ngày 23 tháng 11 năm 2026" in text
    assert "Bộ phận Một cửa xã Long Hồ tiếp nhận hồ sơ của" in text


def test_a_receipt_cut_short_by_a_power_cut_leaves_nothing_for_long(db, registered, tmp_path):
    """write_atomically's hidden temporary file survives a kill -9 (tests/crash); the next
    receipt written in that month's folder removes it, unless it is fresh (another counter
    writing into the same shared folder)."""
    import os
    import time

    from app.services.dossiers.receipts import archive_path

    folder = archive_path(tmp_path, registered.code, RECEIVED).parent
    folder.mkdir(parents=True)
    orphan, busy = folder / ".000.00.01.H62-261123-0001.pdf.x1y2.tmp", folder / ".other.pdf.z9.tmp"
    orphan.write_bytes(b"%PDF-1.4 cut sh")
    busy.write_bytes(b"%PDF-1.4 being wr")
    hour_ago = time.time() - 3700
    os.utime(orphan, (hour_ago, hour_ago))
    receipt = print_receipt(db, OFFICER, registered.code, tmp_path)
    assert receipt.path.parent == folder and receipt.path.is_file()
    assert not orphan.exists() and busy.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([busy.name, receipt.path.name])
