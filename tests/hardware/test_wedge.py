"""Keyboard-wedge scanners: a fast burst ending in Enter anywhere in the window is a scan, and
the keys do not land in the field that had the focus; a person typing (slower) types as before."""

import itertools
from datetime import datetime

from PySide6.QtCore import Qt

from app.services.intake.registration import register
from tests.hardware.desk import DossierWindows
from tests.helpers.factories import OFFICER, request
from tests.helpers.keyboard import system_keys
from ui.events import process_events
from ui.main import home_facts, make_app
from ui.main_window import MainWindow

MON = datetime(2026, 11, 23, 8, 30)


def window_for(qtbot, db, tmp_path):
    make_app()
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=tmp_path, clock=lambda: MON)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_fast_burst_is_a_scan_and_typing_stays_typing(qtbot, db, tmp_path):
    window = window_for(qtbot, db, tmp_path)
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    phone = window.intake.phone
    phone.setFocus()
    wedge = window.devices.wedge
    real_clock, ticks = wedge.clock, itertools.count()
    # A scanner's keys 2 ms apart, whatever this machine does between two of QTest's keys (the
    # first key through a new window can take 25 ms here: the filter would rightly call it typing).
    wedge.clock = lambda: 1_000.0 + 2 * next(ticks)
    with DossierWindows() as opened, qtbot.waitSignal(window.intents.show_dossier, timeout=3000) as asked:
        with qtbot.waitSignal(window.devices.handler.handled, timeout=3000) as got:
            system_keys(phone, [*code, Qt.Key.Key_Return])  # as the system sends them, back to back
    wedge.clock = real_clock
    assert got.args == ["dossier", code] and asked.args[0] == code and opened.codes == [code]
    window.activateWindow()  # the dossier window had the focus
    qtbot.waitUntil(window.isActiveWindow)
    phone.setFocus()
    assert phone.text() == ""  # the scan did not land in the field

    system_keys(phone, "0912", delay_ms=80)  # a person: one key every 80 ms
    qtbot.wait(60)
    assert phone.text() == "0912"
    system_keys(phone, "12")  # two quick keys, then nothing: typing, handed on
    qtbot.waitUntil(lambda: phone.text() == "091212", timeout=1000)


def test_wedge_can_be_switched_off(qtbot, db, tmp_path):
    (tmp_path / "devices.json").write_text('{"wedge": false}', encoding="utf-8")
    window = window_for(qtbot, db, tmp_path)
    assert window.devices.wedge is None
    phone = window.intake.phone
    phone.setFocus()
    system_keys(phone, "0912345678")
    process_events()
    assert phone.text() == "0912345678"
