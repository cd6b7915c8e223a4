"""The desk with emulated devices on real pseudo-terminals: a scan written into the emulated
scanner opens the dossier (or the return screen), a citizen ID QR fills the intake form, garbage
gives a message and the next scan works, the scanner is unplugged and the status bar says so,
it comes back and scanning works again; the LED board and the ticket printer get exactly what
the Test buttons send. Each scan goes through the intents (ui/intents.py) and the window's routing:
tests/hardware/test_scan_handler.py holds each part alone."""

import json
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.devices.emulators import DisplayEmulator, PrinterEmulator, ScannerEmulator
from app.domain.lifecycle import Action
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from db.models import AuditRecord
from tests.hardware.desk import DossierWindows
from tests.helpers.factories import OFFICER, request
from ui.main import home_facts, make_app
from ui.main_window import MainWindow

MON = datetime(2026, 11, 23, 8, 30)
QR = "086051054321|351234567|Đỗ Văn Đức|05061951|Nam|Ấp Phú Hòa, xã Long Phước, Long Hồ, Vĩnh Long|10082021"


@pytest.fixture
def desk(qtbot, db, tmp_path):
    make_app()
    scanner = ScannerEmulator(tmp_path / "scanner").plug()
    display = DisplayEmulator(tmp_path / "display").plug()
    printer = PrinterEmulator(tmp_path / "printer").plug()
    data = tmp_path / "data"
    data.mkdir()
    (data / "devices.json").write_text(json.dumps({
        "scanner": {"port": scanner.path}, "display": {"port": display.path, "address": 3},
        "printer": {"port": printer.path}}), encoding="utf-8")
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=data, clock=lambda: MON)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: all(window.devices.hub.connected(k) for k in ("scanner", "display", "printer")))
    yield window, scanner, display, printer
    window.close()
    for emu in (scanner, display, printer):
        emu.close()


def scan(qtbot, window, scanner, text, suffix="\r"):
    with qtbot.waitSignal(window.devices.handler.handled, timeout=5000) as got:
        scanner.scan(text, suffix)
    return got.args


def test_scans_open_dossiers_fill_the_intake_and_survive_garbage(qtbot, db, desk):
    window, scanner, _display, _printer = desk
    assert window.devices_label.text() == "Thiết bị: máy quét đã kết nối, bảng LED đã kết nối, máy in đã kết nối"
    assert window.devices_label.toolTip() == "Máy quét mã vạch, Bảng LED quầy, Máy in phiếu thứ tự"
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with DossierWindows() as opened, qtbot.waitSignal(window.intents.show_dossier, timeout=5000) as asked:
        assert scan(qtbot, window, scanner, code.lower(), "\r\n") == ["dossier", code]
    # The window routed it with the dossier the handler had read (not read twice): it was shown.
    assert asked.args[0] == code and asked.args[1]["code"] == code and opened.codes == [code]
    with db.reading() as s:  # one look, one entry in the audit log of who saw whose data
        assert s.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == "dossier.view", AuditRecord.entity_id == code)) == 1

    ready = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, ready, Action.HAND_OVER, Facts(division="P", giver="A", taker="B"))
    act(db, OFFICER, ready, Action.RESULT_READY)
    assert scan(qtbot, window, scanner, ready, "\t") == ["return", ready]
    assert window.pages.currentWidget() is window.return_page and window.return_page.code.text() == ready
    qtbot.waitUntil(window.return_page.form_box.isEnabled, timeout=5000)  # looked up off the GUI thread

    assert scan(qtbot, window, scanner, QR) == ["citizen_id", "086051054321"]
    form = window.intake
    assert window.pages.currentWidget() is form
    assert (form.name.text(), form.id_number.text(), form.birth_date.text(), form.sex.currentData()) == (
        "Đỗ Văn Đức", "086051054321", "05/06/1951", "Nam")
    assert form.address.text().startswith("Ấp Phú Hòa")

    assert scan(qtbot, window, scanner, "A012") == ["ticket", "A012"]
    assert form.ticket == "A012"

    with qtbot.waitSignal(window.devices.hub.problem, timeout=5000):
        scanner.write(b"\x00\xff garbage \x00\r")
    assert "NUL" in window.statusBar().currentMessage()
    assert scan(qtbot, window, scanner, "hello world") == ["unknown", "hello world"]
    assert "không phải mã hồ sơ" in window.statusBar().currentMessage()
    assert scan(qtbot, window, scanner, "000.00.01.H62-991231-0001") == ["error", "000.00.01.H62-991231-0001"]
    assert "Không có hồ sơ" in window.statusBar().currentMessage()


def test_unplug_is_shown_and_the_scanner_comes_back(qtbot, db, desk):
    window, scanner, _display, _printer = desk
    scanner.unplug()
    qtbot.waitUntil(lambda: "máy quét mất kết nối" in window.devices_label.text(), timeout=5000)
    scanner.plug()
    qtbot.waitUntil(lambda: "máy quét đã kết nối" in window.devices_label.text(), timeout=2000)
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with DossierWindows() as opened:
        assert scan(qtbot, window, scanner, code) == ["dossier", code]
    assert opened.codes == [code]


def test_test_buttons_reach_the_board_and_the_printer(qtbot, desk):
    window, _scanner, display, printer = desk
    page = window.devices_page
    frame = window.devices.hub.settings  # address 3, ASCII protocol
    from app.devices.display_protocols import AsciiLineProtocol

    expected = AsciiLineProtocol().frame(frame.display.address, "8888", "Thử")
    with qtbot.waitSignal(window.devices.hub.written, timeout=5000):
        page.test("display")
    assert display.wait_for(lambda: bytes(display.received) == expected)
    assert display.shown(3) is not None and "8888" in display.shown(3)
    assert page.results["display"].text() == "Đã gửi."
    with qtbot.waitSignal(window.devices.hub.written, timeout=5000):
        page.test("printer")
    assert printer.wait_for(lambda: "cắt giấy" in printer.text())
    text = printer.text()
    assert "A000" in text and "ấộửỹđ" in text


def test_busy_window_only_reports(qtbot, db, desk, monkeypatch):
    window, scanner, _d, _p = desk
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: window))
    assert scan(qtbot, window, scanner, "A012")[0] == "busy"


def test_devices_page_saves_for_this_pc_and_applies(qtbot, db, tmp_path):
    make_app()
    data = tmp_path / "pc"
    data.mkdir()
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=data, clock=lambda: MON)
    qtbot.addWidget(window)
    assert window.devices_label.text() == "Thiết bị: chưa cấu hình"
    page = window.devices_page
    assert page.fields["scanner"]["port"].itemText(0) == "(không dùng)"
    scanner = ScannerEmulator(tmp_path / "scanner2").plug()
    try:
        page.fields["scanner"]["port"].setEditText(scanner.path)  # a path the system does not list
        page.fields["printer"]["port"].setEditText(scanner.path)
        assert not page.save() and "chung một cổng" in page.message.text()
        assert not (data / "devices.json").exists()  # nothing half-saved
        page.fields["printer"]["port"].setCurrentIndex(0)
        page.fields["scanner"]["suffix"].setCurrentIndex(page.fields["scanner"]["suffix"].findData("crlf"))
        assert page.save() and page.message.text() == "Đã lưu cho máy này và áp dụng."
        saved = json.loads((data / "devices.json").read_text(encoding="utf-8"))
        assert saved["scanner"]["port"] == scanner.path and saved["scanner"]["suffix"] == "crlf"
        qtbot.waitUntil(lambda: window.devices_label.text() == "Thiết bị: máy quét đã kết nối", timeout=3000)
        page.test("scanner")
        assert page.results["scanner"].text() == "Đã kết nối: hãy quét một mã bất kỳ."
        with qtbot.waitSignal(window.devices.hub.scanned, timeout=3000):
            scanner.scan("A012", "\r\n")
        assert page.results["scanner"].text() == "Đã nhận: A012"
    finally:
        window.close()
        scanner.close()


def test_devices_page_takes_a_serial_url_and_refuses_a_malformed_one(qtbot, db, tmp_path):
    """An LED board behind a serial-over-IP device server: its socket:// URL typed as the port."""
    from app.devices.emulators import TcpDisplay

    make_app()
    data = tmp_path / "pc"
    data.mkdir()
    board = TcpDisplay().plug()
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=data, clock=lambda: MON)
    qtbot.addWidget(window)
    page = window.devices_page
    try:
        # The empty field says, in Vietnamese, that a network address is a port too.
        assert page.fields["display"]["port"].lineEdit().placeholderText() == \
            "COM3, /dev/ttyUSB0 hoặc socket://máy:cổng"
        page.fields["display"]["port"].setEditText(f"socket://127.0.0.1:{board.port}x")
        assert not page.save()
        assert page.message.text() == (f"Bảng LED quầy: số cổng TCP «{board.port}x» trong địa chỉ "
                                       f"«socket://127.0.0.1:{board.port}x» phải là một số từ 1 đến 65535.")
        assert not (data / "devices.json").exists()
        page.fields["display"]["port"].setEditText(board.url)
        assert page.save()
        assert json.loads((data / "devices.json").read_text(encoding="utf-8"))["display"]["port"] == board.url
        qtbot.waitUntil(lambda: window.devices_label.text() == "Thiết bị: bảng LED đã kết nối", timeout=5000)
        with qtbot.waitSignal(window.devices.hub.written, timeout=5000):
            page.test("display")
        assert page.results["display"].text() == "Đã gửi."
        assert board.wait_for(lambda: board.shown(1) is not None and "8888" in board.shown(1))
    finally:
        window.close()
        board.close()


def test_saving_the_devices_page_keeps_the_rating_keypad(qtbot, db, tmp_path):
    """The rating screen's keypad lives in the same devices.json but not on the desk's page: a
    desk on the same PC saving its devices must not erase it."""
    make_app()
    data = tmp_path / "pc"
    data.mkdir()
    (data / "devices.json").write_text(json.dumps({"keypad": {"port": "loop://"}}), encoding="utf-8")
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=data, clock=lambda: MON)
    qtbot.addWidget(window)
    try:
        assert window.devices_page.save()
        saved = json.loads((data / "devices.json").read_text(encoding="utf-8"))
        assert saved["keypad"]["port"] == "loop://"
    finally:
        window.close()
