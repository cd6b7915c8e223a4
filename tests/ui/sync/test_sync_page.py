"""The portal sync page and the status bar's portal corner, against the real sandbox portal: a
change the portal refuses shows its reason per field, is corrected and sent again; a dossier
registered offline under a provisional code gets its official code and waits to be reprinted or
told; the status says online, offline and refused changes; and the sync never runs on the GUI
thread."""

from __future__ import annotations

import threading
from datetime import datetime

import httpx
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.domain.permissions import Actor
from app.portal.sync import SyncEngine, SyncStatus
from app.services.intake.registration import register
from app.services.settings.store import change_settings
from db.models import AuditRecord, Dossier
from tests.helpers.desk import open_desk
from tests.helpers.factories import OFFICER, citizen, procedure_code, request
from tests.helpers.keyboard import type_text
from tests.helpers.sandbox import Sandbox
from ui.main import make_app
from ui.sync import worker as sync_worker
from ui.sync.status import SyncStatusWidget
from ui.sync.worker import DeskSyncStatus, SyncWorker

WAIT_MS = 30_000


@pytest.fixture
def portal(tmp_path):
    with Sandbox(tmp_path / "portal-sandbox.sqlite3") as p:
        yield p


@pytest.fixture
def portal_on(db, portal):
    make_app()
    change_settings(db, Actor.system(), {"portal.url": portal.url, "portal.token": portal.token})
    return portal


@pytest.fixture
def desk(qtbot, db, data_dir, portal_on):
    w = open_desk(qtbot, db, data_dir)
    yield w
    w.close()  # the worker stops before the database and the portal go
    assert not w.sync_worker.running


def portal_record(portal: Sandbox, code: str) -> dict | None:
    r = httpx.get(f"{portal.api_url}/dossiers/{code}", headers=portal.headers, timeout=5)
    return r.json() if r.status_code == 200 else None


def official_code(db, dossier_id: int) -> str:
    with db.reading() as s:
        return s.scalar(select(Dossier.code).where(Dossier.id == dossier_id))


def test_a_refused_change_shows_why_is_corrected_and_sent_again(qtbot, db, data_dir, portal_on, monkeypatch):
    registered = register(db, OFFICER, request(procedure_code(db), applicant=citizen("Trương Thị Bích")))
    with db.writing() as s:  # as if an old import had let a bad number in: the portal refuses it
        s.execute(update(Dossier).where(Dossier.id == registered.id).values(applicant_phone="12ab"))
    window = open_desk(qtbot, db, data_dir)
    page = window.sync_page
    window.nav.setCurrentRow(window.SYNC)
    qtbot.waitUntil(lambda: page.quarantine.rowCount() == 1, timeout=WAIT_MS)
    code = official_code(db, registered.id)
    row = [page.quarantine.item(0, c).text() for c in range(page.quarantine.columnCount())]
    assert row[:3] == [code, "Trương Thị Bích", "Tiếp nhận hồ sơ"]
    assert row[3].startswith("Số điện thoại: ") and "10 đến 11 chữ số" in row[3]
    assert row[5] == "1"  # its official code waits behind it
    assert page.quarantine_box.title() == "Thay đổi cổng không nhận (1)"
    qtbot.waitUntil(lambda: "1 bị từ chối" in window.portal_label.text(), timeout=WAIT_MS)
    assert "#b00020" in window.portal_label.quarantined.styleSheet()

    # Correct the phone; without a reason the service refuses, and the dialog stays.
    page.quarantine.selectRow(0)
    dialog = page.correction_dialog()
    qtbot.addWidget(dialog)
    assert "Số điện thoại:" in dialog.findChild(type(page.notice), "correctWhy").text()
    assert dialog.edits["applicant_phone"].text() == "12ab"
    dialog.edits["applicant_phone"].clear()
    type_text("0912 345 678", widget=dialog.edits["applicant_phone"])
    dialog.resend.setChecked(False)  # sent again with the button below
    dialog.accept()
    assert dialog.error.text() == "Sửa thông tin hồ sơ cần ghi lý do." and dialog.result() == 0
    type_text("Công dân đọc lại số điện thoại", widget=dialog.reason)
    monkeypatch.setattr(dialog, "exec", lambda: (dialog.accept(), dialog.result())[1])
    assert page.correct_selected(dialog)
    assert "Đã sửa thông tin hồ sơ" in page.notice.text() and page.quarantine.rowCount() == 1

    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    assert page.quarantine.rowCount() == 0 and "gửi lại" in page.notice.text()
    qtbot.waitUntil(lambda: (portal_record(portal_on, code) or {}).get("PhienBan") == 3, timeout=WAIT_MS)
    assert portal_record(portal_on, code)["SoDienThoai"] == "0912345678"
    qtbot.waitUntil(lambda: window.portal_label.quarantined.isHidden(), timeout=WAIT_MS)
    window.close()


def test_provisional_codes_replaced_are_reprinted_or_told(qtbot, db, data_dir, portal_on):
    first = register(db, OFFICER, request(procedure_code(db), applicant=citizen("Huỳnh Văn Lộc", phone="0907111222")))
    second = register(db, OFFICER, request(procedure_code(db), applicant=citizen("Đặng Thị Mỹ")))
    assert first.provisional and "-TAM" in first.code  # registered before any number was leased
    window = open_desk(qtbot, db, data_dir)
    page = window.sync_page
    window.portal_label.clicked.emit()  # the status bar's portal corner opens the sync page
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.reprint.rowCount() == 2, timeout=WAIT_MS)
    official = official_code(db, first.id)
    assert [page.reprint.item(0, c).text() for c in range(4)] == [first.code, official, "Huỳnh Văn Lộc", "0907111222"]
    assert page.reprint_box.title() == "Giấy tiếp nhận cần in lại, công dân cần báo mã mới (2)"

    page.reprint.selectRow(0)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    assert window.printed == [official]  # through the window's print path, under the official code
    assert page.reprint.rowCount() == 1 and page.reprint.item(0, 0).text() == second.code
    page.reprint.selectRow(0)
    qtbot.mouseClick(page.notified_button, Qt.MouseButton.LeftButton)
    assert page.reprint.rowCount() == 0 and window.printed == [official]
    with db.reading() as s:
        done = dict(s.execute(select(AuditRecord.action, AuditRecord.entity_id)
                              .where(AuditRecord.action.in_(("dossier.reprinted", "dossier.notified")))).all())
    assert done == {"dossier.reprinted": official, "dossier.notified": official_code(db, second.id)}
    window.close()


def status(online=True, pending=0, quarantined=0, last=None, error=None, **kw) -> DeskSyncStatus:
    return DeskSyncStatus(True, SyncStatus(online, pending, quarantined, last, error), **kw)


def test_the_status_widget_says_it_in_vietnamese(qtbot):
    make_app()
    w = SyncStatusWidget(clock=lambda: datetime(2026, 11, 20, 10, 0))
    qtbot.addWidget(w)
    w.show()
    assert w.text() == "Cổng DVC: chưa kết nối"
    w.show_status(DeskSyncStatus(False))
    assert w.text() == "Cổng DVC: chưa kết nối (chưa cấu hình cổng)" and "portal.url" in w.toolTip()
    w.show_status(status(pending=12, last=datetime(2026, 11, 20, 9, 40)))
    assert w.text() == "Cổng DVC: trực tuyến · 12 chờ gửi · đồng bộ 09:40"
    assert "#2e7d32" in w.dot.styleSheet() and w.quarantined.isHidden()
    assert w.toolTip().startswith("Đồng bộ thành công gần nhất: 09:40, 20/11/2026\nThay đổi chờ gửi: 12;")
    w.show_status(status(pending=0, last=datetime(2026, 11, 20, 9, 41)))
    assert w.text() == "Cổng DVC: trực tuyến · đồng bộ 09:41"  # nothing waits: nothing said
    w.show_status(status(online=False, pending=1234, quarantined=2, last=datetime(2026, 11, 19, 16, 55),
                         error="Không kết nối được cổng dịch vụ công (http://127.0.0.1:9)"))
    assert w.text() == "Cổng DVC: mất kết nối · 1.234 chờ gửi · đồng bộ 16:55, 19/11/2026 · 2 bị từ chối"
    assert "#c62828" in w.dot.styleSheet() and "#b00020" in w.quarantined.styleSheet()
    assert "\nLỗi gần nhất: Không kết nối được cổng dịch vụ công" in w.toolTip()
    w.show_status(status(online=False, auth_failed=True))
    assert w.text() == "Cổng DVC: sai mã truy cập · chưa đồng bộ lần nào"
    with qtbot.waitSignal(w.clicked):
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def test_online_then_offline_then_back(qtbot, desk, portal_on):
    label = desk.portal_label
    qtbot.waitUntil(lambda: label.text().startswith("Cổng DVC: trực tuyến"), timeout=WAIT_MS)
    assert "đồng bộ " in label.text()
    portal_on.stop()
    desk.nav.setCurrentRow(desk.SYNC)
    desk.sync_page.sync_button.click()
    qtbot.waitUntil(lambda: label.text().startswith("Cổng DVC: mất kết nối"), timeout=WAIT_MS)
    assert "Không kết nối được cổng dịch vụ công" in label.toolTip()
    assert "Không kết nối được cổng dịch vụ công" in desk.sync_page.error.text()
    assert desk.sync_page.summary.text().startswith("Chưa đồng bộ được")
    portal_on.start()
    desk.sync_page.sync_button.click()
    qtbot.waitUntil(lambda: label.text().startswith("Cổng DVC: trực tuyến"), timeout=WAIT_MS)
    # The page reads its state through an op of its own: it may follow the status bar by a turn.
    qtbot.waitUntil(lambda: desk.sync_page.error.text() == "không có", timeout=WAIT_MS)


def test_the_worker_never_syncs_on_the_gui_thread(qtbot, db, data_dir, portal, monkeypatch):
    make_app()
    gui = threading.get_ident()
    engine_threads, status_threads, slot_threads, clients = [], [], [], []

    def make_engine(db, client, data_dir, sleep):
        engine = SyncEngine(db, client, data_dir=data_dir, sleep=sleep)
        real = engine.run_once

        def run_once():
            engine_threads.append(threading.get_ident())
            return real()

        engine.run_once = run_once
        return engine

    def make_client(url, token):
        clients.append(url)
        return sync_worker.PortalClient(url, token, timeout=5)

    real_status = sync_worker.read_status

    def read_status(*a, **kw):
        status_threads.append(threading.get_ident())
        return real_status(*a, **kw)

    monkeypatch.setattr(sync_worker, "read_status", read_status)
    worker = SyncWorker(db, data_dir, make_engine=make_engine, make_client=make_client)
    got = []

    def on_status(s):
        slot_threads.append(threading.get_ident())
        got.append(s)

    worker.status.connect(on_status)
    worker.report.connect(lambda r: slot_threads.append(threading.get_ident()))
    worker.start()
    try:
        # No portal configured: the worker only says so, and nothing goes to the network.
        qtbot.waitUntil(lambda: bool(got) and not got[-1].configured, timeout=WAIT_MS)
        assert clients == [] and engine_threads == []
        change_settings(db, Actor.system(), {"portal.url": portal.url, "portal.token": portal.token})
        worker.sync_now()  # as after the settings page saved
        qtbot.waitUntil(lambda: bool(got) and got[-1].configured and got[-1].sync.online is True, timeout=WAIT_MS)
        assert clients == [portal.url]
    finally:
        assert worker.stop()
    assert engine_threads and gui not in engine_threads
    assert status_threads and gui not in status_threads
    assert slot_threads and set(slot_threads) == {gui}  # the signals arrive on the GUI thread


def test_a_wrong_token_then_the_right_one(qtbot, db, data_dir, portal):
    make_app()
    change_settings(db, Actor.system(), {"portal.url": portal.url, "portal.token": "sai-ma"})
    window = open_desk(qtbot, db, data_dir)
    label = window.portal_label
    qtbot.waitUntil(lambda: label.text().startswith("Cổng DVC: sai mã truy cập"), timeout=WAIT_MS)
    assert "Sai mã truy cập cổng dịch vụ công" in label.toolTip()
    # The administrator puts the right token in: the worker starts again with it, at once.
    change_settings(db, Actor.system(), {"portal.token": portal.token})
    window.settings_page.changed.emit({})
    qtbot.waitUntil(lambda: label.text().startswith("Cổng DVC: trực tuyến"), timeout=WAIT_MS)
    window.close()
    assert not window.sync_worker.running
