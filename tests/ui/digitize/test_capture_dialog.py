"""The capture desk (ui/digitize/capture_dialog.py) with the keyboard: a six-document walk-in dossier
scanned page by page from the eSCL emulator (F8 scans, F9 saves and moves on), pages moved, turned
and deleted, the paper's page count checked, a jam keeping what came, pages from a file when this
PC has no scanner, unsaved pages back on reopening, and the result documents."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.devices.docscan.assemble import Page, assemble_pdf, pdf_page_count
from app.devices.docscan.base import ScanSettings
from app.devices.docscan.escl import EsclScanner
from app.devices.docscan.escl_emulator import EsclEmulator
from app.devices.docscan.sane import SaneScanner
from app.domain.lifecycle import Action
from app.services.dossiers.digitization import dossier_files, open_dossier_file
from app.services.dossiers.lifecycle import Facts, act
from app.services.files import store
from app.services.intake.registration import DocumentLine, register
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import press, type_text
from tests.helpers.sane import sane_test_backend  # noqa: F401 (the fixture)
from ui.digitize.capture_dialog import CaptureDialog
from ui.main import make_app

MON = datetime(2026, 11, 23, 9, 0)
WAIT_MS = 60_000  # a generous deadline for a scan on a loaded machine, never a timing assertion
DOCUMENTS = ["Tờ khai đăng ký", "Căn cước công dân", "Giấy xác nhận tình trạng hôn nhân",
             "Sổ hộ khẩu", "Giấy khai sinh", "Văn bản ủy quyền"]
PAGES = [2, 1, 3, 1, 2, 1]


@pytest.fixture
def code(db):
    make_app()
    lines = [DocumentLine(name) for name in DOCUMENTS]
    return register(db, OFFICER, request("1.000894", received_at=MON, documents=lines)).code


@pytest.fixture
def device():
    with EsclEmulator(pages=1) as emulator:
        yield emulator


@pytest.fixture
def opened():
    """Dialogs the test left open are closed after it (a closed one deletes itself)."""
    dialogs: list[CaptureDialog] = []
    yield dialogs
    for dialog in dialogs:
        if shiboken6.isValid(dialog):
            dialog.close()


def dialog_for(qtbot, opened, db, code, data_dir, scanner, **kw) -> CaptureDialog:
    dialog = CaptureDialog(db, OFFICER, code, data_dir, scanner=scanner, **kw)
    opened.append(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # offscreen, keys reach only the active window
    return dialog


def scan_with_f8(qtbot, dialog: CaptureDialog, pages: int) -> None:
    press(Qt.Key.Key_F8)
    # The job ends on the scanner's thread; the dialog hears of it a moment later, on its own.
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.done and not dialog.scanning
                    and dialog.strip.count() == pages and "Đang quét" not in dialog.status.text(),
                    timeout=WAIT_MS)


def set_paper_pages(dialog: CaptureDialog, n: int) -> None:
    dialog.paper_pages.setFocus()
    dialog.paper_pages.selectAll()
    type_text(str(n))
    dialog.strip.setFocus()


def answer(monkeypatch, reply) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or reply)
    return asked


def test_a_six_document_walk_in_dossier_is_scanned_with_the_keyboard(qtbot, opened, db, code, data_dir, device,
                                                                     monkeypatch):
    dialog = dialog_for(qtbot, opened, db, code, data_dir, EsclScanner(device.url, retry_pause=0.01))
    assert dialog.windowTitle() == f"Số hóa hồ sơ {code}"
    assert dialog.lines_list.count() == 6 and dialog.lines_list.currentRow() == 0
    expected: dict[int, str] = {}
    for row, pages in enumerate(PAGES):
        assert dialog.lines_list.currentRow() == row  # F9 moved on by itself
        device.pages = pages
        set_paper_pages(dialog, pages)
        scan_with_f8(qtbot, dialog, pages)
        line = dialog.current()
        assert len(line.spool) == pages and dialog.warning.text() == ""
        if row == 2:  # three pages: move the first one right, turn it, delete the last one
            p1, p2, _p3 = list(line.spool.pages)
            dialog.strip.setCurrentRow(0)
            press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
            assert dialog.strip.currentRow() == 1
            press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            dialog.strip.setCurrentRow(2)
            press(Qt.Key.Key_Delete)
            assert dialog.strip.count() == 2 == len(line.spool)
            assert dialog.warning.text() == "Đã quét 2 trang nhưng bản giấy có 3 trang: kiểm tra lại trước khi lưu."
            asked = answer(monkeypatch, QMessageBox.StandardButton.No)
            press(Qt.Key.Key_F9)  # "No": nothing saved, still on this line
            assert len(asked) == 1 and "bản giấy có 3 trang" in asked[0]
            assert dialog.lines_list.currentRow() == 2 and len(line.spool) == 2
            answer(monkeypatch, QMessageBox.StandardButton.Yes)
            pdf = assemble_pdf([Page(p2.data, p2.media_type), Page(p1.data, p1.media_type, 90)])
            expected[row] = hashlib.sha256(pdf).hexdigest()
        if row == 4:  # two pages: the second dragged before the first
            first, second = list(line.spool.files)
            assert dialog.strip.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)
            assert line.spool.files == [second, first]
        press(Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: not dialog.saving, timeout=WAIT_MS)
    assert dialog.status.text().endswith("Đó là thành phần cuối cùng.")
    got = dossier_files(db, OFFICER, code).lines
    assert [(x.digitization, x.paper_pages) for x in got] == [("scanned", n) for n in PAGES]
    assert [[f.pages for f in x.files] for x in got] == [[n] for n in [2, 1, 2, 1, 2, 1]]
    assert got[2].files[0].sha256 == expected[2]  # moved, turned, deleted: exactly those pages
    for x in got:
        data = open_dossier_file(db, OFFICER, code, x.files[0].sha256, data_dir)
        assert pdf_page_count(data) == x.files[0].pages
    assert store.verify(db, data_dir).ok
    assert [p for p in (data_dir / "scans").rglob("*") if p.is_file()] == []  # every spool went with its save


def test_a_jam_keeps_the_pages_that_came_and_reopening_brings_them_back(qtbot, opened, db, code, data_dir, device):
    device.pages, device.jam_at = 4, 3
    dialog = dialog_for(qtbot, opened, db, code, data_dir, EsclScanner(device.url, retry_pause=0.01))
    scan_with_f8(qtbot, dialog, 2)
    assert dialog.job.error.kind == "jam"
    assert dialog.status.text() == str(dialog.job.error)
    assert "kẹt giấy" in dialog.status.text().lower()
    assert "2 trang chưa lưu" in dialog.lines_list.item(0).text()
    dialog.close()
    again = dialog_for(qtbot, opened, db, code, data_dir, None)  # the desk reopened, this time without a scanner
    assert again.lines_list.currentRow() == 0 and again.strip.count() == 2
    qtbot.waitUntil(lambda: len(again.images["0"]) == 2, timeout=WAIT_MS)  # thumbnails decoded off the GUI thread
    assert dossier_files(db, OFFICER, code).lines[0].digitization is None


def test_without_a_scanner_pages_come_from_a_file_and_other_states_are_recorded(qtbot, opened, db, code, data_dir,
                                                                               tmp_path):
    from PIL import Image

    dialog = dialog_for(qtbot, opened, db, code, data_dir, None)
    assert dialog.status.text().startswith("Máy tính này chưa cài đặt máy quét")
    assert not dialog.scan_button.isEnabled()
    press(Qt.Key.Key_F8)  # says so again, scans nothing
    assert dialog.job is None and "Chọn tệp" in dialog.status.text()
    tiff = tmp_path / "to-khai.tif"
    frames = [Image.new("L", (400, 560), shade) for shade in (220, 160, 100)]
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    dialog.add_files([tiff])
    qtbot.waitUntil(lambda: dialog.job.done and dialog.strip.count() == 3, timeout=WAIT_MS)
    press(Qt.Key.Key_F9)
    assert dossier_files(db, OFFICER, code).lines[0].files[0].pages == 3
    assert dialog.lines_list.currentRow() == 1
    dialog.state_choice.setCurrentIndex(dialog.state_choice.findData("exempt"))
    dialog.note.setFocus()
    type_text("Hồ sơ nộp trực tuyến")
    dialog.record_button.click()
    got = dossier_files(db, OFFICER, code).lines[1]
    assert (got.digitization, got.note) == ("exempt", "Hồ sơ nộp trực tuyến")
    assert dialog.lines_list.currentRow() == 2
    assert "Không phải số hóa" in dialog.lines_list.item(1).text()


def test_sane_test_device_scans_a_line_with_the_keyboard(qtbot, opened, db, code, data_dir,
                                                         sane_test_backend):  # noqa: F811
    scanner = SaneScanner("test:0", options=["--test-picture", "Grid"], page_limit=2)
    dialog = dialog_for(qtbot, opened, db, code, data_dir, scanner, settings=ScanSettings(resolution=75))
    set_paper_pages(dialog, 2)
    scan_with_f8(qtbot, dialog, 2)
    assert dialog.job.error is None and dialog.warning.text() == ""
    press(Qt.Key.Key_F9)
    got = dossier_files(db, OFFICER, code).lines[0]
    assert (got.digitization, got.paper_pages, [f.pages for f in got.files]) == ("scanned", 2, [2])
    assert dialog.lines_list.currentRow() == 1


def test_results_mode_attaches_the_scanned_pages_as_the_result(qtbot, opened, db, code, data_dir, device):
    act(db, OFFICER, code, Action.HAND_OVER, Facts(division="Phòng Tư pháp", giver="Mai", taker="Bảo"))
    act(db, OFFICER, code, Action.RESULT_READY)
    device.pages = 2
    dialog = dialog_for(qtbot, opened, db, code, data_dir, EsclScanner(device.url, retry_pause=0.01), results=True)
    assert dialog.windowTitle() == f"Quét kết quả của hồ sơ {code}"
    assert dialog.lines_list.isHidden() and dialog.paper_pages.isHidden()
    scan_with_f8(qtbot, dialog, 2)
    press(Qt.Key.Key_F9)
    results = dossier_files(db, OFFICER, code).results
    assert [(f.pages, f.media_type) for f in results] == [(2, "application/pdf")]
    assert all(not x.files for x in dossier_files(db, OFFICER, code).lines)
    assert dialog.strip.count() == 0


def test_f7_after_an_intake_save_opens_the_capture_from_the_receipt_preview_and_the_form(qtbot, db, code,
                                                                                         data_dir):
    from tests.helpers.keyboard import show_active
    from ui.intake.receipt_preview import ReceiptPreview
    from ui.main import Desk, home_facts

    desk = Desk(db, data_dir, home_facts(db), clock=lambda: MON)
    window = desk.open_window(OFFICER, "Quầy số 1")
    show_active(qtbot, window)
    form = window.intake
    assert form.digitize_button.isHidden()
    press(Qt.Key.Key_F7, widget=form.procedure)  # nothing saved yet: nothing opens
    assert window.findChildren(CaptureDialog) == []
    registered = register(db, OFFICER, request("1.000894", received_at=MON))
    form._saved(registered)  # what the form's own save reports (the save itself: tests/ui/intake)

    def capture_open() -> list[str]:
        return [d.code for d in window.findChildren(CaptureDialog) if shiboken6.isValid(d) and d.isVisible()]

    # The window prints the receipt: its preview comes up, and F7 there goes on to the capture.
    qtbot.waitUntil(lambda: getattr(desk, "preview", None) is not None and desk.preview.isVisible())
    preview = desk.preview
    assert preview.digitize_button.text() == "Số hóa (F7)" and preview.digitize_button.isVisible()
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    closed: list[int] = []
    preview.finished.connect(closed.append)
    press(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: capture_open() == [registered.code])
    assert closed == [QDialog.DialogCode.Accepted]  # the preview made way for the capture
    (dialog,) = [d for d in window.findChildren(CaptureDialog) if d.isVisible()]
    assert dialog.data_dir == data_dir
    assert dialog.scanner is None  # this PC's devices.json sets no scanner (app/devices/docscan/factory.py)
    assert dialog.status.text().startswith("Máy tính này chưa cài đặt máy quét")
    dialog.close()
    qtbot.waitUntil(lambda: capture_open() == [])

    # Back on the (cleared) form, F7 still means the dossier saved last.
    assert form.digitize_button.text() == f"Số hóa {registered.code} (F7)" and form.digitize_button.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form.procedure.setFocus()
    press(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: capture_open() == [registered.code])

    alone = ReceiptPreview(code, preview_pdf(db, code, data_dir))  # no desk window behind it: no button
    assert not alone.digitize_button.isVisibleTo(alone)
    alone.close()


def preview_pdf(db, code, data_dir) -> bytes:
    from app.services.dossiers.receipts import print_receipt

    return print_receipt(db, OFFICER, code, data_dir).pdf


def test_the_applicants_earlier_scans_are_pointed_out_when_the_capture_opens(qtbot, opened, db, code, data_dir):
    from app.services.dossiers.digitization import FileInput, record_digitization

    first = dialog_for(qtbot, opened, db, code, data_dir, None)
    assert first.reuse_hint.isHidden()  # nothing earlier: no hint (the count is asked and is 0)
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("L", (400, 560), 200).save(png, "PNG", dpi=(200, 200))
    pdf = assemble_pdf([Page(png.getvalue(), "image/png")])
    record_digitization(db, OFFICER, code, 2, "scanned", files=[FileInput(pdf, pages=1)], data_dir=data_dir)
    lines = [DocumentLine(name) for name in ("Giấy xác nhận tình trạng hôn nhân", "Đơn đề nghị")]
    later = register(db, OFFICER, request("1.000894", received_at=MON, documents=lines)).code
    dialog = dialog_for(qtbot, opened, db, later, data_dir, None)
    qtbot.waitUntil(lambda: dialog.reuse_hint.isVisible(), timeout=WAIT_MS)
    assert dialog.reuse_hint.text().startswith("Người nộp đã có 1 thành phần này được số hóa ở hồ sơ trước")
