"""The queue panel in the desk window: F5 calls the next ticket and shows it on this counter's
LED board (emulated on a pseudo-terminal), F6 recalls, no-show only after the recalls, Done and
Transfer free the counter."""

import json
from datetime import datetime

from PySide6.QtCore import Qt

from app.devices.emulators import DisplayEmulator
from app.services.queue import tickets as q
from tests.helpers.factories import OFFICER
from ui.main import home_facts, make_app
from ui.main_window import MainWindow

MON = datetime(2026, 11, 23, 8, 0)


def test_call_recall_no_show_done_and_the_board(qtbot, db, tmp_path):
    make_app()
    board = DisplayEmulator(tmp_path / "board").plug()
    data = tmp_path / "data"
    data.mkdir()
    (data / "devices.json").write_text(json.dumps({"display": {"port": board.path, "address": 1}}))
    for i in range(3):
        q.issue_ticket(db, "TP", at=MON.replace(minute=i))
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=data, clock=lambda: MON.replace(hour=9))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.devices.hub.connected("display"))
    panel = window.counter_panel
    assert panel.current.text() == "—" and not panel.buttons["done"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert panel.current.text() == "A001" and panel.state.text() == "Đã gọi 1 lần"
    assert board.wait_for(lambda: board.shown(1) == "A001")
    assert window.intake.ticket == "A001"  # the dossier registered next goes with this ticket
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert panel.state.text() == "Đã gọi 2 lần"
    panel.no_show()
    assert "gọi lại đủ 3 lần" in panel.state.text() and panel.current.text() == "A001"
    panel.recall()
    panel.no_show()
    assert panel.current.text() == "—" and panel.state.text() == "A001 không đến."
    panel.call_next()
    panel.done()
    assert panel.state.text() == "A002 đã xong."
    panel.call_next()
    panel.transfer("B – Văn hóa - Thể thao - Du lịch")
    assert panel.state.text().startswith("A003 được gọi trước trong nhóm B")
    panel.call_next()  # this counter serves every group: A003 is first in B
    assert panel.current.text() == "A003"
    panel.done()
    panel.call_next()
    assert panel.state.text() == "Không còn ai chờ." and panel.current.text() == "—"
    window.close()
    board.close()
