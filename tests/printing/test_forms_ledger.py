"""The tracking ledger (Form 07) on paper and in Excel: one book per sector (or group), its
entry numbers as STT, the lead agency and how the result was collected as columns, dates on one
line, at least 15 entries on a landscape page, the same file whenever it is printed."""

import io
import re
import subprocess
from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from app.domain.lifecycle import Action
from app.domain.permissions import Actor
from app.services.dossiers.forms import ledger_xlsx, print_ledger
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from tests.cli.test_cli import run
from tests.helpers.factories import OFFICER, citizen, request

MON = datetime(2026, 11, 23, 8, 30)
NOW = datetime(2026, 11, 27, 10, 0)
MARRIAGE, COPY = "1.000894", "2.009201"  # sectors TP-HT (Hộ tịch), TP-CT (Chứng thực)
LONGEST = "2.009101"  # a 250-character procedure name
DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


def pdf_text(tmp_path, pdf: bytes, name: str, page: int | None = None, layout: bool = False) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def pages_of(tmp_path, name: str) -> int:
    info = subprocess.run(["pdfinfo", str(tmp_path / f"{name}.pdf")], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info  # landscape
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_a_book_lists_its_entries_with_agency_and_how_the_result_was_collected(db, data_dir, tmp_path):
    counter = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    act(db, OFFICER, counter, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Nguyễn Thị Mai",
                                                       taker="Trần Văn Bảo", at=MON.replace(hour=9)))
    act(db, OFFICER, counter, Action.RESULT_READY, Facts(at=MON.replace(hour=15)))
    act(db, OFFICER, counter, Action.RETURN_RESULT, Facts(collector_name="Nguyễn Văn An",
                                                           collector_id_number="079090012345",
                                                           at=MON.replace(hour=16)))
    posted = register(db, OFFICER, request(MARRIAGE, received_at=MON.replace(hour=9))).code
    act(db, OFFICER, posted, Action.HAND_OVER, Facts(division="Phòng Văn hóa", giver="Mai", taker="Cúc",
                                                      at=MON.replace(hour=10)))
    act(db, OFFICER, posted, Action.RESULT_READY, Facts(at=MON.replace(hour=14)))
    act(db, OFFICER, posted, Action.RETURN_RESULT, Facts(postal_code="EE123456789VN", postal_address="5 Trần Phú",
                                                          at=datetime(2026, 11, 24, 9, 0)))
    other = register(db, OFFICER, request(COPY, received_at=MON.replace(hour=10))).code
    pdf = print_ledger(db, OFFICER, date(2026, 11, 23), date(2026, 11, 27), NOW)
    (tmp_path / "all.pdf").write_bytes(pdf)
    assert pages_of(tmp_path, "all") == 2  # two books, each from its own page
    first = re.sub(r"\s+", " ", pdf_text(tmp_path, pdf, "all", 2))  # the books in the order of their sector codes
    for needle in ("Mẫu số 07", "SỔ THEO DÕI HỒ SƠ", "Quyển: Hộ tịch (TP-HT)", "Từ ngày 23/11/2026 đến ngày 27/11/2026: 2 hồ sơ.",
                   "Cơ quan chủ trì giải quyết", "Hình thức nhận kết quả", "Ký nhận kết quả", "Phòng Tư pháp",
                   "Phòng Văn hóa", "Tại quầy", "Bưu chính: EE123456789VN", "24/11/2026",
                   "ngày 27 tháng 11 năm 2026", "Trang 2"):
        assert needle in first, needle
    assert counter in first and posted in first and other not in first
    layout = pdf_text(tmp_path, pdf, "all", 2, layout=True)
    rows = [line.split() for line in layout.splitlines() if counter in line or posted in line]
    assert [r[0] for r in rows] == ["1", "2"]  # STT is the entry number
    second = re.sub(r"\s+", " ", pdf_text(tmp_path, pdf, "all", 1))
    assert "Quyển: Chứng thực (TP-CT)" in second and other in second and counter not in second
    # One book; and the same file whenever it is printed.
    alone = print_ledger(db, OFFICER, date(2026, 11, 23), date(2026, 11, 27), NOW, book="TP-CT")
    assert alone == print_ledger(db, OFFICER, date(2026, 11, 23), date(2026, 11, 27), NOW + timedelta(days=40),
                                 book="TP-CT")
    (tmp_path / "one.pdf").write_bytes(alone)
    assert pages_of(tmp_path, "one") == 1 and counter not in pdf_text(tmp_path, alone, "one")
    # The spreadsheet: the same columns, a sheet per book.
    wb = load_workbook(io.BytesIO(ledger_xlsx(db, OFFICER, date(2026, 11, 23), date(2026, 11, 27))))
    assert wb.sheetnames == ["TP-CT", "TP-HT"]
    ws = wb["TP-HT"]
    assert [c.value for c in ws[2]] == ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân",
                                        "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết", "Ngày nhận hồ sơ",
                                        "Ngày hẹn trả kết quả", "Ngày trả kết quả", "Hình thức nhận kết quả",
                                        "Ký nhận kết quả"]
    assert [c.value for c in ws[4]][:2] == [2, posted]
    assert [c.value for c in ws[4]][5:10] == ["Phòng Văn hóa", "23/11/2026", "23/11/2026", "24/11/2026",
                                              "Bưu chính: EE123456789VN"]


def test_45_long_entries_take_3_landscape_pages_and_no_date_wraps(db, data_dir, tmp_path):
    person = citizen("Công ty Trách nhiệm hữu hạn Một thành viên Dịch vụ Văn hóa Nghệ thuật Phương Nam",
                     address="Số 123/45/6 đường Nguyễn Thị Minh Khai, khóm 3, Phường Long Châu, tỉnh Vĩnh Long "
                             "(trước đây: Phường 1, thành phố Vĩnh Long)", id_number=None, birth_date=None, sex=None)
    codes = [register(db, OFFICER, request(LONGEST, received_at=MON + timedelta(minutes=i), applicant=person)).code
             for i in range(45)]
    pdf = print_ledger(db, OFFICER, date(2026, 11, 23), date(2026, 11, 23), NOW)
    (tmp_path / "so.pdf").write_bytes(pdf)
    assert pages_of(tmp_path, "so") == 3
    per_page = [sum(c in pdf_text(tmp_path, pdf, "so", p) for c in codes) for p in (1, 2, 3)]
    assert sum(per_page) == 45 and min(per_page[:2]) >= 15
    whole = pdf_text(tmp_path, pdf, "so", layout=True)
    # Received and due for each entry, and the period's two: none broken over two lines.
    assert len(DATE.findall(whole)) == 45 * 2 + 2
    assert not re.search(r"\d{2}/\d{2}/\s*$", whole, re.MULTILINE)
    assert whole.count("0912345678") == 45  # a long address is cut, never the phone under it


def test_print_ledger_command_takes_a_book(capsys, data_dir, tmp_path):
    from app.services.bootstrap import seed_demo_office
    from db.engine import Database

    assert run(capsys, "db", "upgrade")[0] == 0
    db = Database(f"sqlite:///{data_dir / 'motcua.sqlite3'}")
    seed_demo_office(db)
    from app.paths import CATALOG_FILE
    from app.services.catalog import import_catalog

    import_catalog(db, Actor.system(), CATALOG_FILE)
    change_settings(db, Actor.system(), {"ledger.books": [{"key": "TP", "name": "Tư pháp", "sectors": ["TP-HT"]}]})
    code = register(db, OFFICER, request(MARRIAGE, received_at=MON)).code
    db.dispose()
    rc, out, err = run(capsys, "print", "ledger", "--from", "23/11/2026", "--to", "23/11/2026", "--book", "TP",
                       "-o", str(tmp_path / "tp.pdf"))
    assert rc == 0, err
    text = re.sub(r"\s+", " ", pdf_text(tmp_path, (tmp_path / "tp.pdf").read_bytes(), "tp"))
    assert "Quyển: Tư pháp (TP)" in text and code in text
    rc, out, err = run(capsys, "print", "ledger", "--from", "23/11/2026", "--to", "23/11/2026", "--book", "XYZ",
                       "-o", str(tmp_path / "x.pdf"))
    assert rc == 1 and err == "motcua: lỗi: Không có quyển sổ «XYZ» (có: TP).\n" and not (tmp_path / "x.pdf").exists()
