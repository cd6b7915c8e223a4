"""The dossier window's "Tệp số hóa": each document line's state, paper pages and files, the
result documents; a file opens in Qt's own PDF viewer (an image as an image), prints (to a QPrinter
writing a PDF, checked with pdfinfo and pdftoppm) and is saved as a copy (the same bytes); result
files chosen by hand are attached, and a bad one is one Vietnamese line with nothing attached.
Real SQLite file, real data folder, a real PDF assembled from scanned pages by assemble_pdf."""

import io
import subprocess
import threading
from datetime import datetime

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

import ui.dossiers.detail_files as files_module
from app.devices.docscan.assemble import assemble_pdf
from app.devices.docscan.base import ScannedPage
from app.domain.lifecycle import Action
from app.services.dossiers.digitization import FileInput, record_digitization
from app.services.dossiers.lifecycle import Facts, act
from app.services.files.store import path_of
from app.services.intake.registration import register
from db.models import AuditRecord, DossierFile
from tests.devices import docscan_samples as samples
from tests.helpers.factories import OFFICER, request
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.file_viewer import FileViewer
from ui.main import make_app

MON = datetime(2026, 11, 23, 9, 0)
WAIT_MS = 20_000


def page(fmt: str, mm=(210, 297)) -> bytes:
    """A scanned page at 200 dpi: white, with a black block in its top left quarter (so a printout
    can be told from a blank page)."""
    px = (round(mm[0] / 25.4 * 200), round(mm[1] / 25.4 * 200))
    im = Image.new("L", px, 255)
    ImageDraw.Draw(im).rectangle((0, 0, px[0] // 2, px[1] // 2), fill=0)
    out = io.BytesIO()
    im.save(out, fmt, dpi=(200, 200))
    return out.getvalue()


SCAN = assemble_pdf([ScannedPage(1, page("JPEG"), "image/jpeg"), ScannedPage(2, page("PNG", (148, 210)), "image/png")])


@pytest.fixture
def code(db, tmp_path):
    make_app()
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    record_digitization(db, OFFICER, code, 0, "scanned", files=[FileInput(SCAN, "to-khai.pdf", 2)],
                        data_dir=tmp_path, paper_pages=2)
    record_digitization(db, OFFICER, code, 1, "shown", data_dir=tmp_path)
    return code


def dialog(qtbot, db, code, data_dir) -> DossierDetailDialog:
    d = DossierDetailDialog(db, OFFICER, code, data_dir=data_dir)
    qtbot.addWidget(d)
    d.show()  # its files are read once it is shown (ui/dossiers/detail.py)
    qtbot.waitUntil(lambda: d.files.tree.topLevelItemCount() > 0, timeout=10_000)
    return d


def texts(item, columns=5):
    return [item.text(c) for c in range(columns)]


def finish(db, code):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)


def pdfinfo(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_each_line_shows_its_state_paper_pages_and_files(qtbot, db, code, tmp_path):
    d = dialog(qtbot, db, code, tmp_path)
    tree = d.files.tree
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert texts(first)[1:4] == ["Đã số hóa (quét hoặc chọn tệp)", "2", "2"]
    assert texts(first.child(0))[0] == "to-khai.pdf" and texts(first.child(0))[3] == "2"
    assert texts(first.child(0))[4] == f"{round(len(SCAN) / 1024)} KB"
    assert texts(second)[1:] == ["Chỉ xuất trình", "", "", ""] and second.childCount() == 0
    results = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert texts(results)[:2] == ["Tài liệu kết quả", "Chưa có"]
    assert tree.headerItem().text(0) == "Giấy tờ, tệp"
    # Received, not finished: the result cannot be attached yet, and the button says when it can.
    assert not d.files.attach_button.isEnabled() and d.files.attach_button.text() == "Đính kèm kết quả…"
    assert d.files.digitize_button.text() == "Số hóa thành phần…"
    assert [i.text(0) for i in d.files.file_items()] == ["to-khai.pdf"]


def test_without_the_data_folder_the_window_is_as_before(qtbot, db, code):
    d = DossierDetailDialog(db, OFFICER, code)
    qtbot.addWidget(d)
    assert d.files is None


def test_a_scan_opens_in_qt_pdf_viewer_is_audited_and_prints_its_pages(qtbot, db, code, tmp_path):
    d = dialog(qtbot, db, code, tmp_path)
    item = d.files.file_items()[0]
    d.files.tree.setCurrentItem(item)
    assert d.files.open_button.isEnabled()
    d.files.open_button.click()
    viewer = d.files.viewer
    assert isinstance(viewer, FileViewer) and viewer.findChild(QPdfView, "pdfView") is not None
    assert viewer.page_count() == 2 and viewer.windowTitle() == f"to-khai.pdf · {code}"
    with db.reading() as s:
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)).one()
    assert (audit.action, audit.entity_id) == ("dossier.open_file", code)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert viewer.print_to(printer) == 2
    info = pdfinfo(tmp_path / "printed.pdf")
    assert info["Pages"] == "2" and "(A4)" in info["Page size"]
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(tmp_path / "printed.pdf"),
                    str(tmp_path / "shot")], check=True)
    shot = Image.open(next(tmp_path.glob("shot*.pgm")))
    w, h = shot.size
    assert shot.getpixel((w // 5, h // 5)) < 64  # the black block, printed
    assert shot.getpixel((w * 4 // 5, h * 4 // 5)) > 192  # the white rest


def test_save_a_copy_writes_the_same_bytes_and_a_refusal_is_one_line(qtbot, db, code, tmp_path, monkeypatch):
    d = dialog(qtbot, db, code, tmp_path)
    d.files.open_item(d.files.file_items()[0])
    viewer = d.files.viewer
    target = tmp_path / "ban-sao" / "to-khai-cua-dan"
    target.parent.mkdir()
    # The system's save dialog needs a person: the officer's choice is what it returns.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    viewer.save_button.click()
    saved = target.with_name("to-khai-cua-dan.pdf")  # the type's extension added
    assert saved.read_bytes() == SCAN and pdfinfo(saved)["Pages"] == "2"
    assert viewer.status.text() == f"Đã lưu bản sao: {saved}"
    assert not viewer.save_to(tmp_path / "khong-co" / "x.pdf")
    assert viewer.status.text().startswith(f"Không lưu được bản sao vào {tmp_path / 'khong-co' / 'x.pdf'}: ")
    assert not (tmp_path / "khong-co").exists()


def test_result_files_chosen_by_hand_are_attached_shown_and_saved(qtbot, db, code, tmp_path, monkeypatch):
    finish(db, code)
    d = dialog(qtbot, db, code, tmp_path)
    assert d.files.attach_button.isEnabled()
    assert [a.text() for a in d.files.attach_button.menu().actions()] == ["Chọn tệp…", "Quét kết quả…"]
    chosen = tmp_path / "chon"
    chosen.mkdir()
    (chosen / "giay-chung-nhan.pdf").write_bytes(samples.pdf("A4"))
    (chosen / "anh-ket-qua.png").write_bytes(page("PNG", (148, 210)))
    # The system's open dialog needs a person: the officer's choice is what it returns.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
        lambda *a, **k: ([str(chosen / "giay-chung-nhan.pdf"), str(chosen / "anh-ket-qua.png")], "")))
    d.files.choose_action.trigger()
    assert d.message.isHidden()
    results = d.files.tree.topLevelItem(d.files.tree.topLevelItemCount() - 1)
    assert [texts(results.child(i))[0] for i in range(results.childCount())] == ["giay-chung-nhan.pdf",
                                                                                "anh-ket-qua.png"]
    assert [texts(results.child(i))[3] for i in range(results.childCount())] == ["1", "1"]

    d.files.open_item(results.child(1))  # the image, as an image
    viewer = d.files.viewer
    assert viewer.findChild(QPdfView) is None and viewer.page_count() == 1
    assert viewer.images[0].size().width() == round(148 / 25.4 * 200)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "anh.pdf"))
    assert viewer.print_to(printer) == 1 and pdfinfo(tmp_path / "anh.pdf")["Pages"] == "1"
    viewer.close()

    d.files.open_item(results.child(0))  # the PDF with its text, saved as it is
    assert d.files.viewer.save_to(tmp_path / "copy.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "copy.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Trang 1 (A4)" in text


def count_files(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(DossierFile))


@pytest.mark.parametrize("name, content, message", [
    ("ket-qua.pdf", page("JPEG"), "Tệp «ket-qua.pdf» không phải PDF như đã ghi: nội dung là tệp JPEG."),
    ("ket-qua.docx", b"PK\x03\x04 word", "Tệp «ket-qua.docx»: chỉ nhận PDF, JPEG, PNG hoặc TIFF."),
    ("ket-qua.pdf", samples.pdf("A4")[:-400], "Tệp PDF «ket-qua.pdf» bị hỏng hoặc không đầy đủ"),
])
def test_a_bad_result_file_is_one_line_and_nothing_is_attached(qtbot, db, code, tmp_path, name, content, message):
    finish(db, code)
    d = dialog(qtbot, db, code, tmp_path)
    good = tmp_path / "giay-chung-nhan.pdf"
    good.write_bytes(samples.pdf("A4"))
    bad = tmp_path / name
    bad.write_bytes(content)
    before = count_files(db)
    d.files.attach_files([good, bad])  # the good one is not attached alone either
    assert d.message.text().startswith(message) and not d.message.isHidden()
    assert len(d.message.text().splitlines()) == 1
    assert count_files(db) == before
    results = d.files.tree.topLevelItem(d.files.tree.topLevelItemCount() - 1)
    assert results.childCount() == 0


def test_a_file_altered_on_disk_is_refused_not_shown(qtbot, db, code, tmp_path):
    d = dialog(qtbot, db, code, tmp_path)
    item = d.files.file_items()[0]
    entry, _ = item.data(0, Qt.ItemDataRole.UserRole)
    path = path_of(tmp_path, entry.sha256)
    path.write_bytes(SCAN.replace(b"%%EOF", b"%%EOX"))
    d.files.open_item(item)
    assert d.files.viewer is None
    assert "đã bị thay đổi (mã băm không khớp)" in d.message.text() and not d.message.isHidden()


def test_listing_and_opening_run_off_the_gui_thread(qtbot, db, code, tmp_path, monkeypatch, thread_ops):
    threads = []
    for name in ("dossier_files", "open_dossier_file"):
        real = getattr(files_module, name)

        def noting(*args, _real=real, **kwargs):
            threads.append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(files_module, name, noting)
    d = dialog(qtbot, db, code, tmp_path)
    qtbot.waitUntil(lambda: len(d.files.file_items()) == 1, timeout=WAIT_MS)
    d.files.open_item(d.files.file_items()[0])
    qtbot.waitUntil(lambda: d.files.viewer is not None, timeout=WAIT_MS)
    assert d.files.viewer.page_count() == 2
    assert len(threads) == 2 and threading.main_thread() not in threads


def test_a_supervisor_sees_the_list_but_cannot_open_a_scan_or_change_it(qtbot, db, code, tmp_path):
    from app.domain.permissions import Actor
    from app.domain.vocab import Role

    boss = Actor(login="ld", role=Role.SUPERVISOR, user_id=2)
    d = DossierDetailDialog(db, boss, code, data_dir=tmp_path)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.files.tree.topLevelItemCount() > 0, timeout=10_000)
    assert [i.text(0) for i in d.files.file_items()] == ["to-khai.pdf"]  # the list is not personal data
    # A scan of the citizen's papers cannot be masked: not offered to a role that sees them masked.
    assert d.files.open_button.isHidden() and d.files.digitize_button.isHidden() and d.files.attach_button.isHidden()
    d.files.open_item(d.files.file_items()[0])  # Enter on the row: nothing opens either
    assert d.files.viewer is None
