"""Scans at the signal level: the scan handler, alone or inside the device wiring, says what a scan
means as an intent (ui/intents.py), with no window anywhere; the desk window routes each intent to
its pages. The whole path, from an emulated scanner on a pseudo-terminal to the page, is in
tests/hardware/test_desk_devices.py."""

import json
import logging
from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from app.devices.emulators import ScannerEmulator
from app.domain.cccd_qr import parse_cccd_qr
from app.domain.lifecycle import Action
from app.domain.permissions import Actor, Role
from app.services.dossiers.lifecycle import Facts, act
from app.services.intake.registration import register
from tests.hardware.desk import DossierWindows
from tests.helpers.factories import OFFICER, request
from ui.devices.desk import DeskDevices
from ui.devices.scan_handler import ScanHandler
from ui.intents import DeskIntents
from ui.main import home_facts, make_app
from ui.main_window import MainWindow

MON = datetime(2026, 11, 23, 8, 30)
QR = "086051054321|351234567|Đỗ Văn Đức|05061951|Nam|Ấp Phú Hòa, xã Long Phước, Long Hồ, Vĩnh Long|10082021"
SUPERVISOR = Actor(login="giamsat", role=Role.SUPERVISOR, user_id=1, full_name="Trần Văn Bình")
GUIDE = Actor(login="huongdan", role=Role.GUIDE, user_id=1, full_name="Lê Thị Hoa")
INTENTS = ("open_dossier", "show_dossier", "return_result", "fill_applicant", "link_ticket", "notice")


@pytest.fixture
def handler(qtbot, db):
    make_app()
    made: list[DeskIntents] = []

    def make(actor=OFFICER) -> ScanHandler:  # each handler its own intents, as each desk window
        made.append(DeskIntents())
        return ScanHandler(db, actor, made[-1], made[-1])

    yield make


def only(qtbot, handler: ScanHandler, text: str, intent: str) -> list:
    """Scan `text`; exactly `intent` is asked for, once, and nothing else: its arguments."""
    asked: list[tuple[str, list]] = []
    for name in INTENTS:
        getattr(handler.intents, name).connect(lambda *args, name=name: asked.append((name, list(args))))
    with qtbot.waitSignal(getattr(handler.intents, intent), timeout=5000):
        handler.handle(text)
    assert [name for name, _args in asked] == [intent]
    return asked[0][1]


def test_a_dossier_code_asks_to_open_that_dossier(qtbot, db, handler, caplog):
    caplog.set_level(logging.INFO, logger="motcua.devices")
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    code_asked, detail = only(qtbot, handler(), code.lower() + "\r\n", "show_dossier")
    assert code_asked == code and detail["code"] == code  # read once, handed over with the code
    assert f"scan: dossier {code}" in [r.getMessage() for r in caplog.records if r.name == "motcua.devices"]


def test_a_ready_result_asks_for_the_return_screen_from_who_may_return_it(qtbot, db, handler):
    ready = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, ready, Action.HAND_OVER, Facts(division="P", giver="A", taker="B"))
    act(db, OFFICER, ready, Action.RESULT_READY)
    assert only(qtbot, handler(), ready, "return_result") == [ready]
    assert only(qtbot, handler(SUPERVISOR), ready, "show_dossier")[0] == ready  # a supervisor returns nothing


def test_a_citizen_id_qr_asks_to_fill_the_applicant(qtbot, handler, caplog):
    caplog.set_level(logging.INFO, logger="motcua.devices")
    (card,) = only(qtbot, handler(), QR + "\r\n", "fill_applicant")
    assert [r.getMessage() for r in caplog.records if r.name == "motcua.devices"] == ["scan: citizen_id"]
    assert "086051054321" not in caplog.text and "Đỗ Văn Đức" not in caplog.text  # no ID numbers, no names
    assert card == parse_cccd_qr(QR)
    assert (card.number, card.name, card.birth_date, card.sex) == ("086051054321", "Đỗ Văn Đức",
                                                                    date(1951, 6, 5), "Nam")


def test_a_ticket_asks_to_go_with_the_dossier(qtbot, handler):
    assert only(qtbot, handler(), "stt:a012", "link_ticket") == ["A012"]


@pytest.mark.parametrize(("actor", "text", "said"), [
    (OFFICER, "000.00.01.H62-991231-0001", "Không có hồ sơ mã «000.00.01.H62-991231-0001»."),
    (OFFICER, "hello world", "Mã vừa quét không phải mã hồ sơ, thẻ căn cước hay phiếu thứ tự: «hello world»."),
    (OFFICER, QR.replace("05061951", "31021951"), "Mã QR thẻ căn cước: Mã QR trên CCCD: Ngày sinh «31021951» "
                                                  "không phải là một ngày có thật."),
    (GUIDE, QR, "Vai trò của bạn không tiếp nhận hồ sơ."),
    (GUIDE, "A012", "Vai trò của bạn không tiếp nhận hồ sơ."),
    (GUIDE, "000.00.01.H62-991231-0001", "Vai trò «Tình nguyện viên hướng dẫn» không được phép xem hồ sơ."),
])
def test_what_cannot_be_done_is_only_said(qtbot, handler, actor, text, said):
    assert only(qtbot, handler(actor), text, "notice") == [said]


def test_a_scan_while_a_window_is_open_is_only_reported(qtbot, handler, monkeypatch):
    # A modal window cannot be left open here without blocking the test: the handler is told one is.
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: handler().intents))
    scanning = handler()
    with qtbot.waitSignal(scanning.handled, timeout=1000) as got:
        assert only(qtbot, scanning, "A012", "notice") == ["Đang mở một cửa sổ: đóng nó rồi quét lại."]
    assert got.args == ["busy", "A012"]


def test_a_window_opened_while_the_dossier_is_looked_up_is_not_covered(qtbot, db, handler, monkeypatch):
    """The lookup runs on the ops pool; when its answer comes, a window the officer opened meanwhile
    stays on top: the scan is only reported."""
    from ui.ops import set_default_pool

    class HeldPool:  # the ops pool, holding each job until the test runs it
        def __init__(self):
            self.jobs = []

        def start(self, job):
            self.jobs.append(job)

    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    scanning = handler()
    asked = []
    scanning.intents.show_dossier.connect(lambda *args: asked.append(args))
    scanning.intents.open_dossier.connect(lambda *args: asked.append(args))
    pool = HeldPool()
    previous = set_default_pool(pool)
    try:
        scanning.handle(code)
    finally:
        set_default_pool(previous)
    assert len(pool.jobs) == 1 and asked == []
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: scanning.intents))
    with qtbot.waitSignal(scanning.handled, timeout=1000) as got:
        pool.jobs[0]()
    assert got.args == ["busy", code] and asked == []


def test_the_device_wiring_needs_no_window(qtbot, db, tmp_path):
    """A scan on the emulated serial scanner comes out as an intent; the devices line and a broken
    devices file's message too."""
    make_app()
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    scanner = ScannerEmulator(tmp_path / "scanner").plug()
    (tmp_path / "devices.json").write_text(json.dumps({"scanner": {"port": scanner.path}}), encoding="utf-8")
    intents = DeskIntents()
    lines: list[tuple[str, str]] = []
    intents.devices_state.connect(lambda text, tip: lines.append((text, tip)))
    devices = DeskDevices(db, OFFICER, tmp_path, intents)
    try:
        qtbot.waitUntil(lambda: lines[-1] == ("Thiết bị: máy quét đã kết nối", "Máy quét mã vạch"), timeout=5000)
        with qtbot.waitSignal(intents.show_dossier, timeout=5000) as got:
            scanner.scan(code)
        assert got.args[0] == code and got.args[1]["code"] == code
    finally:
        devices.stop()
        scanner.close()
    (tmp_path / "devices.json").write_text("{not json", encoding="utf-8")
    notices: list[str] = []
    intents.notice.connect(notices.append)
    devices = DeskDevices(db, OFFICER, tmp_path, intents)
    devices.stop()
    assert len(notices) == 1 and "không đọc được" in notices[0]
    assert lines[-1] == ("Thiết bị: chưa cấu hình", "")


# ---- the window routes each intent ------------------------------------------------------------------
@pytest.fixture
def window(qtbot, db, tmp_path):
    make_app()
    window = MainWindow(home_facts(db), db, OFFICER, data_dir=tmp_path, clock=lambda: MON)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_the_window_opens_the_dossier_asked_for(qtbot, db, window):
    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with DossierWindows() as opened:
        window.intents.open_dossier.emit(code)
    assert opened.codes == [code]


def test_the_window_shows_a_dossier_already_read(qtbot, db, window):
    from app.services.dossiers.query import dossier_detail

    code = register(db, OFFICER, request("1.000894", received_at=MON)).code
    with DossierWindows() as opened:
        window.intents.show_dossier.emit(code, dossier_detail(db, OFFICER, code))
    assert opened.codes == [code]


def test_the_window_brings_up_the_return_screen(qtbot, db, window):
    ready = register(db, OFFICER, request("1.000894", received_at=MON)).code
    act(db, OFFICER, ready, Action.HAND_OVER, Facts(division="P", giver="A", taker="B"))
    act(db, OFFICER, ready, Action.RESULT_READY)
    window.intents.return_result.emit(ready)
    assert window.pages.currentWidget() is window.return_page and window.return_page.code.text() == ready
    qtbot.waitUntil(window.return_page.form_box.isEnabled, timeout=5000)


def test_the_window_fills_the_applicant_of_the_intake_in_progress_or_a_new_one(qtbot, window):
    card = parse_cccd_qr(QR)
    form = window.intake
    window.nav.setCurrentRow(window.DOSSIERS)
    window.intents.fill_applicant.emit(card)  # nothing typed: a new intake
    assert window.pages.currentWidget() is form
    assert (form.name.text(), form.id_number.text(), form.birth_date.text(), form.sex.currentData()) == (
        "Đỗ Văn Đức", "086051054321", "05/06/1951", "Nam")
    assert form.address.text().startswith("Ấp Phú Hòa")

    form.phone.setText("0912345678")  # typing in progress, then the officer looks elsewhere
    assert form.is_dirty()
    window.nav.setCurrentRow(window.DOSSIERS)
    window.intents.fill_applicant.emit(parse_cccd_qr(QR.replace("Đỗ Văn Đức", "Đỗ Thị Hạnh")))
    assert window.pages.currentWidget() is form
    assert (form.name.text(), form.phone.text()) == ("Đỗ Thị Hạnh", "0912345678")  # the same form, kept


def test_the_window_links_a_ticket_only_to_an_open_intake(qtbot, window):
    form = window.intake
    window.nav.setCurrentRow(window.DOSSIERS)
    window.intents.link_ticket.emit("A012")
    assert form.ticket is None and window.pages.currentWidget() is window.dossiers
    assert window.statusBar().currentMessage() == \
        "Phiếu thứ tự A012: mở màn hình tiếp nhận để gắn phiếu với hồ sơ."
    window.nav.setCurrentRow(window.INTAKE)
    window.intents.link_ticket.emit("A012")
    assert form.ticket == "A012"


def test_the_window_shows_notices_and_the_devices_line(window):
    window.intents.notice.emit("Không có hồ sơ mã «X».")
    assert window.statusBar().currentMessage() == "Không có hồ sơ mã «X»."
    window.intents.devices_state.emit("Thiết bị: máy quét mất kết nối", "Máy quét mã vạch")
    assert (window.devices_label.text(), window.devices_label.toolTip()) == (
        "Thiết bị: máy quét mất kết nối", "Máy quét mã vạch")
