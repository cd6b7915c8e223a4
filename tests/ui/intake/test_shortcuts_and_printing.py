"""The counter's keys on the main window (F2, Ctrl+P, Esc asking first), the business applicant's
tax code check, and printing: the Qt print path puts the archived receipt on paper (a PDF printer
here, read back with zbarimg), and the direct-print setting skips the preview."""

import logging
import subprocess
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.permissions import Actor
from app.services.dossiers.receipts import print_receipt
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import press, show_active, tab, type_text
from ui.intake.receipt_preview import print_pdf
from ui.main import Desk, home_facts, make_app

MON = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def desk(qtbot, db, data_dir):
    make_app()
    d = Desk(db, data_dir, home_facts(db), clock=lambda: MON)
    window = d.open_window(OFFICER, "Quầy số 1")
    window.resize(1280, 800)
    show_active(qtbot, window)
    return d


def test_esc_asks_before_discarding_and_f2_starts_afresh(desk, monkeypatch):
    window, form = desk.window, desk.window.intake
    form.name.setFocus()
    type_text("Võ Thị Sáu")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    press(Qt.Key.Key_Escape)
    assert asked == ["Bỏ những gì đã nhập cho hồ sơ này?"]
    assert form.name.text() == "Võ Thị Sáu"  # "No" keeps it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    press(Qt.Key.Key_F2)
    assert len(asked) == 2 and form.name.text() == "" and window.pages.currentWidget() is form
    assert window.focusWidget() is form.procedure
    press(Qt.Key.Key_Escape)  # nothing typed: no question
    assert len(asked) == 2


def test_ctrl_p_prints_the_selected_dossier(desk, db, qtbot):
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    window = desk.window
    window.nav.setCurrentRow(window.DOSSIERS)
    window.dossiers.reload()
    qtbot.waitUntil(lambda: window.dossiers.model.rowCount() == 1)
    window.dossiers.table.selectRow(0)
    window.dossiers.table.setFocus()
    press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.preview is not None and desk.preview.rendered())
    assert code in desk.preview.windowTitle()


def test_tax_code_is_checked_for_a_business(desk):
    form = desk.window.intake
    form.kind.setCurrentIndex(1)  # organisation or business
    form.id_number.setFocus()
    type_text("12345")
    tab()
    assert form.errors["tax_code"].isVisible()
    assert form.errors["tax_code"].text() == ("Mã số thuế phải có 10 chữ số (13 với đơn vị phụ thuộc), hoặc là "
                                              "số định danh cá nhân 12 chữ số của cá nhân, hộ kinh doanh.")
    form.id_number.clear()
    form.id_number.setFocus()
    type_text("1501234567")
    tab()
    assert not form.errors["tax_code"].isVisible()


def test_qt_print_path_puts_the_receipt_on_paper(db, tmp_path):
    make_app()
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    receipt = print_receipt(db, OFFICER, code, tmp_path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pdf(receipt.pdf, printer)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert "Pages:           2" in info  # both copies (liên)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(tmp_path / "printed.pdf"), str(tmp_path / "printed")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Scode128.enable", str(tmp_path / "printed.png")],
                           capture_output=True, text=True).stdout.split()
    assert found == [code]


def test_direct_printing_skips_the_preview(desk, db, qtbot, monkeypatch):
    change_settings(db, Actor.system(), {"receipt.print_direct": True})
    sent = []
    monkeypatch.setattr("ui.intake.receipt_preview.default_printer_name", lambda: "May-in-quay-1")
    monkeypatch.setattr("ui.intake.receipt_preview.print_pdf", lambda pdf, printer: sent.append(pdf[:4]))
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    desk.window.print_code(code)
    qtbot.waitUntil(lambda: desk.printing == 0 and bool(sent))
    assert sent == [b"%PDF"] and desk.preview is None
    assert desk.window.statusBar().currentMessage() == f"Đã gửi giấy tiếp nhận {code} đến May-in-quay-1."


@pytest.mark.expected_log("motcua.print", logging.WARNING, r"^Không in được giấy tiếp nhận 000\.00\.01\.H62-261123-9999: ")
def test_a_failed_receipt_is_said_in_the_status_bar_without_a_box(desk, qtbot, thread_ops):
    code = "000.00.01.H62-261123-9999"  # no such dossier
    desk.window.print_code(code)  # built on a worker thread (ui/ops.py)
    qtbot.waitUntil(lambda: desk.printing == 0, timeout=20_000)
    said = desk.window.statusBar().currentMessage()
    assert said == f"Không in được giấy tiếp nhận {code}: Không có hồ sơ mã «{code}»."
    assert QApplication.activeModalWidget() is None and desk.preview is None  # no decision to take
