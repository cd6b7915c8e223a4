"""The queue's own windows end to end, with emulated devices on real pseudo-terminals: a citizen
taps the kiosk (the ticket prints on the ESC/POS emulator and only then waits), the counter calls
it (the LED board emulator shows it), the hall display learns of it through the shared SQLite
file, highlights it and hands it to the announcer. Also: the double tap, a refused print, Qt
printing to a PDF, the closed kiosk, recalls and the mute setting, and the counter's groups."""

import json
import subprocess
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.devices.config import load_devices
from app.devices.emulators import DisplayEmulator, PrinterEmulator
from app.services.queue import tickets as q
from app.services.queue.board import board, hall
from db.models import QueueTicket
from tests.helpers.factories import OFFICER
from ui.devices.hub import DeviceHub
from ui.main import make_app
from ui.queue.counter_panel import CounterPanel
from ui.queue.hall_display import HallDisplay
from ui.queue.kiosk import Kiosk
from ui.queue.ticket_printers import QtTicketPrinter, SerialTicketPrinter
from ui.queue.watch import QueueWatcher

MON = datetime(2026, 11, 23, 8, 30)  # a Monday, office open
NIGHT = datetime(2026, 11, 23, 19, 0)
LEFT = Qt.MouseButton.LeftButton


def clock():
    return MON


def statuses(db):
    with db.reading() as s:
        return dict(s.execute(select(QueueTicket.label, QueueTicket.status)).all())


@pytest.fixture
def devices(qtbot, tmp_path):
    make_app()
    display = DisplayEmulator(tmp_path / "display").plug()
    printer = PrinterEmulator(tmp_path / "printer").plug()
    data = tmp_path / "data"
    data.mkdir()
    (data / "devices.json").write_text(json.dumps({"display": {"port": display.path, "address": 1},
                                                   "printer": {"port": printer.path}}), encoding="utf-8")
    hub = DeviceHub(load_devices(data)).start()
    qtbot.waitUntil(lambda: hub.connected("display") and hub.connected("printer"))
    yield hub, display, printer
    hub.stop()
    display.close()
    printer.close()


def test_kiosk_to_counter_to_hall_display(qtbot, db, devices):
    hub, led, printer = devices
    kiosk = Kiosk(db, hall(db, MON), board(db, MON), clock, SerialTicketPrinter(hub))
    qtbot.addWidget(kiosk)
    watcher = QueueWatcher(db, clock)
    said = []
    display = HallDisplay(*watcher.read_now(), clock, lambda label, n: said.append((label, n)))
    qtbot.addWidget(display)
    watcher.changed.connect(display.show_board)
    watcher.start()
    try:
        qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)
        assert kiosk.number.text() == "A001" and kiosk.ahead.text() == "Trước bạn có 0 người"
        qtbot.mouseClick(kiosk.group_buttons["TP"], LEFT)  # the double tap
        assert kiosk.ignored_taps == 1
        assert printer.wait_for(lambda: "A001" in printer.text())
        assert "Tư pháp - Hộ tịch" in printer.text()
        qtbot.waitUntil(lambda: kiosk.print_state.text() == "Xin mời nhận phiếu.")
        assert statuses(db) == {"A001": "issued"}  # one ticket for two taps, now waiting

        panel = CounterPanel(db, OFFICER, clock, show_number=hub.show_number)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(display.call_shown, timeout=3000) as shown:
            qtbot.mouseClick(panel.buttons["next"], LEFT)
        assert shown.args == ["A001", 1]
        assert led.wait_for(lambda: led.shown(1) == "A001")
        assert display.banner.text() == "Mời công dân có số thứ tự A001 đến quầy số 1"
        assert display.highlighted == "A001" and said == [("A001", 1)]
        assert display._counter_rows[1][1].text() == "A001"
        assert display.call_rows[0].text() == "A001  →  Quầy 1"
    finally:
        watcher.stop()


def test_a_refused_print_issues_no_number(qtbot, db, tmp_path):
    make_app()
    kiosk = Kiosk(db, hall(db, MON), board(db, MON), clock, QtTicketPrinter(str(tmp_path / "no" / "such" / "t.pdf")))
    qtbot.addWidget(kiosk)
    kiosk.tap("VH")
    qtbot.waitUntil(lambda: "sự cố" in kiosk.print_state.text())
    assert kiosk.number.text() == "" and statuses(db) == {"B001": "void"}
    assert q.call_next(db, OFFICER, 1, at=MON) is None  # nobody to call: the void ticket never waits


def test_without_a_serial_printer_the_ticket_prints_through_qt(qtbot, db, tmp_path):
    make_app()
    pdf = tmp_path / "ticket.pdf"
    kiosk = Kiosk(db, hall(db, MON), board(db, MON), clock, QtTicketPrinter(str(pdf)))
    qtbot.addWidget(kiosk)
    qtbot.mouseClick(kiosk.priority_buttons["elderly"], LEFT)
    kiosk.tap("TP")
    qtbot.waitUntil(lambda: kiosk.print_state.text() == "Xin mời nhận phiếu.")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("A001", "Tư pháp - Hộ tịch", "Ưu tiên: Người cao tuổi", "08:30 23/11/2026"):
        assert expected in text
    assert statuses(db) == {"A001": "issued"}
    assert kiosk.priority is None  # back to regular for the next citizen


def test_the_kiosk_is_closed_outside_office_hours(qtbot, db):
    make_app()
    kiosk = Kiosk(db, hall(db, NIGHT), board(db, NIGHT), lambda: NIGHT, printer=None)
    qtbot.addWidget(kiosk)
    assert kiosk.pages.currentIndex() == 2
    assert "07:30–11:30, 13:30–17:00" in kiosk.closed.text()
    assert kiosk.tap("TP") is None and kiosk.ignored_taps == 1
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(QueueTicket)) == 0
    kiosk.set_hall(hall(db, MON))  # morning comes
    assert kiosk.pages.currentIndex() == 0 and kiosk.tap("TP").label == "A001"


def test_a_recall_is_announced_again_and_mute_keeps_quiet(qtbot, db):
    make_app()
    q.issue_ticket(db, "TP", at=MON)
    q.call_next(db, OFFICER, 1, at=MON)
    said = []
    display = HallDisplay(hall(db, MON), board(db, MON), clock, lambda label, n: said.append((label, n)))
    qtbot.addWidget(display)
    assert said == [] and display.highlighted is None  # calls made before it started are not news
    q.recall(db, OFFICER, 1, at=datetime(2026, 11, 23, 8, 31))
    display.show_board(board(db, MON))
    assert said == [("A001", 1)] and display.highlighted == "A001"
    display.show_board(board(db, MON))
    assert said == [("A001", 1)]  # the same board again is not a new call
    from app.domain.permissions import Actor
    from app.services.settings.store import change_setting

    change_setting(db, Actor.system(), "queue.announce", False)
    display.set_hall(hall(db, MON))
    q.recall(db, OFFICER, 1, at=datetime(2026, 11, 23, 8, 32))
    display.show_board(board(db, MON))
    assert said == [("A001", 1)] and display.highlighted == "A001"  # shown, not said


def test_the_counter_chooses_its_groups_from_the_panel(qtbot, db):
    make_app()
    q.issue_ticket(db, "TP", at=MON)
    q.issue_ticket(db, "VH", at=MON)
    panel = CounterPanel(db, OFFICER, clock)
    qtbot.addWidget(panel)
    assert panel.groups_button.text() == "Nhóm: tất cả"
    panel.group_actions["TP"].setChecked(False)
    panel.group_actions["TK"].setChecked(False)
    assert q.counter_groups(db, 1) == ["VH"] and panel.groups_button.text() == "Nhóm: B"
    panel.call_next()
    assert panel.current.text() == "B001"  # A001 came first but is not this counter's
    panel.group_actions["VH"].setChecked(False)  # none left: refused, the choice stays
    assert q.counter_groups(db, 1) == ["VH"] and panel.group_actions["VH"].isChecked()
    assert "ít nhất một nhóm" in panel.state.text()


def test_the_watcher_brings_changed_hall_settings(qtbot, db, monkeypatch):
    import ui.queue.watch
    from app.domain.permissions import Actor
    from app.services.settings.store import change_setting

    make_app()
    monkeypatch.setattr(ui.queue.watch, "HALL_SECONDS", 0.2)
    watcher = QueueWatcher(db, clock)
    first, _board = watcher.read_now()
    assert first.announce is True
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.hall_changed, timeout=5000) as got:
            change_setting(db, Actor.system(), "queue.announce", False)
        assert got.args[0].announce is False and got.args[0].notice == first.notice
    finally:
        watcher.stop()
